"""
Editors' sign-in protection that cannot be turned against editors, nor switched off.

django-axes locks a *username and IP address together* after a few failures, so a
stranger guessing an editor's password from elsewhere cannot lock that editor out. On top
of it a generous cap per IP address (many failures, whatever the usernames) slows down
anyone spraying guesses from one place. The client's IP address is read behind a
configured number of trusted reverse proxies (DJANGO_TRUSTED_PROXY_COUNT), never from a
header a visitor could forge.

Failures are counted in the database (axes' database handler; the cap sums the same
records), never in the cache: a cache that is down, full or restarted cannot reset a
count or lift a lock. When the database cannot be asked, sign-in is refused with a plain
message (fail closed) rather than let a password be tried unchecked. Page reads never
wait on sign-ins: cache hits are answered before sessions, and `make serve` runs
threaded workers.
"""

import ipaddress
import logging
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger("qoollege")


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


def failures_from(ip):
    """Failed sign-ins from this address (any usernames) within the cool-off period."""
    since = timezone.now() - timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES)
    attempts = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since)
    return attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0


def sign_in_unavailable():
    """Sign-in refused because failures cannot be counted: rendered without the request
    (no session, no database), as the admin's own templates would ask for the user."""
    response = HttpResponse(render_to_string("admin/sign_in_unavailable.html"), status=503)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


class LoginRateCapMiddleware:
    """Refuse sign-in attempts from an address over its cap, before any password check;
    refuse them all while the failures cannot be counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info.endswith("/login/"):
            try:
                failures = failures_from(client_ip(request))
            except DatabaseError as error:
                logger.warning("Sign-in refused: failures cannot be counted (%s)", error)
                return sign_in_unavailable()
            if failures >= settings.LOGIN_IP_FAILURE_CAP:
                return lockout_response(request)
        return self.get_response(request)
