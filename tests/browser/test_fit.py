"""What fits you in a real browser, as a person uses it: answer, submit, read the reasons,
change an answer, submit again, go Back; add results to a comparison, remove one, go Back;
with JavaScript and without; and axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from fit.statements import BY_KEY
from tests.browser.test_accessibility import blocking, check
from tests.browser.test_phone import PHONE
from tests.browser.test_shortlist import assert_fits, columns

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
    page.goto(page.url + "&compare=electrician-vs-carpenter")
    report["results with a comparison"] = check(axe, page)
    page.goto("/fit/?fix=5&pay=lots")
    report["pay floor error"] = check(axe, page)
    print(f"\naxe /fit/: {report}")
    assert {state: blocking(found) for state, found in report.items()} == dict.fromkeys(report, {})


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_add_results_to_a_comparison_remove_one_and_go_back(new_page, javascript):
    page = new_page(**PHONE, java_script_enabled=javascript)
    fill_in(page)
    shown = results(page)
    first, second, third = shown[:3]
    tray = page.locator("#your-comparison")
    assert tray.count() == 0  # nothing picked yet

    # Add two results: each link comes back to the same results, the pick kept.
    page.get_by_role("link", name=f"Add {first} to a comparison", exact=True).click()
    page.wait_for_url("**compare=**")
    expect(tray).to_contain_text(first)
    expect(tray).to_contain_text("Add one more result")
    assert results(page) == shown
    assert {key: checked(page, key) for key in ANSWERS} == ANSWERS
    page.get_by_role("link", name=f"Add {second} to your comparison", exact=True).click()
    page.wait_for_url("**compare=*-vs-*")
    expect(page.locator(".move-card", has_text=second)).to_contain_text(
        f"{second} is in your comparison"
    )
    assert_fits(page)

    # The pair side by side.
    page.get_by_role("link", name="See both side by side").click()
    page.wait_for_url("**/compare/*-vs-*/")
    assert sorted(columns(page)) == sorted([first, second])

    # Back to the results, add a third: the shortlist of three, in the order picked.
    page.go_back()
    page.wait_for_url("**/fit/?**compare=*-vs-*")
    page.get_by_role("link", name=f"Add {third} to your comparison", exact=True).click()
    page.get_by_role("link", name="See all 3 side by side").click()
    page.wait_for_url("**/compare/*-vs-*-vs-*/")
    assert columns(page) == [first, second, third]
    assert_fits(page)

    # Remove one there: a pair again.
    page.get_by_role("link", name=f"Remove {second}").click()
    page.wait_for_url(lambda url: url.count("-vs-") == 1)
    assert sorted(columns(page)) == sorted([first, third])

    # Back, Back: the results and the answers, with the three picked.
    page.go_back()
    page.go_back()
    page.wait_for_url("**/fit/?**")
    assert results(page) == shown
    assert {key: checked(page, key) for key in ANSWERS} == ANSWERS
    assert tray.get_by_role("link").all_inner_texts()[:3] == ["remove"] * 3


def test_a_career_opened_from_the_results_joins_the_comparison_in_progress(new_page):
    page = new_page(**PHONE)
    fill_in(page)
    first, second, third, fourth = results(page)[:4]
    page.get_by_role("link", name=f"Add {first} to a comparison", exact=True).click()
    page.get_by_role("link", name=f"Add {second} to your comparison", exact=True).click()
    page.wait_for_url("**compare=*-vs-*")

    # A result's page, opened to read about it, offers to join the pair: a shortlist of 3.
    page.locator(".move-card h3 a", has_text=third).first.click()
    page.wait_for_url("**/careers/**?compare=*-vs-*")
    page.get_by_role("link", name=f"Add {third} to your comparison", exact=True).click()
    page.wait_for_url("**/compare/*-vs-*-vs-*/")
    assert columns(page) == [first, second, third]

    # Back on the results with four picked: one line above them says what to do, once.
    page.go_back()
    page.go_back()
    page.wait_for_url("**/fit/?**")
    page.get_by_role("link", name=f"Add {third} to your comparison", exact=True).click()
    page.get_by_role("link", name=f"Add {fourth} to your comparison", exact=True).click()
    page.wait_for_url("**compare=*-vs-*-vs-*-vs-*")
    expect(page.locator("#your-comparison")).to_contain_text("remove one above to add another")
    assert page.get_by_text("remove one").count() == 1
    assert page.get_by_role("link", name="Add ").count() == 0
