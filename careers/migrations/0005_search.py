"""
Search (careers.search): other names of a career (CareerAlias), the search documents
(CareerSearch) and their words (SearchWord), replacing Career.search_title/search_text.

The database's own index of the documents is made here too, for the database in use:

- SQLite: an FTS5 table (Porter stemmer, accents removed, indexes of the first one to
  three letters for search-as-you-type) that triggers on careers_careersearch keep in step.
- PostgreSQL: the pg_trgm extension, a text search configuration `careers_search` (English
  Snowball stemming without stop words: search drops its own, the same on both
  databases), a trigger that sets careers_careersearch.vector (weights: A title,
  B other names, C skills and workplaces, D the title's head words) and a GIN index on it.

The documents themselves are written after `migrate` (careers.search_index).
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
import django.db.models.deletion
import django.db.models.functions.text
import simple_history.models
from django.conf import settings
from django.db import migrations, models


SQLITE_FORWARDS = [
    """
    CREATE VIRTUAL TABLE careers_search_fts USING fts5(
        title, names, extra, head,
        tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2 3'
    )
    """,
    """
    CREATE TRIGGER careers_search_fts_insert AFTER INSERT ON careers_careersearch BEGIN
        INSERT INTO careers_search_fts (rowid, title, names, extra, head)
        VALUES (new.career_id, new.title, new.names, new.extra, new.head);
    END
    """,
    """
    CREATE TRIGGER careers_search_fts_delete AFTER DELETE ON careers_careersearch BEGIN
        DELETE FROM careers_search_fts WHERE rowid = old.career_id;
    END
    """,
    """
    CREATE TRIGGER careers_search_fts_update AFTER UPDATE ON careers_careersearch BEGIN
        DELETE FROM careers_search_fts WHERE rowid = old.career_id;
        INSERT INTO careers_search_fts (rowid, title, names, extra, head)
        VALUES (new.career_id, new.title, new.names, new.extra, new.head);
    END
    """,
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS careers_search_fts_insert",
    "DROP TRIGGER IF EXISTS careers_search_fts_delete",
    "DROP TRIGGER IF EXISTS careers_search_fts_update",
    "DROP TABLE IF EXISTS careers_search_fts",
]
POSTGRESQL_FORWARDS = [
    "CREATE TEXT SEARCH DICTIONARY careers_search_stem (TEMPLATE = snowball, LANGUAGE = english)",
    "CREATE TEXT SEARCH CONFIGURATION careers_search (COPY = english)",
    """
    ALTER TEXT SEARCH CONFIGURATION careers_search
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
        WITH careers_search_stem
    """,
    """
    CREATE FUNCTION careers_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.vector :=
            setweight(to_tsvector('careers_search'::regconfig, NEW.title), 'A')
            || setweight(to_tsvector('careers_search'::regconfig, NEW.names), 'B')
            || setweight(to_tsvector('careers_search'::regconfig, NEW.extra), 'C')
            || setweight(to_tsvector('careers_search'::regconfig, NEW.head), 'D');
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER careers_search_vector BEFORE INSERT OR UPDATE ON careers_careersearch
        FOR EACH ROW EXECUTE FUNCTION careers_search_vector()
    """,
    "CREATE INDEX careers_search_vector_gin ON careers_careersearch USING gin (vector)",
]
POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS careers_search_vector_gin",
    "DROP TRIGGER IF EXISTS careers_search_vector ON careers_careersearch",
    "DROP FUNCTION IF EXISTS careers_search_vector()",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS careers_search",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS careers_search_stem",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


database_index = migrations.RunPython(
    _run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}),
    _run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}),
)


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0004_move_content_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name='CareerSearch',
            fields=[
                ('career', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='careers.career')),
                ('title', models.TextField(help_text="The title's words.")),
                ('head', models.TextField(help_text='The last word of the title (of each part, for “A / B”).')),
                ('names', models.TextField(help_text='Common titles and other names.')),
                ('extra', models.TextField(help_text='Skills and workplaces.')),
                ('exact', models.TextField(help_text='“|title|name|…|”: for exact matches.')),
                ('title_words', models.PositiveSmallIntegerField()),
                ('vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
        ),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('word', models.CharField(max_length=120, primary_key=True, serialize=False)),
            ],
        ),
        migrations.RemoveField(
            model_name='career',
            name='search_text',
        ),
        migrations.RemoveField(
            model_name='career',
            name='search_title',
        ),
        migrations.CreateModel(
            name='HistoricalCareerAlias',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(help_text='E.g. “RN”, a former title, or the word people type (“doctor”).', max_length=120)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('career', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='careers.career')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical other name',
                'verbose_name_plural': 'historical other names',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='CareerAlias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='E.g. “RN”, a former title, or the word people type (“doctor”).', max_length=120)),
                ('career', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='careers.career')),
            ],
            options={
                'verbose_name': 'other name',
                'ordering': ['pk'],
                'constraints': [models.UniqueConstraint(models.F('career'), django.db.models.functions.text.Lower('name'), name='career_alias_once', violation_error_message='This career already has that other name.')],
            },
        ),
        database_index,
    ]
