"""What operators rely on: health checks, logs, settings that refuse to be wrong."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from publishing.roles import EDITOR_GROUP, editor_permission_codenames

pytestmark = pytest.mark.usefixtures("catalog")


def test_healthz_answers_over_plain_http_and_for_any_host(client):
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = client.get("/healthz", headers={"Host": "10.0.3.7:8000"})
        assert response.status_code == 200
        assert client.get("/careers/").status_code == 301  # pages still redirect
    assert response.json()["status"] == "ok"


def test_healthz_fails_when_the_schema_is_missing(client, monkeypatch):
    from django.db import OperationalError

    def no_table(*args, **kwargs):
        raise OperationalError("no such table: careers_career")

    with monkeypatch.context() as patch:
        patch.setattr("django.db.models.query.QuerySet.count", no_table)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["schema"] == "missing tables (run migrate)"


def test_the_request_log_escapes_control_characters(client, caplog):
    with caplog.at_level(logging.INFO, logger="qoollege.requests"):
        client.get("/careers/x%0a2026-12-01 INFO forged%00line/")
    lines = [r.getMessage() for r in caplog.records if r.name == "qoollege.requests"]
    assert len(lines) == 1
    assert "\n" not in lines[0] and "\x00" not in lines[0]
    assert "\\n2026-12-01" in lines[0] and "\\x00" in lines[0]


def test_a_disallowed_host_is_one_warning_line_without_traceback(client):
    import io

    from qoollege.logs import OneLineWarning

    (handler,) = [
        h
        for h in logging.getLogger("django.security.DisallowedHost").handlers
        if any(isinstance(f, OneLineWarning) for f in h.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        client.get("/careers/", headers={"Host": "evil.example"})
    finally:
        handler.setStream(previous)
    err = stream.getvalue()
    lines = [line for line in err.splitlines() if "evil.example" in line]
    assert len(lines) == 1
    assert "WARNING" in lines[0]
    assert "Traceback" not in err


def test_the_editor_group_is_synced_after_every_migrate(db):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    group = Group.objects.get(name=EDITOR_GROUP)
    group.permissions.clear()
    call_command("migrate", verbosity=0)
    held = {(p.content_type.app_label, p.codename) for p in group.permissions.all()}
    assert held == editor_permission_codenames()
    assert ("careers", "change_career") in held
    assert ("comparisons", "add_comparison") in held
    assert not any(app == "auth" for app, _ in held)


def test_horizon_validation_does_not_depend_on_today(monkeypatch):
    import datetime

    from django.utils import timezone

    from careers.models import Career

    career = Career.objects.get(slug="registered-nurse")
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2041, 1, 1))
    career.full_clean()  # a 2034 horizon stays valid in 2041


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k" * 60,
    "DJANGO_ALLOWED_HOSTS": "www.qoollege.example",
    "DJANGO_SITE_URL": "https://www.qoollege.example",
    "DJANGO_SECURE_SSL_REDIRECT": "true",
}


def run_settings(extra=None, drop=()):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION, **(extra or {}))
    for name in drop:
        env.pop(name, None)
    code = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "qoollege.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_site_url_is_required_without_debug():
    result = run_settings(drop=["DJANGO_SITE_URL"])
    assert result.returncode != 0
    assert "DJANGO_SITE_URL must be set" in result.stderr


def test_hsts_preload_only_when_asked():
    assert run_settings().stdout.strip() == "False"
    asked = run_settings({"DJANGO_SECURE_HSTS_PRELOAD": "true"})
    assert asked.stdout.strip() == "True"


def test_a_sqlite_site_never_loads_psycopg(tmp_path):
    """psycopg and libpq take about 27 MB in every worker: a SQLite site has no use for
    them (PostgreSQL's search support is imported only where PostgreSQL answers)."""
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "qoollege.settings",
        "REDIS_URL": "",
    }
    script = (
        "import sys, django; django.setup(); from qoollege.wsgi import application; "
        "print(sorted(m for m in sys.modules "
        "if m.startswith(('psycopg', 'django.contrib.postgres'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_health_checks_that_arrive_together_all_get_the_probes_answer(monkeypatch):
    """Under load several /healthz requests meet one running probe: they wait for its
    answer instead of reporting a database that is merely busy as not answering."""
    import threading
    import time

    from qoollege import views

    calls = []

    def slow_checks():
        calls.append(1)
        time.sleep(0.3)
        return {"database": "ok", "schema": "ok", "content": "ok"}

    monkeypatch.setattr(views, "_database_checks", slow_checks)
    probe = views._Probe()
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(probe.run())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert answers == [{"database": "ok", "schema": "ok", "content": "ok"}] * 8
    assert len(calls) == 1  # one probe served them all

    # A probe that outlives its budget: the callers waiting on it say so, and so does the
    # next one, at once, without starting another probe.
    stuck = threading.Event()
    monkeypatch.setattr(views, "_database_checks", lambda: stuck.wait(10) and {})
    monkeypatch.setattr(views, "HEALTH_BUDGET", 0.2)
    assert probe.run() is None
    began = time.monotonic()
    assert probe.run() is None
    assert time.monotonic() - began < 0.1
    stuck.set()
