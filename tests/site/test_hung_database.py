"""
A database that accepts connections and never answers (issue #26: a cached page got no
reply in 150 s, /healthz answered after 120 s). Served by gunicorn as `make serve` runs
it, with its database at a TCP stub that accepts and stays silent, and its pages in Redis:
cached pages come back in under a second, a page never cached gets a 503 after the
connect timeout and then at once, /healthz says 503 within its budget, and all of it
still holds once the content version is no longer in Redis.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.db import OperationalError, connection, connections
from django.test import Client, override_settings

from publishing import versions

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
REDIS_DB = 14
GUIDE = "/careers/plumber/"
CONNECT_TIMEOUT = 2  # seconds (libpq's least)


def redis_up():
    try:
        socket.create_connection(REDIS, 1).close()
        return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SilentDatabase:
    """Accepts every connection, reads nothing, answers nothing."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.listener.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self):
        self.listener.close()
        for conn in self.held:
            conn.close()


def timed_get(url, timeout=15):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, time.monotonic() - started, body


@pytest.fixture
def silent_database():
    stub = SilentDatabase()
    yield stub
    stub.close()


@pytest.mark.usefixtures("catalog")
def test_a_database_that_never_answers_costs_cached_pages_nothing(
    silent_database, collected_static
):
    if not redis_up():
        pytest.skip("Redis is not running at 127.0.0.1:6379 (CI starts it; see .ci/run).")
    prefix = f"hung-db-{uuid.uuid4().hex[:8]}"
    shared = {
        "default": {
            "BACKEND": "publishing.cache_backends.FailSoftRedisCache",
            "LOCATION": f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}",
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=shared):  # a server that could reach the database
        assert Client().get(GUIDE).status_code == 200  # the page and the version, in Redis
        version_key = caches["default"].make_and_validate_key(versions.VERSION_KEY)
    store = redis.Redis(*REDIS, db=REDIS_DB)
    assert store.exists(version_key)

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent_database.port}/qoollege",
        REDIS_URL=shared["default"]["LOCATION"],
        DJANGO_CACHE_PREFIX=prefix,
        DJANGO_DB_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
        DJANGO_SECRET_KEY="hung-database-test-key",
        DJANGO_DEBUG="false",
        DJANGO_SITE_URL="http://127.0.0.1",
        DJANGO_STATIC_ROOT=str(collected_static),  # the 503 page's CSS
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "qoollege.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--worker-class", "gthread", "--threads", "4"]
        + ["--no-control-socket"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{site}/robots.txt", timeout=1)  # needs no database
                break
            except OSError:
                time.sleep(0.1)

        for _ in range(5):
            status, seconds, body = timed_get(site + GUIDE)
            assert status == 200 and seconds < 1 and "Plumber" in body

        status, seconds, _ = timed_get(site + "/careers/actuary/")  # never cached
        assert status == 503 and seconds < CONNECT_TIMEOUT + 2
        status, seconds, body = timed_get(site + "/careers/web-developer/")
        assert status == 503 and seconds < 1  # not waiting on it again
        assert "Back in a moment" in body

        status, seconds, body = timed_get(site + "/healthz")
        assert status == 503 and seconds < 3.5
        # The probe gives up at 2 s, as does connecting here: either is said.
        assert '"database": "not answering"' in body or '"database": "unreachable"' in body

        store.delete(version_key)  # as if it had expired (or Redis restarted)
        for _ in range(5):
            status, seconds, body = timed_get(site + GUIDE)
            assert status == 200 and seconds < 1 and "Plumber" in body
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:  # threads stuck on the database
            server.kill()
            server.wait(timeout=10)
        keys = store.keys(f"{prefix}:*")
        if keys:
            store.delete(*keys)


@pytest.mark.django_db
def test_a_query_the_server_never_answers_fails_after_the_statement_timeout(settings):
    """On an open connection the server's own statement_timeout cannot help if the server
    is stuck; the client stops waiting shortly after it (publishing.database)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's client-side bound (the SQLite run has no server to wait on)")
    settings.DB_STATEMENT_TIMEOUT = 1
    wrapper, backend = connections.create_connection("default"), None
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")  # the server will not stop it itself
            cursor.execute("SELECT pg_backend_pid()")
            (backend,) = cursor.fetchone()
            started = time.monotonic()
            with pytest.raises(OperationalError, match="did not answer within 3 s"):
                cursor.execute("SELECT pg_sleep(10)")
            assert time.monotonic() - started < 4.5
        assert wrapper.connection.closed  # never reused half-way through an exchange
    finally:
        wrapper.close()
        if backend is not None:
            with connection.cursor() as cursor:  # the sleep the client gave up on
                cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
