"""
Django's Redis cache, made to fail soft: a cache that is down, full or slow costs
freshness and speed, never a 500.

- An outage (Redis unreachable, or slower than its socket timeout) is logged once per
  process, however many threads notice it, and every operation is then answered as a
  miss (reads) or skipped (writes) without asking Redis for RETRY_AFTER seconds, so a
  dead Redis does not add a connection timeout to every request of every thread.
- A refusal (Redis full under `noeviction`: "OOM command not allowed") fails that one
  operation, answered as a miss; reads go on, as Redis still serves them. It is logged
  at most once every REFUSAL_LOG_EVERY seconds per process.

The state is per process and per Redis address, shared by the cache object each thread
gets from Django.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("qoollege.cache")

RETRY_AFTER = 5.0
REFUSAL_LOG_EVERY = 300.0


class _Health:
    """What this process knows of one Redis: down until when, and since when."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.down_since = None
        self.refusal_logged_at = None


_health = {}
_health_lock = threading.Lock()


def _health_of(location):
    with _health_lock:
        return _health.setdefault(location, _Health())


def forget_outages():
    """Forget every outage this process saw (tests start afresh)."""
    with _health_lock:
        _health.clear()


def _is_outage(error):
    from redis.exceptions import ConnectionError, TimeoutError

    return isinstance(error, ConnectionError | TimeoutError | OSError)


def _fail_soft(default=None):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            health = self._health
            if health.down_until > time.monotonic():
                return default(args, kwargs) if callable(default) else default
            try:
                result = method(self, *args, **kwargs)
            except Exception as error:  # redis.RedisError, OSError, pickling, full memory…
                self._failed(method.__name__, error)
                return default(args, kwargs) if callable(default) else default
            if health.down_since is not None:
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
        self._health = _health_of(str(server))

    def available(self):
        """False while this process treats the cache as down."""
        return self._health.down_until <= time.monotonic()

    def _failed(self, operation, error):
        health = self._health
        now = time.monotonic()
        if not _is_outage(error):
            with health.lock:
                quiet = (
                    health.refusal_logged_at is not None
                    and now - health.refusal_logged_at < REFUSAL_LOG_EVERY
                )
                if not quiet:
                    health.refusal_logged_at = now
            if not quiet:
                logger.warning(
                    "Cache refused %s (%s: %s): answered as a miss",
                    operation,
                    type(error).__name__,
                    str(error)[:120],
                )
            return
        with health.lock:
            first = health.down_since is None
            if first:
                health.down_since = now
            health.down_until = now + RETRY_AFTER
        if first:
            logger.warning(
                "Cache unavailable (%s failed: %s): serving without it, retrying every %.0f s",
                operation,
                type(error).__name__,
                RETRY_AFTER,
            )

    def _recovered(self):
        health = self._health
        with health.lock:
            if health.down_since is None:
                return
            seconds = time.monotonic() - health.down_since
            health.down_since = None
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
        if not self.available():
            return delta
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except Exception as error:
            self._failed("incr", error)
            return delta
