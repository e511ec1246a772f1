"""
"Where do you live?" on a comparison: both careers' pay in a state or metro area (BLS OEWS May
2025) with verdicts; a GET form that htmx speeds up; only real places, never new indexable
pages, never cache entries for made-up values.
"""

import pytest
from django.core.cache import cache

from comparisons import place
from occupations import wages
from occupations.models import Area, AreaWage, WageRelease
from publishing import versions
from tests.html import find, find_all, meta, parse, parse_errors, text

pytestmark = pytest.mark.usefixtures("catalog")

NURSES = "/compare/registered-nurse-vs-nurse-practitioner/"
UNCURATED = "/compare/software-developer-vs-web-developer/"


def section(response):
    return find(parse(response), "section", id="place")


def figures(found):
    table = find(found, "table")
    return {
        text(find(row, "th")): [text(td) for td in find_all(row, "td")]
        for row in find_all(find(table, "tbody"), "tr")
    }


def test_every_comparison_asks_where_you_live(client):
    found = section(client.get(NURSES))
    form = find(found, "form")
    assert form.get("method") == "get" and form.get("action") == NURSES + "#place"
    assert text(find(form, "label")) == "Where do you live?"
    options = [o.get("value") for o in find_all(form, "option")]
    assert options[0] == "" and "california" in options and "guam" in options
    assert len(options) == 55  # a prompt and the 54 OEWS states and territories
    assert find(found, "table") is None


def test_a_state_shows_both_careers_side_by_side_with_verdicts(client):
    response = client.get(NURSES + "?place=california")
    found = section(response)
    rows = figures(found)
    assert rows["Median pay"] == ["$140,270", "$168,520"]
    assert rows["Jobs"] == ["338,940", "25,120"]
    verdicts = [text(li) for li in find_all(find(found, "ul", class_="place-verdicts"), "li")]
    assert verdicts == [
        "Nurse Practitioner typically pays more at the median in California: "
        "20% more than Registered Nurse.",
        "More jobs in California: Registered Nurse (338,940 against 25,120).",
    ]
    assert "May 2025" in text(found)
    option = find(find(found, "select"), "option", value="california")
    assert option.get("selected") is not None
    metros = {text(a): a for a in find_all(find(found, "ul", class_="place-links"), "a")}
    los_angeles = metros["Los Angeles-Long Beach-Anaheim, CA"]
    assert los_angeles.get("href") == NURSES + "?place=los-angeles-long-beach-anaheim-ca#place"
    assert los_angeles.get("rel") == "nofollow"
    # Each link makes its own request: its own target, selection and swap, none inherited.
    for attribute in ("hx-get", "hx-target", "hx-select", "hx-swap", "hx-push-url"):
        assert los_angeles.get(attribute), attribute
    assert parse_errors(response) == []


def test_a_place_variant_is_not_a_new_page(client):
    plain = meta(parse(client.get(NURSES)))
    chosen = meta(parse(client.get(NURSES + "?place=texas")))
    assert chosen["canonical"] == plain["canonical"] == "http://testserver" + NURSES
    assert chosen["robots"] == plain["robots"]
    assert chosen["title"] == plain["title"]


def test_a_metro_area_links_back_to_its_states(client):
    found = section(client.get(NURSES + "?place=new-york-newark-jersey-city-ny-nj"))
    assert "Registered Nurse and Nurse Practitioner in New York-Newark-Jersey City, NY-NJ" in (
        text(found)
    )
    states = [a.get("href") for a in find_all(find(found, "p"), "a")]
    assert NURSES + "?place=new-jersey#place" in states
    assert NURSES + "?place=new-york#place" in states
    # A metro is kept in the form as the current choice.
    selected = [o for o in find_all(found, "option") if o.get("selected") is not None]
    assert [o.get("value") for o in selected] == ["new-york-newark-jersey-city-ny-nj"]


def test_missing_figures_are_said_not_guessed(client):
    found = section(client.get(UNCURATED + "?place=alabama"))
    rows = figures(found)
    assert rows["Median pay"] == ["$122,540", "not released"]
    assert "No median pay in Alabama for Web Developer, so no verdict on pay." in text(found)
    seed = section(client.get("/compare/devops-engineer-vs-mlops-engineer/?place=texas"))
    assert "DevOps Engineer has no BLS occupation code, so no figures by place." in text(seed)
    assert "no figures" in text(find(seed, "table"))


@pytest.mark.parametrize(
    "value",
    ["atlantis", "../../etc", "<script>", "california" * 20, "united-states", ""],
)
def test_made_up_places_give_the_plain_page_from_the_cache(
    client, value, django_assert_num_queries
):
    plain = client.get(NURSES)
    with django_assert_num_queries(0):
        response = client.get(NURSES, {"place": value})
    assert response.status_code == 200
    assert response.content == plain.content


def test_a_place_is_normalised_to_its_slug(client, django_assert_num_queries):
    chosen = client.get(NURSES, {"place": "california"})
    with django_assert_num_queries(0):
        again = client.get(NURSES, {"place": " CALIFORNIA "})
    assert again.content == chosen.content


def test_a_made_up_place_is_never_stored(client):
    from tests.publishing.test_pagecache import cache_entries

    client.get(NURSES)
    before = cache_entries()
    for value in ("nowhere-1", "nowhere-2", "nowhere-3"):
        client.get(NURSES, {"place": value})
    assert cache_entries() == before


def test_a_real_place_is_cached(client, django_assert_num_queries):
    client.get(NURSES + "?place=california")
    with django_assert_num_queries(0):
        assert client.get(NURSES + "?place=california").status_code == 200


def test_htmx_gets_just_the_section_and_history_gets_the_page(client):
    fragment = client.get(NURSES + "?place=oregon", headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert body.startswith('<section id="place"') and "<h1" not in body
    assert "in Oregon" in body
    assert "HX-Request" in fragment["Vary"]
    restore = client.get(
        NURSES + "?place=oregon",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<h1" in restore.content.decode()
    # The picker's htmx navigation to a comparison (no place) still gets the whole page.
    picker = client.get(NURSES, headers={"HX-Request": "true"})
    assert "<h1" in picker.content.decode()


def test_a_reversed_pair_keeps_the_place(client):
    response = client.get("/compare/nurse-practitioner-vs-registered-nurse/?place=texas")
    assert response.status_code == 301
    assert response["Location"] == NURSES + "?place=texas"


def test_place_pages_keep_the_query_budget(client, django_assert_max_num_queries):
    # Warm what a running server keeps between requests: the list of places (read once per
    # content version) and SQLite's JSON support check (once per connection).
    client.get(UNCURATED + "?place=ohio")
    for path in (NURSES + "?place=california", UNCURATED + "?place=texas"):
        cache.clear()
        versions.memo.forget()
        with django_assert_max_num_queries(8):
            response = client.get(path)
        assert response.status_code == 200
        assert len(response.content) <= 50 * 1024


def whole(path):
    """The page as the view renders it whole, outside the page cache (a preview does)."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from comparisons.views import detail

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    pair = request.path.removeprefix("/compare/").strip("/")
    return detail(request, pair=pair).content.decode()


def test_place_variants_share_the_rest_of_their_page(client, django_assert_max_num_queries):
    client.get(UNCURATED + "?place=ohio")  # what a running server has read already
    for pair in (NURSES, UNCURATED):
        assert client.get(pair + "?place=texas")["X-Cache"] == "miss"
        # Another place: its own page, rendered around the rest of the first one.
        with django_assert_max_num_queries(2):
            response = client.get(pair + "?place=oregon")
        assert response["X-Cache"] == "miss"
        assert response.content.decode() == whole(pair + "?place=oregon")
        found = section(response)
        assert figures(found)["Median pay"][0].startswith("$")
        assert find(found, "option", value="oregon").get("selected") is not None
        printed = text(find(parse(response), "p", id="print-source"))
        assert pair + "?place=oregon" in printed


def test_an_edit_reaches_the_place_variants_of_its_pairs_only(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from careers.models import Career

    client.get(UNCURATED + "?place=ohio")
    for pair in (NURSES, UNCURATED):
        client.get(pair + "?place=texas")
    nurse = Career.objects.get(slug="registered-nurse")
    nurse.day_to_day = "Night shifts on a stroke ward."
    with django_capture_on_commit_callbacks(execute=True):
        nurse.save()
    assert "Night shifts on a stroke ward." in client.get(NURSES + "?place=oregon").content.decode()
    # The developers' pair shows nothing of the nurse: its shared page is still good.
    with django_assert_max_num_queries(3):
        response = client.get(UNCURATED + "?place=oregon")
    assert response.content.decode() == whole(UNCURATED + "?place=oregon")


# --- The verdict rule (pay within 3 % or $2,000 is about the same) ---------------------------


class Career:
    def __init__(self, title, soc="29-1141"):
        self.title, self.soc_code = title, soc


def wage(median):
    release = WageRelease(reference_period="May 2025", data_year=2025)
    return AreaWage(release=release, area=Area(name="Ohio"), annual_median=median, footnotes={})


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (100_000, 102_000, "A and B typically pay about the same at the median in Ohio"),
        (100_000, 102_999, "A and B typically pay about the same at the median in Ohio"),
        (100_000, 103_100, "B typically pays more at the median in Ohio: 3% more than A"),
        (40_000, 41_900, "A and B typically pay about the same at the median in Ohio"),
        (40_000, 42_100, "B typically pays more at the median in Ohio: 5% more than A"),
        (90_000, 60_000, "A typically pays more at the median in Ohio: 50% more than B"),
    ],
)
def test_pay_within_3_percent_or_2000_dollars_is_about_the_same(a, b, expected):
    assert place.median_verdict(Career("A"), Career("B"), wage(a), wage(b), "Ohio") == expected


def test_the_place_list_follows_the_content_version():
    before = wages.places()
    assert "california" in before.by_slug and "united-states" not in before.by_slug
    assert wages.place_slug("California") == "california"
    assert wages.state_slug("los-angeles-long-beach-anaheim-ca") is None
    assert wages.place_slug("los-angeles-long-beach-anaheim-ca") is not None


def test_a_top_coded_median_is_a_lower_bound_in_the_place_verdict():
    """BLS publishes some medians only as "at least $239,200": the place verdict follows
    the comparison's rule for top-coded pay instead of inventing a gap."""
    top = AreaWage(
        release=WageRelease(reference_period="May 2025", data_year=2025),
        area=Area(name="Ohio"),
        annual_median=None,
        footnotes={"annual_median": 5},
    )
    a, b = Career("A"), Career("B")
    assert place.median_verdict(a, b, top, wage(100_000), "Ohio") == (
        "A typically pays more at the median in Ohio: at least 139% more than B"
    )
    assert place.median_verdict(a, b, top, wage(238_000), "Ohio") == (
        "Median pay in Ohio: cannot say, A is at least $239,200 and B $238,000"
    )
