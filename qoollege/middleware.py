"""Site-wide middleware: request log, HEAD without a body, Permissions-Policy header."""

import logging
import time

from django.conf import settings

request_log = logging.getLogger("qoollege.requests")


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
    cookies and headers are never logged (they can carry personal or secret values).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        request_log.info(
            "%s %s %s %.1fms", request.method, request.path, response.status_code, elapsed
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
