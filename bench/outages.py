"""
The services bench/resilience.py starts and the clients it drives: a database copy per
server, Redis servers of its own, a browser that signs in and posts admin forms, a
database stub that never answers.
"""

import html.parser
import http.client
import http.cookiejar
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import run

EDITOR_PASSWORD = "a-long-editor-passphrase-42"
PG = ("127.0.0.1", 5432)
QUIET = {"DJANGO_PAGE_MISSES_PER_MINUTE": "0"}  # every case but the flood


def request(port, path, headers=None, timeout=10):
    """(status or 'no answer in N s', seconds, body) on a fresh connection."""
    conn = http.client.HTTPConnection(run.HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, time.perf_counter() - started, body
    except (OSError, http.client.HTTPException):
        return f"no answer in {timeout} s", time.perf_counter() - started, ""
    finally:
        conn.close()


def free_port():
    return run.free_port()


class Database:
    """The demo catalogue, built once; each server gets a copy."""

    def __init__(self, root):
        self.root = root
        self.env = {**run.base_env(), **QUIET, "DJANGO_EDITOR_PASSWORD": EDITOR_PASSWORD}
        self.base = run.RESULTS / "resilience-base.sqlite3"
        for stale in (self.base, Path(f"{self.base}-wal"), Path(f"{self.base}-shm")):
            stale.unlink(missing_ok=True)
        env = self.env_for(self.base)
        for args in (["migrate", "--no-input", "-v0"], ["loadcatalog", "-v0"]):
            run.manage(env, *args, root=root)
        for name in ("erin", "ana", "ben", "cy", "dee"):
            run.manage(env, "createeditor", name, "--email", f"{name}@example.com", root=root)
        run.manage(env, "collectstatic", "--no-input", "-v0", root=root)
        with sqlite3.connect(self.base) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.slugs = [
                s
                for (s,) in db.execute(
                    "SELECT slug FROM careers_career WHERE is_published ORDER BY slug"
                )
            ]

    def env_for(self, path, **extra):
        return {**self.env, "DATABASE_URL": f"sqlite:///{path}", **extra}

    def copy(self, name):
        path = run.RESULTS / f"{name}.sqlite3"
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        shutil.copy(self.base, path)
        return path

    def serve(self, name, ready="/healthz", **extra):
        env = self.env_for(self.copy(name), DJANGO_CACHE_PREFIX=f"res-{name}-{os.getpid()}")
        env.update(extra)
        server = run.Server(name, env, root=self.root)
        server.ready_path = ready
        return server.start()


class Redis:
    """A redis-server of our own on a free port: no persistence, its own limits."""

    def __init__(self, maxmemory="64mb", policy="allkeys-lru"):
        if not shutil.which("redis-server"):
            raise run.BenchError("redis-server is not installed")
        self.port, self.args = free_port(), ["--maxmemory", maxmemory, "--maxmemory-policy", policy]
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                run.HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                *self.args,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection((run.HOST, self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def restart(self):
        self.stop()
        self.start()

    @property
    def url(self):
        return f"redis://{run.HOST}:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(run.HOST, self.port)

    def fill(self):
        """Write junk until Redis refuses (it must have a limit and `noeviction`), then
        lower the limit a little below what it holds: the buffers of the refused writes,
        freed a moment later, must not make room again."""
        import redis

        client, n = self.client(), 0
        try:
            while n < 100_000:
                client.set(f"junk:{time.monotonic_ns()}", b"x" * 65536)
                n += 1
        except redis.ResponseError:
            used = client.info("memory")["used_memory"]
            client.config_set("maxmemory", max(1, used - 1_000_000))
            return n
        raise run.BenchError("Redis never filled up")

    def free(self, size):
        """Make room for about `size` bytes of writes."""
        client = self.client()
        client.config_set("maxmemory", client.info("memory")["used_memory"] + size)

    def used(self):
        info = self.client().info("memory")
        return info["used_memory"], self.client().dbsize()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Editor:
    """A browser: cookies, CSRF tokens, no redirects followed."""

    def __init__(self, port):
        self.site = f"http://{run.HOST}:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.site + path, data=body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError as error:
            return type(error).__name__, ""

    def token(self, page):
        marker = 'name="csrfmiddlewaretoken" value="'
        start = page.find(marker)
        return page[start + len(marker) : page.find('"', start + len(marker))] if start >= 0 else ""

    def sign_in(self, username, password):
        _, page = self.open("/admin/login/")
        form = {"username": username, "password": password, "next": "/admin/"}
        return self.open("/admin/login/", {**form, "csrfmiddlewaretoken": self.token(page)})[0]


class FormFields(html.parser.HTMLParser):
    """What a browser submits from the admin's change form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data, self.inside, self.textarea, self.select = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self.inside = True
        if not self.inside or not attrs.get("name") and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            checkable = attrs.get("type") in ("checkbox", "radio")
            if checkable and "checked" not in attrs:
                return
            self.data.append((attrs["name"], attrs.get("value", "on" if checkable else "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = [attrs["name"], None, None]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select[2] is None:
                self.select[2] = value
            if "selected" in attrs:
                self.select[1] = value

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.data.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            name, chosen, first = self.select
            if chosen is not None or first is not None:
                self.data.append((name, chosen if chosen is not None else first))
            self.select = None


def postgres_database(root, env):
    """A PostgreSQL database of our own with the catalogue, or None when none answers."""
    try:
        socket.create_connection(PG, 1).close()
    except OSError:
        return None
    name = f"qoollege_resilience_{os.getpid()}"
    subprocess.run(
        ["psql", "-h", PG[0], "-U", "postgres", "-qc", f"CREATE DATABASE {name}"],
        check=True,
        capture_output=True,
    )
    env = {**env, "DATABASE_URL": f"postgres://postgres@{PG[0]}:{PG[1]}/{name}"}
    for args in (["migrate", "--no-input", "-v0"], ["loadcatalog", "-v0"]):
        run.manage(env, *args, root=root)
    for who in ("ana", "ben", "cy", "dee"):
        run.manage(env, "createeditor", who, "--email", f"{who}@example.com", root=root)
    return name, env


def drop_postgres(name):
    subprocess.run(
        [
            "psql",
            "-h",
            PG[0],
            "-U",
            "postgres",
            "-qc",
            f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        ],
        capture_output=True,
    )


class SilentDatabase:
    """A TCP stub at the database's address: accepts every connection, never answers."""

    def __init__(self):
        self.listener = socket.create_server((run.HOST, 0), backlog=128)
        self.port, self.held = self.listener.getsockname()[1], []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        self.listener.close()
        for conn in self.held:
            conn.close()


class CookieLoad:
    """python_load with a Cookie header: patch http.client for the duration."""

    def __init__(self, cookie):
        self.cookie = cookie

    def __enter__(self):
        self.original = http.client.HTTPConnection.request
        cookie = self.cookie

        def request(conn, method, url, body=None, headers=None, **kwargs):
            headers = {**(headers or {}), "Cookie": cookie}
            return self.original(conn, method, url, body, headers, **kwargs)

        http.client.HTTPConnection.request = request

    def __exit__(self, *exc):
        http.client.HTTPConnection.request = self.original


def states():
    path = run.ROOT / "occupations" / "data" / "us_states.json"
    return [s["slug"] for s in json.loads(path.read_text())]


def http_etag(port, path):
    conn = http.client.HTTPConnection(run.HOST, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.getheader("ETag")
    finally:
        conn.close()
