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
