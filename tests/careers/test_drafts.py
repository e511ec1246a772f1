"""Drafts of live careers: prepared, previewed, published (now or at a time) or discarded."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.models import Career, CareerDraft
from publishing import schedule, versions
from tests.admin_forms import current_form_data

pytestmark = pytest.mark.usefixtures("catalog")

MARKER = "Plumbers keep clean water in and dirty water out, now in the draft."
GUIDE = "/careers/plumber/"


@pytest.fixture
def plumber():
    return Career.objects.get(slug="plumber")


def change_url(career):
    return reverse("admin:careers_career_change", args=[career.pk])


def draft_url(career):
    return reverse("admin:careers_career_draft", args=[career.pk])


def save_draft(client, career, summary=MARKER):
    form = current_form_data(client, change_url(career))
    form["summary"] = summary
    form["_save_draft"] = "Save as draft (not live)"
    response = client.post(change_url(career), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response["Location"] == draft_url(career)
    return CareerDraft.objects.get(career=career)


def public(path=GUIDE):
    return Client().get(path).content.decode()


def test_a_draft_does_not_change_the_live_page_and_the_preview_shows_it(editor_client, plumber):
    entries = plumber.history.count()
    assert MARKER not in public()  # cached now
    save_draft(editor_client, plumber)
    plumber.refresh_from_db()
    assert plumber.summary != MARKER and plumber.history.count() == entries
    assert MARKER not in public()

    page = editor_client.get(draft_url(plumber)).content.decode()
    assert "not live: visitors see" in page and MARKER in page  # what publishing would change
    preview = editor_client.get(reverse("admin:careers_career_draft_preview", args=[plumber.pk]))
    assert preview.status_code == 200
    assert MARKER in preview.content.decode()
    assert "noindex" in preview["X-Robots-Tag"]
    assert "no-store" in preview["Cache-Control"]
    assert "Draft — not public" in preview.content.decode()
    # Served at an admin address, the map's states link to the public state pages.
    assert f'<a href="/careers/{plumber.slug}/pay/texas/">' in preview.content.decode()
    plumber.refresh_from_db()
    assert plumber.summary != MARKER  # the preview saved nothing
    assert plumber.history.count() == entries
    assert MARKER not in public()
    assert (
        Client().get(reverse("admin:careers_career_draft_preview", args=[plumber.pk])).status_code
        == 302
    )


def test_publishing_a_draft_shows_it_at_the_next_request(
    editor_client, plumber, django_capture_on_commit_callbacks
):
    assert MARKER not in public()  # a page cached before
    save_draft(editor_client, plumber)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(draft_url(plumber), {"action": "publish"}, follow=True)
    text = response.content.decode()
    assert "Published your draft" in text and "Summary" in text
    assert MARKER in public()
    assert not CareerDraft.objects.filter(career=plumber).exists()
    latest = plumber.history.order_by("-history_date", "-history_id").first()
    assert latest.summary == MARKER and latest.history_user.username == "admin"


def test_discarding_a_draft_leaves_the_page_untouched(editor_client, plumber):
    before = public()
    save_draft(editor_client, plumber)
    response = editor_client.post(draft_url(plumber), {"action": "discard"}, follow=True)
    assert "the live guide is unchanged" in response.content.decode()
    assert not CareerDraft.objects.exists()
    assert public() == before


def writes_in(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0].upper() in WRITES]


WRITES = {"INSERT", "UPDATE", "DELETE", "BEGIN", "SAVEPOINT"}


def publishdue():
    out = StringIO()
    call_command("publishdue", stdout=out)
    return out.getvalue()


def test_a_scheduled_draft_goes_live_when_publishdue_runs_after_its_time(
    editor_client, plumber, monkeypatch, django_capture_on_commit_callbacks
):
    public()  # cached before the schedule
    save_draft(editor_client, plumber)
    real_now = timezone.now()
    when = timezone.localtime(real_now + datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            draft_url(plumber),
            {"action": "schedule", "publish_at": when.strftime("%Y-%m-%dT%H:%M")},
            follow=True,
        )
    assert "goes live by itself" in response.content.decode()
    assert "Scheduled publications (1)" in editor_client.get("/admin/").content.decode()

    monkeypatch.setattr(timezone, "now", lambda: real_now + datetime.timedelta(minutes=30))
    assert MARKER not in public()  # not before its time
    assert publishdue() == ""  # nothing due yet
    monkeypatch.setattr(timezone, "now", lambda: real_now + datetime.timedelta(minutes=61))
    # A visitor after the due time: no copy cached before it, and nothing written.
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(GUIDE)
    assert response.status_code == 200 and MARKER not in response.content.decode()
    assert queries.captured_queries, "rendered afresh, not the copy cached before the due time"
    assert writes_in(queries.captured_queries) == []
    assert CareerDraft.objects.filter(career=plumber).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert "Published what was due" in publishdue()
    assert MARKER in public()  # the next request after the publication
    plumber.refresh_from_db()
    assert plumber.summary == MARKER
    assert not CareerDraft.objects.exists()
    latest = plumber.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason.startswith("Scheduled publication")

    # Once: a second timer (or server) finding the same due time publishes nothing again.
    number = versions.current().number
    assert publishdue() == ""
    assert schedule.publish_due().number == number
    assert versions.current().due is None


def test_a_scheduled_draft_that_became_invalid_waits_with_the_reason(
    editor_client, plumber, monkeypatch, django_capture_on_commit_callbacks
):
    draft = save_draft(editor_client, plumber)
    draft.data["parts"]["sources"] = []  # a live guide needs a source
    draft.save()
    real_now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            draft_url(plumber),
            {
                "action": "schedule",
                "publish_at": timezone.localtime(real_now + datetime.timedelta(hours=1)).strftime(
                    "%Y-%m-%dT%H:%M"
                ),
            },
        )
    monkeypatch.setattr(timezone, "now", lambda: real_now + datetime.timedelta(hours=2))
    publishdue()
    page = Client().get(GUIDE)
    assert page.status_code == 200 and MARKER not in page.content.decode()
    draft.refresh_from_db()
    assert draft.publish_at is None and "at least one source" in draft.problem
    assert "at least one source" in editor_client.get("/admin/").content.decode()


def test_a_schedule_in_the_past_is_refused_in_plain_words(editor_client, plumber):
    save_draft(editor_client, plumber)
    response = editor_client.post(
        draft_url(plumber), {"action": "schedule", "publish_at": "2020-01-01T09:00"}
    )
    assert response.status_code == 400
    assert "Choose a time in the future" in response.content.decode()
    response = editor_client.post(draft_url(plumber), {"action": "schedule", "publish_at": "soon"})
    assert response.status_code == 400
    assert editor_client.post(draft_url(plumber), {"action": "fly"}).status_code == 400
    assert CareerDraft.objects.get(career=plumber).publish_at is None


def test_a_draft_of_an_unpublished_career_is_refused(editor_client):
    career = Career.objects.get(slug="actuary")
    Career.objects.filter(pk=career.pk).update(is_published=False)
    form = current_form_data(editor_client, change_url(career))
    assert "_save_draft" not in editor_client.get(change_url(career)).content.decode()
    form["summary"] = MARKER
    form["_save_draft"] = "Save as draft (not live)"
    response = editor_client.post(change_url(career), form, follow=True)
    assert "Drafts are for published careers" in response.content.decode()
    assert not CareerDraft.objects.exists()
    career.refresh_from_db()
    assert career.summary != MARKER


def test_a_career_without_a_draft_has_no_draft_page(editor_client, plumber):
    assert editor_client.get(draft_url(plumber)).status_code == 404
    assert editor_client.get("/admin/careers/career/999999/draft/").status_code == 404


def test_an_editor_in_the_editor_group_can_use_drafts(client, plumber, monkeypatch):
    from io import StringIO

    from django.contrib.auth.models import User
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a-long-editor-passphrase-42")
    call_command("createeditor", "erin", stdout=StringIO())
    erin = User.objects.get(username="erin")
    assert erin.has_perm("careers.view_careerdraft")
    client.force_login(erin)
    save_draft(client, plumber)
    assert client.get(reverse("admin:careers_careerdraft_changelist")).status_code == 200
    assert client.post(draft_url(plumber), {"action": "discard"}).status_code == 302


def test_drafts_and_their_publication_show_in_the_teams_recent_changes(editor_client, plumber):
    save_draft(editor_client, plumber)
    editor_client.post(draft_url(plumber), {"action": "publish"})
    page = " ".join(editor_client.get("/admin/").content.decode().split())
    recent = page[page.index("Recent changes by the team") :]
    assert recent.count(plumber.title) >= 2 and "admin" in recent


def test_the_draft_page_warns_when_the_live_career_changed_after_the_draft(editor_client, plumber):
    save_draft(editor_client, plumber)
    form = current_form_data(editor_client, change_url(plumber))
    form["typical_hours"] = "Days, with call-outs at night"
    assert editor_client.post(change_url(plumber), form).status_code == 302
    page = " ".join(editor_client.get(draft_url(plumber)).content.decode().split())
    assert "The live career was saved after this draft (by admin" in page
    assert "Typical hours:</strong> Days, with call-outs at night &rarr;" in page  # undone


def test_saving_a_draft_again_replaces_it_and_says_so(editor_client, plumber):
    save_draft(editor_client, plumber)
    form = current_form_data(editor_client, change_url(plumber))
    form["summary"] = "A second draft of the summary."
    form["_save_draft"] = "Save as draft (not live)"
    response = editor_client.post(change_url(plumber), form, follow=True)
    assert "It replaces the draft saved by admin" in response.content.decode()
    assert CareerDraft.objects.get().data["fields"]["summary"] == "A second draft of the summary."


def test_staff_without_the_career_permissions_cannot_see_drafts_or_restore(
    client, editor_client, plumber
):
    from django.contrib.auth.models import User

    save_draft(editor_client, plumber)
    clerk = User.objects.create_user("clerk", password="a-long-clerk-passphrase-42")
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)
    preview = reverse("admin:careers_career_draft_preview", args=[plumber.pk])
    record = plumber.history.first()
    restore = reverse("admin:careers_career_simple_history", args=[plumber.pk, record.pk])
    for url in (draft_url(plumber), preview, restore):
        assert client.get(url).status_code in (403, 404), url
    assert client.post(draft_url(plumber), {"action": "publish"}).status_code in (403, 404)
    assert CareerDraft.objects.filter(career=plumber).exists()


def test_a_cached_page_is_not_served_after_a_due_time_before_anything_is_published(
    plumber, monkeypatch, django_capture_on_commit_callbacks
):
    from careers import drafts

    draft = CareerDraft.objects.create(career=plumber, data={"fields": {}, "parts": None})
    real_now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        drafts.set_schedule(draft, real_now + datetime.timedelta(hours=1))
    public()  # cached, valid until the due time
    # A change that bypasses the content version (no signal): only a re-render shows it.
    Career.objects.filter(pk=plumber.pk).update(summary=MARKER)
    assert MARKER not in public()  # the cached copy, before the due time

    monkeypatch.setattr(timezone, "now", lambda: real_now + datetime.timedelta(hours=2))
    for _ in range(2):  # not stored either: each request renders until publishdue runs
        response = Client().get(GUIDE)
        assert response.status_code == 200
        assert MARKER in response.content.decode()  # not the copy cached before the due time
    Career.objects.filter(pk=plumber.pk).update(summary="Rendered again")
    assert "Rendered again" in public()


def test_publishdue_keeps_running_when_publishing_fails(monkeypatch, plumber):
    """`--every`: a failed publication is logged and tried again at the next check."""
    from careers import drafts
    from publishing.management.commands import publishdue as command

    CareerDraft.objects.create(
        career=plumber,
        data={"fields": {"summary": MARKER}, "parts": None},
        publish_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    versions.reschedule()
    attempts = []

    def broken(now):
        attempts.append(now)
        raise RuntimeError("publishing failed")

    def stop_after_two(seconds):
        if len(attempts) >= 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(drafts, "publish_due", broken)
    monkeypatch.setattr(command.time, "sleep", stop_after_two)
    monkeypatch.setattr(command, "connection", type("C", (), {"close": lambda self: None})())
    call_command("publishdue", "--every", "30", stdout=StringIO())
    assert len(attempts) == 2
    assert CareerDraft.objects.filter(career=plumber).exists()


def test_an_editor_continues_a_draft_in_the_form_and_the_parts_survive(editor_client, plumber):
    from careers.models import Skill

    # A first draft: a new summary, one skill fewer, one skill more, the first two swapped.
    form = current_form_data(editor_client, change_url(plumber))
    form["summary"] = MARKER
    total = int(form["skill_links-TOTAL_FORMS"])
    first, second = form["skill_links-0-skill"], form["skill_links-1-skill"]
    form["skill_links-0-position"], form["skill_links-1-position"] = "1", "0"
    form[f"skill_links-{total - 1}-DELETE"] = "on"
    extra = Skill.objects.create(name="Reading blueprints aloud")
    form[f"skill_links-{total}-skill"] = str(extra.pk)
    form[f"skill_links-{total}-position"] = "50"
    form["skill_links-TOTAL_FORMS"] = str(total + 1)
    form["_save_draft"] = "Save as draft (not live)"
    assert editor_client.post(change_url(plumber), form).status_code == 302
    first_draft = CareerDraft.objects.get().data

    # Opened again as the draft, the form shows it; saved unchanged, the draft is the same.
    url = change_url(plumber) + "?draft=1"
    page = editor_client.get(url)
    assert "You are editing the draft" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()  # publishing is on the draft page
    assert page.context["adminform"].form["summary"].value() == MARKER
    again = current_form_data(editor_client, url)
    again["_save_draft"] = "Save the draft"
    assert editor_client.post(url, again).status_code == 302
    second_draft = CareerDraft.objects.get().data
    assert second_draft == first_draft
    skills = [
        item["skill"]
        for item in sorted(second_draft["parts"]["skills"], key=lambda i: i["position"])
    ]
    assert skills[:2] == [int(second), int(first)] and skills[-1] == extra.pk
    plumber.refresh_from_db()
    assert plumber.summary != MARKER  # still only a draft


def test_editing_a_draft_that_does_not_exist_says_so(editor_client, plumber):
    response = editor_client.get(change_url(plumber) + "?draft=1", follow=True)
    assert "This career has no draft to edit." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_servers_reaching_a_due_time_together_publish_it_once():
    import threading

    from django.db import connection, transaction

    plumber = Career.objects.get(slug="plumber")
    data = {"fields": {"summary": MARKER}, "parts": None}
    with transaction.atomic():
        CareerDraft.objects.create(
            career=plumber, data=data, publish_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        versions.reschedule()
    before = plumber.history.count()
    start, results = threading.Barrier(2), []

    def server():
        try:
            start.wait()
            results.append(schedule.publish_due().number)
        except Exception as error:  # reported below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=server) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(isinstance(number, int) for number in results), results
    plumber.refresh_from_db()
    assert plumber.summary == MARKER
    assert not CareerDraft.objects.exists()
    assert plumber.history.count() == before + 1  # published once, not twice
