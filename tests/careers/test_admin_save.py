"""
Saving a career from its form costs the same whatever the length of its tables (issue
27): rows sent back unchanged are not read or validated again one by one, while a row
an editor changes still is.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.models import Career, CareerWorkplace, Workplace
from tests.admin_forms import current_form_data

pytestmark = pytest.mark.usefixtures("catalog")


def save(client, career, **changes):
    url = reverse("admin:careers_career_change", args=[career.pk])
    data = current_form_data(client, url)
    data.update(changes)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    return response, len(queries)


def add_rows(career, count):
    """`count` more other names, workplaces and education routes."""
    start = career.aliases.count()
    for n in range(start, start + count):
        career.aliases.create(name=f"pipe trade {n}")
        workplace = Workplace.objects.create(name=f"Pipe yard {n}")
        CareerWorkplace.objects.create(career=career, workplace=workplace, position=50 + n)
        career.education_routes.create(text=f"Route {n}", position=50 + n)


def test_a_save_costs_the_same_queries_however_many_rows_its_tables_hold(editor_client):
    career = Career.objects.get(slug="plumber")
    add_rows(career, 1)
    response, before = save(editor_client, career, typical_hours="Weekdays, some call-outs")
    assert response.status_code == 302
    # Three more other names, workplaces and routes: the same save, the same queries.
    add_rows(career, 3)
    response, after = save(editor_client, career, typical_hours="Weekdays and call-outs")
    assert response.status_code == 302
    assert after == before, f"{after - before} more queries for 9 more unchanged rows"
    career.refresh_from_db()
    assert career.typical_hours == "Weekdays and call-outs"
    assert career.aliases.filter(name__startswith="pipe trade").count() == 4


def test_a_changed_row_is_still_checked(editor_client):
    career = Career.objects.get(slug="plumber")
    career.aliases.create(name="pipefitter")
    career.aliases.create(name="steamfitter")
    url = reverse("admin:careers_career_change", args=[career.pk])
    data = current_form_data(editor_client, url)
    names = sorted(k for k in data if k.startswith("aliases-") and k.endswith("-name"))
    data[names[1]] = data[names[0]].upper()  # the same name again, in other letters
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert career.aliases.filter(name__iexact=data[names[0]]).count() == 1


def test_a_median_that_departs_from_the_release_is_warned_about_once_and_kept(editor_client):
    """Issue 23: an editor's national median is what the guide and its state pages show,
    so the admin says when it is not the figure BLS released; the release's own is fine."""
    career = Career.objects.get(slug="plumber")
    released = career.salary_median
    url = reverse("admin:careers_career_change", args=[career.pk])
    data = current_form_data(editor_client, url)
    data["salary_median"] = str(released + 1_000)
    page = editor_client.post(url, data, follow=True).content.decode()
    assert f"(${released + 1_000:,}) is not the one BLS OEWS May 2025 published" in page
    assert f"(${released:,})" in page
    career.refresh_from_db()
    assert career.salary_median == released + 1_000  # saved: the warning does not refuse

    data = current_form_data(editor_client, url)
    data["salary_median"] = str(released)
    page = editor_client.post(url, data, follow=True).content.decode()
    assert "is not the one BLS OEWS" not in page
