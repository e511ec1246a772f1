"""The header search: a combobox driven by the keyboard alone, by the mouse, and without JS."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  return el.id ? "#" + el.id : el.tagName.toLowerCase() + ":" + el.textContent.trim();
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def active_option(page, box):
    """The option the combobox points at (what a screen reader announces), or None."""
    option_id = box.get_attribute("aria-activedescendant")
    if not option_id:
        return None
    option = page.locator(f"#{option_id}")
    assert option.get_attribute("aria-selected") == "true"
    return option.inner_text()


def test_header_search_combobox_by_keyboard_only(page):
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
        "a:What fits you",
        "a:Data",
        "#site-search",
    ]

    box = page.get_by_role("combobox", name="Search careers")
    listbox = page.get_by_role("listbox", name="Suggested careers")
    assert box.get_attribute("aria-controls") == "site-search-listbox"
    assert box.get_attribute("aria-expanded") == "false" and listbox.is_hidden()

    page.keyboard.type("nurse")
    listbox.get_by_role("option").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option").all_inner_texts()
    assert options[:4] == [
        "Registered Nurse",
        "Licensed Practical Nurse",
        "Nursing Assistant",
        "Nurse Practitioner",
    ]
    assert page.locator("#site-search-status").inner_text() == f"{len(options)} suggestions."
    assert active_option(page, box) is None

    # Down and Up move through the options (wrapping); the focus never leaves the box.
    page.keyboard.press("ArrowDown")
    assert active_option(page, box) == "Registered Nurse"
    page.keyboard.press("ArrowDown")
    assert active_option(page, box) == "Licensed Practical Nurse"
    page.keyboard.press("ArrowUp")
    assert active_option(page, box) == "Registered Nurse"
    page.keyboard.press("ArrowUp")
    assert active_option(page, box) == options[-1]
    assert page.evaluate(FOCUSED) == "#site-search"

    # Escape closes the list and keeps what was typed; Down opens it again.
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and listbox.is_hidden()
    assert box.input_value() == "nurse" and active_option(page, box) is None
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    assert active_option(page, box) == "Registered Nurse"

    # Enter opens the active option's guide.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/careers/registered-nurse/")
    assert page.get_by_role("heading", level=1).inner_text() == "Registered Nurse"


def test_header_search_enter_without_a_choice_searches(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Search careers")
    box.press_sequentially("sre")
    page.get_by_role("option", name="DevOps Engineer").wait_for()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=sre" in page.url
    assert page.locator("ol.results a").all_inner_texts() == ["DevOps Engineer"]


def test_header_search_by_mouse_and_closing_by_a_click_elsewhere(page):
    page.goto("/careers/")
    box = page.get_by_role("combobox", name="Search careers")
    listbox = page.get_by_role("listbox", name="Suggested careers")
    box.click()
    box.press_sequentially("data")
    listbox.get_by_role("option").first.wait_for()

    page.locator("footer").click()  # anywhere else on the page
    assert listbox.is_hidden() and box.get_attribute("aria-expanded") == "false"

    # Typing again asks again: each request finds its target (no `htmx:targetError`).
    box.click()
    page.keyboard.press("End")
    page.keyboard.type(" scientist")
    expect(listbox.get_by_role("option")).to_have_text(["Data Scientist"])
    with page.expect_navigation():
        page.get_by_role("option", name="Data Scientist").click()
    assert page.url.endswith("/careers/data-scientist/")


def test_header_search_offers_the_right_career_for_a_misspelling(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Search careers")
    box.press_sequentially("registred nurse")
    option = page.get_by_role("option", name="Registered Nurse")
    option.wait_for()
    page.keyboard.press("ArrowDown")
    assert active_option(page, box) == "Registered Nurse"

    # Nothing close: the box says so, and Enter still searches.
    box.fill("")
    box.press_sequentially("qqqzzz")
    status = page.locator("#site-search-status")
    status.filter(has_text="No matching career").wait_for()
    assert status.is_visible() and box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")
    assert status.inner_text() == "" and box.input_value() == "qqqzzz"


def test_header_search_without_javascript_is_a_plain_form(nojs_page):
    page = nojs_page
    page.goto("/")
    box = page.get_by_role("searchbox", name="Search careers")
    assert box.get_attribute("role") is None and box.get_attribute("aria-expanded") is None
    box.fill("registred nurse")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=registred+nurse" in page.url
    assert "the careers for “registered nurse”" in page.locator(".search-note").inner_text()
    with page.expect_navigation():
        page.locator("ol.results").get_by_role("link", name="Registered Nurse").click()
    assert page.url.endswith("/careers/registered-nurse/")


@pytest.mark.allow_console(r"status of 404 \(Not Found\)")  # on purpose
def test_a_mistyped_guide_address_offers_the_guide(page):
    response = page.goto("/careers/registerd-nurse/")
    assert response.status == 404
    closest = page.locator("ul.did-you-mean")
    with page.expect_navigation():
        closest.get_by_role("link", name="Registered Nurse").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Registered Nurse"
    page.go_back()
    page.wait_for_url("**/careers/registerd-nurse/")
    assert page.get_by_role("heading", level=1).inner_text() == "We could not find that page"
