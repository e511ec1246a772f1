"""
Where a first render's time goes: each page of bench/run.py's FIRST_RENDER rendered on a
page-cache miss in this one process (DEBUG off, the project's settings), N times.

    .venv/bin/python bench/profile_pages.py                  # the worktree's db.sqlite3
    .venv/bin/python bench/profile_pages.py --catalogue large  # bench/results/profile-large.sqlite3
    .venv/bin/python bench/profile_pages.py --profile /tmp/p --top 25 --only /compare/

Prints, per page, the median milliseconds of a miss (the whole request through the
middleware, as gunicorn's access log times it), the median CPU time of this process
during it (SQLite runs in the process: steadier than the wall clock on a busy machine)
and its number of queries. With --profile
it also writes PATH-<n>.prof per page (cProfile) and prints the top cumulative entries.
`--catalogue large` builds the 5,000-career synthetic catalogue first if its file is
missing (`synthcatalog`, as bench/run.py does; a few minutes).

Every sample clears the cache first (the page entries and the copy of the content
version), so the page renders as it would right after a new content version.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

LARGE = ROOT / "bench" / "results" / "profile-large.sqlite3"
# pstats restriction: functions outside site-packages, the profiler and this script.
PROJECT = r"^(?!.*(site-packages|profile_pages|\{|<))"
SYNTH = ["--careers", "5000", "--comparisons", "20000", "--seed", "1", "--profiles"]


def build_large(env):
    LARGE.parent.mkdir(exist_ok=True)
    for args in (
        ["migrate", "--no-input", "-v0"],
        ["loadcatalog", "-v0"],
        ["synthcatalog", *SYNTH],
    ):
        print("manage.py", *args, flush=True)
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalogue", choices=["demo", "large"], default="demo")
    parser.add_argument("-n", "--samples", type=int, default=7)
    parser.add_argument("--profile", metavar="PATH", help="write and summarise cProfile runs")
    parser.add_argument("--top", type=int, default=30, help="profile entries shown per page")
    parser.add_argument("--only", help="only the pages whose path contains this text")
    parser.add_argument("--save-html", metavar="DIR", help="write each page's HTML there")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SECRET_KEY", "profile-only-insecure-key")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SITE_URL", "http://127.0.0.1")
    os.environ["DJANGO_PAGE_MISSES_PER_MINUTE"] = "0"
    os.environ.pop("REDIS_URL", None)  # the local-memory cache: clear() empties it all
    if args.catalogue == "large":
        os.environ["DATABASE_URL"] = f"sqlite:///{LARGE}"
        if not LARGE.exists():
            build_large(dict(os.environ))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qoollege.settings")

    import django

    django.setup()
    import logging

    logging.getLogger("qoollege.requests").setLevel(logging.WARNING)  # one line a request
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from run import FIRST_RENDER

    pages = [p for p in FIRST_RENDER if not args.only or args.only in p]
    client = Client(HTTP_HOST="127.0.0.1")

    def miss(path):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if response.headers.get("X-Cache") != "miss":
            raise SystemExit(f"{path} was not a miss: X-Cache {response.headers.get('X-Cache')}")
        return response

    for path in pages:  # warm up: imports, template loading, connection
        cache.clear()
        miss(path)

    print(f"catalogue: {args.catalogue}; {args.samples} samples a page (median ms of a miss)")
    print(f"{'page':<75} {'ms':>7} {'cpu ms':>7} {'queries':>7} {'KB':>6}")
    for number, path in enumerate(pages, 1):
        times, cpu = [], []
        for _ in range(args.samples):
            cache.clear()
            started, used = time.perf_counter(), time.process_time()
            miss(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = miss(path)
        size = len(response.content) / 1024
        print(
            f"{path:<75} {statistics.median(times):7.1f} {statistics.median(cpu):7.1f}"
            f" {len(queries):7d} {size:6.1f}"
        )
        if args.save_html:
            out = Path(args.save_html)
            out.mkdir(parents=True, exist_ok=True)
            name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            (out / f"{name}.html").write_bytes(response.content)
        if args.profile:
            profiler = cProfile.Profile()
            for _ in range(args.samples):
                cache.clear()
                profiler.enable()
                miss(path)
                profiler.disable()
            target = f"{args.profile}-{number}.prof"
            profiler.dump_stats(target)
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text)
            # The project's own functions by cumulative time, then everything by own time.
            stats.sort_stats("cumulative").print_stats(PROJECT, args.top)
            stats.sort_stats("tottime").print_stats(args.top // 2)
            print(f"--- {path} ({target}, {args.samples} renders)")
            lines = text.getvalue().splitlines()
            print("\n".join(line for line in lines if line.strip() and "/" in line))


if __name__ == "__main__":
    main()
