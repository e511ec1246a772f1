"""The search documents of careers and the words they use (careers.search_index)."""

from django.db import models

from careers.fields import SearchVectorField


class CareerSearch(models.Model):
    """
    A career's search document: its words, normalised, in the fields search ranks by.

    Derived data, never edited: careers.search_index writes it whenever the career, its
    other names, skills or workplaces change. The database indexes it: on SQLite an FTS5
    table that triggers keep in step with this one, on PostgreSQL `vector`, set by a
    trigger and indexed with GIN (migration 0005 creates both). A later migration that
    makes SQLite rebuild this table must create the triggers again.
    """

    career = models.OneToOneField(
        "careers.Career", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(help_text="The title's words.")
    head = models.TextField(help_text="The last word of the title (of each part, for “A / B”).")
    names = models.TextField(help_text="Common titles and other names.")
    extra = models.TextField(help_text="Skills and workplaces.")
    exact = models.TextField(help_text="“|title|name|…|”: for exact matches.")
    title_words = models.PositiveSmallIntegerField()
    vector = SearchVectorField(null=True, editable=False)

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """
    Every word of every search document: what search completes a half-typed word from
    and corrects a misspelt one to. Words are added as documents are written and pruned
    when the whole index is rebuilt.
    """

    word = models.CharField(max_length=120, primary_key=True)

    def __str__(self):
        return self.word
