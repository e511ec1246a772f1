"""A guide's pay by state: the map is there, its states link to their pages (by keyboard and by
tap), the table sorts in place with the keyboard, and Back returns to the order before; without
JavaScript the sort links are plain links."""

import re

import pytest

from careers.models import Career
from occupations import maps
from occupations.models import AreaKind, AreaWage

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


def state_page_heading(page, career, state):
    page.wait_for_url(f"**/careers/{career}/pay/{state}/")
    return page.get_by_role("heading", level=1).inner_text()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_state_on_the_map_is_a_link_by_keyboard_and_by_tap(new_page, width):
    page = new_page(viewport={"width": width, "height": 800}, has_touch=True)
    page.goto(GUIDE)
    states = page.locator("#pay-by-state svg a")
    assert states.count() == 51  # every state and DC has figures for nurses
    texas = page.get_by_role("link", name=re.compile(r"^Texas: median \$[\d,]+ a year$"))
    assert texas.get_attribute("href") == "pay/texas/"
    # Tab from the state before it: Texas takes the focus, with a visible ring, and
    # Enter opens its page.
    hrefs = states.evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    states.nth(hrefs.index("pay/texas/") - 1).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "pay/texas/"
    ring = texas.locator("path").evaluate(
        "p => [getComputedStyle(p).strokeWidth, getComputedStyle(p.parentNode).outlineStyle]"
    )
    assert ring == ["3px", "solid"]
    # The other states fade, so the ring drawn across them stands out.
    faded = states.first.locator("path").evaluate("p => getComputedStyle(p).fillOpacity")
    assert float(faded) == 0.25
    page.keyboard.press("Enter")
    assert state_page_heading(page, "registered-nurse", "texas") == (
        "Registered Nurse pay in Texas"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # A tap on the state's postal label goes through to the state beneath.
    page.go_back()
    label = page.locator("#pay-by-state svg text", has_text=re.compile(r"^CA$")).bounding_box()
    page.touchscreen.tap(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2)
    assert state_page_heading(page, "registered-nurse", "california") == (
        "Registered Nurse pay in California"
    )


def test_states_without_figures_are_not_links(page):
    career = Career.objects.get(slug="actuary")
    rows = AreaWage.objects.for_soc(career.soc_code).filter(area__kind=AreaKind.STATE)
    drawn = maps.geometry()[1]  # the states on the map (territories are in the table only)
    with_figures = {w.area.slug for w in rows if w.has_figures and w.area.postal in drawn}
    assert 0 < len(with_figures) < 51
    page.goto(career.get_absolute_url())
    linked = page.locator("#pay-by-state svg a").evaluate_all(
        "links => links.map((a) => a.getAttribute('href'))"
    )
    assert sorted(linked) == sorted(f"pay/{slug}/" for slug in with_figures)
    # The others are shapes with their title, not links.
    plain = page.locator("#pay-by-state svg > path")
    assert plain.count() == 51 - len(linked)
    assert "median pay" in plain.first.locator("title").text_content()
