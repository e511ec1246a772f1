"""The Redis cache fails soft: an outage costs speed, never a 500."""

import logging

import pytest
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.test import override_settings

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


def test_every_operation_answers_as_a_miss_and_logs_once(caplog):
    cache = FailSoftRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 0.2}})
    with caplog.at_level(logging.WARNING, logger="qoollege.cache"):
        assert cache.get("k") is None
        assert cache.get("k", "fallback") == "fallback"
        cache.set("k", "v", DEFAULT_TIMEOUT)
        assert cache.add("k", "v") is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.incr("k") == 1
        cache.delete("k")
    outages = [r for r in caplog.records if "Cache unavailable" in r.getMessage()]
    assert len(outages) == 1


@pytest.mark.usefixtures("catalog")
def test_pages_render_while_redis_is_down(client):
    with override_settings(CACHES=DEAD_CACHES):
        for path in ["/", "/careers/", "/careers/registered-nurse/", "/compare/"]:
            response = client.get(path)
            assert response.status_code == 200, path
        health = client.get("/healthz")
        assert health.status_code == 200
        assert health.json()["checks"]["cache"] == "unavailable"
        assert health.json()["status"] == "degraded"
