"""
When a part fails or is abused (issue #26): Host ports, a flood of distinct valid
addresses, a full Redis and edits, a database that stops answering, /healthz's budget,
Redis's eviction policy checked at start-up, and restore's confirmation.
"""

import subprocess
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.test import Client, override_settings

from careers.models import Career
from publishing import checks, database, throttle, versions
from tests.publishing.caches import DEAD_CACHES, FULL_CACHES, FullRedisClient

pytestmark = pytest.mark.usefixtures("catalog")

ROOT = Path(__file__).resolve().parents[2]
GUIDE = "/careers/plumber/"
PLACES = ["alabama", "alaska", "arizona", "arkansas", "california", "colorado", "texas"]
COMPARISON = "/compare/registered-nurse-vs-nurse-practitioner/?place={}"


# --- Host ports ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["127.0.0.1:99999", "127.0.0.1:0", "localhost:123456", "[::1]:65536"]
)
def test_a_host_with_an_impossible_port_is_refused(client, host):
    assert client.get(GUIDE, headers={"Host": host}).status_code == 400
    assert client.get("/healthz", headers={"Host": host}).status_code == 400


def test_a_host_with_a_real_port_is_served(client):
    assert client.get(GUIDE, headers={"Host": "127.0.0.1:65535"}).status_code == 200
    assert client.get(GUIDE, headers={"Host": "localhost:8000"}).status_code == 200


# --- A flood of distinct valid addresses --------------------------------------------------


@pytest.fixture
def capped(monkeypatch):
    # One window for the whole test, wherever in the minute it starts and however slowly
    # it runs (it failed when a run crossed into the next minute between two requests).
    monkeypatch.setattr(throttle, "clock", lambda: 1_000_000 * throttle.WINDOW + 20)
    throttle.local.clear()
    with override_settings(PAGE_MISSES_PER_MINUTE=5):
        yield
    throttle.local.clear()


@pytest.mark.usefixtures("capped")
def test_a_client_flooding_distinct_valid_addresses_gets_429_and_cached_pages_still(client):
    assert client.get(GUIDE).status_code == 200  # a page visitors read, now cached
    statuses = [client.get(COMPARISON.format(place)).status_code for place in PLACES]
    assert statuses == [200, 200, 200, 200, 429, 429, 429]  # the guide was the first render
    refused = client.get(COMPARISON.format("texas"))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60 and "no-store" in refused["Cache-Control"]
    assert "try again in a minute" in refused.content.decode()
    for _ in range(20):  # hits are never counted
        assert client.get(GUIDE).status_code == 200
    assert client.get(COMPARISON.format("alabama")).status_code == 200  # cached by the flood
    # Another client is not affected.
    assert Client(REMOTE_ADDR="198.51.100.7").get(COMPARISON.format("texas")).status_code == 200


@pytest.mark.usefixtures("capped")
def test_over_its_cap_a_client_gets_the_older_copy_of_a_page_it_has(client):
    old = client.get(GUIDE)
    versions.bump()  # every page is stale now
    for place in PLACES[:4]:
        client.get(COMPARISON.format(place))
    response = client.get(GUIDE)
    assert response.status_code == 200 and response.content == old.content
    assert "stale" in response["Warning"]


@pytest.mark.usefixtures("capped")
def test_the_cap_holds_per_process_while_redis_is_down(client):
    with override_settings(CACHES=DEAD_CACHES):
        statuses = [client.get(COMPARISON.format(place)).status_code for place in PLACES]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]


# --- A full Redis: edits still at the next request on every server ------------------------


def test_an_edit_reaches_every_server_at_the_next_request_when_redis_is_full(
    client, django_capture_on_commit_callbacks
):
    marker = "Plumbers, edited while Redis was full."
    FullRedisClient.stored.clear()
    FullRedisClient.full = False
    try:
        with override_settings(CACHES=FULL_CACHES):
            assert marker not in client.get(GUIDE).content.decode()  # version and page stored
            FullRedisClient.full = True
            plumber = Career.objects.get(slug="plumber")
            plumber.summary = marker
            with django_capture_on_commit_callbacks(execute=True):
                plumber.save()  # the new version cannot be written to Redis
            # Another app server: its own cache client and memory, the same Redis.
            del caches["default"]
            versions.memo.forget()
            assert marker in client.get(GUIDE).content.decode()
            assert marker in client.get(GUIDE).content.decode()  # and at every request
    finally:
        FullRedisClient.stored.clear()
        FullRedisClient.full = True


# --- /healthz within its own budget --------------------------------------------------------


class HungDatabase:
    """A database that accepted the connection and never answers (until released)."""

    def __init__(self):
        self.release = threading.Event()

    def cursor(self):
        self.release.wait(30)
        raise OperationalError("server closed the connection unexpectedly")

    def close(self):
        pass


def test_healthz_says_503_within_its_budget_when_the_database_hangs(client, monkeypatch):
    from qoollege import views

    hung = HungDatabase()
    monkeypatch.setattr(views, "connection", hung)
    try:
        started = time.monotonic()
        response = client.get("/healthz")
        assert response.status_code == 503
        assert time.monotonic() - started < views.HEALTH_BUDGET + 1
        assert response.json()["checks"]["database"] == "not answering"
        started = time.monotonic()  # the first probe is still stuck: no second one waits
        assert client.get("/healthz").status_code == 503
        assert time.monotonic() - started < 0.5
    finally:
        hung.release.set()
    monkeypatch.undo()
    for _ in range(50):  # the stuck probe ends; the next one answers
        response = client.get("/healthz")
        if response.status_code == 200:
            break
        time.sleep(0.1)
    assert response.status_code == 200


# --- The breaker: a database that stopped answering is not waited on again ----------------


def test_while_the_database_is_not_answering_cached_pages_are_served_and_misses_fail_fast(
    client, monkeypatch, django_assert_num_queries
):
    client.get(GUIDE)  # cached
    database.breaker.failed(OperationalError("connection timeout expired"))
    with django_assert_num_queries(0):
        assert client.get(GUIDE).status_code == 200
        started = time.monotonic()
        missing = client.get("/careers/actuary/")
        assert missing.status_code == 503 and missing["Retry-After"]
        assert time.monotonic() - started < 0.5
    # After the retry time one request tries the database; its answer closes the breaker.
    monkeypatch.setattr(database.breaker, "open_until", time.monotonic() - 1)
    assert client.get("/careers/actuary/").status_code == 200
    assert database.breaker.is_closed()
    assert client.get("/careers/web-developer/").status_code == 200


def lost_connection():
    """What Django raises when psycopg finds the server gone (no SQLSTATE)."""
    import psycopg

    try:
        raise psycopg.OperationalError("server closed the connection unexpectedly")
    except psycopg.OperationalError as cause:
        try:
            raise OperationalError(str(cause)) from cause
        except OperationalError as error:
            return error


def test_a_render_that_loses_the_database_opens_the_breaker(client, monkeypatch):
    calls = []

    def unreachable(*args, **kwargs):
        calls.append(1)
        raise lost_connection()

    with monkeypatch.context() as patch:
        patch.setattr("django.db.models.query.QuerySet.get", unreachable)
        first = client.get("/careers/actuary/")
        second = client.get("/careers/web-developer/")
    assert first.status_code == 503 and second.status_code == 503
    assert len(calls) == 1  # the second was answered without waiting on the database
    database.breaker.reset()


# --- Redis's eviction policy, checked at start-up ------------------------------------------


class RedisConfig:
    def __init__(self, config):
        self.config = config

    def get_client(self, write=False):
        return self

    def config_get(self, pattern):
        if isinstance(self.config, Exception):
            raise self.config
        return self.config


@pytest.mark.parametrize(
    ("config", "ids"),
    [
        (
            {"maxmemory": "0", "maxmemory-policy": "noeviction"},
            {"publishing.W001", "publishing.W002"},
        ),
        ({"maxmemory": "268435456", "maxmemory-policy": "noeviction"}, {"publishing.W002"}),
        ({"maxmemory": "268435456", "maxmemory-policy": "allkeys-lru"}, set()),
        ({"maxmemory": "268435456", "maxmemory-policy": "volatile-lru"}, set()),
        (PermissionError("CONFIG is disabled"), {"publishing.W003"}),
    ],
)
def test_redis_without_a_memory_limit_or_eviction_is_a_start_up_warning(config, ids):
    with override_settings(CACHES=DEAD_CACHES):
        caches["default"]._cache = RedisConfig(config)
        found = checks.redis_eviction()
    assert {warning.id for warning in found} == ids
    assert all("maxmemory-policy allkeys-lru" in warning.hint for warning in found)


def test_no_redis_no_warning():
    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=local):
        assert checks.redis_eviction() == []


# --- make restore asks, and says so --------------------------------------------------------


def test_restore_without_yes_and_without_a_terminal_says_how_to_confirm(tmp_path):
    before = Career.objects.count()
    with pytest.raises(CommandError, match="needs confirmation.*--yes.*YES=1"):
        call_command("restore", str(tmp_path / "snapshot.json.gz"), stdout=StringIO())
    assert Career.objects.count() == before


def test_make_restore_passes_yes_only_when_asked():
    def planned(*args):
        run = subprocess.run(
            ["make", "-n", "restore", "FILE=backups/x.json.gz", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return [line for line in run.stdout.splitlines() if "manage.py restore" in line]

    assert planned("YES=1") and all("--yes" in line for line in planned("YES=1"))
    assert planned() and not any("--yes" in line for line in planned())


def test_only_an_unreachable_database_opens_the_breaker():
    import psycopg

    def wrapped(cause):
        try:
            raise OperationalError(str(cause)) from cause
        except OperationalError as error:
            return error

    assert database.unreachable(lost_connection())
    assert database.unreachable(OperationalError("unable to open database file"))
    assert not database.unreachable(wrapped(psycopg.errors.DeadlockDetected("deadlock detected")))
    assert not database.unreachable(wrapped(psycopg.errors.QueryCanceled("statement timeout")))
    assert not database.unreachable(OperationalError("database is locked"))
    assert not database.unreachable(OperationalError("no such table: careers_career"))
