"""
`make load`: the site as `make serve` runs it (gunicorn, 2 workers, DEBUG off) on the demo
catalogue, under 64 concurrent connections for 30 seconds on a mix of pages (guides,
comparisons cached and cold, indexes, search, sitemaps, health). It reports the figures and
fails if any request errs or answers 5xx. Loopback only; bounded in time.
"""

import os
import random
import sys
from collections import Counter

import run  # the benchmark's server, database and wrk helpers (bench/run.py)

CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "64"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "30"))
NAME = "load"


def mix():
    careers, curated, _ = run.catalogue_facts(NAME)
    cold, _ = run.cold_paths(NAME, 3000)
    rng = random.Random("load-mix")
    pages = ["/", "/careers/", "/careers/?category=healthcare&sort=pay", "/compare/"]
    pages += [f"/careers/{slug}/" for slug in careers.values()]
    pages += curated
    pages += ["/search/?q=engineer", "/search/?q=nurse", "/sitemap.xml", "/healthz"]
    paths = [rng.choice(pages) for _ in range(3000)]
    # One request in four renders a comparison nobody asked for yet.
    paths[::4] = cold[: len(paths[::4])]
    return paths


def main():
    if not run.WRK:
        sys.exit("make load needs wrk: apt-get install -y wrk")
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    env = run.db_env(run.base_env(), NAME)
    path = run.RESULTS / f"{NAME}.sqlite3"
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    run.manage(env, "migrate", "--no-input", "-v0")
    run.manage(env, "loadcatalog", "-v0")
    run.manage(env, "collectstatic", "--no-input", "-v0")
    server = run.Server(NAME, env).start()
    try:
        run.CONNECTIONS = CONNECTIONS
        result = run.load(server, walk=mix(), seconds=SECONDS)
    finally:
        server.stop()
    statuses = Counter(result["statuses"])
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    print(
        f"{CONNECTIONS} connections, {SECONDS} s: {result['requests']} requests, "
        f"{result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms"
    )
    print(f"statuses logged by the server: {dict(sorted(statuses.items()))}")
    print(
        f"errors: {result['socket_errors']} socket errors, {result['bad']} non-2xx/3xx "
        f"responses, {server_errors} 5xx"
    )
    if result["socket_errors"] or result["bad"] or server_errors:
        sys.exit("FAIL: the site did not answer every request cleanly under load")
    print("PASS: zero errors, zero 5xx")


if __name__ == "__main__":
    main()
