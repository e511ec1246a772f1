"""
The page cache for anonymous visitors.

A public page is rendered once per content version and kept in Django's cache (local
memory, or Redis when REDIS_URL is set). Keys and ETags carry the content version, which
every content save bumps (careers.signals), so an editor's change is live at the next
request, in every app server. Visitors with a session (editors) bypass the cache and get
`private` responses; drafts are rendered only for them.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from careers.models import ContentVersion

# Browsers keep a page 5 minutes, shared caches (a CDN) 10, and may serve a stale copy
# for a day while they revalidate in the background. ETags make revalidation cheap.
PUBLIC_CACHE_CONTROL = {
    "public": True,
    "max_age": 300,
    "s_maxage": 600,
    "stale_while_revalidate": 86400,
}


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_staff(request):
    """Staff status without touching the session of anonymous visitors (no Vary: Cookie)."""
    return has_session(request) and request.user.is_active and request.user.is_staff


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def private(response, store=True):
    patch_cache_control(response, private=True, no_cache=True)
    if not store:
        patch_cache_control(response, no_store=True)
    return response


def page_key(request, version):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{version}:{int(is_htmx(request))}:{path}"


def cacheable(response):
    return (
        response.status_code == 200
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and not getattr(response, "streaming", False)
    )


def publish(response, etag, last_modified):
    """The headers that let browsers and CDNs keep and revalidate a public page."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    patch_vary_headers(response, ["HX-Request"])
    return response


def public_page(view):
    """Serve anonymous GET/HEAD from the page cache, with ETag / Last-Modified revalidation."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or has_session(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["HX-Request"])
            return private(response)

        version, changed_at = ContentVersion.current()
        etag = f'"v{version}{"-h" if is_htmx(request) else ""}"'
        last_modified = int(changed_at.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return publish(not_modified, etag, last_modified)

        key = page_key(request, version)
        response = cache.get(key)  # stored with its public headers, for this version
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a TemplateResponse is cached as its HTML
            if cacheable(response):
                cache.set(key, publish(response, etag, last_modified))
        patch_vary_headers(response, ["HX-Request"])
        return response

    return wrapper
