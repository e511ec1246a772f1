"""
The page cache for anonymous visitors.

A public view says which query parameters it understands (`@public_page(params=…)`),
each with a normaliser. `PageCacheMiddleware`, which runs before sessions, auth and CSRF,
then answers a request from the cache when it can:

- the key is the path, the *normalised* values of the understood parameters, and whether
  htmx asked for a fragment; any other parameter (`?utm_source=…`, `?x=1…n`) is dropped
  before the view sees the request, so it can neither change the page nor add an entry;
- one entry per page, holding what it was rendered from: the content version (token and
  number) and the names of the ContentTags the page showed (publishing.versions). The
  careers, comparisons and lists a page shows are gathered while it renders
  (`depends_on`, called by the code that reads them; a view's `depends`): an editor's
  save moves the tags it touches, and only the pages that showed one of them are
  rendered again. A newer render replaces the entry instead of piling up beside it, and
  entries expire after PAGE_TTL. The ETag names the render: it changes with the page;
- an entry keeps the page compressed (zlib: a third to a seventh of its size), so the
  local-memory cache's MAX_ENTRIES pages stay within a few MB per process and Redis
  moves less per hit;
- a hit needs no database query (publishing.versions); conditional requests get 304
  only for a page that exists (a cached or freshly rendered 200);
- when rendering fails (the database is down) the last cached copy of the page is served,
  marked stale; without one, the visitor gets the styled 503 page with Retry-After. While
  the database is known not to answer (publishing.database's breaker) that happens
  without waiting on it again;
- past the due time of a scheduled publication, until `publishdue` has published it, no
  copy cached before it is served and nothing is stored (reading the version writes
  nothing);
- a client may cause only so many renders a minute (publishing.throttle): beyond that it
  gets an older copy of the page if there is one, else 429. Hits are never counted;
- pages that differ only in a part (a comparison's place variants) share the rest: it is
  rendered once around the part and kept on its own with the tags it showed
  (`shared_page`), and each variant renders only its part;
- the date a printout gives for the content's last change is left as a marker by the
  render and filled in on every response served, so a kept page says what a fresh render
  would;
- every public response says what the cache did, as CDNs do: `X-Cache: hit` (served from
  the cache, a 304 too), `miss` (rendered) or `stale` (an older copy, as above). Editors'
  and other private responses carry none.

Editors are recognised by a signed cookie set at sign-in (a forged or stale one is just
ignored), never by looking up a session, so anonymous pages stay cookie- and
session-free and a made-up `sessionid` cookie is served from the cache like anyone.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import formats, timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from publishing import database, throttle, versions

logger = logging.getLogger("qoollege.cache")

PAGE_TTL = 60 * 60 * 24
# Browsers revalidate every visit (a cheap 304 thanks to the ETag); a shared cache (CDN)
# may keep a page a minute, and serve a stale copy for a day if the site is down.
PUBLIC_CACHE_CONTROL = {
    "public": True,
    "max_age": 0,
    "must_revalidate": True,
    "s_maxage": 60,
    "stale_if_error": 86400,
}
EDITOR_SALT = "publishing.editor-cookie"
# A page differs by these request headers: a fragment for htmx, the full page for an htmx
# history restore (which a shared cache must not answer with a stored fragment).
VARY = ["HX-Request", "HX-History-Restore-Request"]


# Normalisers: text in, canonical text out, or None when the value means nothing.


def positive_int(value, limit=10_000_000):
    value = value.strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return str(number) if 1 <= number <= limit else None


def slug_value(value, max_length=80):
    value = value.strip().lower()
    ok = value and len(value) <= max_length and value.isascii()
    return value if ok and all(c.isalnum() or c == "-" for c in value) else None


def choice(*allowed):
    def normalise(value):
        value = value.strip().lower()
        return value if value in allowed else None

    return normalise


def text_value(value, max_length=1000):
    """Free text (a search): NFKC, printable characters only, single spaces."""
    value = unicodedata.normalize("NFKC", value[: max_length * 2])
    value = " ".join("".join(c if c.isprintable() else " " for c in value).split())
    return value[:max_length] if value else None


@dataclass(frozen=True)
class PageSpec:
    params: dict = field(default_factory=dict)  # name -> normaliser
    cache: bool = True
    depends: tuple = ()  # ContentTags every page of the view shows (e.g. versions.LISTS)

    def normalise(self, query):
        """A QueryDict of the understood parameters only, normalised, in a fixed order."""
        clean = QueryDict(mutable=True)
        for name in sorted(self.params):
            raw = query.get(name)
            if raw is None:
                continue
            value = self.params[name](raw)
            if value is not None:
                clean[name] = value
        clean._mutable = False
        return clean


def public_page(view=None, *, params=None, cache=True, depends=()):
    """
    Mark a view as a public page, cached for anonymous visitors by PageCacheMiddleware.
    `params` maps each query parameter the view reads to its normaliser; the view sees
    nothing else in request.GET. `cache=False` (searches: the set of queries is
    unbounded) still normalises, but stores nothing. `depends`: ContentTags its pages
    show beyond those gathered while rendering (`depends_on`), such as versions.LISTS for
    a page that lists or counts careers.
    """
    spec = PageSpec(params=dict(params or {}), cache=cache, depends=tuple(depends))

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, VARY)
            if has_editor_cookie(request) or request.method not in ("GET", "HEAD"):
                private(response)
            return response

        wrapper.page_cache = spec
        return wrapper

    return decorate(view) if view is not None else decorate


# The ContentTags the page being rendered shows, gathered while it renders.
_shown = contextvars.ContextVar("pagecache_shown", default=None)


def depends_on(*tags):
    """
    The page being rendered shows these parts of the content (ContentTags such as
    "career:12" or versions.LISTS): its cached copy is rendered again when one of them
    changes. Code that reads content calls it (a career as it is loaded, a query over
    many careers); outside a page's render it does nothing.
    """
    shown = _shown.get()
    if shown is not None:
        shown.update(tags)


# Printouts say when the site's content last changed. A page rendered for the cache holds
# this marker instead; every response the cache serves gets the date of the current
# version, so that a cached copy says what a fresh render would.
UPDATED = "\x00content-updated\x00"


def updated_note(version):
    """' · updated <date>' of a content version, for printouts ('' when unknown)."""
    if version is None:
        return ""
    changed = datetime.fromtimestamp(version.changed_at, UTC)
    return f" · updated {formats.date_format(timezone.localtime(changed), 'DATE_FORMAT')}"


def content_updated():
    """What a printout says of the content's date: the marker in a page-cache render,
    else the current version's date."""
    if _render_version.get() is not None:
        return UPDATED
    return updated_note(versions.current())


def _dated(response, version):
    """The response with the content's date where its render left the marker; its ETag
    names that date too (a conditional request gets 304 only for the same bytes)."""
    marker = UPDATED.encode()
    if getattr(response, "streaming", False) or marker not in response.content:
        return response
    note = updated_note(version)
    response.content = response.content.replace(marker, note.encode())
    if etag := response.get("ETag"):
        day = version.changed_at // 86400 if version is not None else 0
        response["ETag"] = f'{etag[:-1]}.{day}"'
    return response


# The content version a page-cache render started from, and whether it may be stored.
_render_version = contextvars.ContextVar("pagecache_version", default=None)


@contextlib.contextmanager
def _gathering(tags, version=None, storable=False):
    reset = _shown.set(tags)
    reset_version = _render_version.set((version, storable) if version is not None else None)
    try:
        yield tags
    finally:
        _render_version.reset(reset_version)
        _shown.reset(reset)


def mark_canonical(request, url):
    """
    A view with parameters tells the page cache the canonical URL of what it rendered:
    a response to any other (valid-looking but unknown) set of values is served but not
    stored, so made-up values cannot fill the cache.
    """
    request.page_canonical = url


def _same_url(request, url):
    path, _, query = url.partition("?")
    wanted = sorted(QueryDict(query).lists())
    return path == request.path and wanted == sorted(request.GET.lists())


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def wants_fragment(request):
    """htmx asked for a swap; a history restore after a cache miss needs the full page."""
    return is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"


def private(response, store=True):
    patch_cache_control(response, private=True, no_cache=True)
    if not store:
        patch_cache_control(response, no_store=True)
    return response


def has_editor_cookie(request):
    value = request.COOKIES.get(settings.EDITOR_COOKIE_NAME)
    if not value:
        return False
    try:
        signing.TimestampSigner(salt=EDITOR_SALT).unsign(value, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:
        return False
    return True


def is_staff(request):
    """A signed-in staff member (drafts, previews). Reads the session of editors only."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and request.user.is_active
        and request.user.is_staff
    )


def cacheable(response):
    return (
        response.status_code == 200
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and "Cookie" not in response.get("Vary", "")
        and not getattr(response, "streaming", False)
    )


# Compression level: 6 (zlib's default) takes about a millisecond for a 50 KB page, once
# per render; decompressing a hit takes a tenth of that.
PAGE_COMPRESSION = 6


@dataclass(frozen=True, slots=True)
class Entry:
    """A rendered page as the cache keeps it: what it was rendered from (the content
    version's token and number, the names of the ContentTags it showed), status, headers
    and compressed body."""

    token: str
    number: int
    shown: tuple
    status: int
    headers: tuple
    body: bytes

    @classmethod
    def of(cls, version, shown, response):
        return cls(
            version.token,
            version.number,
            tuple(sorted(shown)),
            response.status_code,
            tuple(response.items()),
            zlib.compress(response.content, PAGE_COMPRESSION),
        )

    def fresh(self, version):
        return _unchanged(self, version)

    @property
    def response(self):
        """A new response each time: what is added to one never leaks into the next."""
        response = HttpResponse(zlib.decompress(self.body), status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def _unchanged(entry, version):
    """Whether nothing a cached page (or part) showed has changed since it was rendered
    (None: that cannot be told now): the same version token, and none of its tags
    changed after the version it was rendered at. That version was read before the
    render, so a change committed meanwhile makes the entry stale, never fresh. At that
    very version, nothing changed at all: no tag is read."""
    if entry.token != version.token or entry.number > version.number:
        return False
    if entry.number == version.number:
        return True
    numbers = versions.tag_numbers(version)
    if numbers is None:
        return None
    return all(numbers.get(tag, 0) <= entry.number for tag in entry.shown)


# Shared pages: the part of many pages that is the same (a comparison's place variants
# differ only in their place), kept once and filled in for each.


class Holes:
    """Stand-ins a shared page is rendered with: `holes.place` is a marker where the place
    goes. The markers hold NUL characters, which no rendered content can (Django's
    forms refuse them, templates never add one)."""

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return f"\x00hole:{name}\x00"


@dataclass(frozen=True, slots=True)
class Shared:
    """A page rendered around its holes, as the cache keeps it (compressed, with what it
    was rendered from, as a page Entry)."""

    token: str
    number: int
    shown: tuple
    body: bytes

    def fresh(self, version):
        return _unchanged(self, version)


def shared_page(key, render, fills):
    """
    A page whose parts named in `fills` ({name: HTML}) change from request to request
    while the rest is shared: `render(holes)` renders the page with `holes.<name>`
    where each part goes. What it renders is kept in the cache on its own under `key`,
    with the ContentTags it showed (and those the page had read before it, such as the
    careers it is about), and reused while none of them changed (the rule of page
    entries); those tags count as shown by the page being rendered. So a flood of
    variants renders the shared page once and then only the parts. Outside a page-cache
    render (editors, previews, no content version) the page is rendered whole each time.
    """
    rendering = _render_version.get()
    if rendering is None:
        return _filled(render(Holes()), fills)
    version, storable = rendering
    cache_key = "shared:" + hashlib.sha256(key.encode()).hexdigest()[:40]
    kept = cache.get(cache_key)
    if isinstance(kept, Shared) and kept.fresh(version):
        depends_on(*kept.shown)
        return _filled(zlib.decompress(kept.body).decode(), fills)
    # It shows what the page read before it too (the careers it was called with).
    with _gathering(set(_shown.get() or ()), version, storable) as shown:
        text = render(Holes())
    depends_on(*shown)
    if storable:
        body = zlib.compress(text.encode(), PAGE_COMPRESSION)
        kept = Shared(version.token, version.number, tuple(sorted(shown)), body)
        cache.set(cache_key, kept, PAGE_TTL)
    return _filled(text, fills)


def _filled(text, fills):
    holes = Holes()
    for name, html in fills.items():
        marker = getattr(holes, name)
        if text.count(marker) != 1:
            raise ValueError(f"The shared page has {text.count(marker)} {name!r} holes, not one")
        text = text.replace(marker, str(html))
    return text


def page_key(request, query, fragment):
    raw = f"{request.path}?{query.urlencode()}#{'fragment' if fragment else 'page'}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _publish(response, version, fragment):
    # The render's version: a hit serves the entry's own headers, so the ETag stays the
    # same while the entry is fresh, however many unrelated changes come after it.
    response["ETag"] = f'"{version.etag_base}{"-f" if fragment else ""}"'
    response["Last-Modified"] = http_date(version.changed_at)
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    patch_vary_headers(response, VARY)
    return response


def _conditional(request, response):
    not_modified = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if not_modified is not response and not_modified.status_code == 304:
        for header in ("Cache-Control", "Vary", "Last-Modified"):
            if header in response:
                not_modified[header] = response[header]
    return not_modified


class PageCacheMiddleware:
    """Answer anonymous GET/HEAD of public pages from the cache (see module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        spec = getattr(match.func, "page_cache", None)
        if spec is None:
            return self.get_response(request)

        request.get_host()  # a disallowed Host gets its 400 before anything is served
        query = spec.normalise(request.GET)
        request.GET = query
        # Read for everyone (editors too, whose pages show the version's date). Reading it
        # never writes: a scheduled publication that is due waits for `publishdue`.
        version = versions.current()
        if has_editor_cookie(request):
            return self.get_response(request)
        return told(_dated(self._answer(request, spec, query, version), version), MISS)

    def _answer(self, request, spec, query, version):
        if not spec.cache:
            with _gathering(set(), version):
                return self._render(request, None)

        fragment = wants_fragment(request)
        key = page_key(request, query, fragment)
        entry = cache.get(key)
        if not isinstance(entry, Entry) or not hasattr(entry, "number"):
            entry = None  # nothing, or an entry of an older release of the code
        # Past a due time and not yet published: no copy made before it is served, and
        # none is made until the publication moves the version on.
        due = version is not None and versions.is_due(version)
        fresh = entry.fresh(version) if entry is not None and version is not None else None
        if fresh and not due:
            return told(_conditional(request, _dated(entry.response, version)), HIT)
        if entry is not None and fresh is None:
            # Neither the cache nor the database can say which version is current, or what
            # changed since the entry was made (the database failed moments ago): the last
            # copy, without waiting on it again.
            return _stale(request, entry, "the content version is unknown")
        if not throttle.allow_miss(request):
            if entry is not None:
                return _stale(request, entry, "this client is over its rate of new pages")
            return too_many_new_pages()

        with _gathering(set(spec.depends), version, storable=not due) as shown:
            response = self._render(request, entry)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a template response shows its content now
        if version is None or due or not cacheable(response):
            return response
        canonical = getattr(request, "page_canonical", None)
        if canonical is not None and not _same_url(request, canonical):
            return response
        _publish(response, version, fragment)
        cache.set(key, Entry.of(version, shown, response), PAGE_TTL)
        return _conditional(request, _dated(response, version))

    def _render(self, request, entry):
        """The view's response; the last copy (or a quick 503) when the database is not
        answering, instead of one more request waiting on it."""
        if not database.breaker.may_ask():
            if entry is not None:
                return _stale(request, entry, "the database is not answering")
            return unavailable()
        response = self.get_response(request)
        database.breaker.trial_over()
        if response.status_code >= 500 and entry is not None:
            return _stale(request, entry, "rendering failed", logging.WARNING)
        return response


def _stale(request, entry, why, level=logging.INFO):
    logger.log(level, "Serving a stale copy of %s: %s", request.path, why)
    stale = entry.response
    stale["Warning"] = '110 - "Response is stale"'
    return told(stale, STALE)


# What the page cache did, in the `X-Cache` header of every public response.
HIT, MISS, STALE = "hit", "miss", "stale"


def told(response, what):
    """Say what the cache did (`X-Cache`), once, on a response that is not private."""
    if "X-Cache" not in response and "private" not in response.get("Cache-Control", ""):
        response["X-Cache"] = what
    return response


def unavailable():
    """The styled 503 page, rendered without the request: no session, no database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(int(database.RETRY) + 1)
    response["Cache-Control"] = "no-store"
    return response


@functools.cache
def _too_many_new_pages_body():
    return render_to_string("429.html")


def too_many_new_pages():
    """429 for a client over its rate of renders (publishing.throttle): the page is
    rendered once per process, as a flood gets it again and again."""
    response = HttpResponse(_too_many_new_pages_body(), status=429)
    response["Retry-After"] = str(throttle.retry_after())
    response["Cache-Control"] = "no-store"
    return response


class EditorCookieMiddleware:
    """
    Keep the signed editor cookie in step with the session: set when a staff member is
    signed in, removed when they are not. Only requests that carry a session cookie (or
    sign in) are looked at, so anonymous pages never touch the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        name = settings.EDITOR_COOKIE_NAME
        # A sign-in (or out) rewrote the session; reading `modified` loads nothing.
        session = getattr(request, "session", None)
        signing_in = session is not None and session.modified
        if settings.SESSION_COOKIE_NAME not in request.COOKIES and not signing_in:
            if name in request.COOKIES:
                response.delete_cookie(name)
            return response
        user = getattr(request, "user", None)
        staff = user is not None and user.is_active and user.is_staff
        valid = has_editor_cookie(request)
        if staff and not valid:
            response.set_cookie(
                name,
                signing.TimestampSigner(salt=EDITOR_SALT).sign(str(user.pk)),
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif not staff and name in request.COOKIES:
            response.delete_cookie(name)
        return response
