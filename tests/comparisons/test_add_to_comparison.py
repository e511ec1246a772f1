"""“Add to comparison” from the pages about careers: a guide or data page, the moves list."""

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
