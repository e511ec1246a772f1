"""
Hostile and malformed input never gives a 5xx, and always gets a clear answer: unknown or
malformed content addresses 404 on the site's own page, other methods 405, a foreign host
400, and a form the visitor got wrong a 200 that says what to fix, in plain words.
"""

import pytest
from django.test import Client

from tests.html import find, meta, parse, text, visible_text

pytestmark = pytest.mark.usefixtures("catalog")

LONG = "x" * 20_000
XSS = "<script>alert(1)</script>"
NOT_FOUND = "We could not find that page"
PICK_ONE = "Choose a career here."
TOO_LONG_NAME = "That is longer than any career name: try a shorter one."
TOO_LONG_SEARCH = "That search is longer than 100 characters."


def page_text(response):
    return visible_text(parse(response))


def heading(response):
    return text(find(parse(response), "h1"))


# -- Unknown and malformed content addresses: the site's 404 page ------------------------

MALFORMED = [
    # bad slugs
    "/careers/NOPE/",
    "/careers/nope/",
    "/careers/a..b/",
    "/careers/%2e%2e/",
    "/careers/%2E%2E/",
    "/careers/a%2fb/",
    "/careers/plumber%20/",
    "/compare/x-vs-/",
    "/compare/-vs-y/",
    "/compare/-vs-/",
    "/compare/devops-engineer-vs-nope/",
    "/compare/nope-vs-devops-engineer/",
    "/compare/nope-vs-nada/",
    "/compare/devops-engineer/",
    "/compare/nope-vs-nope/",
    "/compare/DEVOPS-ENGINEER-vs-MLOPS-ENGINEER/",
    # path traversal
    "/careers/../../etc/passwd",
    "/careers/..%2f..%2fetc%2fpasswd/",
    "/static/../manage.py",
    "/static/..%2fmanage.py",
    "/static/%2e%2e/manage.py",
    "/static/../../etc/passwd",
    # NUL bytes
    "/careers/%00/",
    "/careers/plumber%00/",
    "/compare/devops-engineer-vs-mlops-engineer%00/",
    "/compare/%00-vs-plumber/",
    "/search%00/",
    # invalid UTF-8
    "/careers/%ff/",
    "/careers/%ff%fe/",
    "/careers/%c3/",
    "/careers/%c3%28/",
    "/careers/%ed%a0%80/",
    "/compare/%ff-vs-plumber/",
    "/compare/plumber-vs-%ff/",
    "/%ff/",
    # unknown addresses and sitemap sections
    "/nope/",
    "/careers/plumber/extra/",
    "/sitemap-nope.xml",
    "/sitemap-%ff.xml",
    "/sitemap-careers.xml?p=0",
    "/sitemap-careers.xml?p=-1",
    "/sitemap-careers.xml?p=abc",
    "/sitemap-careers.xml?p=99999999999999999999",
]


@pytest.mark.parametrize("path", MALFORMED)
def test_malformed_or_unknown_content_url_is_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    if "sitemap" not in path:  # the sitemap view raises its own 404 (Django's plain page)
        assert heading(response) == NOT_FOUND
        assert meta(parse(response))["robots"] == "noindex,follow"


# Three or four careers make a shortlist; one it cannot show says why, on its own 404 page.
BAD_SHORTLISTS = [
    "/compare/a-vs-b-vs-c/",
    "/compare/devops-engineer-vs-mlops-engineer-vs-nope/",
    "/compare/plumber-vs-lawyer-vs-plumber/",
    "/compare/plumber-vs-lawyer-vs-dentist-vs-electrician-vs-pharmacist/",
]


@pytest.mark.parametrize("path", BAD_SHORTLISTS)
def test_a_shortlist_that_cannot_be_shown_is_a_404_that_says_why(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert heading(response) == "We cannot show this comparison"
    assert meta(parse(response))["robots"] == "noindex,follow"
    assert client.get(path, headers={"HX-Request": "true"}).status_code == 404
    assert client.head(path).status_code == 404


@pytest.mark.parametrize("path", MALFORMED)
def test_malformed_or_unknown_content_url_is_404_for_htmx_and_head(client, path):
    assert client.get(path, headers={"HX-Request": "true"}).status_code == 404
    response = client.head(path)
    assert response.status_code == 404
    assert response.content == b""


@pytest.mark.parametrize("path", ["/static/../manage.py", "/static/..%2fmanage.py"])
def test_path_traversal_never_serves_a_project_file(client, path):
    body = client.get(path).content
    assert b"DJANGO_SETTINGS_MODULE" not in body
    assert b"execute_from_command_line" not in body


@pytest.mark.parametrize(
    ("path", "status", "location"),
    [
        ("/compare/devops-engineer-vs-devops-engineer/?x=%ff", 302, "/careers/devops-engineer/"),
        (
            "/compare/mlops-engineer-vs-devops-engineer/?x=%00",
            301,
            "/compare/devops-engineer-vs-mlops-engineer/",
        ),
        ("/careers/plumber", 301, "/careers/plumber/"),
    ],
)
def test_odd_but_understood_addresses_redirect(client, path, status, location):
    response = client.get(path)
    assert response.status_code == status
    assert response["Location"] == location


# -- Query strings: NUL bytes, invalid UTF-8, over-long values ---------------------------

CALM_QUERIES = [
    "/search/?q=%00",
    "/search/?q=nurse%00",
    "/search/?q=%ff%fe",
    "/search/?q=%c3",
    "/search/?q=%",
    "/search/?q=%zz",
    "/search/?%ff=%ff",
    "/search/?q=%ed%a0%80",
    "/search/?q=\u202e\u0000\ufeff",
    "/careers/?category=%00",
    "/careers/?category=%ff",
    "/careers/?education=%00",
    "/careers/?education=%ff",
    "/careers/?sort=%00",
    "/careers/?sort=%ff%fe",
    "/careers/?page=%00",
    "/careers/?page=%ff",
    "/compare/?page=%00",
    "/compare/?page=%ff",
    "/compare/suggest/?a=%00",
    "/compare/suggest/?a=%ff%fe",
    "/compare/suggest/?b=%c3%28",
    "/compare/suggest/?a=" + LONG,
    "/compare/devops-engineer-vs-mlops-engineer/?x=%00%ff",
    "/careers/plumber/?%00=%ff",
    "/?q=%ff%00",
    "/about/data/?%ff",
    "/fit/?fix=%00&build=5",
    "/fit/?fix=%ff%fe&state=%00&education=%ff",
    "/fit/?state=" + LONG + "&build=5",
    "/fit/?fix=5&fix=9&build=5&build=1",
    "/fit/?build=5&compare=%00%ff",
    "/fit/?build=5&compare=" + LONG,
    "/fit/?build=5&compare=plumber-vs-no-such-career&compare=lawyer",
]


@pytest.mark.parametrize("path", CALM_QUERIES)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_odd_query_strings_are_answered_calmly(client, path, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    assert client.get(path, headers=headers).status_code == 200


def test_nul_byte_in_a_search_is_not_called_too_long(client):
    """A NUL byte is not an over-long search: the page must not say so."""
    response = client.get("/search/?q=nurse%00")
    assert response.status_code == 200
    assert TOO_LONG_SEARCH not in page_text(response)


def test_invalid_utf8_search_shows_no_results_message(client):
    response = client.get("/search/?q=%ff%fe")
    assert response.status_code == 200
    assert "Popular careers" in page_text(response)


def test_over_long_search_says_so(client):
    response = client.get("/search/?q=" + LONG)
    assert response.status_code == 200
    assert TOO_LONG_SEARCH in page_text(response)
    assert heading(response) == "Search careers"
    assert LONG[:200] not in response.content.decode()


def test_over_long_search_for_htmx_is_a_calm_fragment(client):
    response = client.get("/search/?q=" + LONG, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert LONG[:200] not in response.content.decode()


def test_over_long_category_shows_all_careers(client):
    response = client.get("/careers/?category=" + LONG)
    assert response.status_code == 200
    assert heading(response) == "All careers"


@pytest.mark.parametrize("side", ["a", "b"])
def test_over_long_picker_side_says_so(client, side):
    other = "b" if side == "a" else "a"
    response = client.get(f"/compare/go/?{side}={LONG}&{other}=plumber")
    assert response.status_code == 200
    assert TOO_LONG_NAME in page_text(response)
    assert "We have no career called" not in page_text(response)


def test_over_long_picker_alone_says_so_and_asks_for_the_other(client):
    response = client.get("/compare/go/?a=" + LONG)
    assert response.status_code == 200
    words = page_text(response)
    assert TOO_LONG_NAME in words
    assert PICK_ONE in words


# -- Unknown, repeated and out-of-range parameters ---------------------------------------


def careers_total(client):
    return text(find(parse(client.get("/careers/")), "p", class_="count"))


@pytest.mark.parametrize(
    "query",
    [
        "sort=pay&sort=zzz&foo=1",
        "sort=zzz",
        "sort=",
        "sort=title;drop table",
        "category=nope",
        "category=NOPE",
        "category=healthcare&category=nope",
        "category[]=healthcare",
        "education=99",
        "education=-1",
        "education=abc",
        "education=4.5",
        "education=1e3",
        "education=%20",
        "education=99999999999999999999",
        "foo=1&bar=&=baz&&&=",
    ],
)
def test_unknown_filters_are_ignored(client, query):
    response = client.get("/careers/?" + query)
    assert response.status_code == 200
    assert heading(response) == "All careers"
    assert text(find(parse(response), "p", class_="count")) == careers_total(client)


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("sort=pay&sort=zzz&foo=1", "/careers/"),
        ("category=nope&utm_source=x", "/careers/"),
        ("education=99&page=abc", "/careers/"),
        ("category=healthcare&foo=%3Cb%3E", "/careers/?category=healthcare"),
    ],
)
def test_canonical_link_drops_parameters_that_were_not_understood(client, query, canonical):
    """A crawler must not be told that junk addresses are pages of their own."""
    response = client.get("/careers/?" + query)
    assert response.status_code == 200
    assert meta(parse(response))["canonical"].endswith(canonical)


def test_repeated_parameter_uses_a_known_value(client):
    response = client.get("/careers/?category=nope&category=healthcare")
    assert response.status_code == 200
    assert heading(response) == "Healthcare careers"


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=0",
        "page=99999999999999999999",
        "page=abc",
        "page=",
        "page=1.5",
        "page=1e9",
        "page=%20",
        "page=last",
        "page=1&page=2&page=x",
        "page=2&sort=growth&education=99",
    ],
)
@pytest.mark.parametrize("index", ["/careers/", "/compare/"])
def test_odd_page_numbers_fall_back_to_a_real_page(client, index, query):
    response = client.get(f"{index}?{query}")
    assert response.status_code == 200
    data = meta(parse(response))
    assert "page=-" not in data["canonical"] and "page=0" not in data["canonical"]


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_odd_page_numbers_for_htmx(client, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    for query in ["page=-1", "page=99999999999999999999", "page=abc", "page=0"]:
        assert client.get("/careers/?" + query, headers=headers).status_code == 200


# -- The picker: missing, unknown and identical careers ----------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", PICK_ONE),
        ("a=&b=", PICK_ONE),
        ("a=%20%20&b=%20", PICK_ONE),
        ("a=devops-engineer", PICK_ONE),
        ("b=devops-engineer", PICK_ONE),
        ("a=devops-engineer&b=", PICK_ONE),
        ("a=devops-engineer&b=nope-at-all", "We have no career called “nope-at-all”."),
        ("a=zzqx&b=devops-engineer", "We have no career called “zzqx”."),
        ("a=%ff%fe&b=devops-engineer", "We have no career called"),
        ("a=!!!&b=devops-engineer", "We have no career called “!!!”."),
        ("a=devops-engineer&b=devops-engineer", "Pick a second career different from"),
        ("a=DevOps+Engineer&b=devops-engineer", "Pick a second career different from"),
        ("a=devops-engineer&b=" + LONG, TOO_LONG_NAME),
        ("a=" + LONG + "&b=" + LONG, TOO_LONG_NAME),
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_picker_errors_are_explained_in_plain_words(client, query, message, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get("/compare/go/?" + query, headers=headers)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert message in page_text(response) if not htmx else message in text(parse(response))


def test_picker_with_nul_byte_explains_itself(client):
    response = client.get("/compare/go/?a=devops%00engineer&b=plumber")
    assert response.status_code == 200
    assert "Null characters are not allowed." in page_text(response)


def test_picker_reads_the_last_of_repeated_values(client):
    response = client.get("/compare/go/?a=devops-engineer&b=mlops-engineer&a=zzqx&foo=1")
    assert response.status_code == 200
    assert "We have no career called “zzqx”." in page_text(response)


def test_picker_with_a_good_pair_ignores_unknown_parameters(client):
    response = client.get("/compare/go/?a=devops-engineer&b=mlops-engineer&foo=%ff")
    assert response.status_code == 302
    assert response["Location"] == "/compare/devops-engineer-vs-mlops-engineer/"


# -- Methods: every public page is read-only ---------------------------------------------

PUBLIC_PAGES = [
    "/",
    "/about/data/",
    "/careers/",
    "/careers/?category=healthcare&sort=pay",
    "/careers/devops-engineer/",
    "/search/?q=nurse",
    "/search/",
    "/compare/",
    "/compare/devops-engineer-vs-mlops-engineer/",
    "/compare/actuary-vs-plumber/",
    "/compare/go/",
    "/compare/suggest/?a=dev",
    "/robots.txt",
    "/healthz",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-careers.xml",
    "/sitemap-comparisons.xml",
    "/fit/",
    "/fit/?fix=5",
]


def test_every_public_page_is_read_only(client):
    """Each public view declares GET/HEAD only (one check per view, not per verb)."""
    for path in PUBLIC_PAGES:
        response = client.post(path)
        assert response.status_code == 405, f"POST {path}"
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}, path


def test_unknown_methods_are_405(client):
    assert client.generic("PROPFIND", "/careers/").status_code == 405


def test_cross_site_post_is_stopped_by_csrf_before_the_view():
    response = Client(enforce_csrf_checks=True).post("/careers/", {"q": XSS})
    assert response.status_code == 403
    assert b"CSRF verification failed" in response.content


def test_head_is_200_with_an_empty_body(client):
    for path in PUBLIC_PAGES:
        response = client.head(path)
        assert response.status_code == 200, path
        assert response.content == b"", path


# -- Foreign and malformed Host headers ---------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.example", "localhost@evil.example", "bad host", "x" * 2000],
)
def test_foreign_host_is_400(client, host):
    response = client.get("/careers/", headers={"Host": host})
    assert response.status_code == 400
    assert b"Bad request" in response.content


def test_foreign_host_is_400_even_for_a_cached_page(client):
    """The page cache answers before CommonMiddleware: it must check the Host itself."""
    assert client.get("/careers/").status_code == 200
    assert client.get("/careers/", headers={"Host": "evil.example"}).status_code == 400


def test_forwarded_host_is_not_trusted(client):
    response = client.get("/", headers={"X-Forwarded-Host": "evil.example"})
    assert response.status_code == 200
    assert b"evil.example" not in response.content


# -- Query text is escaped on output -----------------------------------------------------


def test_search_query_is_escaped(client):
    response = client.get("/search/", {"q": XSS})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert XSS in page_text(response)


def test_search_query_is_escaped_in_the_htmx_fragment(client):
    response = client.get("/search/", {"q": XSS + " nurse"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/search/?q=<script>alert(1)</script>",
        "/search/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
        "/compare/go/?a=%3Cscript%3Ealert(1)%3C/script%3E&b=plumber",
        "/compare/go/?a=plumber&b=%3Cscript%3Ealert(1)%3C/script%3E",
        "/compare/suggest/?a=%3Cscript%3Ealert(1)%3C/script%3E",
        "/careers/?category=%3Cscript%3Ealert(1)%3C/script%3E&foo=%3Cscript%3Ealert(1)",
        "/careers/?%3Cscript%3Ealert(1)=1&page=2",
        "/compare/?page=%3Cscript%3Ealert(1)",
        "/careers/%3Cscript%3Ealert(1)%3C/script%3E/",
        "/compare/%3Cscript%3Ealert(1)-vs-plumber/",
        "/%3Cscript%3Ealert(1)%3C/script%3E",
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_hostile_text_is_never_echoed_raw(client, path, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(path, headers=headers)
    assert response.status_code < 500
    assert b"<script>alert(1)" not in response.content


def test_quotes_cannot_break_out_of_the_search_box(client):
    response = client.get("/search/", {"q": '" autofocus onfocus="alert(1)'})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'onfocus="alert(1)' not in body
    assert "&quot; autofocus onfocus=&quot;alert(1)" in body


def test_picker_echo_is_escaped(client):
    response = client.get("/compare/go/", {"a": XSS, "b": "plumber"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "We have no career called “<script>alert(1)</script>”." in page_text(response)
