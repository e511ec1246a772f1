"""Editors reorder a career's skills with buttons, by mouse or keyboard, and the guide follows."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-passphrase-42"


@pytest.fixture
def editor_page(site, page):
    get_user_model().objects.create_superuser("olive", "olive@example.com", PASSWORD)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/admin/login/")
    page.fill("#id_username", "olive")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    assert errors == []


def skill_names(page):
    return page.locator("#skills ol.skills li").all_inner_texts()


def test_moving_a_skill_up_reorders_the_guide(editor_page):
    page = editor_page
    page.goto("/careers/plumber/")
    before = skill_names(page)
    page.goto("/admin/careers/career/")
    # Every occupation has a page: the editor finds the career with the admin's search.
    page.locator("#searchbar").fill("plumber")
    page.locator("#searchbar").press("Enter")
    page.get_by_role("link", name="Plumber / Pipefitter / Steamfitter").click()

    third = before[2]
    page.get_by_role("button", name=f"Move {third} up").click()
    positions = page.locator("#skill_links-group td.field-position input")
    assert positions.evaluate_all("inputs => inputs.map(i => i.value)")[:3] == ["0", "1", "2"]

    # By keyboard: the focus stays on the button, so Enter moves it again.
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Save", exact=True).first.click()
    # Back to the list the editor searched (Django keeps the search across the save).
    page.wait_for_url("**/admin/careers/career/?q=plumber")

    page.goto("/careers/plumber/")
    assert skill_names(page) == [third, before[0], before[1], *before[3:]]
