"""The comparison picker in a real browser: with htmx, without JavaScript, and its errors."""

import pytest

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
    # The pushed URL is a real entry in the history: Back returns to the picker.
    page.go_back()
    page.wait_for_url(lambda url: url.endswith("/"))


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
    assert error.inner_text().startswith("We have no career guide called “Xyzzy”.")
    assert page.get_by_label("First career").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("First career").get_attribute("aria-describedby") == "id_a-error"
    assert page.locator("#id_b-error").count() == 0
    assert page.url.endswith("/"), "an invalid pick must not change the address"
    assert_one_page_structure(page, "Compare careers side by side")

    pick(page, "DevOps Engineer", "devops engineer")
    error = page.locator("#id_b-error")
    error.wait_for()
    assert error.inner_text() == "Pick a second career different from DevOps Engineer."
    assert page.locator("#id_a-error").count() == 0
    assert page.get_by_label("Second career").get_attribute("aria-invalid") == "true"
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
    assert (
        page.locator("#id_a-error")
        .inner_text()
        .startswith("We have no career guide called “Xyzzy”.")
    )
    assert_one_page_structure(page, "Compare two careers")
    # The form keeps what was typed, so the visitor only fixes the wrong field.
    assert page.get_by_label("Second career").input_value() == "MLOps Engineer"

    with page.expect_navigation():
        pick(page, "DevOps Engineer", "devops engineer")
    assert page.locator("#id_b-error").inner_text() == (
        "Pick a second career different from DevOps Engineer."
    )
    assert_one_page_structure(page, "Compare two careers")
