"""The comparison picker in a real browser: with htmx, without JavaScript, and its errors."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COMPARISON = "/compare/devops-engineer-vs-mlops-engineer/"
HEADING = "DevOps Engineer vs MLOps Engineer: Career Comparison"
# What a visitor types (resolved by search), and the full titles (resolved exactly).
INPUTS = [
    pytest.param("DevOps", "MLOps", id="short-names"),
    pytest.param("DevOps Engineer", "MLOps Engineer", id="full-titles"),
]


def pick(page, first, second):
    page.get_by_label("First career").fill(first)
    page.get_by_label("Second career").fill(second)
    page.locator("#picker").get_by_role("button", name="Compare").click()


def refused(page, first, second):
    """The failure message when the picker answers with its form instead of the comparison."""
    page.locator("#picker .error").first.wait_for()
    shown = " ".join(page.locator("#picker .error").all_inner_texts())
    return f"the picker refused {first!r} and {second!r}, saying: {shown}"


def assert_one_page_structure(page, heading):
    """One header, one main, one footer, one h1: the page is whole, not nested or torn."""
    assert page.locator("header.site-header").count() == 1
    assert page.locator("main").count() == 1, "a <main> inside <main>: the swap nested pages"
    assert page.locator("#main").count() == 1
    assert page.locator("footer.site-footer").count() == 1
    assert page.locator("h1").all_inner_texts() == [heading]


@pytest.mark.parametrize(("first", "second"), INPUTS)
def test_picker_with_javascript_loads_the_comparison_in_place(page, first, second):
    page.goto("/")
    page.evaluate("window.sameDocument = true")  # gone if the browser loads a new document
    with page.expect_response("**/compare/go/?*") as go:
        pick(page, first, second)
    response = go.value
    assert response.request.headers.get("hx-request") == "true"
    assert COMPARISON in response.headers.get("hx-location", ""), refused(page, first, second)

    page.wait_for_url(f"**{COMPARISON}")
    page.get_by_role("heading", level=1, name=HEADING).wait_for()
    assert page.evaluate("window.sameDocument") is True, "htmx did not swap in place"
    assert page.title().startswith(HEADING)
    assert_one_page_structure(page, HEADING)
    assert page.locator("table.compare-table tbody tr").count() == 13
    # Focus moves to the new heading, so a screen reader announces the comparison.
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
    # The pushed URL is a real entry in the history: Back returns to the picker, whole.
    page.go_back()
    page.wait_for_url(lambda url: url.endswith("/"))
    page.get_by_role("heading", level=1, name="Compare careers side by side").wait_for()
    assert_one_page_structure(page, "Compare careers side by side")


@pytest.mark.parametrize(("first", "second"), INPUTS)
def test_picker_without_javascript_redirects_to_the_comparison(nojs_page, first, second):
    page = nojs_page
    page.goto("/")
    with page.expect_navigation() as navigation:
        pick(page, first, second)
    response = navigation.value
    assert response.url.endswith(COMPARISON), refused(page, first, second)
    redirect = response.request.redirected_from
    assert redirect is not None and "/compare/go/?" in redirect.url
    assert redirect.response().status == 302
    assert_one_page_structure(page, HEADING)


def test_picker_errors_show_inline_with_javascript(page):
    page.goto("/")
    page.evaluate("window.sameDocument = true")

    pick(page, "Xyzzy", "MLOps Engineer")
    error = page.locator("#id_a-error")
    error.wait_for()
    assert error.inner_text().startswith("We have no career called “Xyzzy”.")
    assert page.get_by_label("First career").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("First career").get_attribute("aria-describedby") == "id_a-error"
    assert page.locator("#id_b-error").count() == 0
    # The focus goes to the field to fix, so its error is read out.
    expect(page.locator("#id_a")).to_be_focused()
    assert page.url.endswith("/"), "an invalid pick must not change the address"
    assert_one_page_structure(page, "Compare careers side by side")

    pick(page, "DevOps Engineer", "devops engineer")
    error = page.locator("#id_b-error")
    error.wait_for()
    assert error.inner_text() == "Pick a second career different from DevOps Engineer."
    assert page.locator("#id_a-error").count() == 0
    assert page.get_by_label("Second career").get_attribute("aria-invalid") == "true"
    expect(page.locator("#id_b")).to_be_focused()
    assert page.url.endswith("/")
    assert_one_page_structure(page, "Compare careers side by side")
    assert page.evaluate("window.sameDocument") is True
    assert page.locator("#picker").count() == 1


def test_picker_errors_without_javascript(nojs_page):
    page = nojs_page
    page.goto("/")
    with page.expect_navigation():
        pick(page, "Xyzzy", "MLOps Engineer")
    assert "/compare/go/?" in page.url
    assert page.locator("#id_a-error").inner_text().startswith("We have no career called “Xyzzy”.")
    assert_one_page_structure(page, "Compare two careers")
    # The form keeps what was typed, so the visitor only fixes the wrong field.
    assert page.get_by_label("Second career").input_value() == "MLOps Engineer"

    with page.expect_navigation():
        pick(page, "DevOps Engineer", "devops engineer")
    assert page.locator("#id_b-error").inner_text() == (
        "Pick a second career different from DevOps Engineer."
    )
    assert_one_page_structure(page, "Compare two careers")


NURSE = [
    "Registered Nurse",
    "Licensed Practical Nurse",
    "Nursing Assistant",
    "Nurse Practitioner",
    # Every word typed in the title: more jobs first (91,600 instructors, 53,800 CRNAs).
    "College Nursing Instructor",
    "Nurse Anesthetist",
    "Nurse Midwife",
    "Farmworker (Crops, Nursery, and Greenhouse)",
]


def expect_options(page, field, titles):
    """The field's list shows these options (waiting for the answer to the last key)."""
    listbox = page.locator(f"#{field}-listbox")
    expect(listbox.get_by_role("option")).to_have_text(titles)
    expect(listbox).to_be_visible()


def active_option(page, box):
    option_id = box.get_attribute("aria-activedescendant")
    return page.locator(f"#{option_id}").inner_text() if option_id else None


def test_picker_suggestions_chosen_by_keyboard_and_by_mouse(page):
    page.goto("/")
    first = page.get_by_role("combobox", name="First career")
    second = page.get_by_role("combobox", name="Second career")
    first.click()
    page.keyboard.type("nurse")
    # Whole-word matches first (among them the most employed), then names that only start
    # with the typed word; eight at most.
    expect_options(page, "id_a", NURSE)
    assert first.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert active_option(page, first) == "Registered Nurse"
    page.keyboard.press("Enter")  # picks the option; the form is not sent yet
    assert first.input_value() == "Registered Nurse"
    assert first.get_attribute("aria-expanded") == "false"
    assert page.url.endswith("/")

    # A second request from the same field still finds its list (it used to be
    # replaced by the first answer, and every later one failed with htmx:targetError).
    page.keyboard.press("Control+a")
    page.keyboard.type("dental")
    expect_options(
        page, "id_a", ["Dental Assistant", "Dental Hygienist", "Dental Laboratory Technician"]
    )
    page.keyboard.press("Escape")
    page.keyboard.press("Control+a")
    page.keyboard.type("registred nurse")  # a near miss is offered the right career first
    expect_options(page, "id_a", ["Registered Nurse", "Nurse Practitioner"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert first.input_value() == "Registered Nurse"

    # The second field by mouse; then Tab leaves it and the list closes.
    second.click()
    page.keyboard.type("pharmacist")
    expect_options(page, "id_b", ["Pharmacist"])
    page.locator("#id_b-listbox").get_by_role("option", name="Pharmacist").click()
    assert second.input_value() == "Pharmacist"
    assert page.locator("#id_b-listbox").is_hidden()
    assert page.evaluate("document.activeElement.id") == "id_b"

    page.locator("#picker").get_by_role("button", name="Compare").click()
    page.wait_for_url("**/compare/pharmacist-vs-registered-nurse/")
    assert_one_page_structure(page, "Pharmacist vs Registered Nurse: Career Comparison")


@pytest.mark.parametrize("history_cache", [10, 0], ids=["history-cache", "history-cache-miss"])
def test_back_and_forward_after_the_picker_swap(page, history_cache):
    page.goto("/careers/registered-nurse/")
    page.evaluate(f"htmx.config.historyCacheSize = {history_cache}")
    page.evaluate("window.sameDocument = true")
    assert page.get_by_role("combobox", name="First career").input_value() == "Registered Nurse"
    page.get_by_role("combobox", name="Second career").fill("Pharmacist")
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare/pharmacist-vs-registered-nurse/")
    heading = "Pharmacist vs Registered Nurse: Career Comparison"
    page.get_by_role("heading", level=1, name=heading).wait_for()
    # The picker under a comparison starts empty: the visitor came to pick two others.
    assert page.get_by_role("combobox", name="First career").input_value() == ""

    page.go_back()
    page.wait_for_url("**/careers/registered-nurse/")
    page.get_by_role("heading", level=1, name="Registered Nurse").wait_for()
    assert_one_page_structure(page, "Registered Nurse")
    assert page.title() == "Registered Nurse: career guide, pay and outlook | Qoollege"
    page.go_forward()
    page.wait_for_url("**/compare/pharmacist-vs-registered-nurse/")
    page.get_by_role("heading", level=1, name=heading).wait_for()
    assert_one_page_structure(page, heading)
    assert page.locator("table.compare-table tbody tr").count() == 13  # every row is back
    assert page.evaluate("window.sameDocument") is True, "Back and Forward reloaded the page"
    # After a restore the picker still works as a combobox.
    page.get_by_role("combobox", name="First career").press_sequentially("lawy")
    expect_options(page, "id_a", ["Lawyer"])


def test_refused_names_offer_their_careers_as_choices_with_javascript(page):
    page.goto("/")
    pick(page, "nurse", "Pharmacist")
    error = page.locator("#id_a-error")
    error.wait_for()
    assert error.inner_text().startswith("We have no career called “nurse”.")
    choices = error.get_by_role("link")
    assert choices.all_inner_texts() == NURSE[:6]
    choices.filter(has_text="Registered Nurse").click()
    page.wait_for_url("**/compare/pharmacist-vs-registered-nurse/")
    assert_one_page_structure(page, "Pharmacist vs Registered Nurse: Career Comparison")


def test_refused_names_offer_their_careers_as_choices_without_javascript(nojs_page):
    page = nojs_page
    page.goto("/")
    with page.expect_navigation():
        pick(page, "Registred Nurse", "Lawyer")
    error = page.locator("#id_a-error")
    assert error.inner_text().startswith("We have no career called “Registred Nurse”.")
    assert error.get_by_role("link").all_inner_texts()[0] == "Registered Nurse"
    with page.expect_navigation():
        error.get_by_role("link", name="Registered Nurse").click()
    assert page.url.endswith("/compare/lawyer-vs-registered-nurse/")
    assert_one_page_structure(page, "Lawyer vs Registered Nurse: Career Comparison")


def test_swaps_never_apply_inline_styles(page):
    """
    Browser extensions and tools set inline styles on fields (through the CSSOM, which
    the CSP allows); htmx used to copy such `style` attributes onto the swapped-in
    elements, and every copy was a CSP violation. The listener in conftest fails this.
    """
    page.goto("/")
    for field in ("id_a", "id_b"):
        page.evaluate(f"document.getElementById('{field}').style.outlineOffset = '1px'")
    pick(page, "Xyzzy", "MLOps Engineer")  # the form answers in place, with the same ids
    page.locator("#id_a-error").wait_for()
    page.get_by_role("combobox", name="First career").fill("DevOps Engineer")
    page.keyboard.press("Enter")  # sends the form (no suggestion is chosen)
    page.wait_for_url(f"**{COMPARISON}")
    assert page.evaluate("document.querySelectorAll('[style]').length") == 0
