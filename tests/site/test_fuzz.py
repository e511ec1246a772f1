"""
Generated addresses under every route: arbitrary unicode, percent-encoded bytes (valid
UTF-8 or not), broken percent escapes and random query strings never give a 5xx, for GET
and HEAD, for a full page and for htmx. The test client re-raises a view's exception, so
a crash fails with its own traceback and the example that caused it.
"""

from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("catalog")

# The SQLite pass explores the inputs: 150 examples a test. The PostgreSQL + Redis pass is
# there for what that database does with them (it refuses a NUL in text, compares and
# casts otherwise): 50 examples a test still draw the odd atoms above many times, at a
# third of the time, in the slower of the two passes `make test` runs side by side.
ON_SQLITE = django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
EXAMPLES = 150 if ON_SQLITE else 50

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SLUGS = ["devops-engineer", "mlops-engineer", "plumber", "actuary", "nurse-practitioner"]
ODD = [
    "",
    "%",
    "%%",
    "%g",
    "%zz",
    "%f",
    "%0",
    "%00",
    "%C3",
    "%C3%28",
    "%FF%FE",
    "%ED%A0%80",
    "%F4%90%80%80",
    "%C0%AF",
    "%2F",
    "%2e%2e",
    "..",
    "%u0041",
    "-vs-",
    "-vs-vs-",
    "NOPE",
    "<script>alert(1)</script>",
    "\x00",
    "\ufeff",
    "\u202e",
]

unicode_text = st.text(max_size=30)
encoded_text = unicode_text.map(lambda t: quote(t, safe=""))
raw_text = unicode_text.map(lambda t: t.replace("?", "").replace("#", "").replace("/", ""))
encoded_bytes = st.binary(max_size=16).map(lambda b: "".join(f"%{x:02X}" for x in b))
slug_like = st.from_regex(r"[A-Za-z0-9_-]{0,40}", fullmatch=True)
long_text = st.integers(min_value=90, max_value=20_000).map(lambda n: "x" * n)
atom = st.one_of(
    encoded_text,
    raw_text,
    encoded_bytes,
    slug_like,
    st.sampled_from(SLUGS),
    st.sampled_from(ODD),
)
# A path segment (no "/", "?" or "#" unless percent-encoded): atoms glued together.
segment = st.one_of(atom, long_text, st.lists(atom, min_size=2, max_size=4).map("".join))
# A query value: as a segment, and "&", "=", "+", ";" may appear raw.
value = st.one_of(
    segment,
    st.lists(st.one_of(atom, st.sampled_from(["&", "=", "+", ";", "&&", "=="])), max_size=5).map(
        "".join
    ),
)
query_string = st.one_of(
    st.just(""),
    st.lists(st.tuples(segment, value), max_size=5).map(
        lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)
    ),
    st.text(max_size=60).map(lambda t: t.replace("#", "")),
    encoded_bytes,
)


# A WSGI server hands header bytes over decoded as ISO-8859-1: code points 0-255 only.
header_value = st.text(st.characters(max_codepoint=255, exclude_characters="\r\n"), max_size=40)


def with_query(path, query):
    return f"{path}?{query}" if query else path


def check(client, path, htmx):
    """GET and HEAD, as a page or as htmx: never a 5xx, and HEAD never has a body."""
    headers = {"HX-Request": "true"} if htmx else {}
    for method in (client.get, client.head):
        cache.clear()  # render every time: a cached answer would hide the view
        response = method(path, headers=headers)
        assert response.status_code < 500, (method.__name__, htmx, path)
        if method is client.head:
            assert response.content == b""


@FUZZ
@given(
    prefix=st.sampled_from(
        [
            "/",
            "/about/data/",
            "/careers/",
            "/compare/",
            "/compare/go/",
            "/compare/suggest/",
            "/search/",
            "/robots.txt",
            "/healthz",
            "/sitemap.xml",
        ]
    ),
    query=query_string,
    htmx=st.booleans(),
)
def test_every_page_with_a_random_query(client, prefix, query, htmx):
    check(client, with_query(prefix, query), htmx)


@FUZZ
@given(
    prefix=st.sampled_from(["/", "/careers/", "/compare/", "/search/", "/static/"]),
    tail=segment,
    slash=st.booleans(),
    query=query_string,
    htmx=st.booleans(),
)
def test_any_path_under_a_route_prefix(client, prefix, tail, slash, query, htmx):
    check(client, with_query(prefix + tail + ("/" if slash else ""), query), htmx)


@FUZZ
@given(slug=segment, query=query_string, htmx=st.booleans())
def test_career_guide(client, slug, query, htmx):
    check(client, with_query(f"/careers/{slug}/", query), htmx)


@FUZZ
@given(a=segment, b=segment, query=query_string, htmx=st.booleans())
def test_comparison(client, a, b, query, htmx):
    check(client, with_query(f"/compare/{a}-vs-{b}/", query), htmx)


@FUZZ
@given(a=value, b=value, extra=query_string, htmx=st.booleans())
def test_picker(client, a, b, extra, htmx):
    check(client, f"/compare/go/?a={a}&b={b}" + (f"&{extra}" if extra else ""), htmx)


@FUZZ
@given(field=st.sampled_from(["a", "b"]), text=value, htmx=st.booleans())
def test_suggest(client, field, text, htmx):
    check(client, f"/compare/suggest/?{field}={text}", htmx)


@FUZZ
@given(q=st.one_of(value, unicode_text), repeat=st.booleans(), htmx=st.booleans())
def test_search(client, q, repeat, htmx):
    check(client, f"/search/?q={q}" + (f"&q={q}" if repeat else ""), htmx)


@FUZZ
@given(
    category=st.one_of(value, st.sampled_from(["healthcare", "computer-and-math", ""])),
    education=st.one_of(value, st.integers().map(str), st.sampled_from(["0", "4", "6"])),
    sort=st.one_of(value, st.sampled_from(["pay", "growth", "title", ""])),
    page=st.one_of(value, st.integers().map(str), st.floats().map(str)),
    htmx=st.booleans(),
)
def test_careers_filters(client, category, education, sort, page, htmx):
    check(
        client, f"/careers/?category={category}&education={education}&sort={sort}&page={page}", htmx
    )


@settings(FUZZ, max_examples=EXAMPLES // 3)  # one parameter, and the heaviest page
@given(page=st.one_of(value, st.integers().map(str)), htmx=st.booleans())
def test_comparisons_index_pages(client, page, htmx):
    check(client, f"/compare/?page={page}", htmx)


@FUZZ
@given(
    section=st.one_of(segment, st.sampled_from(["pages", "careers", "comparisons"])),
    p=st.one_of(st.none(), value, st.integers().map(str)),
    htmx=st.booleans(),
)
def test_sitemap_sections(client, section, p, htmx):
    check(client, f"/sitemap-{section}.xml" + (f"?p={p}" if p is not None else ""), htmx)


@FUZZ
@given(
    path=st.sampled_from(
        ["/", "/careers/", "/careers/plumber/", "/compare/devops-engineer-vs-mlops-engineer/"]
    ),
    headers=st.fixed_dictionaries(
        {},
        optional={
            "If-None-Match": header_value,
            "If-Modified-Since": header_value,
            "HX-Request": st.sampled_from(["true", "false", "", "TRUE", "1"]),
            "HX-Current-URL": header_value,
            "HX-Target": header_value,
            "Accept-Language": header_value,
            "Cookie": header_value,
        },
    ),
)
def test_odd_request_headers(client, path, headers):
    cache.clear()
    for method in (client.get, client.head):
        assert method(path, headers=headers).status_code < 500, (method.__name__, headers)
