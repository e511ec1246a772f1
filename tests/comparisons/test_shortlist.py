"""Three or four careers side by side: addresses, order, 404s, adding and removing."""

import pytest

from tests.html import find, find_all, links, meta, parse, table_rows, text

pytestmark = pytest.mark.usefixtures("catalog")

THREE = "/compare/registered-nurse-vs-physician-assistant-vs-nurse-practitioner/"
TITLES = ["Registered Nurse", "Physician Assistant", "Nurse Practitioner"]
QUERY_BUDGET = 10  # issue 24: a shortlist renders within ten queries


def test_three_careers_render_in_the_order_given(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(THREE)
    assert response.status_code == 200
    tree = parse(response)
    assert text(find(tree, "h1")) == " vs ".join(TITLES) + ": Career Comparison"
    headers = [text(th) for th in find_all(find(tree, "thead"), "th")]
    assert headers == ["Attribute", *TITLES]
    cards = [
        text(find(card, "h3"))
        for card in find_all(tree, "div")
        if "keynum-card" in (card.get("class") or "")
    ]
    assert cards == TITLES
    rows = table_rows(tree)
    assert len(rows) == 13 and all(len(cells) == 3 for cells in rows.values())
    # Every cell says which career it is, for phones where the header row is hidden.
    labels = [td.get("data-label") for td in find_all(find(tree, "tbody"), "td")]
    assert labels == TITLES * 13
    verdicts = [text(li) for li in find_all(find(tree, "section", class_="verdicts"), "li")]
    assert [v.split(":")[0] for v in verdicts] == [
        "Highest salary ceiling (90th percentile)",
        "Highest median pay",
        "Fastest projected growth",
        "Same education level",
    ]


def test_every_order_is_one_canonical_noindexed_page(client):
    canonical = "/compare/nurse-practitioner-vs-physician-assistant-vs-registered-nurse/"
    for path in (THREE, canonical):
        data = meta(parse(client.get(path)))
        assert data["canonical"].endswith(canonical)
        assert data["robots"] == "noindex,follow"


def test_the_page_is_cached_like_every_public_page(client, django_assert_num_queries):
    first = client.get(THREE)
    with django_assert_num_queries(0):
        again = client.get(THREE)
    assert again.content == first.content


def test_four_careers_render(client):
    path = "/compare/electrician-vs-plumber-vs-lawyer-vs-paralegal/"
    response = client.get(path)
    assert response.status_code == 200
    assert len(table_rows(parse(response))["Median pay"]) == 4


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/compare/registered-nurse-vs-nobody-vs-lawyer/", "We have no career at “nobody”"),
        (
            "/compare/registered-nurse-vs-lawyer-vs-registered-nurse/",
            "names the same career more than once (registered-nurse)",
        ),
        (
            "/compare/electrician-vs-plumber-vs-lawyer-vs-paralegal-vs-actuary/",
            "at most 4 careers side by side; this address names 5",
        ),
    ],
)
def test_bad_shortlists_404_with_a_clear_page(client, path, says):
    response = client.get(path)
    assert response.status_code == 404
    tree = parse(response)
    assert text(find(tree, "h1")) == "We cannot show this comparison"
    assert says in text(find(tree, "main"))
    assert meta(tree)["robots"] == "noindex,follow"


def test_an_unknown_career_page_links_the_comparison_of_the_others(client):
    tree = parse(client.get("/compare/registered-nurse-vs-nobody-vs-lawyer/"))
    assert "/compare/lawyer-vs-registered-nurse/" in links(tree)


@pytest.mark.parametrize(
    "path", ["/compare/lawyer-vs--vs-plumber/", "/compare/lawyer-vs-plumber-vs-/"]
)
def test_malformed_shortlists_404(client, path):
    assert client.get(path).status_code == 404


def test_unpublished_careers_are_not_shown(client):
    from careers.models import Career

    Career.objects.filter(slug="lawyer").update(is_published=False)
    response = client.get("/compare/registered-nurse-vs-lawyer-vs-plumber/")
    assert response.status_code == 404


def removal_links(tree):
    section = find(tree, "section", id="change")
    return {
        text(a): a.get("href") for a in find_all(section, "a") if "remove" in (a.get("class") or "")
    }


def test_each_career_can_be_removed(client):
    tree = parse(client.get(THREE))
    assert removal_links(tree) == {
        # Two left: the pair's own comparison, at its canonical address (an editor's
        # stored order for a curated pair, else alphabetical).
        "Remove Registered Nurse": "/compare/nurse-practitioner-vs-physician-assistant/",
        "Remove Physician Assistant": "/compare/registered-nurse-vs-nurse-practitioner/",
        "Remove Nurse Practitioner": "/compare/registered-nurse-vs-physician-assistant/",
    }
    for href in removal_links(tree).values():
        assert client.get(href).status_code == 200, href  # no redirect on the way
    four = parse(client.get("/compare/electrician-vs-plumber-vs-lawyer-vs-paralegal/"))
    # Three left: the order given is kept.
    assert (
        removal_links(four)["Remove Plumber / Pipefitter / Steamfitter"]
        == "/compare/electrician-vs-lawyer-vs-paralegal/"
    )


def test_each_pair_of_a_shortlist_is_linked_at_its_canonical_address(client):
    tree = parse(client.get("/compare/electrician-vs-plumber-vs-lawyer-vs-paralegal/"))
    pairs = [a.get("href") for a in find_all(find(tree, "section", id="pairs"), "a")][:-1]
    assert len(pairs) == 6
    assert "/compare/electrician-vs-plumber/" in pairs  # curated in that order
    assert "/compare/paralegal-vs-lawyer/" in pairs  # curated in that order
    for href in pairs:
        assert client.get(href).status_code == 200, href


def test_a_pair_offers_careers_to_add_and_no_removal(client):
    tree = parse(client.get("/compare/registered-nurse-vs-nurse-practitioner/"))
    assert removal_links(tree) == {}
    section = find(tree, "section", id="change")
    adds = [a.get("href") for a in find_all(section, "a") if "add" in (a.get("class") or "")]
    assert adds and all(
        href.startswith("/compare/registered-nurse-vs-nurse-practitioner-vs-") for href in adds
    )
    form = find(section, "form")
    assert form.get("action") == "/compare/add/"
    assert find(form, "input", name="to").get("value") == "registered-nurse-vs-nurse-practitioner"


def test_a_full_comparison_offers_no_more_careers(client):
    tree = parse(client.get("/compare/electrician-vs-plumber-vs-lawyer-vs-paralegal/"))
    section = find(tree, "section", id="change")
    assert find(section, "form") is None
    assert "at most 4 careers" in text(section)


def test_add_by_name_goes_to_the_bigger_comparison(client):
    response = client.get(
        "/compare/add/", {"to": "registered-nurse-vs-nurse-practitioner", "career": "Electrician"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/compare/registered-nurse-vs-nurse-practitioner-vs-electrician/"


def test_add_appends_in_order_and_ignores_a_career_already_there(client):
    response = client.get("/compare/add/", {"to": THREE.split("/")[2], "career": "lawyer"})
    assert response["Location"] == THREE[:-1] + "-vs-lawyer/"
    again = client.get("/compare/add/", {"to": THREE.split("/")[2], "career": "registered-nurse"})
    assert again["Location"] == THREE


def test_a_fifth_career_is_refused_with_a_message(client):
    response = client.get(
        "/compare/add/",
        {"to": "electrician-vs-plumber-vs-lawyer-vs-paralegal", "career": "actuary"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = text(find(parse(response), "main"))
    assert "at most 4 careers: remove one before adding another" in body
    assert "/compare/electrician-vs-plumber-vs-lawyer-vs-paralegal/" in links(parse(response))


def test_an_unknown_name_is_said_and_escaped(client):
    response = client.get("/compare/add/", {"to": "lawyer-vs-plumber", "career": "<b>Xyzzy</b>"})
    assert response.status_code == 200
    assert b"<b>Xyzzy</b>" not in response.content
    assert "We have no career called “<b>Xyzzy</b>”." in text(find(parse(response), "main"))
    form = find(parse(response), "form", class_="add-form")
    assert find(form, "input", name="to").get("value") == "lawyer-vs-plumber"
