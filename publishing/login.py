"""
Editors' sign-in protection that cannot be turned against editors.

django-axes locks a *username and IP address together* after a few failures, so a
stranger guessing an editor's password from elsewhere cannot lock that editor out. On top
of it a generous cap per IP address (many failures, whatever the usernames) slows down
anyone spraying guesses from one place. The client's IP address is read behind a
configured number of trusted reverse proxies (DJANGO_TRUSTED_PROXY_COUNT), never from a
header a visitor could forge. With Redis, failure counts live there, so a failed sign-in
writes nothing to the database; page reads never wait on sign-ins either way, as cache
hits are answered before sessions and `make serve` runs threaded workers.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

IP_FAILURES_KEY = "login-failures-ip:{}"


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the one the outermost trusted proxy saw."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def cooloff_words(minutes=None):
    minutes = settings.LOGIN_COOLOFF_MINUTES if minutes is None else minutes
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def lockout_response(request, original_response=None, credentials=None):
    """The page shown while sign-in is paused (axes' AXES_LOCKOUT_CALLABLE, and the cap)."""
    return render(
        request,
        "admin/locked_out.html",
        {"cooloff": cooloff_words(), "site_header": "Qoollege editors"},
        status=429,
    )


def count_failure(sender, request=None, **kwargs):
    """user_login_failed: one more failure from this address."""
    if request is None:
        return
    key = IP_FAILURES_KEY.format(client_ip(request))
    timeout = settings.LOGIN_COOLOFF_MINUTES * 60
    if cache.add(key, 1, timeout):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)


class LoginRateCapMiddleware:
    """Refuse sign-in attempts from an address over its cap, before any password check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info.endswith("/login/"):
            failures = cache.get(IP_FAILURES_KEY.format(client_ip(request))) or 0
            if failures >= settings.LOGIN_IP_FAILURE_CAP:
                return lockout_response(request)
        return self.get_response(request)
