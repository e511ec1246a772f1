"""
`make resilience`: how the site holds up when it is abused or its services fail.

Serves a checkout (this one, or another given as the first argument, e.g. an older
commit exported with `git archive`, to compare) with gunicorn as `make serve` does, on
copies of one SQLite database with the demo catalogue, and reports each case of issue
#26 in one table:

- a cached guide, plain, with random query strings, with a made-up `sessionid` cookie;
- sign-in protection with Redis down, with Redis full, and across a Redis restart;
- how many times one Redis outage is logged (two workers of two threads each);
- a database that accepts connections and never answers (a TCP stub);
- a SQLite write lock held past the busy timeout, then released;
- two editors (four here) saving the same career at the same instant, on SQLite and,
  when it answers at 127.0.0.1:5432, PostgreSQL;
- a flood of distinct valid addresses (pairs × states) from one client beside visitors
  reading a cached page: their rate, and what the flood added to Redis;
- an edit while Redis is full: how long until the new version is served;
- the database lost, Redis down, a Host with port 99999.

Redis servers of its own are started on free ports (redis-server must be installed);
the shared one is never touched. Only 127.0.0.1 is requested; every wait is bounded.
"""

import http.client
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402
from outages import (  # noqa: E402
    EDITOR_PASSWORD,
    CookieLoad,
    Database,
    Editor,
    FormFields,
    Redis,
    SilentDatabase,
    drop_postgres,
    http_etag,
    postgres_database,
    request,
    states,
)

SECONDS = 4
FLOOD_SECONDS = 30
GUIDE = "/careers/software-developer/"


# Measures ----------------------------------------------------------------------------------


def rate(server, paths):
    numbers = run.python_load(server.port, paths, SECONDS, run.CONNECTIONS)
    return numbers["rps"], numbers["bad"]


def statuses(server, path, count=40, headers=None):
    return dict(Counter(request(server.port, path, headers=headers)[0] for _ in range(count)))


# Sign-in ----------------------------------------------------------------------------------


def forty_wrong_then_right(server):
    editor = Editor(server.port)
    wrong = Counter(editor.sign_in("erin", "wrong password") for _ in range(40))
    right = editor.sign_in("erin", EDITOR_PASSWORD)
    verdict = "signed in: protection off" if right == 302 else "refused: protection held"
    return f"right password → {right} ({verdict})", f"40 wrong: {dict(wrong)}"


# Two editors at once ----------------------------------------------------------------------


def simultaneous_saves(server, slug="plumber", trials=5):
    """Four editors open the same career, then save it at the same instant."""
    editors = [Editor(server.port) for _ in range(4)]
    for editor, name in zip(editors, ("ana", "ben", "cy", "dee"), strict=True):
        if editor.sign_in(name, EDITOR_PASSWORD) != 302:
            return "could not sign in", ""
    _, found = editors[0].open(f"/admin/careers/career/?q={slug}")
    marker = 'href="/admin/careers/career/'
    pk = next(
        part.split("/")[0] for part in found.split(marker)[1:] if part.split("/")[0].isdigit()
    )
    url = f"/admin/careers/career/{pk}/change/"
    single, accepted = 0, 0
    for trial in range(trials):
        forms = []
        for n, editor in enumerate(editors):
            parser = FormFields()
            parser.feed(editor.open(url)[1])
            data = [(k, v) for k, v in parser.data if k != "summary"]
            forms.append(data + [("summary", f"Trial {trial}, editor {n}."), ("_save", "Save")])
        start, results = threading.Barrier(len(editors)), []

        def save(editor, form, start=start, results=results):
            start.wait()
            results.append(editor.open(url, form)[0])

        threads = [
            threading.Thread(target=save, args=pair) for pair in zip(editors, forms, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        wins = results.count(302)
        accepted += wins
        single += wins == 1
    return (
        f"exactly one save won in {single} of {trials} trials",
        f"{accepted} of {trials * len(editors)} saves accepted",
    )


# A database that never answers ------------------------------------------------------------


def timing(results):
    worst = max(seconds for _, seconds, _ in results)
    slow = sum(seconds > 1 for _, seconds, _ in results)
    counts = dict(Counter(status for status, _, _ in results))
    return f"{counts}, slowest {worst:.2f} s, {slow} over 1 s"


def hung_database(database, redis):
    """Pages cached in Redis by a server that had its database; then one whose database
    address is a silent stub, asked for them."""
    prefix = f"res-hung-{os.getpid()}"
    warm = database.serve("hung-warm", REDIS_URL=redis.url, DJANGO_CACHE_PREFIX=prefix)
    try:
        run.warm(warm, GUIDE)
    finally:
        warm.stop()
    stub = SilentDatabase()
    server = database.serve(
        "hung",
        ready="/robots.txt",
        REDIS_URL=redis.url,
        DJANGO_CACHE_PREFIX=prefix,
        DATABASE_URL=f"postgres://postgres@{run.HOST}:{stub.port}/qoollege",
    )
    rows = []
    try:
        rows.append(
            (
                "hung database: cached guide ×10",
                timing([request(server.port, GUIDE) for _ in range(10)]),
                "",
            )
        )
        rows.append(
            (
                "hung database: a page never cached",
                timing([request(server.port, "/careers/actuary/")]),
                "first",
            )
        )
        rows.append(
            (
                "hung database: 8 more pages never cached (2 workers)",
                timing([request(server.port, f"/careers/{slug}/") for slug in database.slugs[:8]]),
                "",
            )
        )
        rows.append(("hung database: /healthz", timing([request(server.port, "/healthz")]), ""))
        client = redis.client()
        for key in client.scan_iter(f"{prefix}:*content-version*"):
            client.delete(key)  # as if it had expired
        rows.append(
            (
                "hung database: cached guide ×10, version no longer in Redis",
                timing([request(server.port, GUIDE) for _ in range(10)]),
                "",
            )
        )
    finally:
        server.stop()
        stub.close()
    return rows


# A SQLite write lock held past the busy timeout --------------------------------------------

LOCK_SECONDS = 22  # the busy timeout is 20 s


def sqlite_lock(database):
    server = database.serve("locks")
    path = run.RESULTS / "locks.sqlite3"
    pairs = [f"/compare/registered-nurse-vs-nurse-practitioner/?place={p}" for p in states()]
    during, after = Counter(), Counter()
    holder = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        started = time.monotonic()

        def reader(paths):
            for p in paths:
                if time.monotonic() - started > LOCK_SECONDS - 1:
                    return
                during[request(server.port, p, timeout=30)[0]] += 1

        threads = [threading.Thread(target=reader, args=(pairs[i:12:6],)) for i in range(6)]
        for thread in threads:
            thread.start()
        time.sleep(LOCK_SECONDS)
        holder.execute("ROLLBACK")
        for thread in threads:
            thread.join(60)
        numbers = run.python_load(server.port, iter(pairs[12:]), 30, 6)
        after.update({200: numbers["requests"] - numbers["bad"], "not 200": numbers["bad"]})
    finally:
        holder.close()
        server.stop()
    return [
        (
            f"SQLite write lock held {LOCK_SECONDS} s: uncached place comparisons meanwhile",
            dict(during),
            "",
        ),
        (
            "SQLite write lock released: uncached place comparisons after",
            dict(after),
            "a restart used to be needed",
        ),
    ]


# A flood of distinct valid addresses --------------------------------------------------------


def flood(database, redis):
    """Visitors read a cached guide; one client (its own address) walks pairs × states."""
    server = database.serve(
        "flood",
        REDIS_URL=redis.url,
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DJANGO_PAGE_MISSES_PER_MINUTE="120",
    )
    rng = random.Random(26)
    slugs, places = database.slugs, states()
    stop, seen = threading.Event(), Counter()

    def flooder():
        conn = http.client.HTTPConnection(run.HOST, server.port, timeout=30)
        while not stop.is_set():
            a, b = sorted(rng.sample(slugs, 2))
            path = f"/compare/{a}-vs-{b}/?place={rng.choice(places)}"
            try:
                conn.request("GET", path, headers={"X-Forwarded-For": "203.0.113.66"})
                response = conn.getresponse()
                response.read()
                seen[response.status] += 1
            except (OSError, http.client.HTTPException):
                seen["error"] += 1
                conn.close()
        conn.close()

    try:
        run.warm(server, GUIDE)
        alone = rate(server, iter(lambda: GUIDE, None))
        memory = redis.used()
        threads = [threading.Thread(target=flooder) for _ in range(4)]
        for thread in threads:
            thread.start()
        # Visitors beside the flood from its start, then once it has used up its renders.
        first = rate(server, iter(lambda: GUIDE, None))
        started = time.monotonic()
        while not seen[429] and time.monotonic() - started < FLOOD_SECONDS:
            time.sleep(0.2)
        capped = rate(server, iter(lambda: GUIDE, None))
        stop.set()
        for thread in threads:
            thread.join(60)
        grown = redis.used()
    finally:
        server.stop()
    added = (grown[0] - memory[0]) / 1024
    return [
        ("cached guide, alone (Redis)", f"{alone[0]:,.0f} req/s", ""),
        (
            "cached guide, beside a flood of distinct valid addresses: its first seconds",
            f"{first[0]:,.0f} req/s ({first[0] / alone[0]:.2f}× alone)",
            "4 connections from one address, pairs × states",
        ),
        (
            "cached guide, beside the flood once it is capped",
            f"{capped[0]:,.0f} req/s ({capped[0] / alone[0]:.2f}× alone)",
            f"flood answered {dict(seen)}",
        ),
        ("Redis grown by the flood", f"{added:,.0f} KB, {grown[1] - memory[1]:,} keys", ""),
    ]


# An edit while Redis is full ----------------------------------------------------------------


EDIT_ON_CUE = (
    "import sys; from publishing import versions; print('ready', flush=True); "
    "sys.stdin.readline(); versions.bump()"
)


def edit_with_redis_full(database):
    redis = Redis(maxmemory="8mb", policy="noeviction")
    server = database.serve("full-edit", REDIS_URL=redis.url)
    # Another app server, ready to save an edit (bump the content version) on cue.
    editor = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", EDIT_ON_CUE],
        cwd=database.root,
        env=server.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # Full, but with room for the version and the page this server writes now; then
        # full again, and the edit right after.
        assert editor.stdout.readline().strip() == "ready"
        redis.fill()
        redis.free(256 * 1024)
        run.warm(server, GUIDE)
        etag = http_etag(server.port, GUIDE)
        redis.fill()
        editor.communicate("go\n", timeout=60)
        saved, seconds = time.monotonic(), None
        while time.monotonic() - saved < 20:
            if http_etag(server.port, GUIDE) != etag:
                seconds = time.monotonic() - saved
                break
            time.sleep(0.05)
    finally:
        if editor.poll() is None:
            editor.kill()
        server.stop()
        redis.stop()
    shown = "not within 20 s" if seconds is None else f"after {seconds:.2f} s"
    return [("Redis full: an edit on another server shown", shown, "")]


# The run -------------------------------------------------------------------------------------


def basics(database):
    rng = random.Random(1)
    server = database.serve("resilience")
    try:
        run.warm(server, GUIDE)
        plain = rate(server, iter(lambda: GUIDE, None))
        junk = rate(server, (f"{GUIDE}?utm_source={rng.getrandbits(40):x}" for _ in range(10**6)))
        with CookieLoad("sessionid=garbage-matching-no-session"):
            cookie = rate(server, iter(lambda: GUIDE, None))
        rows = [
            ("cached guide", f"{plain[0]:,.0f} req/s", f"{plain[1]} not 200"),
            ("random-query flood", f"{junk[0]:,.0f} req/s", f"{junk[1]} not 200"),
            ("made-up session cookie", f"{cookie[0]:,.0f} req/s", f"{cookie[1]} not 200"),
            ("Host: 127.0.0.1:99999", statuses(server, GUIDE, 3, {"Host": "127.0.0.1:99999"}), ""),
        ]
        rows.append(("two editors' simultaneous saves (SQLite)", *simultaneous_saves(server)))
        # The database is lost: its file replaced by an empty one.
        run.warm(server, GUIDE)
        path = run.RESULTS / "resilience.sqlite3"
        path.rename(path.with_suffix(".lost"))
        time.sleep(1.5)
        rows += [
            ("database lost: cached guide", statuses(server, GUIDE), ""),
            ("database lost: uncached page", statuses(server, "/careers/actuary/", 10), ""),
            ("database lost: /healthz", statuses(server, "/healthz", 5), ""),
        ]
    finally:
        server.stop()
    return rows


def redis_down(database):
    server = database.serve("redis-down", REDIS_URL="redis://127.0.0.1:1/0")
    try:
        rows = [
            ("Redis down: guide", statuses(server, GUIDE, 20), ""),
            ("Redis down: careers index", statuses(server, "/careers/", 20), ""),
            ("Redis down: /healthz", statuses(server, "/healthz", 5), ""),
            ("Redis down: sign-in", *forty_wrong_then_right(server)),
        ]
        run.python_load(server.port, iter(lambda: "/careers/", None), 2, 8)
    finally:
        server.stop()
    logged = server.log_path.read_text().count("Cache unavailable")
    rows.append(("Redis down: outage warnings logged (2 workers × 2 threads)", logged, ""))
    return rows


def redis_full_sign_in(database):
    redis = Redis(maxmemory="8mb", policy="noeviction")
    server = database.serve("redis-full", REDIS_URL=redis.url)
    try:
        redis.fill()
        return [("Redis full: sign-in", *forty_wrong_then_right(server))]
    finally:
        server.stop()
        redis.stop()


def lock_across_restart(database):
    redis = Redis()
    server = database.serve("redis-restart", REDIS_URL=redis.url)
    try:
        editor = Editor(server.port)
        before = [editor.sign_in("erin", "wrong password") for _ in range(5)]
        redis.restart()
        time.sleep(6)  # past the fail-soft backend's retry time
        after = Editor(server.port).sign_in("erin", EDITOR_PASSWORD)
    finally:
        server.stop()
        redis.stop()
    held = "lock held" if after == 429 else "lock lost"
    return [
        ("Redis restarted after a lock: right password", f"{after} ({held})", f"5 wrong: {before}")
    ]


def postgres_saves(database):
    found = postgres_database(database.root, database.env)
    if found is None:
        return [("two editors' simultaneous saves (PostgreSQL)", "PostgreSQL not reachable", "")]
    name, env = found
    server = run.Server(
        "postgres", {**env, "DJANGO_CACHE_PREFIX": f"res-pg-{os.getpid()}"}, root=database.root
    )
    try:
        server.start()
        return [("two editors' simultaneous saves (PostgreSQL)", *simultaneous_saves(server))]
    finally:
        server.stop()
        drop_postgres(name)


def restore_without_a_terminal(database):
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(run.RESULTS / "no-such-snapshot.json.gz")],
        cwd=database.root,
        env={**database.env_for(database.copy("restore"))},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    said = (result.stderr.strip().splitlines() or [""])[-1][:110]
    return [("manage.py restore without a terminal", f"exit {result.returncode}", said)]


CASES = [
    "basics",
    "redis_down",
    "redis_full_sign_in",
    "lock_across_restart",
    "hung_database",
    "sqlite_lock",
    "flood",
    "edit_with_redis_full",
    "postgres_saves",
    "restore_without_a_terminal",
]


def main():
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else run.ROOT
    chosen = (
        os.environ.get("RESILIENCE_CASES", "").split(",")
        if os.environ.get("RESILIENCE_CASES")
        else CASES
    )
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    database = Database(root)
    results = []
    for name in CASES:
        if name not in chosen:
            continue
        case = globals()[name]
        if name in ("hung_database", "flood"):
            redis = Redis(maxmemory="256mb", policy="allkeys-lru")
            try:
                results += case(database, redis)
            finally:
                redis.stop()
        else:
            results += case(database)
    print(f"Checkout: {root}")
    print("| case | result | notes |\n|---|---|---|")
    for case, result, note in results:
        print(f"| {case} | {result} | {note} |")


if __name__ == "__main__":
    main()
