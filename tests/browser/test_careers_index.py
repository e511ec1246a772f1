"""
The careers index: filters, sort and pages swap in place with htmx and push their address;
Back and Forward give back whole pages, whether htmx restores its snapshot or asks the
server again (a history-cache miss). Without JavaScript: a GET form and plain links.
"""

import re
from math import ceil
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import F
from playwright.sync_api import expect

from careers.models import Career
from occupations import wages

pytestmark = pytest.mark.browser


def query(url):
    return parse_qs(urlsplit(url).query)


def results(page):
    return {
        "count": page.locator("#results .count").inner_text(),
        "titles": page.locator("#results .card-title").all_inner_texts(),
    }


def state(page):
    """What a visitor sees: the whole page (header to footer), its filters and results."""
    assert page.locator("header.site-header").count() == 1
    assert page.locator("main").count() == 1 and page.locator("#listing").count() == 1
    assert page.locator("footer.site-footer").count() == 1
    assert page.locator("h1").count() == 1
    return {
        "title": page.title(),
        "heading": page.get_by_role("heading", level=1).inner_text(),
        "filters": {
            name: page.locator(f"#id_{name}").input_value()
            for name in ("category", "education", "sort")
        },
        **results(page),
    }


def fresh(page, url):
    """The same address loaded from scratch, as a reference."""
    page.goto(url)
    return state(page)


def test_careers_filters_with_and_without_javascript(page, nojs_page):
    page.goto("/careers/")
    everything = results(page)
    page.evaluate("window.sameDocument = true")

    with page.expect_response(lambda r: "category=legal" in r.url) as response:
        page.get_by_label("Field").select_option(label="Legal (8)")
    assert response.value.request.headers.get("hx-request") == "true"
    # The address is the canonical one, without the form's empty fields.
    page.wait_for_url(lambda url: url.endswith("/careers/?category=legal&sort=title"))
    page.locator("#results .count").filter(has_not_text=everything["count"]).wait_for()
    assert page.evaluate("window.sameDocument") is True, "htmx did not swap in place"
    with_js = results(page)
    assert with_js["titles"] and with_js["titles"] != everything["titles"]
    assert "Lawyer" in with_js["titles"] and "Registered Nurse" not in with_js["titles"]
    # The heading, the tab title and the other filter's counts follow the filter (BLS
    # entry education of the eight legal occupations in the 2024–34 projections).
    assert page.get_by_role("heading", level=1).inner_text() == "Legal careers"
    assert page.title() == "Legal careers | Qoollege"
    assert page.get_by_label("Education level").locator("option").all_inner_texts() == [
        "Any education level (8)",
        "High school (1)",
        "Associate (2)",
        "Bachelor (1)",
        "Doctorate (4)",
    ]
    assert page.locator("#listing-status").inner_text() == "Legal careers: 8 careers."

    nojs_page.goto("/careers/")
    nojs_page.get_by_label("Field").select_option(label="Legal (8)")
    with nojs_page.expect_navigation():
        nojs_page.get_by_role("button", name="Show careers").click()
    assert query(nojs_page.url).get("category") == ["legal"]
    assert results(nojs_page) == with_js
    assert nojs_page.get_by_role("heading", level=1).inner_text() == "Legal careers"

    # The address htmx pushed is a real page: loading it gives the same results.
    nojs_page.goto(page.url)
    assert results(nojs_page) == with_js


def test_filters_by_keyboard_keep_the_focus(page):
    page.goto("/careers/")
    page.get_by_label("Sort by").focus()
    page.keyboard.press("ArrowDown")  # a closed <select>: the next choice, at once
    page.wait_for_url(lambda url: query(url).get("sort") == ["pay"])
    published = Career.objects.published()
    pages = ceil(published.count() / 24)
    unpaid = published.filter(salary_median=None).count()  # listed last, and said so
    expect(page.locator("#listing-status")).to_have_text(
        f"All careers: {published.count()} careers, page 1 of {pages}. "
        f"{unpaid} careers without a published median pay come last."
    )
    assert page.evaluate("document.activeElement.id") == "id_sort"
    page.keyboard.press("ArrowDown")
    page.wait_for_url(lambda url: query(url).get("sort") == ["growth"])
    fastest = published.order_by(F("growth_pct").desc(nulls_last=True), "sort_title").first()
    expect(page.locator("#results .card-title").first).to_have_text(fastest.title)
    assert page.evaluate("document.activeElement.id") == "id_sort"


@pytest.mark.parametrize("history_cache", [10, 0], ids=["history-cache", "history-cache-miss"])
def test_back_and_forward_after_filter_sort_and_page_swaps(page, nojs_page, history_cache):
    page.goto("/careers/")
    # 0 is the site's setting (every Back asks the server); 10 is htmx's own default.
    page.evaluate(f"htmx.config.historyCacheSize = {history_cache}")
    page.evaluate("window.sameDocument = true")
    visited = [page.url]

    page.get_by_label("Field").select_option("computer-and-math")
    page.wait_for_url(lambda url: query(url).get("category") == ["computer-and-math"])
    visited.append(page.url)
    page.get_by_label("Sort by").select_option("pay")
    page.wait_for_url(lambda url: query(url).get("sort") == ["pay"])
    visited.append(page.url)
    page.get_by_label("Field").select_option("")
    page.wait_for_url(lambda url: "category" not in query(url))
    visited.append(page.url)
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(lambda url: query(url).get("page") == ["2"])
    visited.append(page.url)
    assert page.evaluate("document.activeElement.id") == "next-page"
    assert page.evaluate("window.sameDocument") is True

    expected = {url: fresh(nojs_page, url) for url in visited}
    assert len({str(e) for e in expected.values()}) == len(visited), "each step shows another page"
    for url in reversed(visited[:-1]):
        page.go_back()
        page.wait_for_url(url)
        expect(page.locator("#results .count")).to_have_text(expected[url]["count"])
        assert state(page) == expected[url], f"Back to {url}"
    for url in visited[1:]:
        page.go_forward()
        page.wait_for_url(url)
        expect(page.locator("#results .count")).to_have_text(expected[url]["count"])
        assert state(page) == expected[url], f"Forward to {url}"
    assert page.evaluate("window.sameDocument") is True, "Back and Forward reloaded the page"

    # The restored page still works: one more filter swaps in place.
    page.get_by_label("Education level").select_option("6")
    page.wait_for_url(lambda url: query(url).get("education") == ["6"])
    expect(page.get_by_role("heading", level=1)).to_have_text("All careers at doctorate level")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_state_filter_says_which_careers_it_leaves_out(new_page, nojs_page, width):
    in_texas = wages.with_state_pay(Career.objects.published(), "texas")
    listed = in_texas.exclude(state_median=None).count()
    without = in_texas.filter(state_median=None).count()
    said = (
        f"{without} career{'s have' if without > 1 else ' has'} no pay figures for Texas and "
        f"{'are' if without > 1 else 'is'} not listed."
    )
    page = new_page(viewport={"width": width, "height": 900})
    page.goto("/careers/")
    expect(page.locator("#results .left-out")).to_have_count(0)
    page.get_by_label("Pay in").select_option("texas")
    note = page.locator("#results .left-out")
    expect(note).to_have_text(said)
    expect(page.locator("#results .count")).to_have_text(re.compile(rf"^{listed} careers\b"))
    # The filters count what is listed, and the announcement says what was left out.
    assert page.locator("#id_category option").first.inner_text() == f"All fields ({listed})"
    assert said in page.locator("#listing-status").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The same without JavaScript.
    nojs_page.set_viewport_size({"width": width, "height": 900})
    nojs_page.goto("/careers/?state=texas")
    assert nojs_page.locator("#results .left-out").inner_text() == said
