"""
`make resilience`: how the site holds up when it is abused or its services fail.

Serves a checkout (this one, or another given as the first argument, e.g. an older
commit in a git worktree, to compare) with gunicorn as `make serve` does, on its own
SQLite database with the demo catalogue, and measures side by side in one run:

- a cached guide, plain, then with random query strings (a flood of `?utm_…` junk),
  then with a made-up `sessionid` cookie: requests per second;
- the same pages with REDIS_URL pointing at a port where nothing listens (Redis down):
  the status codes;
- the cached guide, an uncached page and /healthz after the database file is replaced by
  an empty one (the database lost): the status codes.

Only 127.0.0.1 is requested; every loop is bounded in time.
"""

import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402

SECONDS = 4
GUIDE = "/careers/software-developer/"


def rate(server, paths, headers=None):
    numbers = run.python_load(server.port, paths, SECONDS, run.CONNECTIONS)
    return numbers["rps"], numbers["bad"]


def statuses(server, path, count=40):
    seen = Counter(run.get(server.port, path)[0] for _ in range(count))
    return dict(seen)


class CookieLoad:
    """python_load with a Cookie header: patch http.client for the duration."""

    def __init__(self, cookie):
        self.cookie = cookie

    def __enter__(self):
        import http.client

        self.original = http.client.HTTPConnection.request
        cookie = self.cookie

        def request(conn, method, url, body=None, headers=None, **kwargs):
            headers = {**(headers or {}), "Cookie": cookie}
            return self.original(conn, method, url, body, headers, **kwargs)

        http.client.HTTPConnection.request = request

    def __exit__(self, *exc):
        import http.client

        http.client.HTTPConnection.request = self.original


def serve(root, name, **extra):
    env = {**run.db_env(run.base_env(), name), **extra}
    path = run.RESULTS / f"{name}.sqlite3"
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    run.manage(env, "migrate", "--no-input", "-v0", root=root)
    run.manage(env, "loadcatalog", "-v0", root=root)
    run.manage(env, "collectstatic", "--no-input", "-v0", root=root)
    return run.Server(name, env, root=root).start(), path


def main():
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else run.ROOT
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    results = []
    server, db_path = serve(root, "resilience")
    try:
        run.warm(server, GUIDE)
        plain = rate(server, iter(lambda: GUIDE, None))
        flood = rate(server, (f"{GUIDE}?utm_source={rng.getrandbits(40):x}" for _ in range(10**6)))
        with CookieLoad("sessionid=garbage-matching-no-session"):
            cookie = rate(server, iter(lambda: GUIDE, None))
        results += [
            ("cached guide", f"{plain[0]:,.0f} req/s", f"{plain[1]} not 200"),
            ("random-query flood", f"{flood[0]:,.0f} req/s", f"{flood[1]} not 200"),
            ("made-up session cookie", f"{cookie[0]:,.0f} req/s", f"{cookie[1]} not 200"),
        ]
        # The database is lost: its file replaced by an empty one.
        run.warm(server, GUIDE)
        db_path.rename(db_path.with_suffix(".lost"))
        time.sleep(1.5)
        results += [
            ("database lost: cached guide", statuses(server, GUIDE), ""),
            ("database lost: uncached page", statuses(server, "/careers/actuary/", 10), ""),
            ("database lost: /healthz", statuses(server, "/healthz", 5), ""),
        ]
    finally:
        server.stop()
    down, _ = serve(root, "resilience-redis", REDIS_URL="redis://127.0.0.1:1/0")
    try:
        results += [
            ("Redis down: guide", statuses(down, GUIDE, 20), ""),
            ("Redis down: careers index", statuses(down, "/careers/", 20), ""),
            ("Redis down: /healthz", statuses(down, "/healthz", 5), ""),
        ]
    finally:
        down.stop()
    print(f"Checkout: {root}")
    print("| scenario | result | notes |\n|---|---|---|")
    for scenario, result, note in results:
        print(f"| {scenario} | {result} | {note} |")


if __name__ == "__main__":
    main()
