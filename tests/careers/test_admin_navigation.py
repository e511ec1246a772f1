"""Editors find their way (breadcrumbs that name the career) and read one date format,
the site's ("7 December 2026"), in the admin as on the public pages (issue 27)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Career

pytestmark = pytest.mark.usefixtures("catalog")

LONG_DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b"
)
OTHER_FORMATS = re.compile(
    r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|"
    r"\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b"
)


def crumbs(page):
    trail = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', page, re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in trail.split("</li>")[:-1]]


def text(page):
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_breadcrumbs_name_the_career_and_never_repeat_careers(editor_client):
    nurse = Career.objects.get(slug="registered-nurse")
    change = editor_client.get(reverse("admin:careers_career_change", args=[nurse.pk]))
    assert crumbs(change.content.decode()) == ["Home", "Careers", "Registered Nurse"]
    listing = editor_client.get(reverse("admin:careers_career_changelist"))
    assert crumbs(listing.content.decode()) == ["Home", "Careers"]
    history = editor_client.get(reverse("admin:careers_career_history", args=[nurse.pk]))
    assert crumbs(history.content.decode()) == ["Home", "Careers", "Registered Nurse", "History"]
    # Other models of the app keep the app's crumb: it says something there.
    skills = editor_client.get(reverse("admin:careers_skill_changelist"))
    assert crumbs(skills.content.decode()) == ["Home", "Careers", "Skills"]


def test_the_admin_and_the_site_write_dates_one_way(editor_client, client):
    nurse = Career.objects.get(slug="registered-nurse")
    nurse.last_reviewed = timezone.datetime(2026, 3, 7).date()
    nurse.save()
    reviewed = "7 March 2026"
    pages = {
        "changelist": editor_client.get(
            reverse("admin:careers_career_changelist") + "?q=registered+nurse"
        ),
        "history": editor_client.get(reverse("admin:careers_career_history", args=[nurse.pk])),
        "dashboard": editor_client.get(reverse("admin:index")),
        "guide": client.get(nurse.get_absolute_url()),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        shown = text(response.content.decode())
        assert name == "dashboard" or LONG_DATE.search(shown), f"no date on the {name}"
        assert not OTHER_FORMATS.search(shown), (name, OTHER_FORMATS.search(shown).group())
    assert reviewed in text(pages["changelist"].content.decode())
    assert f"Last reviewed {reviewed}" in text(pages["guide"].content.decode())
    # The history's times: date, then 24-hour time.
    when = timezone.localtime(nurse.history.latest("history_date").history_date)
    assert f"{when.day} {when:%B %Y}, {when:%H:%M}" in text(pages["history"].content.decode())
