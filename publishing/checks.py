"""System checks run at start-up (`manage.py check`, `runserver`, and `make serve`, which
runs `publishdue` before gunicorn)."""

from django.conf import settings
from django.core import checks
from django.core.cache import caches

# Redis answers writes with an error once it is full under this policy: pages and the
# content version could no longer be stored.
REFUSING_POLICY = "noeviction"
REDIS_ADVICE = (
    "Give Redis a memory limit and an eviction policy, e.g. `maxmemory 256mb` and "
    "`maxmemory-policy allkeys-lru` in redis.conf (README, Caching)."
)


def redis_eviction(app_configs=None, **kwargs):
    """Warn when the shared cache is a Redis that would fill up and refuse writes."""
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return []
    try:
        client = caches["default"]._cache.get_client(write=True)
        config = client.config_get("maxmemory*")
    except Exception as error:  # down, or CONFIG is not allowed (a managed Redis)
        return [
            checks.Warning(
                f"Could not read Redis's memory settings ({type(error).__name__}: {error}).",
                hint="Check them by hand. " + REDIS_ADVICE,
                id="publishing.W003",
            )
        ]
    problems = []
    if int(config.get("maxmemory", 0) or 0) == 0:
        problems.append(
            checks.Warning(
                "Redis has no memory limit (maxmemory 0): a flood of new pages can use "
                "all the server's memory.",
                hint=REDIS_ADVICE,
                id="publishing.W001",
            )
        )
    if config.get("maxmemory-policy", REFUSING_POLICY) == REFUSING_POLICY:
        problems.append(
            checks.Warning(
                "Redis's maxmemory-policy is noeviction: once full it refuses every write, "
                "so new pages and content versions can no longer be cached.",
                hint=REDIS_ADVICE,
                id="publishing.W002",
            )
        )
    return problems
