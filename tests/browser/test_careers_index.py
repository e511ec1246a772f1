"""The careers index filters: htmx swaps the results in place; without JavaScript, a GET form."""

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


def query(url):
    return parse_qs(urlsplit(url).query)


def results(page):
    return {
        "count": page.locator("#results .count").inner_text(),
        "titles": page.locator("#results .card-title").all_inner_texts(),
    }


def test_careers_filters_with_and_without_javascript(page, nojs_page):
    page.goto("/careers/")
    everything = results(page)
    page.evaluate("window.sameDocument = true")

    with page.expect_response(lambda r: "category=healthcare" in r.url) as response:
        page.get_by_label("Category").select_option(label="Healthcare")
    assert response.value.request.headers.get("hx-request") == "true"
    page.wait_for_url(lambda url: query(url).get("category") == ["healthcare"])
    page.locator("#results .count").filter(has_not_text=everything["count"]).wait_for()
    assert page.evaluate("window.sameDocument") is True, "htmx did not swap in place"
    with_js = results(page)
    assert with_js["titles"] and with_js["titles"] != everything["titles"]
    assert "Registered Nurse" in with_js["titles"]
    assert page.locator("#results").count() == 1 and page.locator("main").count() == 1
    # The heading and the tab title follow the filter, as on a full page load.
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", level=1).inner_text() == "Healthcare careers"
    assert page.title() == "Healthcare careers | Qoollege"

    nojs_page.goto("/careers/")
    nojs_page.get_by_label("Category").select_option(label="Healthcare")
    with nojs_page.expect_navigation():
        nojs_page.get_by_role("button", name="Show careers").click()
    assert query(nojs_page.url).get("category") == ["healthcare"]
    assert results(nojs_page) == with_js
    assert nojs_page.get_by_role("heading", level=1).inner_text() == "Healthcare careers"

    # The address htmx pushed is a real page: loading it gives the same results.
    nojs_page.goto(page.url)
    assert results(nojs_page) == with_js
