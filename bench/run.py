"""
The benchmark behind BENCHMARKS.md (`make bench`).

It builds two SQLite databases of its own under bench/results/ ("demo": the shipped
catalogue; "large": the demo plus 5,000 synthetic careers and 20,000 comparisons), serves
each with gunicorn exactly as `make serve` does, and measures both side by side in one run:
/healthz (the floor), a cached comparison, cold comparisons (pages never requested before),
a guide with its map of pay by state, a state pay page and the careers index; then the first
render of a few pages, among them a guide with and without its map and a state page. It
prints one Markdown table, the peak memory of each worker and the target checks (the three
of the page cache, and those of pay where you live), and writes the same into BENCHMARKS.md.

Moves and fit (issue 24) have rows of their own: the server time of a first render (gunicorn's
access-log milliseconds, median of a few samples) and the SQL queries of one render, at both
catalogues, against ≤ 100 ms and ≤ 10 queries. The large catalogue's synthetic careers get
O*NET profiles (`synthcatalog --profiles`), so that moves and fit rank them too.

Options: `--only moves-fit` measures those rows alone (with the first render of the guide
without a map, a row of the full run, for ratios), `--only place-variants` a comparison's
place variants; each prints them and leaves BENCHMARKS.md as it is. `--reuse-databases`
serves the databases an earlier run built in bench/results/ instead of building them again.

The load generator is wrk when installed, else a small Python client (threads and
http.client). Only 127.0.0.1 is ever requested. Settings (environment):

    BENCH_SECONDS       seconds of load per page and catalogue (default 10), split in rounds
    BENCH_ROUNDS        rounds of every measurement (default 3), see METHOD below
    BENCH_CONNECTIONS   concurrent connections (default 8)
    BENCH_THREADS       wrk threads (default 2)
    BENCH_COLD_SAMPLES  distinct first-hit comparisons timed one after another (default 150)
    BENCH_PYTHON_CLIENT set to 1 to use the Python client even when wrk is installed

Exits non-zero only when the benchmark itself could not run, never on a missed target.
"""

import argparse
import datetime
import http.client
import importlib.metadata
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "3")))
ROUND_SECONDS = max(1, round(SECONDS / ROUNDS))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
COLD_SAMPLES = int(os.environ.get("BENCH_COLD_SAMPLES", "150"))
WRK = None if os.environ.get("BENCH_PYTHON_CLIENT") == "1" else shutil.which("wrk")
# As `make serve` runs gunicorn (the Makefile's WORKERS and THREADS).
WORKERS = 2
SERVER_THREADS = 2
# The same access log as `make serve`: the status and the server-side time of each request.
LOG_FORMAT = "%(m)s %(U)s%(q)s %(s)s %(M)sms"

CATALOGUES = {
    "demo": [],
    "large": ["--careers", "5000", "--comparisons", "20000", "--seed", "1", "--profiles"],
}
CACHED_COMPARISON = "/compare/devops-engineer-vs-mlops-engineer/"
GUIDE = "/careers/software-developer/"
INDEX = "/careers/"
# Pay where you live: a guide with its map of pay by state, and a state page.
GUIDE_WITH_MAP = "/careers/registered-nurse/"
STATE_PAGE = "/careers/registered-nurse/pay/california/"
# A guide as guides were before pay by state: no SOC code, so no map (the baseline).
GUIDE_WITHOUT_MAP = "/careers/devops-engineer/"
# Pages whose first render (a page-cache miss) is timed on its own, a few times each.
FIRST_RENDER = [
    "/",
    "/careers/",
    "/careers/software-developer/",
    GUIDE_WITHOUT_MAP,
    GUIDE_WITH_MAP,
    STATE_PAGE,
    "/careers/?state=california&sort=pay",
    "/compare/registered-nurse-vs-nurse-practitioner/?place=california",
    # A shortlist of three (issue 24: ≤ 100 ms at the full catalogue).
    "/compare/registered-nurse-vs-physician-assistant-vs-nurse-practitioner/",
    "/compare/",
    "/search/?q=analyst",
]
FIRST_RENDER_SAMPLES = 5
# A comparison's place variants (issue 26): the first renders the pair's page around its
# place, the others only their place. Server time of each, after a new content version.
PLACE_PAIR = "/compare/registered-nurse-vs-nurse-practitioner/"
PLACES = ["california", "texas", "ohio", "oregon", "florida", "georgia", "arizona", "utah"]
TARGET_PLACE_VARIANT_RATIO = 0.5
# Moves and fit (issue 24): first render ≤ 100 ms of server time and ≤ 10 queries at both
# catalogues. Fit answers: hands-on repair work, yes; desk work, no.
FIT_ANSWERS = "fix=5&build=5&circuits=4&active=4&inspect=4&paperwork=1&persuade=1&write=1"
MOVES_FIT = [
    "/careers/electrician/moves/",
    "/careers/electrician/moves/?state=texas&growing=1",
    "/careers/registered-nurse/moves/",
    f"/fit/?{FIT_ANSWERS}",
    f"/fit/?{FIT_ANSWERS}&state=texas&education=high-school&pay=40000",
    f"/fit/?{FIT_ANSWERS}&compare=electrician-vs-carpenter",
]
TARGET_MOVES_FIT_MS = 100
TARGET_MOVES_FIT_QUERIES = 10
# Search as you type: every keystroke of these, as the header search and the picker send
# them (htmx, one after another), with typos and words of the synthetic catalogue too.
TYPED = [
    "nursing",
    "registered nurse",
    "electrician",
    "data scientist",
    "software developer",
    "doctor",
    "cpa",
    "sre",
    "registred nurse",
    "electrision",
    "supply chain analyst",
    "regional logistics planner",
]
TARGET_TYPING_MS = 20

TARGET_CACHED_RATIO = 0.90
TARGET_FLOOD_RATIO = 0.80
TARGET_COLD_GROWTH = 1.5
TARGET_RSS_MB = 100
# `make serve` in this checkout with nothing changed: seconds until its first page answers.
TARGET_SERVE_START_S = 5
# A guide with its map and a state page: first render ≤ 1.5 × the guide without a map at
# demo size, and ≤ 1.5 × their own demo time at 5,000 careers; a guide with its map ≤ 60 KB.
TARGET_PAY_PAGES_RATIO = 1.5
TARGET_GUIDE_WITH_MAP_KB = 60


class BenchError(Exception):
    """The benchmark could not run (as opposed to a target being missed)."""


def say(text=""):
    print(text, flush=True)


# Databases ---------------------------------------------------------------------------------


def base_env():
    env = dict(os.environ)
    key_file = ROOT / ".secret-key"
    key = key_file.read_text().strip() if key_file.exists() else secrets.token_urlsafe(50)
    env.update(DJANGO_SECRET_KEY=key, DJANGO_DEBUG="false", DJANGO_SITE_URL="http://127.0.0.1")
    # Every request comes from 127.0.0.1: the per-client cap on renders (publishing.throttle)
    # would answer the cold pages with 429. bench/resilience.py measures the cap itself.
    env["DJANGO_PAGE_MISSES_PER_MINUTE"] = "0"
    return env


def db_env(env, name):
    path = RESULTS / f"{name}.sqlite3"
    # A shared Redis (REDIS_URL) must not hand one catalogue's pages to the other.
    prefix = f"bench-{name}-{os.getpid()}"
    return {**env, "DATABASE_URL": f"sqlite:///{path}", "DJANGO_CACHE_PREFIX": prefix}


def manage(env, *args, root=ROOT):
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stderr}{result.stdout}")
    return result.stdout.strip(), time.perf_counter() - started


def build_databases(env, reuse=False):
    notes = {}
    for name, synth in CATALOGUES.items():
        path = RESULTS / f"{name}.sqlite3"
        if reuse and path.exists():
            say(f"Reusing the {name} database ({path.relative_to(ROOT)}).")
            notes[name] = f"{name}: reused from an earlier run"
            continue
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        menv = db_env(env, name)
        say(f"Building the {name} database ({path.relative_to(ROOT)})…")
        manage(menv, "migrate", "--no-input", "-v0")
        manage(menv, "loadcatalog", "-v0")
        if synth:
            output, wall = manage(menv, "synthcatalog", *synth)
            notes[name] = f"`synthcatalog {' '.join(synth)}`: {output} (wall time {wall:.1f} s)"
            say(f"  {output} Wall time with start-up: {wall:.1f} s.")
    return notes


def catalogue_facts(name):
    """Published careers, and comparison paths in their canonical order (as the site links)."""
    uri = f"file:{RESULTS / f'{name}.sqlite3'}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        careers = dict(db.execute("SELECT id, slug FROM careers_career WHERE is_published"))
        rows = db.execute(
            "SELECT career_a_id, career_b_id, is_published FROM comparisons_comparison"
        )
        curated, any_comparison = [], set()
        for a, b, published in rows:
            any_comparison.add(frozenset((a, b)))
            if published and a in careers and b in careers:
                curated.append(f"/compare/{careers[a]}-vs-{careers[b]}/")
    return careers, curated, any_comparison


def cold_paths(name, length):
    """
    `length` comparison paths, each requested once: distinct pairs (curated ones in their
    stored order, uncurated ones in alphabetical order, as the site links them). The demo
    has fewer pairs than that: when they run out, run_rounds starts a new content version,
    so that every page is a first hit again.
    """
    rng = random.Random(f"cold-{name}")
    careers, curated, taken = catalogue_facts(name)
    ids = sorted(careers)
    paths = []
    if len(ids) <= 200:  # every pair of a small catalogue
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if frozenset((a, b)) not in taken:
                    paths.append("/compare/{}-vs-{}/".format(*sorted([careers[a], careers[b]])))
        paths += curated
    else:  # half curated, half pairs nobody curated
        paths += rng.sample(curated, min(len(curated), length // 2))
        seen = set(taken)
        while len(paths) < length:
            a, b = rng.sample(ids, 2)
            if frozenset((a, b)) not in seen:
                seen.add(frozenset((a, b)))
                paths.append("/compare/{}-vs-{}/".format(*sorted([careers[a], careers[b]])))
    paths = [p for p in paths if p != CACHED_COMPARISON]
    rng.shuffle(paths)
    return paths[:length], len(paths[:length])


# Servers -----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn as `make serve` runs it, in its own process group, on a free port."""

    ready_path = "/healthz"  # started when this answers 200

    def __init__(self, name, env, root=ROOT):
        self.name = name
        self.env = env
        self.root = root
        self.port = free_port()
        self.log_path = RESULTS / f"gunicorn-{name}.log"
        self.process = self.log = None

    def start(self):
        self.log = open(self.log_path, "w")  # closed in stop()
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "qoollege.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(WORKERS),
                "--access-logfile",
                "-",
                "--access-logformat",
                LOG_FORMAT,
                # Two servers run at once: keep them off the shared default control socket
                # (and off that of a `make serve` the developer may have running).
                "--no-control-socket",
                "--worker-class",
                "gthread",
                "--threads",
                str(SERVER_THREADS),
            ],
            cwd=self.root,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn ({self.name}) exited; see {self.log_path}")
            booted = len(self.workers()) == WORKERS or not Path("/proc").is_dir()
            if booted and get(self.port, self.ready_path)[0] == 200:
                return self
            time.sleep(0.2)
        raise BenchError(f"gunicorn ({self.name}) did not answer {self.ready_path} within 60 s")

    def workers(self):
        if self.process is None or not Path("/proc").is_dir():
            return []
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit() and proc_status(entry, "PPid") == self.process.pid:
                pids.append(int(entry))
        return sorted(pids)

    def log_offset(self):
        self.log.flush()
        return self.log_path.stat().st_size

    def log_since(self, offset):
        """(status counts, server-side milliseconds) of the requests logged since offset."""
        with open(self.log_path, "rb") as handle:
            handle.seek(offset)
            lines = handle.read().decode("utf-8", "replace").splitlines()
        statuses, times = Counter(), []
        for line in lines:
            match = re.match(r"^GET \S+ (\d{3}) (\d+)ms$", line)
            if match:
                statuses[int(match.group(1))] += 1
                times.append(int(match.group(2)))
        return statuses, times

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        if self.log is not None:
            self.log.close()


def proc_status(pid, field):
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+)", text, re.M)
    return int(match.group(1)) if match else None


# Load generators ---------------------------------------------------------------------------


def get(port, path, timeout=30):
    """One GET on a fresh connection: (status, seconds, bytes)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, len(body)
    except (OSError, http.client.HTTPException):
        return None, time.perf_counter() - started, 0
    finally:
        conn.close()


def percentile(values, pct):
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def python_load(port, paths, seconds, connections, limit=200_000):
    """
    `connections` threads, each with its own connection, for `seconds` or until `paths`
    (an iterable) runs out or `limit` requests are made: req/s, p50 and p99 in ms.
    """
    source = iter(paths)
    lock = threading.Lock()
    latencies, statuses = [], Counter()
    issued = 0
    deadline = time.perf_counter() + seconds

    def next_path():
        nonlocal issued
        with lock:
            if issued >= limit or time.perf_counter() >= deadline:
                return None
            issued += 1
            return next(source, None)

    def client():
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine, seen = [], Counter()
        while (path := next_path()) is not None:
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                seen[response.status] += 1
                mine.append(time.perf_counter() - started)
            except (OSError, http.client.HTTPException):
                seen["error"] += 1
                conn.close()
        conn.close()
        with lock:
            latencies.extend(mine)
            statuses.update(seen)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 50) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "requests": len(latencies),
        "bad": sum(n for status, n in statuses.items() if status != 200),
        "latencies": latencies,
        "elapsed": elapsed,
    }


DURATION = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(text):
    def latency(pct):
        match = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        if not match:
            raise BenchError(f"could not read the {pct}% latency from wrk:\n{text}")
        return float(match.group(1)) * DURATION[match.group(2)]

    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    count = re.search(r"^\s*(\d+) requests in", text, re.M)
    if not (rps and count):
        raise BenchError(f"could not read wrk's output:\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return {
        "rps": float(rps.group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "requests": int(count.group(1)),
        "bad": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


WRK_WALK = """
-- Each wrk thread walks its own share of a list of distinct paths: request k of thread t
-- is paths[t + k * threads], so no path is requested twice until the list runs out.
local paths = {%(paths)s}
local threads = %(threads)d
local counter = 0
function setup(thread)
  thread:set("first", counter)
  counter = counter + 1
end
local next_index = nil
function request()
  if next_index == nil then next_index = first end
  local path = paths[(next_index %% #paths) + 1]
  next_index = next_index + threads
  return wrk.format("GET", path)
end
"""


def run_wrk(port, path=None, walk=None, seconds=ROUND_SECONDS):
    command = [WRK, "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{seconds}s"]
    command += ["--timeout", "10s", "--latency"]
    script = RESULTS / f"walk-{port}.lua"
    if walk is not None:
        listed = ",\n".join(f'"{p}"' for p in walk)
        script.write_text(WRK_WALK % {"paths": listed, "threads": THREADS})
        command += ["-s", str(script)]
        path = "/"
    try:
        result = subprocess.run(
            [*command, f"http://{HOST}:{port}{path}"],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"wrk did not finish within {seconds + 60} s") from None
    finally:
        script.unlink(missing_ok=True)
    if result.returncode:
        raise BenchError(f"wrk failed:\n{result.stderr}{result.stdout}")
    return parse_wrk(result.stdout)


def load(server, path=None, walk=None, seconds=ROUND_SECONDS):
    """One bounded measurement; the server's own log adds its status counts and times."""
    offset = server.log_offset()
    if WRK:
        numbers = run_wrk(server.port, path=path, walk=walk, seconds=seconds)
    else:
        paths = walk if walk is not None else iter(lambda: path, None)
        numbers = python_load(server.port, paths, seconds, CONNECTIONS)
    time.sleep(0.3)  # let the access log catch up
    numbers["statuses"], numbers["server_ms"] = server.log_since(offset)
    if walk is not None and numbers["requests"] > len(walk):
        numbers["wrapped"] = numbers["requests"] - len(walk)
    return numbers


def sequential(server, paths):
    """Each path requested once, one after another, on one connection."""
    offset = server.log_offset()
    numbers = python_load(server.port, paths, seconds=120, connections=1)
    time.sleep(0.3)
    numbers["statuses"], numbers["server_ms"] = server.log_since(offset)
    return numbers


SCENARIOS = [
    ("healthz", "/healthz", "/healthz"),
    ("cached", f"cached comparison `{CACHED_COMPARISON}`", CACHED_COMPARISON),
    ("guide", f"guide with its map `{GUIDE}`", GUIDE),
    ("state", f"state page `{STATE_PAGE}`", STATE_PAGE),
    ("index", f"careers index `{INDEX}`", INDEX),
    ("flood", "cached comparison, random-query flood", None),
    ("cold", "cold comparison (distinct first hits)", None),
    ("cold-seq", "cold comparison, sequential", None),
]


def flood_paths(seed, count=20_000):
    """The cached comparison, each time with query parameters nobody asked for."""
    rng = random.Random(f"flood-{seed}")
    return [
        f"{CACHED_COMPARISON}?utm_source={rng.getrandbits(48):x}&x={rng.getrandbits(32)}"
        for _ in range(count)
    ]


def new_content_version(server):
    """Make every cached page stale on this server (the next request renders afresh)."""
    manage(server.env, "bumpcontentversion", "-v0")
    time.sleep(1.2)  # workers re-read the version at most every second (local memory)


def run_rounds(servers, cold):
    """
    Every scenario on both catalogues, ROUNDS times over, one measurement right after
    the other, alternating which catalogue goes first. Returns the samples of each
    (scenario, catalogue), one per round.
    """
    samples = {(key, name): [] for key, _, _ in SCENARIOS for name in servers}
    walked = dict.fromkeys(servers, COLD_SAMPLES)  # cold paths already used by wrk
    for round_ in range(ROUNDS):
        for turn, (key, label, path) in enumerate(SCENARIOS):
            order = list(servers)[:: 1 if (turn + round_) % 2 == 0 else -1]
            for name in order:
                server, paths = servers[name], cold[name][0]
                if key == "flood":
                    numbers = load(server, walk=flood_paths(round_))
                elif key == "cold":
                    if walked[name] >= len(paths):
                        # Every path was hit once: a new content version makes them all
                        # first hits again.
                        new_content_version(server)
                        walked[name] = COLD_SAMPLES
                    numbers = load(server, walk=paths[walked[name] :])
                    # Requests still in flight at the end were sent too: skip past them.
                    walked[name] += numbers["requests"] + 2 * CONNECTIONS
                elif key == "cold-seq":
                    numbers = sequential(server, paths[round_:COLD_SAMPLES:ROUNDS])
                else:
                    if key != "healthz":
                        warm(server, path)
                    numbers = load(server, path=path)
                samples[(key, name)].append(numbers)
                say(
                    f"  round {round_ + 1}/{ROUNDS}, {label} [{name}]: "
                    f"{numbers['rps']:,.0f} req/s, p50 {numbers['p50']:.1f} ms, "
                    f"p99 {numbers['p99']:.1f} ms ({numbers['requests']:,} requests)"
                )
                time.sleep(0.5)
    return samples


def combine(samples, key, name):
    """
    One row from the rounds: the medians of req/s, p50 and p99, and the median of
    each round's ratio to /healthz measured moments before or after it. The sequential
    cold samples are few per round, so they are pooled instead.
    """
    rounds = samples[(key, name)]
    floors = samples[("healthz", name)]
    statuses, server_ms = Counter(), []
    for numbers in rounds:
        statuses.update(numbers["statuses"])
        server_ms += numbers["server_ms"]
    row = {
        "requests": sum(n["requests"] for n in rounds),
        "bad": sum(n["bad"] for n in rounds),
        "socket_errors": sum(n.get("socket_errors", 0) for n in rounds),
        "wrapped": sum(n.get("wrapped", 0) for n in rounds),
        "statuses": statuses,
        "server_p50": statistics.median(server_ms) if server_ms else float("nan"),
    }
    if key == "flood":
        cached = samples[("cached", name)]
        for field in ("rps", "p50", "p99"):
            row[field] = statistics.median(n[field] for n in rounds)
        row["ratio"] = statistics.median(
            n["rps"] / f["rps"] if f["rps"] else float("nan")
            for n, f in zip(rounds, floors, strict=True)
        )
        row["vs_cached"] = statistics.median(
            n["rps"] / c["rps"] if c["rps"] else float("nan")
            for n, c in zip(rounds, cached, strict=True)
        )
    elif key == "cold-seq":
        latencies = [t for n in rounds for t in n["latencies"]]
        elapsed = sum(n["elapsed"] for n in rounds)
        row["rps"] = len(latencies) / elapsed if elapsed else 0.0
        row["p50"] = percentile(latencies, 50) * 1000
        row["p99"] = percentile(latencies, 99) * 1000
        row["ratio"] = row["rps"] / statistics.median(f["rps"] for f in floors)
    else:
        for field in ("rps", "p50", "p99"):
            row[field] = statistics.median(n[field] for n in rounds)
        row["ratio"] = statistics.median(
            n["rps"] / f["rps"] if f["rps"] else float("nan")
            for n, f in zip(rounds, floors, strict=True)
        )
    return row


def warm(server, path, times=4):
    for _ in range(times):
        status = get(server.port, path)[0]
        if status != 200:
            raise BenchError(f"{path} answered {status} on the {server.name} catalogue")


def typed_paths():
    """Every keystroke of TYPED, for the header search and for the picker's suggestions."""
    prefixes = [phrase[:n] for phrase in TYPED for n in range(1, len(phrase) + 1)]
    return {
        "search": [f"/search/?{urlencode({'q': text})}" for text in prefixes],
        "suggest": [f"/compare/suggest/?{urlencode({'a': text})}" for text in prefixes],
    }


def typing(server, rounds=ROUNDS):
    """
    Search as you type, one request after another on one connection with htmx's header:
    per kind, the server-side milliseconds of every request (from the access log) and the
    client's.
    """
    found = {}
    for kind, paths in typed_paths().items():
        server_ms, client_ms, statuses = [], [], Counter()
        conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
        for _ in range(rounds):
            offset = server.log_offset()
            for path in paths:
                started = time.perf_counter()
                conn.request("GET", path, headers={"HX-Request": "true"})
                response = conn.getresponse()
                response.read()
                client_ms.append((time.perf_counter() - started) * 1000)
            time.sleep(0.3)
            seen, times = server.log_since(offset)
            statuses.update(seen)
            server_ms += times
        conn.close()
        found[kind] = {"server_ms": server_ms, "client_ms": client_ms, "statuses": statuses}
    return found


def typing_table(results):
    lines = [
        "| request | catalogue | requests | server p50 ms | server p95 ms | server max ms | "
        "client p50 ms |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    labels = {
        "search": "header search `/search/?q=…`",
        "suggest": "picker `/compare/suggest/?a=…`",
    }
    for kind, label in labels.items():
        for name in CATALOGUES:
            numbers = results[name][kind]
            server = numbers["server_ms"]
            lines.append(
                f"| {label} | {name} | {len(server):,} | {fmt(percentile(server, 50), 0)} | "
                f"{fmt(percentile(server, 95), 0)} | {fmt(max(server, default=float('nan')), 0)} "
                f"| {fmt(percentile(numbers['client_ms'], 50))} |"
            )
    return lines


def first_renders(server):
    """
    Median time and size of a page-cache miss for each page of FIRST_RENDER: every sample
    starts a new content version (so every page is a miss on both workers) and requests
    each page once. (Query strings cannot make misses: the page cache ignores parameters a
    page does not declare.)
    """
    times = {path: [] for path in FIRST_RENDER}
    sizes = {}
    for _ in range(FIRST_RENDER_SAMPLES):
        new_content_version(server)
        for path in FIRST_RENDER:
            status, seconds, size = get(server.port, path)
            if status != 200:
                raise BenchError(f"{path} answered {status} on the {server.name} catalogue")
            times[path].append(seconds * 1000)
            sizes[path] = size
    return [(path, statistics.median(times[path]), sizes[path]) for path in FIRST_RENDER]


def place_variant_renders(server):
    """(median server ms of a pair's first place variant, of its later ones): each sample
    starts a new content version and asks for the pair in each of PLACES. With two
    workers, each renders the pair's page once: at most one later variant a sample is a
    whole render, so the median is a variant rendered around the shared page."""
    first, later = [], []
    for _ in range(FIRST_RENDER_SAMPLES):
        new_content_version(server)
        for i, place in enumerate(PLACES):
            path = f"{PLACE_PAIR}?place={place}"
            status, ms, _ = server_ms(server, path)
            if status != 200:
                raise BenchError(f"{path} answered {status} on the {server.name} catalogue")
            (later if i else first).append(ms)
    return statistics.median(first), statistics.median(later)


def place_variant_checks(measured):
    lines = []
    for name, (first, later) in measured.items():
        ratio = later / first
        lines.append(
            f"- {'PASS' if ratio <= TARGET_PLACE_VARIANT_RATIO else 'FAIL'}: a comparison's "
            f"further place variants render in ≤ {TARGET_PLACE_VARIANT_RATIO} × its first "
            f"({name}, `{PLACE_PAIR}?place=…`, server time): {later:.1f} ms vs {first:.1f} ms "
            f"= {ratio:.2f}×"
        )
    return lines


def server_ms(server, path):
    """One GET of `path`: (status, gunicorn's server-side milliseconds for it, bytes)."""
    offset = server.log_offset()
    status, _, size = get(server.port, path)
    deadline = time.monotonic() + 2
    while True:  # the access log line is written just after the response
        _, times = server.log_since(offset)
        if times or time.monotonic() > deadline:
            return status, (times[-1] if times else float("nan")), size
        time.sleep(0.02)


def moves_fit_renders(server):
    """
    {path: (median server ms of a first render, bytes)} for MOVES_FIT and, as the yardstick
    for ratios, the guide without a map: each sample starts a new content version, so that
    cached pages (moves) are misses; fit results are never cached. Each path is requested a
    few times first, so that no sample pays for a worker's first imports or fit's statement
    scores, made once per process.
    """
    paths = [GUIDE_WITHOUT_MAP, *MOVES_FIT]
    for path in paths:
        warm(server, path, times=WORKERS * 2)
    times = {path: [] for path in paths}
    sizes = {}
    for _ in range(FIRST_RENDER_SAMPLES):
        new_content_version(server)
        for path in paths:
            status, ms, size = server_ms(server, path)
            if status != 200:
                raise BenchError(f"{path} answered {status} on the {server.name} catalogue")
            times[path].append(ms)
            sizes[path] = size
    return {path: (statistics.median(times[path]), sizes[path]) for path in paths}


QUERY_COUNT_SCRIPT = """
import json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for path in PATHS:
    client.get(path)  # the process's first render reads lists it keeps (states, fit scores)
    cache.clear()  # the one measured is a page-cache miss
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    counts[path] = len(queries) if status == 200 else None
print(json.dumps(counts))
"""


def query_counts(env, paths):
    """{path: SQL queries of one render (a page-cache miss)}, in a Django process of its own
    on the same database (gunicorn cannot count them)."""
    script = QUERY_COUNT_SCRIPT.replace("PATHS", json.dumps(paths))
    output, _ = manage(env, "shell", "--no-imports", "-c", script)
    return json.loads(output.splitlines()[-1])


def moves_fit_table(renders, queries):
    """(table lines, target check lines) of the moves and fit rows."""
    lines = [
        "| page | catalogue | first render, server ms | × guide without a map | queries "
        "| size KB |",
        "|---|---|---:|---:|---:|---:|",
    ]
    worst_ms, worst_queries = 0.0, 0
    for path in [GUIDE_WITHOUT_MAP, *MOVES_FIT]:
        for name in CATALOGUES:
            ms, size = renders[name][path]
            base = renders[name][GUIDE_WITHOUT_MAP][0]
            count = queries[name].get(path)
            ratio = ms / base if base else float("nan")
            lines.append(
                f"| `{path}` | {name} | {fmt(ms, 0)} | {fmt(ratio, 2)} "
                f"| {count if count is not None else 'n/a'} | {size / 1024:,.1f} |"
            )
            if path != GUIDE_WITHOUT_MAP:
                worst_ms = max(worst_ms, ms)
                worst_queries = max(worst_queries, count if count is not None else 10**6)
    ok_ms = worst_ms <= TARGET_MOVES_FIT_MS
    ok_queries = worst_queries <= TARGET_MOVES_FIT_QUERIES
    checks = [
        f"- {'PASS' if ok_ms else 'FAIL'}: moves and fit first render ≤ {TARGET_MOVES_FIT_MS} ms "
        f"of server time at both catalogues (slowest: {worst_ms:.0f} ms)",
        f"- {'PASS' if ok_queries else 'FAIL'}: moves and fit ≤ {TARGET_MOVES_FIT_QUERIES} "
        f"queries a render (most: {worst_queries})",
    ]
    return lines, checks


def measure_moves_fit(servers):
    renders = {name: moves_fit_renders(server) for name, server in servers.items()}
    paths = [GUIDE_WITHOUT_MAP, *MOVES_FIT]
    queries = {name: query_counts(server.env, paths) for name, server in servers.items()}
    return moves_fit_table(renders, queries)


# Report ------------------------------------------------------------------------------------


def serve_start():
    """
    Seconds from `make serve` (this checkout, its own database, on a free port) until its
    first page answers, twice: the first run may collect static files or load a changed
    catalogue; the second is the "nothing changed" start.
    """
    times = []
    for _ in range(2):
        port = free_port()
        started = time.perf_counter()
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"make serve stopped (exit {process.returncode})")
                if get(port, "/", timeout=5)[0] == 200:
                    break
                if time.perf_counter() - started > 300:
                    raise RuntimeError("make serve served nothing in 300 s")
                time.sleep(0.05)
            times.append(time.perf_counter() - started)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    return times


def serve_start_check(times):
    first, again = times
    return (
        f"- {'PASS' if again <= TARGET_SERVE_START_S else 'FAIL'}: `make serve` with nothing "
        f"changed serves its first page within {TARGET_SERVE_START_S} s: {again:.1f} s "
        f"(the run before it: {first:.1f} s)"
    )


def machine():
    uname = platform.uname()
    cpu = "unknown"
    try:
        models = re.findall(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        if models:
            cpu = f"{models[0].strip()} ({len(models)} logical CPUs)"
    except OSError:
        pass
    if WRK:
        text = subprocess.run([WRK, "-v"], capture_output=True, text=True)
        tool = (text.stdout or text.stderr).split("Copyright")[0].strip()
    else:
        tool = "the bundled Python client (threads + http.client)"
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "uname": f"{uname.system} {uname.release} {uname.machine}",
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": importlib.metadata.version("django"),
        "gunicorn": importlib.metadata.version("gunicorn"),
        "tool": tool,
    }


def fmt(value, digits=1):
    return "n/a" if value != value else f"{value:,.{digits}f}"  # NaN is not equal to itself


def rows(results):
    for key, label, _ in SCENARIOS:
        for name in CATALOGUES:
            yield label, name, results[(key, name)]


def table(results):
    lines = [
        "| page | catalogue | req/s | p50 ms | p99 ms | × /healthz req/s | server p50 ms |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for label, name, numbers in rows(results):
        ratio = numbers["ratio"]
        lines.append(
            f"| {label} | {name} | {fmt(numbers['rps'], 0)} | {fmt(numbers['p50'])} | "
            f"{fmt(numbers['p99'])} | {fmt(ratio, 2)} | {fmt(numbers['server_p50'], 0)} |"
        )
    return lines


def notes_on(results):
    notes = []
    for label, name, numbers in rows(results):
        bad = {s: n for s, n in numbers["statuses"].items() if s != 200}
        if bad or numbers.get("bad"):
            notes.append(f"- {label} ({name}): responses other than 200: {bad or numbers['bad']}")
        if numbers.get("socket_errors"):
            notes.append(f"- {label} ({name}): {numbers['socket_errors']} socket errors in wrk")
        if numbers.get("wrapped"):
            notes.append(
                f"- {label} ({name}): the path list ran out; {numbers['wrapped']} requests "
                "were repeats (page-cache hits)"
            )
    return notes


METHOD = """\
Both catalogues are built fresh in bench/results/ ("demo": `migrate` + `loadcatalog`;
"large": the same plus `synthcatalog --careers 5000 --comparisons 20000 --seed 1`) and each
is served by gunicorn as `make serve` runs it (2 workers of 2 threads, DEBUG off, collected static
files, access log on), both at once on free localhost ports. The load generator
({tool}, {connections} connections) shares the 2 CPUs with the servers.

The machine is shared and noisy, so absolute numbers move between runs and only ratios
measured close together mean much. After a short discarded warm-up, the run goes through
every page {rounds} times ({rounds} rounds of {round_seconds} s per page and catalogue);
within a round each page is measured on one catalogue and right after on the other,
alternating which goes first. A row gives the medians over the rounds of req/s, p50 and
p99; its ratio is the median of each round's req/s divided by that round's /healthz req/s
on the same catalogue. "server p50" is the median time gunicorn's access log gives the workers'
handling of the same requests (no queueing, no client).

Cached pages get a few warm-up requests before each measurement, so both workers hold
them. "Cold comparison" walks a list of comparison paths never requested before, each
round continuing where the last stopped (wrk: a Lua script gives each thread its own share
of the list; large: half curated pairs, half pairs nobody curated, at their canonical
URLs; demo: all its pairs; when the list runs out, `manage.py bumpcontentversion` makes every
page a first hit again). "Random-query flood" requests the cached comparison with query
parameters the page does not use, a new random set on every request: the page cache must
ignore them and answer from the cached page. Under {connections} connections its latency
includes waiting for a worker. "Cold comparison, sequential" times {cold} other distinct
first hits one after another on one connection with the Python client, pooled over the
rounds: no queueing, so its p50 is the cost of rendering one comparison, and it is what
the cold-page target compares. Peak memory is each worker's VmHWM from /proc after all
measurements, cold pages included (each worker keeps the pages it rendered in its
local-memory page cache)."""


def pay_checks(renders):
    """Pay where you live: a guide with its map and a state page against the guide
    without a map (demo), each flat from demo to 5,000 careers, and the map's weight."""
    ms = {(name, path): value for name, rows in renders.items() for path, value, _ in rows}
    size = {(name, path): kb for name, rows in renders.items() for path, _, kb in rows}
    base = ms[("demo", GUIDE_WITHOUT_MAP)]
    lines = []
    for path, label in ((GUIDE_WITH_MAP, "guide with its map"), (STATE_PAGE, "state page")):
        demo, large = ms[("demo", path)], ms[("large", path)]
        vs_base, growth = demo / base, large / demo
        ok = vs_base <= TARGET_PAY_PAGES_RATIO and growth <= TARGET_PAY_PAGES_RATIO
        lines.append(
            f"- {'PASS' if ok else 'FAIL'}: {label} `{path}` first render ≤ "
            f"{TARGET_PAY_PAGES_RATIO} × the guide without a map at demo size and ≤ "
            f"{TARGET_PAY_PAGES_RATIO} × its demo time at 5,000 careers: {demo:.1f} ms vs "
            f"{base:.1f} ms (`{GUIDE_WITHOUT_MAP}`) = {vs_base:.2f}×; large {large:.1f} ms = "
            f"{growth:.2f}×"
        )
    kb = max(size[(name, GUIDE_WITH_MAP)] for name in renders) / 1024
    lines.append(
        f"- {'PASS' if kb <= TARGET_GUIDE_WITH_MAP_KB else 'FAIL'}: guide with its map ≤ "
        f"{TARGET_GUIDE_WITH_MAP_KB} KB of HTML: {kb:.1f} KB"
    )
    return lines


TYPING_METHOD = """\
Every keystroke of {count} typed phrases (titles, other names, typos, and words of the
synthetic catalogue), sent one after another on one connection with htmx's `HX-Request`
header, as the header search and the picker send them, {rounds} times over, on each
catalogue in turn while the other is idle. Searches are never cached. Server times are
gunicorn's access-log milliseconds for each request; the client's include the network
round trip."""


MOVES_FIT_METHOD = """\
Where you can go from a career (`/careers/<slug>/moves/`) and the fit results (`/fit/?…`),
at both catalogues (the large one's synthetic careers have O*NET profiles, copies of real
ones with their neighbours, so moves and fit rank about 5,800 profiled careers there). Server
time is gunicorn's access-log milliseconds of a first render, median of {samples} samples,
each right after a new content version; the ratio is to the guide without a map measured the
same way in the same run. Queries are counted in a Django process of its own on the same
database, for one render that misses the page cache."""


def checks(by_key, rss, typed=None):
    """The targets, PASS or FAIL with their numbers."""
    lines = []
    parts = []
    ok = True
    for name in CATALOGUES:
        cached, floor = by_key[("cached", name)], by_key[("healthz", name)]
        ok = ok and cached["ratio"] >= TARGET_CACHED_RATIO
        parts.append(
            f"{name} {cached['ratio']:.2f} ({cached['rps']:,.0f} vs {floor['rps']:,.0f} req/s)"
        )
    lines.append(
        f"- {'PASS' if ok else 'FAIL'}: cached comparison req/s ≥ {TARGET_CACHED_RATIO:.2f} × "
        f"/healthz req/s, median of the rounds' ratios: {'; '.join(parts)}"
    )
    ok, parts = True, []
    for name in CATALOGUES:
        flood = by_key[("flood", name)]
        ok = ok and flood["vs_cached"] >= TARGET_FLOOD_RATIO
        parts.append(f"{name} {flood['vs_cached']:.2f} ({flood['rps']:,.0f} req/s)")
    lines.append(
        f"- {'PASS' if ok else 'FAIL'}: cached comparison under a random-query flood ≥ "
        f"{TARGET_FLOOD_RATIO:.2f} × its normal req/s, median of the rounds' ratios: "
        f"{'; '.join(parts)}"
    )
    demo, large = by_key[("cold-seq", "demo")]["p50"], by_key[("cold-seq", "large")]["p50"]
    growth = large / demo if demo else float("inf")
    loaded = by_key[("cold", "large")]["p50"] / by_key[("cold", "demo")]["p50"]
    lines.append(
        f"- {'PASS' if growth <= TARGET_COLD_GROWTH else 'FAIL'}: cold comparison p50 at "
        f"5,000 careers ≤ {TARGET_COLD_GROWTH} × at demo size (sequential first hits: "
        f"{large:.1f} ms vs {demo:.1f} ms = {growth:.2f}×; under load with "
        f"{CONNECTIONS} connections: {loaded:.2f}×)"
    )
    if typed is not None:
        parts, ok = [], True
        for kind in ("search", "suggest"):
            p95 = percentile(typed["large"][kind]["server_ms"], 95)
            ok = ok and p95 <= TARGET_TYPING_MS
            parts.append(f"{'header search' if kind == 'search' else 'picker'} {p95:.0f} ms")
        lines.append(
            f"- {'PASS' if ok else 'FAIL'}: search as you type answers within "
            f"{TARGET_TYPING_MS} ms of server time at 5,000 careers (p95 of every keystroke: "
            f"{'; '.join(parts)})"
        )
    peak = max(rss["large"], default=None)
    if peak is None:
        lines.append(f"- n/a: peak RSS per worker ≤ {TARGET_RSS_MB} MB (no /proc to read)")
    else:
        lines.append(
            f"- {'PASS' if peak <= TARGET_RSS_MB else 'FAIL'}: peak RSS per worker ≤ "
            f"{TARGET_RSS_MB} MB (large catalogue: {peak:.1f} MB)"
        )
    return lines


def write_report(
    info,
    notes,
    table_lines,
    extra,
    rss_lines,
    check_lines,
    build_notes,
    typing_lines,
    moves_lines,
):
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            f"Written by `make bench` (bench/run.py) on {info['date']}; run it again to "
            "refresh this file.",
            "",
            f"- Machine: `{info['uname']}`, {info['cpu']}",
            f"- Python {info['python']}, SQLite {info['sqlite']}, Django {info['django']}, "
            f"gunicorn {info['gunicorn']}; load from {info['tool']}",
            *[f"- {note}" for note in build_notes.values()],
            "",
            "## Method",
            "",
            METHOD.format(
                rounds=ROUNDS,
                round_seconds=ROUND_SECONDS,
                connections=CONNECTIONS,
                tool=info["tool"],
                cold=COLD_SAMPLES,
            ),
            "",
            "## Results",
            "",
            *table_lines,
            "",
            *notes,
            *([""] if notes else []),
            "First render of other pages (a page-cache miss; median of "
            f"{FIRST_RENDER_SAMPLES} samples, each right after a new content version):",
            "",
            *extra,
            "",
            "## Moves and fit",
            "",
            MOVES_FIT_METHOD.format(samples=FIRST_RENDER_SAMPLES),
            "",
            *moves_lines,
            "",
            "## Search as you type",
            "",
            TYPING_METHOD.format(rounds=ROUNDS, count=len(typed_paths()["search"])),
            "",
            *typing_lines,
            "",
            "## Memory",
            "",
            *rss_lines,
            "",
            "## Targets",
            "",
            *check_lines,
            "",
        ]
    )
    (ROOT / "BENCHMARKS.md").write_text(text + kept_sections(), encoding="utf-8")


# Sections of BENCHMARKS.md written by hand (from bench/profile_pages.py's findings): a new
# run keeps them, after its own.
KEPT_SECTIONS = ("## Where a first render's time goes",)


def kept_sections():
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = []
    for heading in KEPT_SECTIONS:
        start = old.find(f"\n{heading}\n")
        if start >= 0:
            end = old.find("\n## ", start + 1)
            kept.append(old[start + 1 : end if end >= 0 else len(old)].rstrip() + "\n")
    return "".join(f"\n{section}" for section in kept)


# Main --------------------------------------------------------------------------------------


def arguments(argv=None):
    parser = argparse.ArgumentParser(description="The benchmark behind BENCHMARKS.md.")
    parser.add_argument(
        "--only",
        choices=["moves-fit", "place-variants", "serve-start"],
        help="measure only these rows (and the row they are compared with), print them and "
        "leave BENCHMARKS.md as it is",
    )
    parser.add_argument(
        "--reuse-databases",
        action="store_true",
        help="serve the databases an earlier run built in bench/results/",
    )
    return parser.parse_args(argv)


def start_servers(env, servers):
    for name in CATALOGUES:
        # Registered before it starts, so `finally` stops it even if it never comes up.
        servers[name] = Server(name, db_env(env, name))
        servers[name].start()
        say(
            f"Serving {name} on http://{HOST}:{servers[name].port}/ "
            f"(log: bench/results/{servers[name].log_path.name})"
        )
    for server in servers.values():  # discarded: first imports, template loading
        load(server, path="/healthz", seconds=2)
        warm(server, "/")


def only_rows(env, which):
    """`--only moves-fit` or `place-variants`: those rows, printed; BENCHMARKS.md is left
    alone."""
    servers = {}
    try:
        start_servers(env, servers)
        if which == "moves-fit":
            say("Moves and fit…")
            lines, check_lines = measure_moves_fit(servers)
        else:
            say("Place variants…")
            lines = []
            variants = {name: place_variant_renders(server) for name, server in servers.items()}
            check_lines = place_variant_checks(variants)
    finally:
        for server in servers.values():
            server.stop()
    say()
    say("\n".join(lines))
    say()
    say("\n".join(check_lines))


def main(argv=None):
    options = arguments(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()
    env = base_env()
    if options.only == "serve-start":
        say(serve_start_check(serve_start()))
        return
    if options.only:
        build_databases(env, reuse=options.reuse_databases)
        manage(db_env(env, "demo"), "collectstatic", "--no-input", "-v0")
        only_rows(env, options.only)
        return
    say(
        f"Load generator: {info['tool']}; {ROUNDS} rounds of {ROUND_SECONDS} s per page and "
        f"catalogue, {CONNECTIONS} connections."
    )
    say("make serve, twice…")
    serve_check = serve_start_check(serve_start())
    build_notes = build_databases(env, reuse=options.reuse_databases)
    manage(db_env(env, "demo"), "collectstatic", "--no-input", "-v0")

    length = COLD_SAMPLES + 20_000
    cold = {name: cold_paths(name, length) for name in CATALOGUES}
    servers = {}
    try:
        start_servers(env, servers)
        samples = run_rounds(servers, cold)
        results = {
            (key, name): combine(samples, key, name) for key, _, _ in SCENARIOS for name in servers
        }

        say("Search as you type…")
        typed = {name: typing(server) for name, server in servers.items()}

        extra = ["| page | catalogue | first render ms | size KB |", "|---|---|---:|---:|"]
        renders = {name: first_renders(server) for name, server in servers.items()}
        for i, path in enumerate(FIRST_RENDER):
            for name in CATALOGUES:
                _, ms, size = renders[name][i]
                extra.append(f"| `{path}` | {name} | {ms:,.0f} | {size / 1024:,.1f} |")

        say("Place variants…")
        variants = {name: place_variant_renders(server) for name, server in servers.items()}

        say("Moves and fit…")
        moves_lines, moves_checks = measure_moves_fit(servers)

        rss, rss_lines = {}, []
        for name, server in servers.items():
            peaks = [proc_status(pid, "VmHWM") for pid in server.workers()]
            rss[name] = [kb / 1024 for kb in peaks if kb]
            shown = ", ".join(f"{mb:.1f} MB" for mb in rss[name]) or "n/a"
            rss_lines.append(f"- Peak RSS (VmHWM) per worker, {name} catalogue: {shown}")
    finally:
        for server in servers.values():
            server.stop()

    table_lines = table(results)
    notes = notes_on(results)
    for name in CATALOGUES:
        used = results[("cold", name)]["requests"] + results[("cold-seq", name)]["requests"]
        distinct = cold[name][1]
        notes.append(
            f"- cold comparisons ({name}): {used:,} first hits, {distinct:,} distinct pairs "
            "available"
            + (
                f"; a new content version made them first hits again {used // distinct} time(s)"
                if used > distinct
                else ""
            )
        )
    for name in CATALOGUES:
        for kind, numbers in typed[name].items():
            bad = {s: n for s, n in numbers["statuses"].items() if s != 200}
            if bad:
                notes.append(
                    f"- search as you type, {kind} ({name}): responses other than 200: {bad}"
                )
    typing_lines = typing_table(typed)
    check_lines = checks(results, rss, typed) + pay_checks(renders) + moves_checks
    check_lines += place_variant_checks(variants)
    check_lines.append(serve_check)

    say()
    say("\n".join(table_lines))
    say()
    say("\n".join(notes))
    say()
    say("\n".join(extra))
    say()
    say("\n".join(moves_lines))
    say()
    say("\n".join(typing_lines))
    say()
    say("\n".join(rss_lines))
    say()
    say("\n".join(check_lines))
    write_report(
        info,
        notes,
        table_lines,
        extra,
        rss_lines,
        check_lines,
        build_notes,
        typing_lines,
        moves_lines,
    )
    say("\nWrote BENCHMARKS.md.")


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    try:
        main()
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(1)
