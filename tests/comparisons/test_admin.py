"""The comparison admin: screens open; a pair with itself or a duplicate pair is refused."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from careers.models import Career
from comparisons.models import Comparison

pytestmark = pytest.mark.usefixtures("catalog")


def ids(*slugs):
    return [Career.objects.get(slug=s).pk for s in slugs]


def test_changelist_add_and_change_pages_open(admin_client):
    comparison = Comparison.objects.first()
    assert admin_client.get(reverse("admin:comparisons_comparison_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:comparisons_comparison_add")).status_code == 200
    change = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    assert admin_client.get(change).status_code == 200


def test_editor_adds_a_comparison(admin_client):
    a, b = ids("pharmacist", "physical-therapist")
    response = admin_client.post(
        reverse("admin:comparisons_comparison_add"),
        {"career_a": a, "career_b": b, "intro": "", "is_published": "on"},
    )
    assert response.status_code == 302
    assert Comparison.objects.for_pair(a, b).exists()


def test_a_pair_with_itself_is_refused(admin_client):
    a, _ = ids("pharmacist", "pharmacist")
    response = admin_client.post(
        reverse("admin:comparisons_comparison_add"), {"career_a": a, "career_b": a, "intro": ""}
    )
    assert "a career cannot be compared with itself" in response.content.decode()


def test_a_duplicate_pair_in_either_order_names_the_existing_comparison(admin_client):
    a, b = ids("mlops-engineer", "devops-engineer")
    response = admin_client.post(
        reverse("admin:comparisons_comparison_add"), {"career_a": a, "career_b": b, "intro": ""}
    )
    body = response.content.decode()
    assert "already compared in “DevOps Engineer vs MLOps Engineer”" in body
    assert body.count("These two careers are already compared.") == 0


def test_the_database_refuses_what_the_form_would(db):
    a, b = Career.objects.filter(slug__in=["devops-engineer", "mlops-engineer"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.create(career_a=b, career_b=a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.create(career_a=a, career_b=a)
