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


def watch_console(page, not_found=None):
    """
    Every console error and uncaught exception of the page, to fail the test on; but for
    the browser's note that the document at `not_found` is a 404, as it is meant to be.
    """
    errors = []

    def console(message):
        expected = not_found and message.location.get("url", "").endswith(not_found)
        if message.type == "error" and not (expected and "404" in message.text):
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_typo_typed_in_the_header_search_still_finds_the_career(page):
    errors = watch_console(page)
    page.goto("/")
    search = page.get_by_role("searchbox", name="Search careers")
    search.click()
    page.keyboard.type("registred nur", delay=40)
    suggestions = page.locator("#search-suggestions")
    suggestions.get_by_role("link", name="Registered Nurse").wait_for()
    assert suggestions.get_by_role("link").all_inner_texts()[0] == "Registered Nurse"

    # Enter searches: the page says what it searched for instead, then the careers.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Careers matching “registred nur”"
    # The half-typed last word stays as typed; the misspelt one is corrected.
    assert "the careers for “registered nur”" in page.locator(".search-note").inner_text()
    with page.expect_navigation():
        page.locator("ol.results a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Registered Nurse"
    page.go_back()
    page.wait_for_url("**/search/?q=registred+nur")
    assert page.locator("ol.results a").first.inner_text() == "Registered Nurse"
    assert errors == []


def test_an_abbreviation_then_arrow_keys_in_the_header_search(page):
    errors = watch_console(page)
    page.goto("/")
    page.get_by_role("searchbox", name="Search careers").click()
    page.keyboard.type("rn")
    first = page.locator("#search-suggestions").get_by_role("link").first
    first.wait_for()
    assert first.inner_text() == "Registered Nurse"
    # Down arrow is the browser's own for a search box: the visitor tabs to the list.
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the first suggestion
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/careers/registered-nurse/")
    assert errors == []


def test_a_mistyped_guide_address_offers_the_guide(page):
    errors = watch_console(page, not_found="/careers/registerd-nurse/")
    response = page.goto("/careers/registerd-nurse/")
    assert response.status == 404
    closest = page.locator("ul.did-you-mean")
    with page.expect_navigation():
        closest.get_by_role("link", name="Registered Nurse").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Registered Nurse"
    page.go_back()
    page.wait_for_url("**/careers/registerd-nurse/")
    assert page.get_by_role("heading", level=1).inner_text() == "We could not find that page"
    assert errors == []


def test_the_picker_suggests_as_you_type_and_takes_abbreviations_and_typos(page):
    errors = watch_console(page)
    page.goto("/compare/")
    first = page.get_by_label("First career")
    first.click()
    page.keyboard.type("rn", delay=40)
    # The suggestions fill the field's datalist (which used to be replaced by them,
    # so that only the first keystrokes ever got suggestions).
    options = page.locator(f"datalist#{first.get_attribute('id')}-options option")
    options.first.wait_for(state="attached")
    assert options.first.get_attribute("value") == "Registered Nurse"
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.type("np", delay=40)  # a second request, into the same datalist
    page.wait_for_function(
        "id => document.querySelector(`datalist#${id}-options option`).value"
        " === 'Nurse Practitioner'",
        arg=first.get_attribute("id"),
    )
    page.keyboard.press("Control+A")
    page.keyboard.type("rn")
    page.get_by_label("Second career").click()
    page.keyboard.type("electrision", delay=20)
    with page.expect_response("**/compare/go/?*"):
        page.keyboard.press("Enter")
    page.wait_for_url("**/compare/electrician-vs-registered-nurse/")
    assert "Electrician" in page.get_by_role("heading", level=1).inner_text()
    assert errors == []
