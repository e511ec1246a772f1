"""A comparison's "Where do you live?": htmx swaps the section in place; without JavaScript,
a GET form. Driven with the keyboard, a link and Back, as people use it."""

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

NURSES = "/compare/registered-nurse-vs-nurse-practitioner/"


def place(url):
    return parse_qs(urlsplit(url).query).get("place")


def watch_console(page):
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_choosing_a_place_with_the_keyboard_swaps_the_section(page):
    errors = watch_console(page)
    page.goto(NURSES)
    page.evaluate("window.sameDocument = true")
    select = page.get_by_label("Where do you live?")
    select.focus()
    page.keyboard.type("Califo")  # a closed select jumps to the option typed
    assert select.input_value() == "california"
    page.keyboard.press("Tab")
    with page.expect_response(lambda r: "place=california" in r.url) as response:
        page.keyboard.press("Enter")
    assert response.value.request.headers.get("hx-request") == "true"
    page.wait_for_url(lambda url: place(url) == ["california"])
    result = page.locator("#place .place-result")
    result.get_by_text("Registered Nurse and Nurse Practitioner in California").wait_for()
    assert "Nurse Practitioner typically pays more at the median in California" in (
        result.inner_text()
    )
    assert page.evaluate("window.sameDocument") is True, "htmx did not swap in place"
    assert page.locator("#place").count() == 1 and page.locator("h1").count() == 1

    # A second request, from a link inside the swapped section.
    with page.expect_response(lambda r: "place=los-angeles" in r.url):
        page.get_by_role("link", name="Los Angeles-Long Beach-Anaheim, CA").click()
    page.wait_for_url(lambda url: place(url) == ["los-angeles-long-beach-anaheim-ca"])
    page.locator("#place h3").get_by_text("Los Angeles-Long Beach-Anaheim, CA").wait_for()
    assert page.locator("#place").count() == 1 and page.locator("main").count() == 1
    assert page.evaluate("window.sameDocument") is True

    # Back returns to California as a whole page, not a bare fragment.
    page.go_back()
    page.wait_for_url(lambda url: place(url) == ["california"])
    page.locator("#place h3").get_by_text("in California").wait_for()
    assert page.locator("h1").count() == 1
    assert errors == []


def test_choosing_a_place_without_javascript(nojs_page):
    nojs_page.goto(NURSES)
    nojs_page.get_by_label("Where do you live?").select_option(label="Texas")
    with nojs_page.expect_navigation():
        nojs_page.get_by_role("button", name="Show pay there").click()
    assert place(nojs_page.url) == ["texas"]
    text = nojs_page.locator("#place").inner_text()
    assert "Registered Nurse and Nurse Practitioner in Texas" in text
    assert "$95,970" in text and "$131,670" in text
    with nojs_page.expect_navigation():
        nojs_page.get_by_role("link", name="Houston-Pasadena-The Woodlands, TX").click()
    assert place(nojs_page.url) == ["houston-pasadena-the-woodlands-tx"]
