import tempfile
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from careers.models import Career

# Tests render templates without `collectstatic`: use the plain static storage, which
# needs no manifest (the manifest storage is exercised by `make serve` and the bench).
# A fast password hasher keeps the many admin logins quick. The suite renders thousands
# of pages from one address: the per-client cap on renders (publishing.throttle) is off,
# except in the tests of it.
PLAIN_STATIC = override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    PAGE_MISSES_PER_MINUTE=0,
)


@pytest.fixture(scope="session", autouse=True)
def plain_static_storage():
    PLAIN_STATIC.enable()
    yield
    PLAIN_STATIC.disable()


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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped demo catalogue once per test database, as `make run` does."""
    with django_db_blocker.unblock():
        call_command("loadcatalog", verbosity=0)


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
    """The demo catalogue. Reloaded if a transactional test flushed the database."""
    if not Career.objects.exists():
        call_command("loadcatalog", verbosity=0)


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
