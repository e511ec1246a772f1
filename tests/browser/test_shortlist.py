"""A shortlist of careers on a 360 px phone: read three, drop one, add one from its page."""

import pytest

from tests.browser.test_phone import PHONE

pytestmark = pytest.mark.browser

THREE = "/compare/registered-nurse-vs-physician-assistant-vs-nurse-practitioner/"


def assert_fits(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px of horizontal overflow"


def columns(page):
    return page.locator("table.compare-table thead th").all_inner_texts()[1:]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_read_three_remove_one_then_add_one_from_its_page(new_page, javascript):
    page = new_page(**PHONE, java_script_enabled=javascript)
    page.goto(THREE)
    assert page.evaluate("window.innerWidth") == 360
    page.get_by_role(
        "heading",
        level=1,
        name="Registered Nurse vs Physician Assistant vs Nurse Practitioner: Career Comparison",
    ).wait_for()
    assert_fits(page)
    # Three careers, in the order of the address, each cell labelled and readable.
    cells = page.locator("table.compare-table td")
    assert cells.count() == 39
    for i in range(0, 39, 7):
        box = cells.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["width"] >= 250
    cards = page.locator(".keynum-card h3").all_inner_texts()
    assert cards == ["Registered Nurse", "Physician Assistant", "Nurse Practitioner"]

    page.get_by_role("link", name="Remove Physician Assistant").click()
    page.wait_for_url("**/compare/registered-nurse-vs-nurse-practitioner/")
    page.get_by_role(
        "heading", level=1, name="Registered Nurse vs Nurse Practitioner: Career Comparison"
    ).wait_for()
    assert_fits(page)

    # A similar career: read its page first, then add it from there.
    suggestion = page.locator("#change .add-list li").first.get_by_role("link").first
    name = suggestion.inner_text()
    suggestion.click()
    page.get_by_role("heading", level=1, name=name).wait_for()
    assert_fits(page)
    page.get_by_role("link", name=f"Add {name} to your comparison").click()
    page.wait_for_url("**/compare/registered-nurse-vs-nurse-practitioner-vs-*/")
    assert columns(page) == ["Registered Nurse", "Nurse Practitioner", name]
    assert_fits(page)


def test_add_a_career_by_name_and_remove_it_again(new_page):
    page = new_page(**PHONE)
    page.goto("/compare/paralegal-vs-lawyer/")
    page.get_by_label("Add another career by name").fill("Electrician")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/compare/paralegal-vs-lawyer-vs-electrician/")
    assert columns(page) == ["Paralegal / Legal Assistant", "Lawyer", "Electrician"]
    page.get_by_role("link", name="Remove Electrician").click()
    page.wait_for_url("**/compare/paralegal-vs-lawyer/")


def test_tick_moves_into_a_comparison(new_page):
    page = new_page(**PHONE)
    page.goto("/careers/registered-nurse/moves/")
    boxes = page.locator("input[form=shortlist-form]")
    names = []
    for i in range(2):
        box = boxes.nth(i)
        box.check()
        names.append(box.locator("xpath=..").inner_text().removeprefix(" Add ").strip())
    page.get_by_role("button", name="Compare the ticked careers").click()
    page.wait_for_url("**/compare/registered-nurse-vs-*-vs-*/")
    expected = ["Registered Nurse"] + [
        n.removeprefix("Add ").removesuffix(" to a comparison") for n in names
    ]
    assert columns(page) == expected
