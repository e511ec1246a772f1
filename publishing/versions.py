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

What changed is told more finely than "something": a change names the ContentTags it
touches ("career:12", "lists"; publishing.signals asks the saved model's `page_tags()`),
which record the new version's number, while the version's `token` changes only when
everything does (`bump()` with no tags: a deploy's `bumpcontentversion`, a restore, an
import). A page-cache entry holds the token and number of the version it was rendered
at and the names of the tags its page showed (publishing.pagecache): it stays valid
while the token is the same and none of its tags changed at a later number. Readers
learn the tags' numbers once per version and process (`tag_numbers`): from Redis, or
from the database (the rows changed since the number it last saw); a hit asks nothing.
Apps may also name fingerprints (`page_fingerprints` on their AppConfig): figures
derived from many rows, such as the catalogue's pay spread; each bump recomputes them
and moves the tag of any that changed. A database rolled back by other means than
`restore` needs a `bumpcontentversion`, as after a deploy.

A version carries `due`, when the earliest scheduled publication falls due
(publishing.schedule). Visitors' requests never publish it: `manage.py publishdue`
does. Until it has, no page cached before the due time is served (publishing.pagecache).
"""

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from publishing import database, schedule

logger = logging.getLogger("qoollege.cache")

VERSION_KEY = "content-version"
TAGS_KEY = "content-tags"
SHARED_TTL = 300
# What decides which careers and comparisons lists show (home, indexes, sitemaps).
LISTS = "lists"
# Moved by every change: for pages that show the content version itself.
ANY = "any"


@dataclass(frozen=True)
class Version:
    number: int
    token: str
    changed_at: int  # Unix time, whole seconds (Last-Modified)
    due: float | None = None  # Unix time a scheduled publication falls due, if any

    @property
    def etag_base(self):
        return f"{self.number}.{self.token}"


@dataclass(frozen=True)
class TagNumbers:
    """When each ContentTag last changed (the version number that changed it), as of one
    version (its token and number)."""

    token: str
    number: int
    numbers: dict = field(default_factory=dict)


class _Memo:
    """The last version this process read, and when; the tags' numbers as of a version."""

    def __init__(self):
        self.lock = threading.Lock()
        self.version = None
        self.read_at = 0.0
        self.reading = threading.Lock()  # one database read at a time per process
        self.tags = None  # TagNumbers

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
            self.version, self.read_at, self.tags = None, 0.0, None
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


def tag_numbers(version):
    """
    {tag name: the version number that last changed it} as of `version` (a tag never
    changed is absent), or None when nothing can tell now. Once per version and process:
    from the shared cache (Redis) when it holds them for that version, else from the
    database (the tags changed since the version this process last saw, or all of them
    when the version's token changed or its number went back), then shared.
    """
    known = memo.tags
    if known is not None and (known.token, known.number) == (version.token, version.number):
        return known.numbers
    if shared_cache():
        shared = cache.get(TAGS_KEY)  # fail-soft: None when Redis is down
        if isinstance(shared, TagNumbers) and (shared.token, shared.number) == (
            version.token,
            version.number,
        ):
            memo.tags = shared
            return shared.numbers
    if not database.breaker.is_closed() or database.breaker.failed_elsewhere():
        return None
    from publishing.models import ContentTag

    since = known is not None and known.token == version.token and known.number < version.number
    rows = ContentTag.objects.filter(number__gt=known.number) if since else ContentTag.objects
    try:
        changed = dict(rows.values_list("name", "number"))
    except DatabaseError as error:
        if database.unreachable(error):
            database.breaker.failed(error)
        logger.warning("Content tags: the database did not answer")
        return None
    # Rows of a bump that committed after `version` was read are kept: they are newer.
    tags = TagNumbers(
        version.token, version.number, {**known.numbers, **changed} if since else changed
    )
    memo.tags = tags
    if shared_cache():
        cache.set(TAGS_KEY, tags, SHARED_TTL)
    return tags.numbers


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


def fingerprints():
    """{tag: fingerprint} of every app's derived figures (`page_fingerprints`: a function
    returning {tag: text that changes when the figure does})."""
    found = {}
    for app_config in apps.get_app_configs():
        if name := getattr(app_config, "page_fingerprints", None):
            for tag, value in import_string(name)().items():
                found[tag] = found.get(tag, "") + value  # apps may share a tag
    return {tag: hashlib.sha256(value.encode()).hexdigest()[:32] for tag, value in found.items()}


def bump(tags=None, at_least=0):
    """
    A new content version, now (inside a transaction: use bump_after_commit). `tags`:
    the ContentTags the change touched; None: everything changed (every cached page is
    rendered afresh). Derived figures that changed move their tags too.
    """
    from publishing.models import ContentTag, ContentVersion

    with transaction.atomic():
        # The version row stays locked until the tags are written: bumps run one at a
        # time, and a reader that sees the new number finds its tags.
        row = ContentVersion.advance(at_least=at_least, everything=tags is None)
        stored = dict(
            ContentTag.objects.values_list("name", "fingerprint").filter(
                name__in=list(derived := fingerprints())
            )
        )
        moved = {*tags, ANY} if tags is not None else set()
        if tags is not None:
            moved |= {name for name, value in derived.items() if stored.get(name) != value}
        existing = set(ContentTag.objects.filter(name__in=moved).values_list("name", flat=True))
        ContentTag.objects.filter(name__in=existing).update(number=row.number)
        ContentTag.objects.bulk_create(
            ContentTag(name=name, number=row.number) for name in moved - existing
        )
        for name, value in derived.items():
            if stored.get(name) != value:
                ContentTag.objects.update_or_create(
                    name=name,
                    defaults={"fingerprint": value},
                    create_defaults={"fingerprint": value, "number": row.number},
                )
    return publish(row)


class _BumpCallback:
    """The one bump of a transaction: the tags its saves touched (None: everything)."""

    def __init__(self):
        self.tags = set()
        self.done = False

    @property
    def content_version_bump(self):
        return not self.done  # once run, a later save needs a bump of its own

    def add(self, tags):
        if self.tags is not None:
            self.tags = None if tags is None else self.tags | set(tags)

    def __call__(self):
        self.done = True
        bump(self.tags)


def bump_after_commit(tags=None):
    """
    Bump once when the current transaction commits, however many rows it saved, with
    every tag they touched (`tags`; None: everything); at once outside a transaction;
    never if it rolls back (its callbacks are then discarded).
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if getattr(callback, "content_version_bump", False):
                callback.add(tags)
                return
    callback = _BumpCallback()
    callback.add(tags)
    transaction.on_commit(callback)
