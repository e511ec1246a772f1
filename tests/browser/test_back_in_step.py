"""
After Back, every control shows the state of the results beside it, with or without
JavaScript: without it, Chromium would put back the choices last made in the form
(its own form state) over a page showing the results of the choices before; the forms
say autocomplete="off", so the choices the server rendered win. With htmx, Back asks the
server for the whole page.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}


def query(url):
    return parse_qs(urlsplit(url).query)


def shown(page):
    return {
        "field": page.locator("#id_category").input_value(),
        "sort": page.locator("#id_sort").input_value(),
        "heading": page.get_by_role("heading", level=1).inner_text(),
        "first": page.locator("#results .card-title").first.inner_text(),
    }


def submit(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Show careers").click()


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360px", "1280px"])
def test_back_keeps_the_filters_and_results_in_step(new_page, viewport):
    nojs = new_page(java_script_enabled=False, viewport=viewport)
    nojs.goto("/careers/")
    nojs.get_by_label("Field").select_option("legal")
    submit(nojs)  # filter A
    legal = shown(nojs)
    assert legal["field"] == "legal" and legal["heading"] == "Legal careers"
    nojs.get_by_label("Field").select_option("healthcare")
    nojs.get_by_label("Sort by").select_option("pay")
    submit(nojs)  # filter B
    assert shown(nojs)["heading"] == "Healthcare careers"
    nojs.go_back()
    assert query(nojs.url) == {"category": ["legal"], "sort": ["title"]}
    assert shown(nojs) == legal, "the select shows the results' filter"
    nojs.go_forward()
    assert shown(nojs)["field"] == "healthcare" and shown(nojs)["sort"] == "pay"

    page = new_page(viewport=viewport)
    page.goto("/careers/")
    page.get_by_label("Field").select_option("legal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Legal careers")
    page.get_by_label("Field").select_option("healthcare")
    expect(page.get_by_role("heading", level=1)).to_have_text("Healthcare careers")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Legal careers")
    assert shown(page) == legal
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


# The other GET forms: (page, its select, choice A, choice B, what shows A's results).
OTHER_FORMS = {
    "compare": ("/compare/", "#compare-category", "healthcare", "legal", "#main .count"),
    "moves": ("/careers/registered-nurse/moves/", "#moves-state", "texas", "ohio", "#moves"),
    "fit": ("/fit/?fix=5", "#fit-state", "texas", "ohio", "#results"),
}


@pytest.mark.parametrize("form", list(OTHER_FORMS))
def test_back_without_javascript_on_the_other_filter_forms(nojs_page, form):
    path, select, first, second, results = OTHER_FORMS[form]
    nojs_page.goto(path)
    control = nojs_page.locator(select)
    said = []
    for value in (first, second):
        control.select_option(value)
        with nojs_page.expect_navigation():
            control.locator("xpath=ancestor::form").locator("button[type=submit]").click()
        said.append(nojs_page.locator(results).first.inner_text())
    assert said[0] != said[1]
    nojs_page.go_back()
    assert control.input_value() == first
    assert nojs_page.locator(results).first.inner_text() == said[0]
