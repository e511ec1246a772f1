"""What fits you in a real browser, as a person uses it: answer, submit, read the reasons,
change an answer, submit again, go Back; with JavaScript and without; and axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from fit.statements import BY_KEY
from tests.browser.test_accessibility import blocking, check

pytestmark = pytest.mark.browser

# Hands-on repair work, yes; desk work, no (statement key → the answer's label).
ANSWERS = {
    "fix": "Love it",
    "build": "Love it",
    "circuits": "I'd like it",
    "active": "I'd like it",
    "paperwork": "Not for me",
    "persuade": "Not for me",
    "write": "Not for me",
}


def answer(page, key, label):
    page.get_by_role("group", name=BY_KEY[key].text).get_by_label(label).check()


def checked(page, key):
    """The label of the checked answer to a statement, or None."""
    group = page.get_by_role("group", name=BY_KEY[key].text)
    for label in group.locator("label").all():
        if label.locator("input").is_checked():
            return label.inner_text().strip()
    return None


def results(page):
    return page.locator("#results .move-card h3").all_inner_texts()


def fill_in(page):
    page.goto("/fit/")
    for key, label in ANSWERS.items():
        answer(page, key, label)
    page.get_by_label("Education you have or will have").select_option(
        label="High school diploma or equivalent"
    )
    page.get_by_label("Pay in").select_option(label="Ohio")
    page.get_by_role("button", name="Show what fits").click()
    page.wait_for_url("**/fit/?**")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_answer_submit_back_and_change(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    fill_in(page)
    assert "fix=5" in page.url and "state=ohio" in page.url
    first = results(page)
    assert len(first) == 20
    card = page.locator("#results .move-card").first
    expect(card).to_contain_text("You like")
    expect(card).to_contain_text("of 5")
    expect(card).to_contain_text("Median pay in Ohio")
    # The results page keeps the answers in its form (read from its address).
    assert {key: checked(page, key) for key in ANSWERS} == ANSWERS
    results_url = page.url

    # Back to the questionnaire: the answers are still there; submitting gives the same.
    page.go_back()
    page.wait_for_url("**/fit/")
    assert {key: checked(page, key) for key in ANSWERS} == ANSWERS
    expect(page.get_by_label("Pay in")).to_have_value("ohio")
    page.get_by_role("button", name="Show what fits").click()
    page.wait_for_url(results_url)
    assert results(page) == first

    # Change one answer on the results page, submit again: other results.
    answer(page, "build", "Not for me")
    answer(page, "care", "Love it")
    page.get_by_role("button", name="Show what fits").click()
    page.wait_for_url("**care=5**")
    assert results(page) != first

    # Back: the first results again, at their address.
    page.go_back()
    page.wait_for_url(results_url)
    assert results(page) == first
    assert checked(page, "fix") == "Love it"


@pytest.mark.allow_console(r"status of 400 \(Bad Request\)")
def test_bad_pay_floor_is_explained_next_to_the_field(page):
    page.goto("/fit/")
    answer(page, "fix", "Love it")
    page.get_by_label("Lowest median pay you would take").fill("lots")
    page.get_by_role("button", name="Show what fits").click()
    expect(page.get_by_role("alert")).to_contain_text("whole number of dollars")
    expect(page.get_by_label("Lowest median pay you would take")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert checked(page, "fix") == "Love it"


@pytest.mark.allow_console(r"status of 400 \(Bad Request\)")
def test_no_serious_accessibility_violations(page):
    axe = Axe()
    page.goto("/fit/")
    report = {"questionnaire": check(axe, page)}
    fill_in(page)
    report["results"] = check(axe, page)
    page.emulate_media(color_scheme="dark")
    report["results, dark"] = check(axe, page)
    page.goto("/fit/?fix=5&pay=lots")
    report["pay floor error"] = check(axe, page)
    print(f"\naxe /fit/: {report}")
    assert {state: blocking(found) for state, found in report.items()} == dict.fromkeys(report, {})
