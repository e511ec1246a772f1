"""
The content version as pages see it: where it is read from, and how a change spreads.

The database row (ContentVersion) is the truth. Reading it on every request would make
every cache hit wait on the database, so readers keep a copy:

- in the shared cache (Redis, when REDIS_URL is set) under VERSION_KEY: a bump writes it
  through after commit, so every app server sees the new version at its next request. A
  bump the cache refuses (Redis full or down) deletes the copy instead, so that readers
  fall back to the database rather than keep the old version; the copy also expires
  after SHARED_TTL seconds, which bounds staleness if even that failed;
- with the local-memory cache (one process, no shared store) in the process itself for
  LOCAL_TTL seconds (settings.CONTENT_VERSION_TTL, default 1 s): other workers see a bump
  within that time, the worker that made it at once.

A cached hit therefore waits on the database only when the cache holds no version. When
the database does not answer (or failed moments ago: publishing.database's breaker; and
only one thread per process asks at a time), the last version this
process saw is used, so cached pages keep being served (stale if error).

A version carries `due`, when the earliest scheduled publication falls due
(publishing.schedule). Visitors' requests never publish it: `manage.py publishdue`
does. Until it has, no page cached before the due time is served (publishing.pagecache).
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone

from publishing import database, schedule

logger = logging.getLogger("qoollege.cache")

VERSION_KEY = "content-version"
SHARED_TTL = 300


@dataclass(frozen=True)
class Version:
    number: int
    token: str
    changed_at: int  # Unix time, whole seconds (Last-Modified)
    due: float | None = None  # Unix time a scheduled publication falls due, if any

    @property
    def etag_base(self):
        return f"{self.number}.{self.token}"


class _Memo:
    """The last version this process read, and when."""

    def __init__(self):
        self.lock = threading.Lock()
        self.version = None
        self.read_at = 0.0
        self.reading = threading.Lock()  # one database read at a time per process

    def remember(self, version):
        with self.lock:
            self.version, self.read_at = version, time.monotonic()
        return version

    def fresh(self, ttl):
        if self.version is not None and time.monotonic() - self.read_at < ttl:
            return self.version
        return None

    def forget(self):
        """Forget the version and that the database failed (tests start afresh)."""
        with self.lock:
            self.version, self.read_at = None, 0.0
        database.breaker.reset()


memo = _Memo()


def shared_cache():
    return not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def _from_row(row):
    due = row.next_due.timestamp() if getattr(row, "next_due", None) else None
    return Version(row.number, row.token, int(row.changed_at.timestamp()), due)


def is_due(version):
    return version.due is not None and timezone.now().timestamp() >= version.due


def _read_database():
    from publishing.models import ContentVersion

    return _from_row(ContentVersion.read())


def current():
    """The current version, or None when nothing (cache, database, memory) can tell.
    Reads only: a scheduled publication that is due is `publishdue`'s work."""
    if shared_cache():
        version = cache.get(VERSION_KEY)  # fail-soft backend: None when Redis is down
        if isinstance(version, Version):
            return memo.remember(version)
    else:
        version = memo.fresh(settings.CONTENT_VERSION_TTL)
        if version is not None:
            return version
    if memo.version is not None and (
        memo.reading.locked()
        or not database.breaker.is_closed()
        or database.breaker.failed_elsewhere()
    ):
        # Another thread is asking the database now, or it failed: a cached hit does not
        # wait on it (renders try it again, and close the breaker when it answers).
        return memo.version
    with memo.reading:
        try:
            version = _read_database()
        except DatabaseError as error:
            if database.unreachable(error):
                database.breaker.failed(error)
            else:
                database.breaker.answered()
            logger.warning("Content version: the database did not answer; using the last one seen")
            return memo.version
    database.breaker.answered()
    if shared_cache():
        cache.set(VERSION_KEY, version, SHARED_TTL)
    return memo.remember(version)


def publish(row):
    """Make a freshly written version row the one every reader sees."""
    version = _from_row(row)
    if shared_cache():
        cache.set(VERSION_KEY, version, SHARED_TTL)
        if cache.get(VERSION_KEY) != version:
            # Refused (Redis full or down): no server may keep reading the old version
            # from the cache; without a copy there, they read the database.
            cache.delete(VERSION_KEY)
    return memo.remember(version)


def reschedule():
    """Store the earliest due time of every app's schedule (inside the caller's
    transaction); readers learn it when the transaction commits."""
    from publishing.models import ContentVersion

    ContentVersion.read()  # the row exists
    ContentVersion.objects.filter(pk=1).update(next_due=schedule.earliest())
    transaction.on_commit(_republish)


def _republish():
    from publishing.models import ContentVersion

    publish(ContentVersion.read())


def bump(at_least=0):
    """A new content version, now (inside a transaction: use bump_after_commit)."""
    from publishing.models import ContentVersion

    return publish(ContentVersion.advance(at_least=at_least))


def _bump_callback():
    bump()


_bump_callback.content_version_bump = True


def bump_after_commit():
    """
    Bump once when the current transaction commits, however many rows it saved; at once
    outside a transaction; never if it rolls back (its callbacks are then discarded).
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if getattr(callback, "content_version_bump", False):
                return
    transaction.on_commit(_bump_callback)
