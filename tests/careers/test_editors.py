"""Editors: an account made with one command, what it can and cannot do, history and restore."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from careers.models import Career
from comparisons.models import Comparison
from tests import factories
from tests.admin_forms import current_form_data
from tests.careers.test_admin import career_form

pytestmark = pytest.mark.usefixtures("catalog")

PASSWORD = "a-long-editor-passphrase-42"


@pytest.fixture
def editor(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    call_command("createeditor", "erin", "--email", "erin@example.com", stdout=StringIO())
    return User.objects.get(username="erin")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_createeditor_makes_a_staff_account_in_the_editor_group(editor):
    assert editor.is_staff and not editor.is_superuser
    assert editor.email == "erin@example.com"
    assert list(editor.groups.values_list("name", flat=True)) == ["Editor"]
    assert editor.has_perm("careers.change_career")
    assert editor.has_perm("comparisons.add_comparison")
    assert not editor.has_perm("auth.change_user")


def test_createeditor_refuses_a_weak_password_and_a_taken_name(monkeypatch, editor):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("createeditor", "weak", stdout=StringIO())
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="already exists"):
        call_command("createeditor", "erin", stdout=StringIO())


def test_editor_cannot_manage_people(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_editor_cannot_delete_a_published_career(editor_client):
    career = Career.objects.get(slug="plumber")
    response = editor_client.get(reverse("admin:careers_career_delete", args=[career.pk]))
    assert response.status_code == 403
    editor_client.post(
        reverse("admin:careers_career_changelist"),
        {"action": "delete_selected", "_selected_action": [career.pk], "post": "yes"},
    )
    assert Career.objects.filter(pk=career.pk).exists()


def test_a_career_in_a_comparison_is_protected_and_the_admin_says_why(admin_client):
    career = Career.objects.get(slug="devops-engineer")
    career.is_published = False
    career.save()
    response = admin_client.get(reverse("admin:careers_career_delete", args=[career.pk]))
    body = response.content.decode()
    assert "would require deleting the following protected related objects" in body
    assert "DevOps Engineer vs MLOps Engineer" in body


def test_editor_creates_previews_and_publishes_a_career(
    editor_client, django_capture_on_commit_callbacks
):
    data = career_form()
    data.pop("is_published")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:careers_career_add"), data)
    assert response.status_code == 302
    career = Career.objects.get(slug="offshore-wind-technician")
    assert career.updated_by.username == "erin"
    # A draft: invisible to the public, previewable by the editor with a banner.
    anonymous = Client()
    assert anonymous.get("/careers/offshore-wind-technician/").status_code == 404
    preview = editor_client.get("/careers/offshore-wind-technician/")
    assert "Draft — not public" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:careers_career_changelist"),
            {"action": "publish", "_selected_action": [career.pk]},
        )
    assert anonymous.get("/careers/offshore-wind-technician/").status_code == 200


def test_history_records_who_changed_what_and_restores_it(admin_client):
    career = Career.objects.get(slug="actuary")
    old_hours = career.typical_hours
    change_url = reverse("admin:careers_career_change", args=[career.pk])
    data = current_form_data(admin_client, change_url)
    data["typical_hours"] = "Office hours, with exam study in the evenings"
    assert admin_client.post(change_url, data).status_code == 302

    history = admin_client.get(reverse("admin:careers_career_history", args=[career.pk]))
    body = history.content.decode()
    changes = " ".join(body.split())
    assert (
        "<strong>Typical hours:</strong> Full time, about 40 hours a week plus exam study; "
        "longer hours near quarter-end and year-end reporting &rarr; "
        "Office hours, with exam study in the evenings" in changes
    )
    assert ">admin<" in body  # who changed it

    before = career.history.order_by("history_date").first()
    revert_url = reverse("admin:careers_career_simple_history", args=[career.pk, before.pk])
    page = admin_client.get(revert_url)
    response = admin_client.post(revert_url, {"opened_version": page.context["opened_version"]})
    assert response.status_code == 302
    career.refresh_from_db()
    assert career.typical_hours == old_hours
    assert career.skill_links.count() > 0, "restoring the version keeps its parts"


def test_stale_filter_and_mark_reviewed_today(admin_client):
    Career.objects.filter(slug="paralegal").update(last_reviewed=datetime.date(2024, 1, 1))
    url = reverse("admin:careers_career_changelist")
    stale = admin_client.get(url, {"review": "stale"}).content.decode()
    assert "Paralegal" in stale and "Lawyer" not in stale
    paralegal = Career.objects.get(slug="paralegal")
    admin_client.post(url, {"action": "mark_reviewed_today", "_selected_action": [paralegal.pk]})
    paralegal.refresh_from_db()
    assert paralegal.last_reviewed == datetime.date.today()


def test_export_selected_as_csv(admin_client):
    pks = list(Career.objects.filter(slug__in=["lawyer", "plumber"]).values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:careers_career_changelist"),
        {"action": "export_csv", "_selected_action": pks},
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("slug,title,category,salary_min")
    assert lines[1].startswith("lawyer,Lawyer,Legal,78360,159670,351600")
    assert len(lines) == 3


def test_comparison_change_page_previews_the_verdicts(admin_client):
    comparison = Comparison.objects.get(
        career_a__slug="devops-engineer", career_b__slug="mlops-engineer"
    )
    body = admin_client.get(
        reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    ).content.decode()
    assert "Higher salary ceiling (top of the stated ranges): MLOps Engineer." in body
    assert "Neither DevOps Engineer nor MLOps Engineer has a published median" in body


def test_unpublished_comparison_is_previewable_by_editors(admin_client, client):
    a, b = factories.career("Alpha"), factories.career("Beta")
    factories.comparison(a, b, is_published=False)
    assert client.get("/compare/alpha-vs-beta/").status_code == 404
    response = admin_client.get("/compare/alpha-vs-beta/")
    assert response.status_code == 200
    assert "Draft — not public" in response.content.decode()


def test_history_shows_changes_to_a_careers_parts(admin_client):
    career = Career.objects.get(slug="electrician")
    change_url = reverse("admin:careers_career_change", args=[career.pk])
    data = current_form_data(admin_client, change_url)
    old_activity = data["day_items-0-activity"]
    data["day_items-0-activity"] = "Reads the day's work orders and loads the van"
    assert admin_client.post(change_url, data).status_code == 302
    body = admin_client.get(reverse("admin:careers_career_history", args=[career.pk]))
    text = " ".join(body.content.decode().split())
    assert "<strong>A representative day:</strong> changed “" in text
    assert "Reads the day&#x27;s work orders and loads the van" in text
    assert old_activity
