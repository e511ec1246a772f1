"""“Add to comparison” from the pages about careers: a guide or data page, the moves list,
the fit results."""

import pytest

from tests.html import find, find_all, meta, parse, text

pytestmark = pytest.mark.usefixtures("catalog")


def test_moves_can_be_ticked_into_a_comparison(client):
    tree = parse(client.get("/careers/registered-nurse/moves/"))
    boxes = [i for i in find_all(tree, "input") if i.get("form") == "shortlist-form"]
    assert len(boxes) >= 2
    picked = [box.get("value") for box in boxes[:2]]
    response = client.get(
        "/compare/add/?to=registered-nurse&" + "&".join(f"career={p}" for p in picked)
    )
    assert response["Location"] == "/compare/" + "-vs-".join(["registered-nurse", *picked]) + "/"


def test_a_career_page_offers_to_join_the_comparison_the_visitor_came_from(client):
    response = client.get("/careers/electrician/", {"compare": "lawyer-vs-plumber"})
    tree = parse(response)
    aside = find(tree, "aside", class_="add-to-comparison no-print")
    hrefs = [a.get("href") for a in find_all(aside, "a")]
    assert hrefs == ["/compare/lawyer-vs-plumber-vs-electrician/", "/compare/lawyer-vs-plumber/"]
    assert text(find_all(aside, "a")[0]) == "Add Electrician to your comparison"
    # The page is still canonical to the plain guide, and the variant is not stored.
    assert meta(tree)["canonical"].endswith("/careers/electrician/")
    plain = parse(client.get("/careers/electrician/"))
    aside = find(plain, "aside", class_="add-to-comparison no-print")
    assert [a.get("href") for a in find_all(aside, "a")] == ["/compare/add/?career=electrician"]


@pytest.mark.parametrize(
    "compare",
    ["lawyer", "lawyer-vs-lawyer", "a-vs-b-vs-c-vs-d", "<script>", "lawyer-vs-"],
)
def test_a_career_page_ignores_a_comparison_it_cannot_join(client, compare):
    response = client.get("/careers/electrician/", {"compare": compare})
    assert response.status_code == 200
    aside = find(parse(response), "aside", class_="add-to-comparison no-print")
    hrefs = [a.get("href") for a in find_all(aside, "a")]
    if compare == "a-vs-b-vs-c-vs-d":
        assert "remove one" in text(aside)  # full: nothing to add, a way back
    else:
        assert hrefs == ["/compare/add/?career=electrician"]


# Hands-on work (fit statement key → answer), as in tests/fit.
HANDS_ON = {"fix": "5", "build": "5", "circuits": "4", "paperwork": "1"}


def fit_controls(tree):
    """{career slug: [(link text, href)]} of the fit results' “Add to comparison” controls."""
    found = {}
    for div in find_all(tree, "div"):
        if "add-to-comparison" in (div.get("class") or ""):
            found[div.get("id").removeprefix("add-")] = [
                (text(a), a.get("href")) for a in find_all(div, "a")
            ]
    return found


def test_fit_results_add_one_after_another_and_lead_to_the_comparison(
    client, django_assert_max_num_queries
):
    tree = parse(client.get("/fit/", HANDS_ON))
    controls = fit_controls(tree)
    assert len(controls) == 20 and find(tree, "section", id="your-comparison") is None
    first, second, third = list(controls)[:3]
    # The answers in the order the page keeps them (its normalised address).
    answers = "build=5&circuits=4&fix=5&paperwork=1"
    ((words, href),) = controls[first]
    assert words.startswith("Add ") and words.endswith(" to a comparison")
    assert href == f"/fit/?{answers}&compare={first}#add-{first}"

    # One picked: the others add to it and come back; the tray says one more is needed.
    with django_assert_max_num_queries(10):
        response = client.get(href.split("#")[0])
    tree = parse(response)
    tray = find(tree, "section", id="your-comparison")
    assert "Add one more result" in text(tray)
    assert [a.get("href") for a in find_all(tray, "a")] == [f"/fit/?{answers}"]  # remove it
    controls = fit_controls(tree)
    assert controls[first] == []  # “… is in your comparison”
    ((words, href),) = controls[second]
    assert words.endswith(" to your comparison")
    assert href == f"/fit/?{answers}&compare={first}-vs-{second}#add-{second}"

    # Two and three: the tray leads to the comparison, in the order picked.
    tree = parse(client.get("/fit/", {**HANDS_ON, "compare": f"{first}-vs-{second}-vs-{third}"}))
    tray = find(tree, "section", id="your-comparison")
    hrefs = [a.get("href") for a in find_all(tray, "a")]
    assert hrefs[-1] == f"/compare/{first}-vs-{second}-vs-{third}/"
    assert hrefs[1] == f"/fit/?{answers}&compare={first}-vs-{third}"  # remove the second
    assert client.get(hrefs[-1]).status_code == 200
    # The results stay unindexed and canonical to the plain questionnaire.
    assert "noindex" in meta(tree)["robots"] and meta(tree)["canonical"].endswith("/fit/")


@pytest.mark.parametrize("compare", ["", "<script>", "lawyer-vs-lawyer", "a-vs-b-vs-c-vs-d-vs-e"])
def test_fit_results_ignore_a_comparison_they_cannot_build_on(client, compare):
    response = client.get("/fit/", {**HANDS_ON, "compare": compare})
    assert response.status_code == 200
    tree = parse(response)
    assert find(tree, "section", id="your-comparison") is None
    for slug, links in fit_controls(tree).items():
        assert [href for _, href in links] == [
            f"/fit/?build=5&circuits=4&fix=5&paperwork=1&compare={slug}#add-{slug}"
        ]


def result_links(tree):
    """[(title, href)] of the fit results' career links, in order."""
    return [
        (text(a), a.get("href"))
        for h3 in find_all(tree, "h3")
        if h3.get("class") == "card-title"
        for a in find_all(h3, "a")
    ]


def test_careers_opened_from_fit_results_keep_the_comparison_in_progress(client):
    pair = "lawyer-vs-paralegal"
    links = result_links(parse(client.get("/fit/", {**HANDS_ON, "compare": pair})))
    assert len(links) == 20
    for _title, href in links:
        path, _, query = href.partition("?")
        assert path.startswith("/careers/") and query == f"compare={pair}", href
    # The career's own control joins the comparison (the order picked, then this one).
    title, href = links[0]
    slug = href.split("/")[2]
    aside = find(parse(client.get(href)), "aside", class_="add-to-comparison no-print")
    first = find_all(aside, "a")[0]
    assert text(first) == f"Add {title} to your comparison"
    assert first.get("href") == f"/compare/{pair}-vs-{slug}/"
    # One career picked is not yet a comparison a career's page can join: plain links.
    one = result_links(parse(client.get("/fit/", {**HANDS_ON, "compare": "lawyer"})))
    assert all("?" not in href for _, href in one)


def test_a_full_comparison_is_said_once_above_the_fit_results(client):
    four = "lawyer-vs-paralegal-vs-actuary-vs-registered-nurse"
    tree = parse(client.get("/fit/", {**HANDS_ON, "compare": four}))
    tray = find(tree, "section", id="your-comparison")
    assert "remove one above to add another" in text(tray)
    assert text(find(tree, "body")).count("remove one") == 1
    # No result repeats it, and none offers to add (those already in say so).
    assert all(links == [] for links in fit_controls(tree).values())
    assert not [h for _, h in result_links(tree) if "#add-" in h]
