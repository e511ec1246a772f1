"""A guide's pay by state: the map is there, the table sorts in place with the keyboard, and Back
returns to the order before; without JavaScript the sort links are plain links."""

import pytest

pytestmark = pytest.mark.browser

GUIDE = "/careers/registered-nurse/"


def first_states(page, n=3):
    return page.locator("#state-table tbody th").all_inner_texts()[:n]


def test_sorting_the_state_table_with_the_keyboard_and_back(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(GUIDE)
    assert page.locator("#pay-by-state svg path").count() == 51
    assert first_states(page) == ["Alabama", "Alaska", "Arizona"]
    page.evaluate("window.sameDocument = true")
    page.locator("#sort-median").focus()
    with page.expect_response(lambda r: "sort=median" in r.url) as response:
        page.keyboard.press("Enter")
    assert response.value.request.headers.get("hx-request") == "true"
    page.wait_for_url("**/registered-nurse/?sort=median")
    page.locator("#state-table caption").get_by_text("sorted by median pay").wait_for()
    assert first_states(page) == ["California", "Hawaii", "Oregon"]
    assert page.evaluate("window.sameDocument") is True, "htmx did not swap in place"
    assert page.evaluate("document.activeElement.id") == "sort-median"
    # A second request from the swapped table.
    with page.expect_response(lambda r: "sort=jobs" in r.url):
        page.locator("#sort-jobs").press("Enter")
    page.locator("#state-table caption").get_by_text("sorted by jobs").wait_for()
    assert first_states(page) == ["California", "Texas", "Florida"]
    page.go_back()
    page.wait_for_url("**/registered-nurse/?sort=median")
    page.locator("#state-table caption").get_by_text("sorted by median pay").wait_for()
    assert page.locator("h1").count() == 1
    assert errors == []


def test_sorting_without_javascript(nojs_page):
    nojs_page.goto(GUIDE)
    with nojs_page.expect_navigation():
        nojs_page.locator("#sort-jobs").click()
    assert nojs_page.url.endswith("/careers/registered-nurse/?sort=jobs#pay-by-state")
    assert first_states(nojs_page) == ["California", "Texas", "Florida"]
    with nojs_page.expect_navigation():
        nojs_page.get_by_role("link", name="California").first.click()
    assert nojs_page.url.endswith("/careers/registered-nurse/pay/california/")
    assert nojs_page.get_by_role("heading", level=1).inner_text() == (
        "Registered Nurse pay in California"
    )
