"""The Redis cache fails soft: an outage costs speed, never a 500."""

import logging

import pytest
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.test import override_settings

from publishing import cache_backends
from publishing.cache_backends import FailSoftRedisCache
from tests.publishing.caches import DEAD_CACHES, DEAD_REDIS, FullRedisClient


@pytest.fixture(autouse=True)
def no_outage_seen():
    """The outage state is per process: each test starts as a fresh process would."""
    cache_backends.forget_outages()
    yield
    cache_backends.forget_outages()


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


def test_an_outage_is_logged_once_per_process_whatever_the_threads(caplog):
    """Django gives each thread its own cache object: they share what they know of Redis."""
    import threading

    start = threading.Barrier(6)

    def thread():
        cache = FailSoftRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 0.2}})
        start.wait()
        for _ in range(5):
            cache.get("k")

    with caplog.at_level(logging.WARNING, logger="qoollege.cache"):
        threads = [threading.Thread(target=thread) for _ in range(6)]
        for each in threads:
            each.start()
        for each in threads:
            each.join(10)
    outages = [r for r in caplog.records if "Cache unavailable" in r.getMessage()]
    assert len(outages) == 1


def test_a_full_redis_refuses_writes_but_still_serves_reads(caplog):
    cache = FailSoftRedisCache(DEAD_REDIS, {})
    cache._cache = FullRedisClient()
    cache._cache.stored = {cache.make_and_validate_key("page"): "cached page"}
    with caplog.at_level(logging.WARNING, logger="qoollege.cache"):
        for _ in range(3):
            cache.set("page", "new copy", DEFAULT_TIMEOUT)  # refused, quietly
            assert cache.get("page") == "cached page"  # not an outage: reads go on
    messages = [r.getMessage() for r in caplog.records]
    assert sum("refused" in m for m in messages) == 1
    assert not any("unavailable" in m for m in messages)
    assert cache.available()
