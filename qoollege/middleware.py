"""Site-wide middleware: a Permissions-Policy header and one log line per request."""

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
