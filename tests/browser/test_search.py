"""The header search and its autocomplete, driven by the keyboard alone."""

import pytest

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  return el.id ? "#" + el.id : el.tagName.toLowerCase() + ":" + el.textContent.trim();
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_header_search_autocomplete_by_keyboard_only(page):
    page.goto("/")

    # From the top of the page: the skip link first, then the header, then the search box.
    path = [tab(page)]
    while path[-1] != "#site-search" and len(path) < 10:
        path.append(tab(page))
    assert path == [
        "a:Skip to content",
        "a:Qoollege",
        "a:Careers",
        "a:Compare",
        "a:About the data",
        "#site-search",
    ]

    page.keyboard.type("sre")
    suggestions = page.locator("#search-suggestions")
    assert suggestions.get_attribute("role") == "status"
    first = suggestions.get_by_role("link").first
    first.wait_for()
    assert suggestions.get_by_role("link").all_inner_texts() == ["DevOps Engineer"]
    assert "1 suggestion." in suggestions.inner_text()

    # Tab leaves the box for its Search button, then enters the suggestions in order.
    path = [tab(page)]
    while path[-1] != "a:DevOps Engineer" and len(path) < 3:
        path.append(tab(page))
    assert path == ["button:Search", "a:DevOps Engineer"]

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/careers/devops-engineer/")
    assert page.get_by_role("heading", level=1).inner_text() == "DevOps Engineer"


def test_header_search_without_javascript_shows_results(nojs_page):
    page = nojs_page
    page.goto("/")
    page.get_by_role("searchbox", name="Search careers").fill("sre")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=sre" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Careers matching “sre”"
    assert page.locator("ol.results a").all_inner_texts() == ["DevOps Engineer"]
