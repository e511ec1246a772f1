"""
Two editors saving the same career at the same instant (issue #26): the check against
the version each opened and the save happen under one lock, so exactly one save wins and
the other is told what changed; a form sent without the version it was opened at is
refused.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from careers import versions
from careers.models import Career
from publishing.admin_tools import MISSING_VERSION, opened_version
from tests.admin_forms import current_form_data

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


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_of_a_career_exactly_one_wins(catalog):
    career = Career.objects.get(slug="plumber")
    history = career.history.count()
    url = change_url(career)
    editors = {name: editor(name) for name in ("ana", "ben", "cy", "dee")}
    forms = {}
    for name, client in editors.items():
        forms[name] = current_form_data(client, url)  # all opened the same version
        forms[name]["summary"] = f"{name.title()}'s summary of what plumbers do."
    start, results = threading.Barrier(len(editors)), {}

    def save(name):
        try:
            start.wait()
            response = editors[name].post(url, forms[name])
            results[name] = (response.status_code, response.content.decode())
        except Exception as error:  # reported below
            results[name] = (error, "")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    winners = [name for name, (status, _) in results.items() if status == 302]
    assert len(winners) == 1, {name: status for name, (status, _) in results.items()}
    for name, (status, page) in results.items():
        if name not in winners:
            assert status == 200
            assert "Someone saved this since you opened it" in page
            assert winners[0] in page  # who changed it meanwhile
    career.refresh_from_db()
    assert career.summary == f"{winners[0].title()}'s summary of what plumbers do."
    assert career.history.count() == history + 1


@pytest.mark.usefixtures("catalog")
def test_a_save_without_the_opened_version_is_refused(db):
    ana = editor("ana")
    career = Career.objects.get(slug="plumber")
    form = current_form_data(ana, change_url(career))
    form["summary"] = "A summary sent by a script that never opened the form."
    del form["opened_version"]
    response = ana.post(change_url(career), form)
    assert response.status_code == 200
    assert MISSING_VERSION.replace("'", "&#x27;") in response.content.decode()
    career.refresh_from_db()
    assert career.summary != form["summary"]


@pytest.mark.usefixtures("catalog")
def test_a_restore_over_a_newer_version_changes_nothing(db):
    career = Career.objects.get(slug="plumber")
    opened = opened_version(career)
    Career.objects.get(pk=career.pk).save()  # someone saved it meanwhile
    wanted = versions.fields_of_record(career.history.first())
    with pytest.raises(ValidationError, match="Someone saved this career"):
        versions.apply_version(career, wanted, None, None, "Restore", opened=opened)
    assert versions.apply_version(
        career,
        wanted,
        None,
        None,
        "Restore",
        opened=opened_version(Career.objects.get(pk=career.pk)),
    )
