import contextlib
import hashlib
import tempfile
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings

from careers.models import Career
from tests import database

# Tests render templates without `collectstatic`: use the plain static storage, which
# needs no manifest (the manifest storage is exercised by `make serve` and the bench),
# and no STATIC_ROOT. Tests of the collected files, and servers started by tests, use one
# collection per run in a temporary directory (`collected_static`), never staticfiles/.
# A fast password hasher keeps the many admin logins quick. Each process re-reads the
# content version at most every CONTENT_VERSION_TTL seconds (1 on a site): an hour here,
# so that a test's requests share one version however slowly the machine runs them
# (tests/site/test_two_app_servers.py checks the real TTL between two servers). The suite
# renders thousands of pages from one address: the per-client cap on renders
# (publishing.throttle) is off, except in the tests of it.
PLAIN_STATIC = override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    STATIC_ROOT=Path(tempfile.gettempdir()) / "qoollege-tests-collect-nothing-here",
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    CONTENT_VERSION_TTL=60 * 60,
    PAGE_MISSES_PER_MINUTE=0,
)


MANIFEST_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The static files collected as `make serve` collects them (hashed, compressed), once
    per run (compressing every file takes seconds); servers get it as DJANGO_STATIC_ROOT."""
    from django.core.management import call_command

    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST_STATIC, DEBUG=False):
        call_command("collectstatic", "--no-input", verbosity=0)
    return root


@pytest.fixture(scope="session", autouse=True)
def plain_static_storage():
    from publishing import versions

    # The copy of the content version in Redis also lives an hour, not 10 seconds.
    shared_ttl, versions.SHARED_TTL = versions.SHARED_TTL, 60 * 60
    PLAIN_STATIC.enable()
    yield
    PLAIN_STATIC.disable()
    versions.SHARED_TTL = shared_ttl


@pytest.fixture(scope="session", autouse=True)
def committed_extract_read_once():
    """
    The committed OEWS extract (223,174 rows: about 6 s to read and check every value) is
    read once per run: a later read of the same bytes (`loadcatalog`, `restore`, a test's
    own, a copy of the file) gets the rows that first read made, in a list of its own (the
    rows are frozen). Other bytes, a test's small, changed or broken extract, are read as
    ever. `oews.extract.read_extract` still reads the file, for a test that means to.
    """
    from occupations import oews
    from occupations.files import default_extract

    read = oews.read_extract
    committed = hashlib.sha256(default_extract().read_bytes()).digest()
    done = []

    def read_extract(path):
        if hashlib.sha256(Path(path).read_bytes()).digest() != committed:
            return read(path)
        if not done:
            done.append(read(path))
        return list(done[0])

    oews.read_extract = read_extract
    yield
    oews.read_extract = read


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """
    A test database of this run's own: two runs against one PostgreSQL server never
    collide. SQLite gets a file, not shared memory, so the live server's threads (browser
    tests) and the test thread see one consistent database.
    """
    from django.conf import settings

    run = uuid.uuid4().hex[:10]
    database = settings.DATABASES["default"]
    test = database.setdefault("TEST", {})
    if database["ENGINE"].endswith("sqlite3"):
        test["NAME"] = str(Path(tempfile.gettempdir()) / f"qoollege-test-{run}.sqlite3")
    else:
        test["NAME"] = f"test_qoollege_{run}"


class Run:
    """The run's template (tests/database.py)."""

    template = None


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """
    The test database with the demo catalogue, copied from a template (tests/database.py).
    `pytest --create-db` makes the template again.

    A test that commits (transactional, a live server) ends with Django's flush, which
    empties every table: here it writes the template's rows back instead (on PostgreSQL
    those of the tables the test changed), so every test starts from the whole catalogue.
    """
    from django.test import TransactionTestCase
    from django.test.utils import teardown_databases

    verbosity = request.config.option.verbose
    rebuild = request.config.getvalue("create_db")
    with django_db_blocker.unblock():
        Run.template, config = database.set_up(verbosity=verbosity, rebuild=rebuild)
        # Django asks SQLite whether it has JSON (a `SELECT JSON(…)`, once a connection) at
        # the first query that needs to know: asked here, so that it never counts against
        # the query budget of whichever test comes first (a file run on its own, say).
        connection.features.supports_json_field  # noqa: B018
        if any(commits(item) for item in request.session.items):
            Run.template.snapshot()  # before anything commits: what `restore` writes back
    flush = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = restore_instead_of_flush
    yield
    TransactionTestCase._fixture_teardown = flush
    Run.template = None
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=verbosity)


def restore_instead_of_flush(test_case):
    """TransactionTestCase._fixture_teardown for this suite (pytest-django runs a test
    that commits as one): the template's rows again rather than empty tables."""
    Run.template.restore()


def commits(item):
    """Whether a test commits to the database (pytest-django flushes it afterwards)."""
    marker = item.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction", marker.args[:1] == (True,))
        or marker.kwargs.get("reset_sequences")
    ):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.fixture(scope="module")
def module_writes(django_db_setup, django_db_blocker):
    """
    Data a module's tests share, too slow to make for each: its fixture writes it inside
    `with module_writes():`, committed; after the module's last test the database is the
    template's again. Each test still runs in a transaction of its own, rolled back.
    """
    used = []

    @contextlib.contextmanager
    def writes():
        with django_db_blocker.unblock():
            Run.template.snapshot()
            used.append(True)
            yield

    yield writes
    if used:
        with django_db_blocker.unblock():
            Run.template.restore()


@pytest.fixture
def sqlite_copy(django_db_setup, tmp_path):
    """
    For a test that starts processes of its own: a SQLite file holding a copy of the test
    database as the template made it (migrated, with the catalogue); None on a PostgreSQL
    run, where the test must make its own.
    """
    if not isinstance(Run.template, database.SQLiteTemplate):
        return None
    path = tmp_path / "copy.sqlite3"
    Run.template.copy_to(path)
    return path


@pytest.fixture(autouse=True)
def empty_cache():
    from publishing import versions

    cache.clear()
    versions.memo.forget()
    yield
    cache.clear()
    versions.memo.forget()


@pytest.fixture
def catalog(db):
    """The demo catalogue: in every test database (tests/database.py); a test that uses
    it says so."""
    assert Career.objects.exists(), "the test database lost its catalogue"


@pytest.fixture
def editor_client(admin_client):
    """A signed-in editor as after the sign-in page: with the signed editor cookie."""
    admin_client.get("/admin/")
    return admin_client


@pytest.fixture
def empty_db(db):
    """A database without the demo catalogue (rolled back after the test)."""
    from comparisons.models import Comparison

    Comparison.objects.all().delete()
    Career.objects.all().delete()
