"""
A cap on the expensive requests of one client: pages the cache does not hold.

A hit costs a cache read; a miss renders the page (10–200 ms of a worker) and stores it
(4–16 KB in the cache). Every comparison × every place is a valid, cacheable address, so
one client walking through distinct addresses could keep every worker rendering and fill
the cache, starving the visitors of cached pages. Each client (its address as
publishing.login.client_ip reads it) may therefore cause at most
settings.PAGE_MISSES_PER_MINUTE renders a minute (0: no cap); beyond that the page cache
answers with an older cached copy of the page when it has one, else 429 with Retry-After.
Hits are never counted, so a client reading cached pages is never limited.

Counts are shared through Redis when there is one, and kept in this process too, so an
outage of the cache does not lift the cap (it is then per process).
"""

import threading
import time

from django.conf import settings
from django.core.cache import cache

from publishing.login import client_ip

WINDOW = 60
# The clock the windows are read from (tests set one that stands still).
clock = time.time
KEY = "page-misses:{}:{}"
# Addresses remembered per window in one process: beyond this the oldest counts are
# dropped (a flood from that many addresses is for the network in front to stop).
LOCAL_LIMIT = 50_000


class _LocalCounts:
    def __init__(self):
        self.lock = threading.Lock()
        self.window = None
        self.counts = {}

    def add(self, client, window):
        with self.lock:
            if window != self.window or len(self.counts) >= LOCAL_LIMIT:
                self.window, self.counts = window, {}
            count = self.counts.get(client, 0) + 1
            self.counts[client] = count
            return count

    def clear(self):
        with self.lock:
            self.window, self.counts = None, {}


local = _LocalCounts()


def _shared_count(key):
    if cache.add(key, 1, WINDOW * 2):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW * 2)
        return 1


def allow_miss(request):
    """Count one render for this request's client; False when it is over the cap."""
    limit = settings.PAGE_MISSES_PER_MINUTE
    if not limit:
        return True
    client = client_ip(request)
    window = int(clock() // WINDOW)
    count = local.add(client, window)
    if count > limit:
        return False  # over in this process alone: no need to ask Redis
    if not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        count = max(count, _shared_count(KEY.format(client, window)))
    return count <= limit


def retry_after():
    """Seconds until the current window ends."""
    return max(1, int(WINDOW - clock() % WINDOW))
