"""
Django's Redis cache, made to fail soft: a cache that is down, full or slow costs
freshness and speed, never a 500. Every operation that fails is logged once per outage
and answered as a miss (reads) or skipped (writes); after a failure the cache is left
alone for RETRY_AFTER seconds, so a dead Redis does not add a connection timeout to
every request.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("qoollege.cache")

RETRY_AFTER = 5.0


def _fail_soft(default=None):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._down_until > time.monotonic():
                return default(args, kwargs) if callable(default) else default
            try:
                result = method(self, *args, **kwargs)
            except Exception as error:  # redis.RedisError, OSError, pickling, full memory…
                self._failed(method.__name__, error)
                return default(args, kwargs) if callable(default) else default
            if self._down_since is not None:
                self._recovered()
            return result

        return wrapper

    return decorate


def _default_arg(args, kwargs):
    """get(key, default=None): answer a failed read with the caller's default."""
    if len(args) > 1:
        return args[1]
    return kwargs.get("default")


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down_since = None

    def _failed(self, operation, error):
        with self._lock:
            first = self._down_since is None
            if first:
                self._down_since = time.monotonic()
            self._down_until = time.monotonic() + RETRY_AFTER
        if first:
            logger.warning(
                "Cache unavailable (%s failed: %s): serving without it, retrying every %.0f s",
                operation,
                type(error).__name__,
                RETRY_AFTER,
            )

    def _recovered(self):
        with self._lock:
            if self._down_since is None:
                return
            seconds = time.monotonic() - self._down_since
            self._down_since = None
        logger.warning("Cache available again after %.0f s", seconds)

    get = _fail_soft(_default_arg)(RedisCache.get)
    set = _fail_soft()(RedisCache.set)
    add = _fail_soft(False)(RedisCache.add)
    touch = _fail_soft(False)(RedisCache.touch)
    delete = _fail_soft(False)(RedisCache.delete)
    get_many = _fail_soft(lambda args, kwargs: {})(RedisCache.get_many)
    set_many = _fail_soft(lambda args, kwargs: [])(RedisCache.set_many)
    delete_many = _fail_soft()(RedisCache.delete_many)
    has_key = _fail_soft(False)(RedisCache.has_key)
    clear = _fail_soft(False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        # A missing key must still raise ValueError (Django's contract); only an outage
        # is softened, answered as if the counter had just started.
        if self._down_until > time.monotonic():
            return delta
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except Exception as error:
            self._failed("incr", error)
            return delta
