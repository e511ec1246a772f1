"""
SQLite: a writer holding the lock past the busy timeout never breaks a reader, neither
while it holds it nor afterwards (issue #26: one lock timeout used to make a quarter of
later comparisons fail with "JSONObject() is not supported" until a restart).
"""

import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.db.utils import load_backend
from django.test import Client

from qoollege.sqlite3.base import read_only

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own locking")

TIMEOUT = 0.3  # seconds a connection waits for the write lock in these tests
PLACES = ["alabama", "alaska", "arizona", "arkansas", "california", "colorado", "texas"]
COMPARISON = "/compare/registered-nurse-vs-nurse-practitioner/?place={}"


def short_wait_options(options):
    """The configured options, waiting TIMEOUT seconds for a lock instead of 20."""
    init = options["init_command"].replace(
        "busy_timeout=20000", f"busy_timeout={TIMEOUT * 1000:.0f}"
    )
    return {**options, "timeout": TIMEOUT, "init_command": init}


@contextmanager
def write_lock(path):
    """Another process's writer: takes SQLite's write lock and holds it."""
    holder = sqlite3.connect(path, timeout=5, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def own_database(tmp_path, django_db_blocker):
    """A SQLite file in WAL mode with one table, and a Django connection to it."""
    path = tmp_path / "locks.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, title TEXT)")
        setup.execute("INSERT INTO page (title) VALUES ('a page')")
    settings_dict = {
        **connection.settings_dict,
        "NAME": str(path),
        "OPTIONS": short_wait_options(connection.settings_dict["OPTIONS"]),
    }
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "locks")
    connections["locks"] = wrapper
    try:
        with django_db_blocker.unblock():
            yield path, wrapper
    finally:
        wrapper.close()
        del connections["locks"]


def test_json_support_is_not_decided_by_a_lock_timeout(own_database):
    path, wrapper = own_database
    with write_lock(path):
        started = time.monotonic()
        assert wrapper.features.has_json_object_function is True
        assert time.monotonic() - started < TIMEOUT  # no waiting for the writer


def test_reads_take_no_write_lock_and_writes_queue_for_it(own_database):
    path, wrapper = own_database
    with write_lock(path):
        started = time.monotonic()
        with read_only(), transaction.atomic(using="locks"):
            with wrapper.cursor() as cursor:
                cursor.execute("SELECT title FROM page")
                assert cursor.fetchone() == ("a page",)
        assert time.monotonic() - started < TIMEOUT
        # Anything else begins IMMEDIATE: it waits for the writer, here past its timeout.
        with pytest.raises(OperationalError, match="locked"):
            with transaction.atomic(using="locks"):
                with wrapper.cursor() as cursor:
                    cursor.execute("SELECT title FROM page")
    with transaction.atomic(using="locks"), wrapper.cursor() as cursor:
        cursor.execute("UPDATE page SET title = 'edited'")  # the lock is free again


@pytest.fixture
def copy_of_the_catalogue(tmp_path, monkeypatch):
    """
    The test database as committed (the catalogue), copied to a file of its own that new
    connections (each new thread's) open with a short lock timeout: the test's own
    connection keeps its transaction, which would otherwise hold the write lock.
    """
    path = tmp_path / "site.sqlite3"
    source = sqlite3.connect(connection.settings_dict["NAME"])
    target = sqlite3.connect(path)
    source.backup(target)
    target.execute("PRAGMA journal_mode=WAL")
    source.close()
    target.close()
    settings_dict = connections.settings["default"]
    assert settings_dict is connection.settings_dict
    monkeypatch.setitem(settings_dict, "NAME", str(path))
    monkeypatch.setitem(settings_dict, "OPTIONS", short_wait_options(settings_dict["OPTIONS"]))
    return path


@pytest.mark.django_db
def test_a_lock_held_past_the_timeout_fails_no_page_then_or_after(copy_of_the_catalogue):
    """Uncached comparisons with a place (JSONObject) in worker threads, each with its
    own connection as under gunicorn: while a writer holds the lock past the timeout,
    then after it let go."""
    failures, served = [], []
    start = threading.Barrier(3)
    locked, released = threading.Event(), threading.Event()

    def worker(index):
        client = Client()
        try:
            start.wait()
            locked.wait(5)
            for place in PLACES[index::3][:1]:
                response = client.get(COMPARISON.format(place))
                (served if response.status_code == 200 else failures).append(
                    ("locked", place, response.status_code)
                )
            released.wait(5)
            for place in PLACES[index::3][1:]:
                response = client.get(COMPARISON.format(place))
                (served if response.status_code == 200 else failures).append(
                    ("after", place, response.status_code)
                )
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    with write_lock(copy_of_the_catalogue):
        locked.set()
        time.sleep(TIMEOUT * 4)  # held well past every reader's timeout
    released.set()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert len(served) == len(PLACES)
