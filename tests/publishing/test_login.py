"""Sign-in protection that slows guessing without locking editors out."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from publishing.login import client_ip, cooloff_words

LOGIN = "/admin/login/"
PASSWORD = "a-long-editor-passphrase-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "editor", "editor@example.com", PASSWORD, is_staff=True
    )


def sign_in(password, ip, username="editor"):
    client = Client(REMOTE_ADDR=ip)
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_failures_from_many_addresses_do_not_lock_the_editor_out(editor):
    for i in range(8):
        assert sign_in("wrong", f"203.0.113.{i}").status_code == 200  # the form again
    assert sign_in(PASSWORD, "198.51.100.7").status_code == 302


def test_failures_from_one_address_lock_that_address_only(editor):
    for _ in range(5):
        sign_in("wrong", "203.0.113.9")
    locked = sign_in(PASSWORD, "203.0.113.9")
    assert locked.status_code == 429
    assert "paused for 15 minutes" in locked.content.decode()
    assert "PT15M" not in locked.content.decode()
    assert sign_in(PASSWORD, "198.51.100.7").status_code == 302


@override_settings(LOGIN_IP_FAILURE_CAP=10)
def test_an_address_spraying_usernames_hits_the_cap(editor):
    for i in range(10):
        sign_in("wrong", "203.0.113.50", username=f"someone{i}")
    capped = sign_in(PASSWORD, "203.0.113.50")
    assert capped.status_code == 429
    assert sign_in(PASSWORD, "198.51.100.7").status_code == 302


def test_the_client_address_behind_trusted_proxies(rf):
    forwarded = "10.9.9.9, 203.0.113.5, 192.0.2.1"  # forged, client (seen by CDN), CDN
    request = rf.get("/", REMOTE_ADDR="192.0.2.200", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert client_ip(request) == "192.0.2.200"  # nothing forwarded is trusted
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(request) == "192.0.2.1"
    with override_settings(TRUSTED_PROXY_COUNT=2):
        assert client_ip(request) == "203.0.113.5"
    garbage = rf.get("/", REMOTE_ADDR="192.0.2.200", HTTP_X_FORWARDED_FOR="not-an-ip")
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(garbage) == "192.0.2.200"


def test_cooloff_in_words():
    assert cooloff_words(15) == "15 minutes"
    assert cooloff_words(1) == "1 minute"
    assert cooloff_words(60) == "1 hour"
    assert cooloff_words(120) == "2 hours"


def test_signing_in_sets_the_editor_cookie_and_signing_out_removes_it(editor):
    from django.conf import settings

    client = Client()
    client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/"})
    assert client.cookies[settings.EDITOR_COOKIE_NAME].value
    client.post("/admin/logout/")
    assert client.cookies[settings.EDITOR_COOKIE_NAME].value == ""  # deleted


def test_a_visitor_without_staff_rights_gets_no_editor_cookie(db):
    from django.conf import settings

    get_user_model().objects.create_user("reader", "r@example.com", PASSWORD)
    client = Client()
    client.post(LOGIN, {"username": "reader", "password": PASSWORD, "next": "/admin/"})
    assert settings.EDITOR_COOKIE_NAME not in client.cookies
