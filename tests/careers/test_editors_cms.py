"""Editors' work is never lost, mangled or half-published (issue 16)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from careers.models import Career
from comparisons.models import Comparison
from tests.admin_forms import current_form_data

pytestmark = pytest.mark.usefixtures("catalog")

PASSWORD = "a-long-editor-passphrase-42"


def editor(name):
    user = get_user_model().objects.create_user(name, f"{name}@example.com", PASSWORD)
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def change_url(career):
    return reverse("admin:careers_career_change", args=[career.pk])


def test_a_stale_save_of_other_fields_and_parts_is_merged_with_the_newer_version():
    ana, ben = editor("ana"), editor("ben")
    career = Career.objects.get(slug="plumber")
    url = change_url(career)
    ana_form = current_form_data(ana, url)  # both open the form
    ben_form = current_form_data(ben, url)
    history = career.history.count()

    ana_form["typical_hours"] = "Ana's hours"
    ana_form["sources-0-title"] = "Ana's renamed source"
    assert ana.post(url, ana_form).status_code == 302

    ben_form["summary"] = "Ben's summary of what plumbers do all day."
    ben_form["skill_links-0-position"], ben_form["skill_links-1-position"] = (
        ben_form["skill_links-1-position"],
        ben_form["skill_links-0-position"],
    )
    first_skills = list(career.skill_links.order_by("position").values_list("skill", flat=True))
    response = ben.post(url, ben_form, follow=True)
    assert response.redirect_chain, "Ben's save was refused"
    career.refresh_from_db()
    assert career.summary == "Ben's summary of what plumbers do all day."
    assert career.typical_hours == "Ana's hours"
    assert career.sources.order_by("position").first().title == "Ana's renamed source"
    skills = list(career.skill_links.order_by("position").values_list("skill", flat=True))
    assert skills[:2] == [first_skills[1], first_skills[0]]
    assert career.history.count() == history + 2
    # Ben is told what was changed meanwhile, once each, with the values kept.
    page = " ".join(response.content.decode().split())
    assert page.count("Typical hours: now") == 1
    assert "now “Ana&#x27;s hours” (ana, " in page
    assert "Sources: added “Ana&#x27;s renamed source”; removed “BLS " in page


def test_a_stale_save_that_overlaps_is_refused_once_per_change_with_values():
    ana, ben = editor("ana"), editor("ben")
    career = Career.objects.get(slug="plumber")
    url = change_url(career)
    ana_form = current_form_data(ana, url)
    ben_form = current_form_data(ben, url)

    # Ana saves twice: the summary twice, the hours and a licence once.
    ana_form["summary"] = "Ana's first summary of the plumber's work."
    assert ana.post(url, ana_form).status_code == 302
    ana_form = current_form_data(ana, url)
    ana_form["summary"] = "Ana's second summary of the plumber's work."
    ana_form["typical_hours"] = "Ana's hours"
    ana_form["credentials-0-note"] = "Ana's note on the licence."
    assert ana.post(url, ana_form).status_code == 302

    ben_form["summary"] = "Ben's summary of what plumbers do all day."
    ben_form["credentials-0-note"] = "Ben's note on the licence."
    response = ben.post(url, ben_form)
    assert response.status_code == 200  # the form again, not saved
    page = " ".join(response.content.decode().split())
    assert "Someone saved this since you opened it, and changed Summary, Licences" in page
    # Each change listed once, with its value as Ana last saved it.
    assert page.count("Summary: now") == 1
    assert "Summary: now “Ana&#x27;s second summary of the plumber&#x27;s work.” (ana, " in page
    assert "Ana&#x27;s first summary" not in page
    assert page.count("Typical hours: now “Ana&#x27;s hours”") == 1
    assert page.count("Licences and certifications: changed “") == 1
    career.refresh_from_db()
    assert career.summary == "Ana's second summary of the plumber's work."

    # The form Ben sees again holds Ana's other change and his own; saving it keeps both.
    shown = response.context["adminform"].form
    assert shown["typical_hours"].value() == "Ana's hours"
    assert shown["summary"].value() == "Ben's summary of what plumbers do all day."
    resubmit = {**ben_form, **{name: shown[name].value() for name in ("typical_hours", "summary")}}
    resubmit["opened_version"] = shown["opened_version"].value()
    assert ben.post(url, resubmit).status_code == 302
    career.refresh_from_db()
    assert career.summary == "Ben's summary of what plumbers do all day."
    assert career.typical_hours == "Ana's hours"
    assert career.credentials.order_by("position").first().note == "Ben's note on the licence."


def test_comparisons_are_guarded_too():
    ana, ben = editor("ana"), editor("ben")
    comparison = Comparison.objects.first()
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    ana_form, ben_form = current_form_data(ana, url), current_form_data(ben, url)
    ana_form["intro"] = "Ana's intro."
    assert ana.post(url, ana_form).status_code == 302
    ben_form["intro"] = "Ben's intro."
    assert ben.post(url, ben_form).status_code == 200
    comparison.refresh_from_db()
    assert comparison.intro == "Ana's intro."


def test_an_untouched_save_writes_no_history_even_with_browser_line_breaks():
    ana = editor("ana")
    career = Career.objects.get(slug="plumber")
    url = change_url(career)
    form = current_form_data(ana, url)
    for name in ("day_to_day", "why_it_matters", "common_titles", "summary"):
        form[name] = form[name].replace("\n", "\r\n")  # as browsers send textareas
    before = career.history.count()
    response = ana.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert career.history.count() == before


def test_a_change_reason_is_kept_and_an_absent_one_is_not_shown_as_none():
    ana = editor("ana")
    career = Career.objects.get(slug="plumber")
    url = change_url(career)
    form = current_form_data(ana, url)
    form["typical_hours"] = "Mostly days"
    form["change_reason"] = "Checked with the union's survey"
    ana.post(url, form)
    assert career.history.first().history_change_reason == "Checked with the union's survey"
    form = current_form_data(ana, url)
    form["typical_hours"] = "Mostly days, some nights"
    ana.post(url, form)
    assert career.history.first().history_change_reason == ""  # blank, never "None"
    history = ana.get(reverse("admin:careers_career_history", args=[career.pk]))
    assert "Checked with the union&#x27;s survey" in history.content.decode()


def test_a_career_missing_parts_is_kept_as_a_draft_with_what_is_missing():
    ana = editor("ana")
    career = Career.objects.get(slug="plumber")
    url = change_url(career)
    form = current_form_data(ana, url)
    total = int(form["sources-TOTAL_FORMS"])
    for i in range(total):
        form[f"sources-{i}-DELETE"] = "on"
    response = ana.post(url, form, follow=True)
    career.refresh_from_db()
    assert not career.is_published
    assert "saved as a draft, not published" in response.content.decode()
    assert "at least one source" in response.content.decode()
    assert Client().get("/careers/plumber/").status_code == 404


def test_the_publish_action_refuses_careers_that_are_not_ready():
    ana = editor("ana")
    career = Career.objects.get(slug="actuary")
    career.is_published = False
    career.save()
    career.sources.all().delete()
    response = ana.post(
        reverse("admin:careers_career_changelist"),
        {"action": "publish", "_selected_action": [career.pk]},
        follow=True,
    )
    career.refresh_from_db()
    assert not career.is_published
    assert "was not published: its guide needs at least one source" in response.content.decode()


def test_unpublishing_says_which_comparisons_it_hides():
    ana = editor("ana")
    career = Career.objects.get(slug="plumber")
    response = ana.post(
        reverse("admin:careers_career_changelist"),
        {"action": "unpublish", "_selected_action": [career.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "This also hides" in page
    assert "Electrician vs Plumber" in page


def test_shared_skills_cannot_be_changed_or_deleted_from_a_career():
    ana = editor("ana")
    page = ana.get(change_url(Career.objects.get(slug="plumber"))).content.decode()
    assert 'id="delete_id_skill_links-0-skill"' not in page
    assert 'id="change_id_skill_links-0-skill"' not in page
    assert 'id="add_id_skill_links-0-skill"' in page  # adding a new skill still works


def test_a_new_career_starts_from_the_current_projection_years():
    ana = editor("ana")
    form = ana.get(reverse("admin:careers_career_add")).context["adminform"].form
    assert form["growth_horizon"].value() == 2034
    assert form["salary_year"].value() == 2025


def test_the_dashboard_lists_drafts_unready_careers_and_recent_changes():
    ana = editor("ana")
    career = Career.objects.get(slug="actuary")
    url = change_url(career)
    form = current_form_data(ana, url)
    form["is_published"] = ""
    form.pop("is_published")
    ana.post(url, form)
    Career.objects.filter(slug="actuary").update(is_published=False)
    Career.objects.get(slug="actuary").sources.all().delete()
    page = ana.get(reverse("admin:index")).content.decode()
    assert "Needs attention" in page
    assert "Drafts waiting (1)" in page
    assert "Actuary</a>: needs at least one source" in page
    assert "Recent changes by the team" in page and "ana" in page


def test_catalogue_imports_write_history_as_a_named_system_account(tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    from catalog.loader import dump_catalog

    data = dump_catalog()
    plumber = next(c for c in data["careers"] if c["slug"] == "plumber")
    dropped = plumber["skills"].pop()
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("loadcatalog", str(path), "--catalogue-only", stdout=StringIO())
    career = Career.objects.get(slug="plumber")
    # One entry for the career, holding its parts as loaded (no history table per part).
    latest = career.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user.username == "catalogue-import"
    assert latest.history_change_reason == "Catalogue import"
    assert [item["name"] for item in latest.parts["skills"]] == plumber["skills"]
    assert dropped not in [item["name"] for item in latest.parts["skills"]]
    importer = latest.history_user
    assert not importer.is_active and not importer.has_usable_password()


# --- Whole-career versions: history and restore -------------------------------------------


def skill_order(career):
    return [link.skill.name for link in career.skill_links.select_related("skill")]


def history_url(career):
    return reverse("admin:careers_career_history", args=[career.pk])


def restore_url(career, record):
    return reverse("admin:careers_career_simple_history", args=[career.pk, record.pk])


def save_median_skill_and_order(client, career, median):
    """One save: a new median, one more skill, and the first two skills swapped."""
    from careers.models import Skill

    url = change_url(career)
    form = current_form_data(client, url)
    form["salary_median"] = str(median)
    total = int(form["skill_links-TOTAL_FORMS"])
    form["skill_links-0-position"], form["skill_links-1-position"] = (
        form["skill_links-1-position"],
        form["skill_links-0-position"],
    )
    new_skill = Skill.objects.create(name="Reading blueprints aloud")
    form[f"skill_links-{total}-skill"] = str(new_skill.pk)
    form[f"skill_links-{total}-position"] = "99"
    form[f"skill_links-{total}-career"] = str(career.pk)
    form["skill_links-TOTAL_FORMS"] = str(total + 1)
    form["change_reason"] = "New wage figures"
    response = client.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return new_skill


def test_one_save_is_one_history_entry_with_fields_and_parts(editor_client):
    career = Career.objects.get(slug="plumber")
    entries = career.history.count()
    old_order = skill_order(career)
    median = career.salary_median
    save_median_skill_and_order(editor_client, career, median + 1000)
    assert career.history.count() == entries + 1  # not one per part
    page = " ".join(editor_client.get(history_url(career)).content.decode().split())
    assert f"<strong>Salary median:</strong> {median:,} &rarr; {median + 1000:,}" in page
    assert "<strong>Top skills:</strong> added “Reading blueprints aloud”" in page
    assert "new order: " + ", ".join([old_order[1], old_order[0], *old_order[2:]]) in page
    assert "New wage figures" in page


def test_restore_brings_back_the_whole_version_and_says_what_it_changed(
    editor_client, django_capture_on_commit_callbacks
):
    career = Career.objects.get(slug="plumber")
    before = {"median": career.salary_median, "skills": skill_order(career)}
    earlier = career.history.order_by("-history_date", "-history_id").first()
    assert earlier.parts is not None  # the import recorded the parts too
    Client().get("/careers/plumber/")  # cached for visitors
    save_median_skill_and_order(editor_client, career, career.salary_median + 1000)
    assert skill_order(career) != before["skills"]

    url = restore_url(career, earlier)
    confirm = editor_client.get(url)
    page = " ".join(confirm.content.decode().split())
    assert "removed “Reading blueprints aloud”" in page  # says what it will change
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, {"opened_version": confirm.context["opened_version"]}, follow=True
        )
    career.refresh_from_db()
    assert career.salary_median == before["median"]
    assert skill_order(career) == before["skills"]  # the added skill is gone, order back
    message = " ".join(response.content.decode().split())
    assert f"Restored “{career.title}” to its version of" in message
    assert "removed “Reading blueprints aloud”" in message
    latest = career.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason.startswith("Restored version of ")
    assert latest.history_user.username == "admin"
    public = Client().get("/careers/plumber/").content.decode()
    assert "Reading blueprints aloud" not in public  # the visitors' page moved on too


def test_a_restore_that_fails_validation_changes_nothing(editor_client):
    from careers.models import Source

    career = Career.objects.get(slug="plumber")
    # A version without sources cannot be live: restoring it on a published career fails.
    sources = list(career.sources.all())
    Source.objects.filter(career=career).delete()
    Career.objects.filter(pk=career.pk).update(summary="A version without sources.")
    career.refresh_from_db()
    career.save()  # a history entry (shell-style save) with no sources
    without_sources = career.history.order_by("-history_date", "-history_id").first()
    assert without_sources.parts["sources"] == []
    for source in sources:
        source.pk = None
        source.save()
    career.summary = "The current summary."
    career.save()
    state = (career.summary, skill_order(career), career.sources.count())
    entries = career.history.count()

    url = restore_url(career, without_sources)
    confirm = editor_client.get(url)
    response = editor_client.post(url, {"opened_version": confirm.context["opened_version"]})
    assert response.status_code == 400
    assert "Nothing was restored" in response.content.decode()
    assert "at least one source" in response.content.decode()
    career.refresh_from_db()
    assert (career.summary, skill_order(career), career.sources.count()) == state
    assert career.history.count() == entries


def test_a_restore_based_on_a_stale_page_is_refused(editor_client):
    career = Career.objects.get(slug="plumber")
    earlier = career.history.order_by("-history_date", "-history_id").first()
    url = restore_url(career, earlier)
    opened = editor_client.get(url).context["opened_version"]
    save_median_skill_and_order(editor_client, career, career.salary_median + 1000)
    response = editor_client.post(url, {"opened_version": opened})
    assert response.status_code == 400
    assert "Someone saved this career since you opened this page" in response.content.decode()
    assert "Reading blueprints aloud" in skill_order(career)


def test_restore_of_an_unknown_version_is_a_404(editor_client):
    career = Career.objects.get(slug="plumber")
    base = f"/admin/careers/career/{career.pk}/history/"
    assert editor_client.get(base + "999999/").status_code == 404
    assert editor_client.get(base + "x/").status_code == 404
    assert editor_client.get("/admin/careers/career/999999/history/").status_code == 404


def test_the_career_form_is_short_with_collapsed_sections_and_links_to_the_live_pages(
    editor_client,
):
    career = Career.objects.get(slug="plumber")
    page = editor_client.get(change_url(career)).content.decode()
    text = " ".join(page.split())
    # Django renders collapsible fieldsets and inlines as <details>: closed by default.
    assert text.count("<details><summary>") >= 8
    assert 'id="fieldset-0-0-heading"' in page  # Basics stays open
    basics = page.index("Basics")
    assert "<details>" not in page[page.rfind("<fieldset", 0, basics) : basics]
    assert 'href="/about/data/#pay"' in page and 'href="/about/data/"' in page
    assert "/careers/&lt;slug&gt;/" in page  # shown, not swallowed as a tag
    assert 'Live page: <a href="/careers/plumber/">' in text
    assert "Electrician vs Plumber" in text and 'href="/compare/electrician-vs-plumber/"' in text


def test_a_section_with_an_error_opens(editor_client):
    career = Career.objects.get(slug="plumber")
    form = current_form_data(editor_client, change_url(career))
    form["why_it_matters"] = ""
    response = editor_client.post(change_url(career), form)
    assert response.status_code == 200
    page = response.content.decode()
    heading = page.index(">Guide text<")
    assert "<details>" not in page[page.rfind("<fieldset", 0, heading) : heading]
