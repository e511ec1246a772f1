"""
An editor's change shows at the next navigation, for the editor and for everyone else,
in browsers that viewed the page before (public pages revalidate on every visit).
"""

import pytest
from django.contrib.auth import get_user_model

from careers.models import Career

# Saves, caches and revalidation: on PostgreSQL + Redis too (make pytest-services).
pytestmark = [pytest.mark.browser, pytest.mark.services]

GUIDE = "/careers/registered-nurse/"
PASSWORD = "a-long-editor-password-42"


def hours(page):
    """The guide's typical hours: editors' text (pay figures are imported from BLS)."""
    term = page.locator("dt", has_text="Typical hours").first
    return term.locator("xpath=following-sibling::dd").inner_text()


def test_an_edit_shows_at_the_next_navigation_in_the_same_browsers(new_page):
    get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)
    nurse = Career.objects.get(slug="registered-nurse")
    old, new = nurse.typical_hours, "Three 12-hour shifts a week, nights included"
    visitor, editor = new_page(), new_page()

    # Both browsers read the guide first, so each holds a copy in its HTTP cache.
    for page in (visitor, editor):
        page.goto(GUIDE)
        assert hours(page) == old

    editor.goto("/admin/login/?next=/admin/")
    editor.get_by_label("Username").fill("editor")
    editor.get_by_label("Password").fill(PASSWORD)
    editor.get_by_role("button", name="Log in").click()
    editor.wait_for_url("**/admin/")
    editor.goto(f"/admin/careers/career/{nurse.pk}/change/")
    editor.locator("#id_typical_hours").fill(new)
    editor.get_by_role("button", name="Save", exact=True).first.click()
    editor.locator(".messagelist .success").wait_for()

    # The editor follows "View on site": the new text, not their browser's old copy.
    editor.goto(f"/admin/careers/career/{nurse.pk}/change/")
    with editor.expect_navigation(url=f"**{GUIDE}"):
        editor.get_by_role("link", name="View on site").click()
    assert hours(editor) == new

    # The visitor's next navigation asks the server again (its copy is revalidated, not
    # reused) and shows the new text; the one after is a cheap revalidation.
    visitor.goto("/")
    with visitor.expect_response(lambda r: r.url.endswith(GUIDE)) as response:
        visitor.locator("main").get_by_role("link", name="Registered Nurse", exact=True).click()
    assert response.value.request.all_headers().get("if-none-match"), "not a revalidation"
    visitor.wait_for_url(f"**{GUIDE}")
    assert hours(visitor) == new

    # Signed out, the editor is an anonymous visitor in the same browser: the new text.
    editor.goto("/admin/")
    editor.get_by_role("button", name="Log out").click()
    editor.wait_for_url("**/admin/logout/")
    assert "editor" not in {c["name"] for c in editor.context.cookies()}
    editor.goto(GUIDE)
    assert hours(editor) == new
