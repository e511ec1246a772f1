"""
An editor prepares a change to a live guide as a draft, previews it, publishes it, then
restores the earlier version from the History: by clicking, as people do.
"""

import pytest
from django.contrib.auth import get_user_model

from careers.models import Career

# Saves, caches and revalidation: on PostgreSQL + Redis too (make pytest-services).
pytestmark = [pytest.mark.browser, pytest.mark.services]

GUIDE = "/careers/plumber/"
PASSWORD = "a-long-editor-password-42"
HOURS = "Days, with emergency call-outs on a rota"
SUMMARY = "Plumbers install and repair the pipes that bring water in and take it away."


def sign_in(page):
    get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_draft_preview_publish_and_restore(new_page):
    plumber = Career.objects.get(slug="plumber")
    old_summary = plumber.summary
    visitor, editor = new_page(), new_page()
    visitor.goto(GUIDE)
    assert old_summary in visitor.locator("main").inner_text()

    sign_in(editor)
    editor.goto(f"/admin/careers/career/{plumber.pk}/change/")
    # The figures (imported, rarely edited) start closed; one click opens them.
    experience = editor.locator("#id_work_experience")
    assert not experience.is_visible()
    editor.get_by_text("Figures: education, experience and training", exact=True).last.click()
    assert experience.is_visible()

    editor.locator("#id_summary").fill(SUMMARY)
    editor.get_by_role("button", name="Save as draft (not live)").click()
    editor.wait_for_url(f"**/admin/careers/career/{plumber.pk}/draft/")
    assert "saved as a draft" in editor.locator(".messagelist").inner_text()
    assert SUMMARY in editor.locator("#draft-changes").inner_text()

    # Back to the draft in the form: it shows the draft, and saving keeps it a draft.
    editor.get_by_role("link", name="Edit the draft").click()
    assert editor.locator("#id_summary").input_value() == SUMMARY
    editor.locator("#id_typical_hours").fill(HOURS)
    editor.get_by_role("button", name="Save the draft").click()
    editor.wait_for_url(f"**/admin/careers/career/{plumber.pk}/draft/")
    assert HOURS in editor.locator("#draft-changes").inner_text()

    with editor.context.expect_page() as opened:
        editor.get_by_role("link", name="Preview the guide with this draft").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert SUMMARY in preview.locator("main").inner_text()
    assert HOURS in preview.locator("main").inner_text()
    assert preview.locator(".draft-banner").is_visible()
    preview.close()

    visitor.reload()
    assert SUMMARY not in visitor.locator("main").inner_text()  # still the live version

    editor.get_by_role("button", name="Publish now").click()
    editor.wait_for_url(f"**/admin/careers/career/{plumber.pk}/change/")
    assert "Published your draft" in editor.locator(".messagelist").inner_text()
    visitor.reload()
    assert SUMMARY in visitor.locator("main").inner_text()

    # The History has one entry for it; restoring the one before brings the old text back.
    editor.get_by_role("link", name="History").click()
    entries = editor.locator("#change-history tr.history-entry")
    assert "Summary:" in entries.first.inner_text()
    entries.nth(1).get_by_role("link", name="Restore this version").click()
    assert SUMMARY in editor.locator("#restore-changes").inner_text()
    editor.get_by_role("button", name="Restore this version").click()
    editor.wait_for_url(f"**/admin/careers/career/{plumber.pk}/change/")
    assert "Restored" in editor.locator(".messagelist").inner_text()
    visitor.reload()
    assert old_summary in visitor.locator("main").inner_text()
