"""Database constraints stand behind every rule the forms check."""

import pytest
from django.db import IntegrityError, transaction

from careers.models import Career, Source

pytestmark = pytest.mark.usefixtures("catalog")


@pytest.mark.parametrize(
    "change",
    [
        {"salary_min": 500_000},
        {"salary_median": 10},
        {"slug": "pipes-vs-wires"},
        {"growth_pct": -150},
    ],
)
def test_contradictions_cannot_be_saved_even_bypassing_forms(change):
    with pytest.raises(IntegrityError), transaction.atomic():
        Career.objects.filter(slug="plumber").update(**change)


def test_source_links_must_be_http():
    career = Career.objects.get(slug="plumber")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(career=career, title="x", url="javascript:alert(1)")


def test_a_career_in_a_comparison_cannot_be_deleted_by_accident():
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Career.objects.get(slug="devops-engineer").delete()


def test_education_routes_read_in_the_careers_own_query_match_the_routes_saved():
    """`route_items` (a JSON list the database builds) gives every career's routes as
    they are saved, in their order, whatever their text."""
    from careers.models import EducationRoute

    plumber = Career.objects.get(slug="plumber")
    odd = 'Tab\tand "quotes", \\ backslash, \x1e\x1f separators, émigré — 水管工'
    EducationRoute.objects.create(career=plumber, text=odd, position=0)  # ties position 0
    EducationRoute.objects.create(career=plumber, text="Last of all", position=99)
    for career in Career.objects.with_parts():
        assert career.route_texts == [route.text for route in career.education_routes.all()]
    texts = Career.objects.with_parts().get(slug="plumber").route_texts
    assert texts[1] == odd and texts[-1] == "Last of all"
    plumber.education_routes.all().delete()
    assert Career.objects.with_parts().get(slug="plumber").route_texts == []
