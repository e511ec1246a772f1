"""Site-wide middleware: health checks, request log, Host ports, read-only requests, HEAD,
Permissions-Policy, 503s."""

import logging
import time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.template.loader import render_to_string

from publishing import database
from qoollege.sqlite3.base import read_only

request_log = logging.getLogger("qoollege.requests")
logger = logging.getLogger("qoollege")

RETRY_AFTER_SECONDS = 30


def escape_control(text):
    """Printable text for a log line: control and invisible characters as \\xNN escapes."""
    return "".join(
        ch if ch.isprintable() and ch != "\\" else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


class HostPortMiddleware:
    """
    A Host header whose port is not a TCP port (`127.0.0.1:99999`) is refused with 400,
    like a host outside ALLOWED_HOSTS: Django checks the name only, and a made-up port
    would otherwise end up in redirects and absolute links.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.META.get("HTTP_HOST", "")
        if host:
            _domain, port = split_domain_port(host)
            if port and not (port.isdigit() and len(port) <= 5 and 1 <= int(port) <= 65535):
                raise DisallowedHost(f"Invalid port in HTTP_HOST header: {host[:100]!r}.")
        return self.get_response(request)


class ReadOnlyRequestsMiddleware:
    """
    An anonymous GET or HEAD only reads: on SQLite its transactions begin DEFERRED and
    take no write lock, so a page never queues behind an editor's save
    (qoollege/sqlite3/base.py). Requests that may write (other methods, anyone with a
    session: sign-in, admin, previews) keep IMMEDIATE transactions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and (
            settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            with read_only():
                return self.get_response(request)
        return self.get_response(request)


class HealthCheckMiddleware:
    """
    Answer /healthz before anything else: over plain HTTP even when HTTPS is enforced,
    and for any Host header, as load balancers probe servers by address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            from qoollege.views import healthz

            return healthz(request)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Django has no setting for Permissions-Policy: add it to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequestLogMiddleware:
    """
    One line per request to stdout: method, path, status, milliseconds. The query string,
    cookies and headers are never logged (they can carry personal or secret values), and
    control characters in the path are escaped so a request cannot forge a log line.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        request_log.info(
            "%s %s %s %.1fms",
            escape_control(request.method),
            escape_control(request.path),
            response.status_code,
            elapsed,
        )
        return response


class HeadWithoutBodyMiddleware:
    """Answer HEAD like GET, headers and all, but send no body (RFC 9110)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response


def service_unavailable():
    """The styled 503 page, rendered without the request: no session, no database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with Retry-After, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError):
            if database.unreachable(exception):
                database.breaker.failed(exception)
            logger.warning(
                "Database unavailable for %s: %s",
                escape_control(request.path),
                type(exception).__name__,
            )
            return service_unavailable()
        return None
