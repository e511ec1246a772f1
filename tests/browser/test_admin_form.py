"""
The career form as editors use it (issue 27): in sections with a list of them at the top
and the save bar always in reach, on a phone and at a desk, with or without JavaScript;
and two editors saving the same career, one after the other, from forms opened together.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from careers.models import Career
from tests.browser.test_accessibility import blocking, check

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-passphrase-42"


@pytest.fixture(scope="module")
def axe():
    return Axe()


def signed_in(page, name):
    if not get_user_model().objects.filter(username=name).exists():
        get_user_model().objects.create_superuser(name, f"{name}@example.com", PASSWORD)
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def change_url(slug):
    return f"/admin/careers/career/{Career.objects.get(slug=slug).pk}/change/"


def in_window(page, locator):
    """Whether the element is wholly inside the window (not scrolled away)."""
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height + 0.5


@pytest.mark.parametrize(
    ("width", "javascript"), [(360, True), (360, False), (1280, True), (1280, False)]
)
def test_the_career_form_is_in_sections_with_the_save_bar_in_reach(
    new_page, axe, width, javascript
):
    page = new_page(viewport={"width": width, "height": 740}, java_script_enabled=javascript)
    signed_in(page, "olive")
    page.goto(change_url("registered-nurse"))
    crumbs = page.locator(".breadcrumbs li").all_inner_texts()
    assert [" ".join(crumb.split()) for crumb in crumbs] == ["Home", "Careers", "Registered Nurse"]
    jumps = page.get_by_role("navigation", name="Sections of this form").get_by_role("link")
    names = jumps.all_inner_texts()
    assert names[:4] == [
        "Basics",
        "Figures: pay and outlook",
        "Figures: education, experience and training",
        "Guide text",
    ]
    assert names[-4:] == ["Licences and certifications", "Sources", "Publishing", "Saving"]
    # Publishing and saving come last, after the parts, beside the save bar.
    order = page.evaluate(
        """() => [...document.querySelectorAll('#career_form h2')].map(h => h.textContent.trim())"""
    )
    sources = next(i for i, text in enumerate(order) if text.lower().startswith("sources"))
    assert sources < order.index("Publishing") < order.index("Saving")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    save = page.locator("#save-bar").get_by_role("button", name="Save", exact=True)
    assert in_window(page, save), "the save bar is not in the first screen"
    # A jump to a section far down: the section's heading and the save bar both in view.
    page.get_by_role("link", name="Licences and certifications").click()
    assert page.evaluate("location.hash") == "#credentials-group"
    assert in_window(page, page.locator("#credentials-group h2"))
    assert in_window(page, save)
    page.mouse.wheel(0, 1500)
    assert in_window(page, save)
    if javascript and width == 1280:
        report = check(axe, page)
        assert blocking(report) == {}, report


def test_concurrent_saves_merge_when_apart_and_explain_once_when_they_overlap(new_page):
    ana = signed_in(new_page(viewport={"width": 1280, "height": 900}), "ana")
    ben = signed_in(new_page(viewport={"width": 360, "height": 740}), "ben")
    url = change_url("registered-nurse")

    # Apart: Ana changes the hours, Ben the summary; Ben's save goes through, keeping both.
    for page in (ana, ben):
        page.goto(url)
    ana.locator("#id_typical_hours").fill("Three long shifts a week")
    ana.locator("#save-bar").get_by_role("button", name="Save", exact=True).click()
    ana.locator(".messagelist .success").wait_for()
    ben.locator("#id_summary").fill("Nurses care for patients and coordinate their treatment.")
    ben.locator("#save-bar").get_by_role("button", name="Save", exact=True).click()
    ben.locator(".messagelist .success").wait_for()
    told = ben.locator(".messagelist .info").inner_text()
    assert "Typical hours: now “Three long shifts a week” (ana, " in told
    nurse = Career.objects.get(slug="registered-nurse")
    assert nurse.typical_hours == "Three long shifts a week"
    assert nurse.summary == "Nurses care for patients and coordinate their treatment."

    # Overlapping: both change the hours; Ben is told Ana's value once and saves again.
    for page in (ana, ben):
        page.goto(url)
    ana.locator("#id_typical_hours").fill("Four shifts a week")
    ana.locator("#save-bar").get_by_role("button", name="Save", exact=True).click()
    ana.locator(".messagelist .success").wait_for()
    ben.locator("#id_typical_hours").fill("Nights and weekends")
    ben.locator("#save-bar").get_by_role("button", name="Save", exact=True).click()
    error = ben.locator(".errorlist.nonfield").inner_text()
    assert "and changed Typical hours too, so your changes were not saved" in error
    assert error.count("Typical hours: now “Four shifts a week” (ana, ") == 1
    assert "Summary" not in error  # not changed since Ben opened the form
    assert ben.locator("#id_typical_hours").input_value() == "Nights and weekends"
    assert Career.objects.get(slug="registered-nurse").typical_hours == "Four shifts a week"
    ben.locator("#save-bar").get_by_role("button", name="Save", exact=True).click()
    ben.locator(".messagelist .success").wait_for()
    assert Career.objects.get(slug="registered-nurse").typical_hours == "Nights and weekends"
