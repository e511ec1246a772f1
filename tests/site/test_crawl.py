"""
A crawler's view of the site: start at / and /sitemap.xml, follow every internal link a
crawler may follow (robots.txt), and check every page it finds.
"""

import functools
import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings

from careers.models import Career
from comparisons.models import Comparison
from publishing.sitemaps import SiteSitemap

pytestmark = pytest.mark.usefixtures("catalog")

DISALLOWED = (
    "/admin/",
    "/compare/go/",
    "/compare/add/",
    "/compare/suggest/",
    "/search/",
    "/static/",
)
EXPECTED_TYPE = [
    (re.compile(r"^/careers/[a-z0-9-]+/$"), "Occupation"),
    (re.compile(r"^/compare/[a-z0-9-]+-vs-[a-z0-9-]+/$"), "WebPage"),
    (re.compile(r"^/careers/(\?.*)?$"), "CollectionPage"),
    (re.compile(r"^/compare/(\?.*)?$"), "CollectionPage"),
    (re.compile(r"^/$"), "WebSite"),
]


# Some 40,000 state pay pages (/careers/<slug>/pay/<state>/) render from one template: the
# crawl visits every state of one career and one of three states (in turn) of each sampled
# career (below), and skips the rest; tests/careers/test_state_pay.py checks the state
# pages and their sitemap section.
STATE_PAGE = re.compile(r"^/careers/(?P<career>[a-z0-9-]+)/pay/(?P<state>[a-z0-9-]+)/$")
SAMPLED_CAREER = "registered-nurse"
SAMPLED_STATES = ("texas", "district-of-columbia", "puerto-rico")


# 834 occupation pages and the pairs each offers render from a few templates: the crawl
# visits every guide and one page in forty without a guide (with their comparisons), and
# skips the other pages; tests/careers/test_occupation_pages.py checks those pages.
CAREER_PAGE = re.compile(r"^/careers/(?P<career>[a-z0-9-]+)/")
PAIR_PAGE = re.compile(r"^/compare/(?P<a>[a-z0-9-]+?)-vs-(?P<b>[a-z0-9-]+)/")
SAMPLED_CAREERS = {}  # slug: the state whose page is crawled


def sample_careers():
    guides = Career.objects.filter(has_guide=True).order_by("pk").values_list("slug", flat=True)
    pages = Career.objects.filter(has_guide=False).order_by("pk").values_list("slug", flat=True)
    SAMPLED_CAREERS.clear()
    for i, slug in enumerate([*guides, *list(pages)[::40]]):
        SAMPLED_CAREERS[slug] = SAMPLED_STATES[i % len(SAMPLED_STATES)]


def sampled(path):
    match = STATE_PAGE.match(path)
    if match is not None:
        return match["career"] == SAMPLED_CAREER or (
            SAMPLED_CAREERS.get(match["career"]) == match["state"]
        )
    if (match := PAIR_PAGE.match(path)) is not None:
        return {match["a"], match["b"]} <= SAMPLED_CAREERS.keys()
    if (match := CAREER_PAGE.match(path)) is not None:
        return match["career"] in SAMPLED_CAREERS
    return True


def sitemap_paths(client):
    paths = []
    index = client.get("/sitemap.xml").content.decode()
    for section in re.findall(r"<loc>([^<]+)</loc>", index):
        body = client.get(section.removeprefix(settings.SITE_URL)).content.decode()
        paths += [
            url.removeprefix(settings.SITE_URL) for url in re.findall(r"<loc>([^<]+)</loc>", body)
        ]
    return paths


class PageFacts(HTMLParser):
    """
    What the crawl checks of a page, read in one pass of the standard library's parser
    (html5lib builds the whole tree, about five times slower, and the crawl reads some
    four hundred pages on each database): the links with their rel, the head's title,
    meta tags and canonical link (as tests.html.meta gives them), the number of h1s,
    whether there is a breadcrumb trail, and the JSON-LD items. tests/site/test_pages.py
    and others check the pages' trees with html5lib.
    """

    def __init__(self, content):
        super().__init__(convert_charrefs=True)
        self.links, self.meta, self.jsonld = [], {"canonical": None}, []
        self.h1s, self.breadcrumbs = 0, False
        self._head, self._svg, self._reading, self._text = False, 0, None, []
        self.feed(content)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self._svg += 1
        if tag == "a" and attrs.get("href"):  # an SVG map's too: a crawler follows them
            self.links.append((attrs["href"], attrs.get("rel") or "", self._svg > 0))
        elif tag == "h1":
            self.h1s += 1
        elif tag == "nav" and attrs.get("aria-label") == "Breadcrumb":
            self.breadcrumbs = True
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._reading, self._text = "jsonld", []
        elif tag == "head":
            self._head = True
        elif self._head and tag == "title" and "title" not in self.meta:
            self._reading, self._text = "title", []
        elif self._head and tag == "meta" and (attrs.get("name") or attrs.get("property")):
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content")
        elif self._head and tag == "link" and attrs.get("rel") == "canonical":
            self.meta["canonical"] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg -= 1
        elif tag == "head":
            self._head = False
        elif self._reading == "title" and tag == "title":
            self.meta["title"] = " ".join("".join(self._text).split())
            self._reading = None
        elif self._reading == "jsonld" and tag == "script":
            self.jsonld.append(json.loads("".join(self._text)))
            self._reading = None

    def handle_data(self, data):
        if self._reading:
            self._text.append(data)


@functools.cache
def parsed(response):
    """A crawled page's facts, read once for all the tests of this module."""
    return PageFacts(response.content.decode())


def followable_links(page):
    """Links a crawler follows: not rel="nofollow" (a guide's sort order, a comparison's
    place: variants whose canonical is the plain page)."""
    return [href for href, rel, _ in page.links if "nofollow" not in rel.split()]


def crawl(client, starts):
    seen, queue, pages = set(starts), deque(starts), {}
    while queue:
        path = queue.popleft()
        response = client.get(path)
        pages[path] = response
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for href in followable_links(parsed(response)):
            target = urljoin(path, href)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(DISALLOWED):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen and sampled(target):
                seen.add(target)
                queue.append(target)
    return pages


@pytest.fixture(scope="module")
def site(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        client = Client()
        sample_careers()
        in_sitemap = sitemap_paths(client)
        in_sitemap = [path for path in in_sitemap if sampled(path)]
        pages = crawl(client, ["/", *in_sitemap])
    yield pages, in_sitemap
    parsed.cache_clear()


def test_no_broken_links_and_no_redirects(site):
    pages, _ = site
    bad = {path: r.status_code for path, r in pages.items() if r.status_code != 200}
    assert bad == {}
    # Every guide, every curated comparison, the indexes and the uncurated pairs guides
    # offer as similar (fewer since issue 12: only pairs within the similarity bounds).
    assert len(pages) > 130


def test_every_page_has_its_metadata_and_one_h1(site):
    pages, _ = site
    for path, response in pages.items():
        page = parsed(response)
        data = page.meta
        assert data["title"].endswith("| Qoollege"), path
        assert len(data.get("description") or "") > 50, path
        assert data["canonical"] == settings.SITE_URL + path, path
        for key in ("og:title", "og:description", "og:url", "og:type", "og:image"):
            assert data.get(key), (path, key)
        assert data["twitter:card"] == "summary_large_image", path
        assert page.h1s == 1, path
        assert page.breadcrumbs or path == "/", path
        types = [item["@type"] for item in page.jsonld]
        for pattern, expected in EXPECTED_TYPE:
            if pattern.match(path):
                assert expected in types, (path, types)
                break


def test_indexable_titles_are_unique(site):
    pages, _ = site
    titles = {}
    for path, response in pages.items():
        data = parsed(response).meta
        if data["robots"].startswith("index"):
            titles.setdefault(data["title"], []).append(path)
    duplicates = {title: paths for title, paths in titles.items() if len(paths) > 1}
    assert duplicates == {}


def test_sitemap_lists_exactly_the_published_canonical_pages(site):
    pages, in_sitemap = site
    careers = {c.get_absolute_url() for c in Career.objects.published()}
    curated = {c.get_absolute_url() for c in Comparison.objects.published()}
    # The crawl's sample of them (see sampled); tests/careers checks the whole sitemap.
    careers = {path for path in careers if sampled(path)}
    curated = {path for path in curated if sampled(path)}
    listed = set(in_sitemap)
    assert careers | curated <= listed
    pairs = {p for p in listed if "-vs-" in p}
    assert pairs == curated
    for path in listed:
        assert parsed(pages[path]).meta["robots"] == "index,follow", path


def test_every_uncurated_pair_is_noindex(site):
    pages, in_sitemap = site
    uncurated = [p for p in pages if "-vs-" in p and p not in in_sitemap]
    assert uncurated, "guides link to uncurated pairs of similar careers"
    for path in uncurated:
        assert parsed(pages[path]).meta["robots"] == "noindex,follow", path


def test_sitemap_paginates_past_its_limit(client, monkeypatch):
    monkeypatch.setattr(SiteSitemap, "limit", 10)
    index = client.get("/sitemap.xml").content.decode()
    career_pages = [u for u in re.findall(r"<loc>([^<]+)</loc>", index) if "careers" in u]
    published = Career.objects.published().count()
    assert len(career_pages) == -(-published // 10)
    assert career_pages[1].endswith("/sitemap-careers.xml?p=2")
    found = []
    for url in career_pages:
        response = client.get(url.removeprefix(settings.SITE_URL))
        assert response.status_code == 200
        found += re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert len(found) == len(set(found)) == published
    assert client.get("/sitemap-careers.xml?p=99").status_code == 404
