"""Cache backends that fail the way Redis does, for override_settings(CACHES=…)."""

from publishing.cache_backends import FailSoftRedisCache

# Nothing listens on port 1: every connection is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"
DEAD_CACHES = {
    "default": {
        "BACKEND": "publishing.cache_backends.FailSoftRedisCache",
        "LOCATION": DEAD_REDIS,
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


class FullRedisClient:
    """Redis under `maxmemory-policy noeviction`: while `full`, what it holds is read back
    and every write is refused (deleting still works, as it frees memory)."""

    stored = {}
    full = True

    def get(self, key, default=None):
        return self.stored.get(key, default)

    def get_many(self, keys):
        return {key: self.stored[key] for key in keys if key in self.stored}

    def delete(self, key):
        return self.stored.pop(key, None) is not None

    def _refuse(self):
        from redis.exceptions import ResponseError

        if self.full:
            raise ResponseError("OOM command not allowed when used memory > 'maxmemory'.")

    def set(self, key, value, timeout):
        self._refuse()
        self.stored[key] = value

    def add(self, key, value, timeout):
        self._refuse()
        return self.stored.setdefault(key, value) is value

    def incr(self, key, delta):
        self._refuse()
        if key not in self.stored:
            raise ValueError(f"Key {key!r} not found.")
        self.stored[key] += delta
        return self.stored[key]


class FullRedisCache(FailSoftRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._cache = FullRedisClient()


FULL_CACHES = {
    "default": {"BACKEND": "tests.publishing.caches.FullRedisCache", "LOCATION": "full-redis"}
}
