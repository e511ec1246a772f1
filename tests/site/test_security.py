"""Production settings, security headers, admin login throttling, request logging."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from qoollege.middleware import HeadWithoutBodyMiddleware

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x7Kq2vN9rT4mW8pL3sD6fH1jB5nC0gY2uE7aZ4xV9kR3tQ8wM1pS6dF0hJ5lN2b",
    "DJANGO_ALLOWED_HOSTS": "www.qoollege.example",
    "DJANGO_SITE_URL": "https://www.qoollege.example",
    "DJANGO_SECURE_SSL_REDIRECT": "true",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "true",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://www.qoollege.example",
}


def manage(*args, env=None):
    # Without REDIS_URL: how a Redis here is configured (the start-up check of its
    # eviction policy, publishing.checks) is not what these settings tests are about.
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_missing_secret_key_is_an_error_not_a_default():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.usefixtures("catalog")
def test_security_headers_on_public_pages(client):
    response = client.get("/careers/plumber/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "nonce" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.usefixtures("catalog")
def test_pages_carry_no_inline_script_or_style(client):
    body = client.get("/compare/devops-engineer-vs-mlops-engineer/").content.decode()
    assert "<style" not in body and " style=" not in body
    scripts = body.count("<script")
    assert scripts == body.count('<script type="application/ld+json">') + body.count("<script src=")


@pytest.mark.django_db
def test_foreign_host_gets_400(client):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.django_db
def test_admin_login_locks_after_five_failures(client):
    User.objects.create_user("editor", password="right-password-123", is_staff=True)
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert client.post(url, {"username": "editor", "password": "wrong"}).status_code == 429
    # Locked: even the right password is refused until the cool-off ends.
    response = client.post(url, {"username": "editor", "password": "right-password-123"})
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()


@pytest.mark.django_db
def test_admin_is_for_staff_only(client):
    User.objects.create_user("visitor", password="a-good-password-123")
    client.force_login(User.objects.get(username="visitor"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.usefixtures("catalog")
def test_one_log_line_per_request_without_the_query(client, caplog):
    with caplog.at_level(logging.INFO, logger="qoollege.requests"):
        client.get("/search/", {"q": "private words"})
    lines = [r.getMessage() for r in caplog.records if r.name == "qoollege.requests"]
    assert len(lines) == 1
    method, path, status, ms = lines[0].split()
    assert (method, path, status) == ("GET", "/search/", "200")
    assert ms.endswith("ms")
    assert "private" not in lines[0]


@pytest.mark.usefixtures("catalog")
def test_head_sends_the_get_headers_and_no_body(rf, client):
    """gunicorn, unlike the test client, would send a body the application gives it."""
    get = client.get("/careers/plumber/")
    length = len(get.content)
    response = HeadWithoutBodyMiddleware(lambda request: get)(rf.head("/careers/plumber/"))
    assert response.content == b""
    assert response["Content-Length"] == str(length)


def test_the_admin_path_is_configurable():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    result = manage("shell", "-c", code, env={**PRODUCTION_ENV, "DJANGO_ADMIN_PATH": "staff-only/"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/staff-only/"
