"""
The test database, made once and copied: migrated, loaded with the demo catalogue
(`load_catalogue`, the one place the suite loads it) and kept as a template.

Migrating and loading take many seconds (and more as the catalogue grows), so a test run
copies the template instead; a run builds one only when none matches its fingerprint: a
digest of what can change the loaded database (the application's packages with their
migrations and data files, the requirements, this module). Any change there makes a new
template; unused templates go after a day.

- SQLite: a file in the system's temporary directory, copied for each run and written
  back into the test database with SQLite's backup API (a page copy).
- PostgreSQL: a database every run's test database is created from
  (`CREATE DATABASE … TEMPLATE …`, Django's TEST["TEMPLATE"]); the rows are written back
  from a copy kept in a schema of the test database, taken before the first test that
  commits.

Tests run in a transaction rolled back at their end, so the database stays as the
template made it. A test that commits (transactional, a live server) is followed by a
flush; `restore()` then writes the template's rows back, so every test starts from the
whole catalogue and none pays for loading it.
"""

import contextlib
import fcntl
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import django
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(tempfile.gettempdir()) / "qoollege-test-templates"
UNUSED_FOR = 24 * 60 * 60  # seconds before an unused template is removed
PG_PREFIX = "qoollege_template_"
PG_SNAPSHOT = "qoollege_snapshot"  # schema holding the rows `restore` writes back


def load_catalogue():
    """Load the shipped demo catalogue as `make run` does: the one place the suite does."""
    call_command("loadcatalog", verbosity=0)


# What cannot change the loaded rows: how pages look and what answers a request. Leaving
# them out keeps the template when only a view or a template changed (a rebuild takes a
# minute at the full catalogue).
PRESENTATION_DIRS = {"templates", "static", "templatetags", "admin"}
PRESENTATION_FILES = {"views.py", "urls.py", "admin.py", "forms.py", "sitemaps.py", "feeds.py"}
PRESENTATION_SUFFIXES = {".html", ".css", ".js", ".svg", ".md", ".txt"}


def inputs(stage):
    """
    The files whose content decides what a template holds: for the "schema" (migrated,
    empty), the migrations; for the "catalogue", every file of the application's packages
    (models, loader, signals, data files) and of a top-level data/ directory, except those
    that only present pages.
    """
    yield from sorted(ROOT.glob("requirements*.txt"))
    yield Path(__file__)
    packages = sorted(
        path
        for path in ROOT.iterdir()
        if path.is_dir() and path.name != "tests" and (path / "__init__.py").exists()
    )
    for top in [*packages, ROOT / "data"]:
        for path in sorted(top.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            parts = path.relative_to(top).parts
            if "migrations" in parts:
                yield path
            elif stage == "catalogue" and not presentation(parts):
                yield path


def presentation(parts):
    return (
        not PRESENTATION_DIRS.isdisjoint(parts[:-1])
        or parts[-1] in PRESENTATION_FILES
        or Path(parts[-1]).suffix in PRESENTATION_SUFFIXES
    )


def fingerprint(vendor, stage):
    digest = hashlib.sha256(
        f"{stage} {vendor} {django.__version__} {sys.version_info[:2]}".encode()
    )
    for path in inputs(stage):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


@contextlib.contextmanager
def locked(name):
    """One builder at a time for a template (two runs or xdist workers start together)."""
    TEMPLATES.mkdir(exist_ok=True)
    with open(TEMPLATES / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class SQLiteTemplate:
    def __init__(self, connection, stage):
        self.connection = connection
        key = fingerprint(connection.vendor, stage)
        self.path = TEMPLATES / f"qoollege-{stage}-{key}.sqlite3"

    def exists(self):
        return self.path.exists()

    def prepare(self, test_settings):
        """Copy the template to where the test database will be; True if there was one."""
        if not self.exists():
            return False
        target = Path(test_settings["NAME"])
        for leftover in (target.with_name(target.name + s) for s in ("-wal", "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(self.path, target)
        os.utime(self.path)  # in use: not removed as unused
        return True

    def save(self):
        self.connection.ensure_connection()
        partial = self.path.with_suffix(f".{os.getpid()}.partial")
        copy = sqlite3.connect(partial)
        try:
            self.connection.connection.backup(copy)
        finally:
            copy.close()
        os.replace(partial, self.path)
        for old in [*TEMPLATES.glob("qoollege-*.sqlite3"), *TEMPLATES.glob("*.partial")]:
            with contextlib.suppress(FileNotFoundError):
                if time.time() - old.stat().st_mtime > UNUSED_FOR:
                    old.unlink()

    def snapshot(self):
        """Nothing to take: the template file is the copy."""

    def restore(self):
        self.connection.ensure_connection()
        source = sqlite3.connect(self.path)
        try:
            source.backup(self.connection.connection)
        finally:
            source.close()

    def copy_to(self, path):
        """The template as a SQLite file of its own, for a test's own processes."""
        shutil.copyfile(self.path, path)


class PostgresTemplate:
    def __init__(self, connection, stage):
        self.connection = connection
        self.name = f"{PG_PREFIX}{stage}_{fingerprint(connection.vendor, stage)}"
        self.taken = False

    def _server(self):
        return self.connection._nodb_cursor()

    def exists(self):
        with self._server() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name])
            return cursor.fetchone() is not None

    def prepare(self, test_settings):
        if not self.exists():
            return False
        test_settings["TEMPLATE"] = self.name
        self._mark_used(self.name)
        return True

    def _mark_used(self, name):
        with self._server() as cursor:
            cursor.execute(f'COMMENT ON DATABASE "{name}" IS %s', [str(int(time.time()))])

    def save(self):
        """Copy the test database, now migrated and loaded, as the template."""
        source = self.connection.settings_dict["NAME"]
        partial = f"{self.name}_{os.getpid()}"
        self.connection.close()
        with self._server() as cursor:
            cursor.execute(f'CREATE DATABASE "{partial}" TEMPLATE "{source}"')
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}"')  # `--create-db`
            cursor.execute(f'ALTER DATABASE "{partial}" RENAME TO "{self.name}"')
            cursor.execute(
                "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname ~ %s AND datname <> %s",
                [f"^{PG_PREFIX}[a-z]+_[0-9a-f]{{20}}$", self.name],
            )
            unused = [name for name, used in cursor.fetchall() if self._unused(used)]
        for name in unused:
            with contextlib.suppress(Exception), self._server() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self._mark_used(self.name)

    @staticmethod
    def _unused(used):
        try:
            return time.time() - int(used) > UNUSED_FOR
        except (TypeError, ValueError):
            return True

    def _tables(self, cursor):
        return self.connection.introspection.table_names(cursor)

    def _signatures(self, cursor, tables):
        """Per table, its row count and newest row version (xmin): any write changes one."""
        cursor.execute(
            " UNION ALL ".join(
                f'SELECT %s, count(*), max(xmin::text::bigint) FROM public."{table}"'
                for table in tables
            ),
            tables,
        )
        return {table: (count, newest) for table, count, newest in cursor.fetchall()}

    def _with_referrers(self, cursor, tables):
        """The tables and every table whose foreign keys point at them (TRUNCATE needs all)."""
        cursor.execute(
            "SELECT referrer.relname, referred.relname FROM pg_constraint "
            "JOIN pg_class referrer ON referrer.oid = conrelid "
            "JOIN pg_class referred ON referred.oid = confrelid "
            "WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
        )
        referrers = {}
        for referrer, referred in cursor.fetchall():
            referrers.setdefault(referred, set()).add(referrer)
        found, todo = set(tables), list(tables)
        while todo:
            for referrer in referrers.get(todo.pop(), ()):
                if referrer not in found:
                    found.add(referrer)
                    todo.append(referrer)
        return sorted(found)

    def snapshot(self):
        """Copy every table's rows into a schema of their own (once, before any commit)."""
        if self.taken:
            return
        with self.connection.cursor() as cursor:
            tables = self._tables(cursor)
            cursor.execute(f"DROP SCHEMA IF EXISTS {PG_SNAPSHOT} CASCADE")
            cursor.execute(f"CREATE SCHEMA {PG_SNAPSHOT}")
            for table in tables:
                cursor.execute(f'CREATE TABLE {PG_SNAPSHOT}."{table}" AS TABLE public."{table}"')
            self.signatures = self._signatures(cursor, tables)
        self.taken = True

    def restore(self):
        """Write back the tables a test changed (and those referring to them), no others."""
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import transaction

        with transaction.atomic(), self.connection.cursor() as cursor:
            tables = self._tables(cursor)
            now = self._signatures(cursor, tables)
            changed = [t for t in tables if now.get(t) != self.signatures.get(t)]
            if not changed:
                return
            changed = self._with_referrers(cursor, changed)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("TRUNCATE " + ", ".join(f'public."{t}"' for t in changed))
            for table in changed:
                if table not in self.signatures:  # made by the test itself
                    continue
                cursor.execute(
                    "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) "
                    "FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                    "AND NOT attisdropped AND attgenerated = ''",
                    [f'public."{table}"'],
                )
                columns = cursor.fetchone()[0]
                cursor.execute(
                    f'INSERT INTO public."{table}" ({columns}) '
                    f'SELECT {columns} FROM {PG_SNAPSHOT}."{table}"'
                )
            models = apps.get_models(include_auto_created=True)
            restored = [m for m in models if m._meta.db_table in changed]
            for sql in self.connection.ops.sequence_reset_sql(no_style(), restored):
                cursor.execute(sql)
            self.signatures.update(self._signatures(cursor, changed))

    def copy_to(self, path):
        raise NotImplementedError("the template is a PostgreSQL database, not a file")


def template_for(connection, stage):
    kind = SQLiteTemplate if connection.vendor == "sqlite" else PostgresTemplate
    return kind(connection, stage)


def set_up(verbosity=0, rebuild=False):
    """
    The test database, from the template (made first if there is none, or if asked to
    `rebuild` it): what pytest-django's own `django_db_setup` does, plus the catalogue.
    Making one starts from the migrated schema's template when only the application's
    code or data changed, not its migrations.
    """
    from django.db import connection
    from django.test.utils import setup_databases

    catalogue = template_for(connection, "catalogue")
    schema = template_for(connection, "schema")
    test_settings = connection.settings_dict["TEST"]
    # Nothing serialized: `restore` stands for Django's serialized rollback.
    database = dict(
        verbosity=verbosity, interactive=False, aliases={connection.alias}, serialized_aliases=()
    )
    # A copied SQLite file is kept as it is; PostgreSQL creates the database from its template.
    copied = dict(database, keepdb=connection.vendor == "sqlite")
    if not rebuild and catalogue.prepare(test_settings):
        return catalogue, setup_databases(**copied)
    with locked(f"build-{connection.vendor}"):
        if not rebuild and catalogue.prepare(test_settings):  # another run made it meanwhile
            return catalogue, setup_databases(**copied)
        if not rebuild and schema.prepare(test_settings):
            config = setup_databases(**copied)
        else:
            config = setup_databases(**database)
            schema.save()
        load_catalogue()
        catalogue.save()
    return catalogue, config
