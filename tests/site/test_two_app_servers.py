"""
Two app servers sharing one database: an editor's save through one server shows on the
other, whose page cache would otherwise be stale. With Redis at the very next request;
with each server's own local-memory cache (as two workers of `make serve` are) within
the content-version TTL, which this measures. Either way only the pages showing what
changed are rendered again (`X-Cache`).
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
TTL = 1  # seconds: the servers' CONTENT_VERSION_TTL, a site's default


def redis_up():
    try:
        socket.create_connection(REDIS, 1).close()
        return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(opener, url, data=None):
    status, _headers, body = fetch(opener, url, data)
    return status, body


def fetch(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def sign_in(server):
    """An editor's browser signed in on `server`."""
    editor = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    status, login_page = get(editor, f"{server}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = {
        "csrfmiddlewaretoken": token,
        "username": "erin",
        "password": "a-long-editor-passphrase-42",
        "next": "/admin/",
    }
    status, _ = get(editor, f"{server}/admin/login/", urllib.parse.urlencode(form).encode())
    assert status == 200
    return editor


def run_action(editor, server, action, career):
    """Run an admin action of the careers changelist on one career."""
    status, changelist = get(editor, f"{server}/admin/careers/career/?q={career}")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', changelist).group(1)
    pk = re.search(r'name="_selected_action" value="(\d+)"', changelist).group(1)
    form = {"csrfmiddlewaretoken": token, "action": action, "_selected_action": pk}
    status, _ = get(
        editor, f"{server}/admin/careers/career/", urllib.parse.urlencode(form).encode()
    )
    assert status == 200


PREFIX = f"two-servers-{uuid.uuid4().hex[:8]}"


# The servers use their own SQLite file and cache: the same on every run's database.
pytestmark = pytest.mark.backend_independent


@pytest.fixture(params=["redis", "local-memory"])
def servers(tmp_path, request, sqlite_copy, collected_static):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    if request.param == "redis":
        if not redis_up():
            pytest.skip("Redis is not running at 127.0.0.1:6379 (CI starts it; see .ci/run).")
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    shared = tmp_path / "shared.sqlite3"
    env.update(
        DATABASE_URL=f"sqlite:///{shared}",
        # Each test's own keys: a page cached by another test's servers, made from another
        # copy of the database at the same version, is not this one's.
        DJANGO_CACHE_PREFIX=f"{PREFIX}-{uuid.uuid4().hex[:6]}",
        DJANGO_SECRET_KEY="two-app-servers-test-key",
        DJANGO_DEBUG="false",
        DJANGO_SITE_URL="http://127.0.0.1",
        DJANGO_EDITOR_PASSWORD="a-long-editor-passphrase-42",
        DJANGO_STATIC_ROOT=str(collected_static),
        DJANGO_CONTENT_VERSION_TTL=str(TTL),
    )

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
        )

    if sqlite_copy:  # the test database as its template made it: migrated, with the catalogue
        sqlite_copy.rename(shared)
    else:
        manage("migrate", "--no-input")
        manage("loadcatalog")
    manage("createeditor", "erin")
    ports, processes = [free_port(), free_port()], []
    try:
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "qoollege.wsgi",
                        "--workers",
                        "1",
                        "--bind",
                        f"127.0.0.1:{port}",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        for port in ports:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
        yield request.param, [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def test_an_admin_save_on_one_server_invalidates_the_other(servers):
    cache, (first, second) = servers
    visitor = urllib.request.build_opener()
    guide = f"{first}/careers/plumber/"
    assert get(visitor, guide)[0] == 200
    status, body = get(visitor, guide)  # now served from the shared page cache
    assert status == 200 and "Plumber" in body
    # The second server finds the page the first one rendered in the shared cache.
    assert get(visitor, f"{second}/careers/plumber/")[0] == 200
    if cache == "redis":
        assert redis.Redis(*REDIS, db=14).keys(f"{PREFIX}-*:*page:*"), "pages are in Redis"

    run_action(sign_in(second), second, "unpublish", "Plumber")

    saved = time.monotonic()
    if cache == "redis":
        assert get(visitor, guide)[0] == 404, "the first server must not serve its cached copy"
    else:
        # Each server re-reads the content version at most every TTL (1 s): a request the
        # first server receives a TTL after the save, however slow the machine, finds the
        # page gone; one before may still get the copy cached before the save.
        while True:
            asked = time.monotonic()
            if get(visitor, guide)[0] == 404:
                break
            assert asked - saved < TTL, "still stale a whole version TTL after the save"
            time.sleep(0.05)


def test_an_edit_on_one_server_re_renders_only_its_pages_on_the_other(servers):
    cache, (first, second) = servers
    visitor = urllib.request.build_opener()
    edited, other = f"{first}/careers/plumber/", f"{first}/careers/software-developer/"
    before = {}
    for url in (edited, other):
        assert fetch(visitor, url)[1]["X-Cache"] == "miss"
        status, headers, before[url] = fetch(visitor, url)
        assert (status, headers["X-Cache"]) == (200, "hit")

    run_action(sign_in(second), second, "mark_reviewed_today", "Plumber")

    saved = time.monotonic()
    while True:  # at once with Redis; within the version's TTL with local memory
        asked = time.monotonic()
        status, headers, body = fetch(visitor, edited)
        if body != before[edited]:
            break
        assert cache != "redis", "the first server served its copy cached before the save"
        assert asked - saved < TTL, "still stale a whole version TTL after the save"
        time.sleep(0.05)
    assert (status, headers["X-Cache"]) == (200, "miss")
    # The other career's guide, cached before the save, is still served from the cache
    # (with Redis, the one cache both servers share).
    for server in (first, second) if cache == "redis" else (first,):
        status, headers, body = fetch(visitor, f"{server}/careers/software-developer/")
        assert (status, headers["X-Cache"], body) == (200, "hit", before[other])
