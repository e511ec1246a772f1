"""The editors' admin for careers: every screen opens, a complete career can be created,
and contradictions are refused with plain words next to the field."""

import pytest
from django.urls import reverse

from careers.models import Career, Category, EducationLevel, Skill, Workplace
from occupations.models import OnetProfile

pytestmark = pytest.mark.usefixtures("catalog")

INLINES = [
    "aliases",
    "skill_links",
    "workplace_links",
    "education_routes",
    "day_items",
    "credentials",
    "sources",
]


@pytest.mark.parametrize(
    "model", ["career", "category", "skill", "workplace"], ids=lambda m: f"{m}-admin"
)
def test_changelist_add_and_change_pages_open(admin_client, model):
    instance = {
        "career": Career,
        "category": Category,
        "skill": Skill,
        "workplace": Workplace,
    }[model].objects.first()
    assert admin_client.get(reverse(f"admin:careers_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:careers_{model}_add")).status_code == 200
    change = reverse(f"admin:careers_{model}_change", args=[instance.pk])
    assert admin_client.get(change).status_code == 200


def test_career_changelist_search_and_filters(admin_client):
    url = reverse("admin:careers_career_changelist")
    response = admin_client.get(url, {"q": "Incident Response"})
    assert "Information Security Analyst" in response.content.decode()
    response = admin_client.get(url, {"is_published__exact": "1", "education_level__exact": "5"})
    assert response.status_code == 200


def career_form(**overrides):
    data = {
        "title": "Offshore Wind Technician",
        "has_guide": "on",
        "slug": "offshore-wind-technician",
        "category": Category.objects.get(slug="installation-maintenance-and-repair").pk,
        "summary": "Wind turbine technicians install, inspect and repair wind turbines.",
        "common_titles": "Wind Tech\nWindsmith",
        "typical_hours": "Full time, often at height",
        "salary_min": "48000",
        "salary_median": "62000",
        "salary_max": "90000",
        "pay_basis": "percentiles",
        "salary_year": "2024",
        "growth_pct": "50.0",
        "growth_horizon": "2034",
        "demand_override": "",
        "education_level": "0",
        "entry_education": "postsecondary-nondegree",
        "work_experience": "none",
        "job_training": "long-term",
        "employment": "15300",
        "employment_year": "2024",
        "annual_openings": "2600",
        "soc_code": "",  # every SOC code has its page already: a career of its own
        "figures_note": "",
        "why_it_matters": "Wind farms only produce power when their turbines run.",
        "day_to_day": "Climbing towers.\n\nReading fault logs.",
        "is_published": "on",
        "last_reviewed": "2026-11-29",
    }
    for prefix in INLINES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    skills = [
        Skill.objects.get(name="Electrical Systems"),
        Skill.objects.get(name="Safety Procedures"),
    ]
    data["skill_links-TOTAL_FORMS"] = str(len(skills))
    for i, skill in enumerate(skills):
        data[f"skill_links-{i}-position"] = str(i)
        data[f"skill_links-{i}-skill"] = str(skill.pk)
    data["workplace_links-TOTAL_FORMS"] = "1"
    data["workplace_links-0-position"] = "0"
    data["workplace_links-0-workplace"] = str(Workplace.objects.first().pk)
    data["education_routes-TOTAL_FORMS"] = "1"
    data["education_routes-0-position"] = "0"
    data["education_routes-0-text"] = "Technical school certificate"
    data["day_items-TOTAL_FORMS"] = "2"
    data["day_items-0-time"] = "07:00"
    data["day_items-0-activity"] = "Safety briefing"
    data["day_items-1-time"] = "08:00"
    data["day_items-1-activity"] = "Climb the tower"
    data["credentials-TOTAL_FORMS"] = "1"
    data["credentials-0-position"] = "0"
    data["credentials-0-name"] = "Climbing safety certificate"
    data["credentials-0-kind"] = "certification"
    data["credentials-0-requirement"] = "usually-required"
    data["credentials-0-issuer"] = "Training providers"
    data["credentials-0-source_url"] = "https://www.bls.gov/ooh/"
    data["sources-TOTAL_FORMS"] = "1"
    data["sources-0-position"] = "0"
    data["sources-0-title"] = "BLS Occupational Outlook Handbook"
    data["sources-0-url"] = "https://www.bls.gov/ooh/"
    data.update(overrides)
    return data


def test_editor_creates_a_complete_career_that_shows_on_the_site(
    admin_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:careers_career_add"), career_form())
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    career = Career.objects.get(slug="offshore-wind-technician")
    assert career.skill_links.count() == 2
    assert career.day_items.count() == 2
    # The short scale follows the BLS category the editor chose.
    assert career.education_level == EducationLevel.CERTIFICATE
    page = client.get("/careers/offshore-wind-technician/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Climb the tower" in body and "Electrical Systems" in body
    assert "Climbing safety certificate" in body and "Postsecondary nondegree award" in body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"salary_min": "95000"}, "salary_max", "is below the low end"),
        ({"salary_median": "120000"}, "salary_median", "must lie between"),
        ({"slug": "wind-vs-solar"}, "slug", "cannot contain “-vs-”"),
        ({"slug": "Wind-Tech"}, "slug", "lowercase"),
        ({"slug": "plumber"}, "slug", "already exists"),
        ({"growth_pct": "1500"}, "growth_pct", "less than or equal to 1000"),
        ({"growth_horizon": "2101"}, "growth_horizon", "must be between"),
        ({"growth_horizon": "2020"}, "growth_horizon", "must come after the year"),
        ({"sources-0-url": "javascript:alert(1)"}, None, "Enter a valid URL"),
        ({"credentials-0-source_url": "javascript:alert(1)"}, None, "Enter a valid URL"),
        ({"credentials-0-requirement": "maybe"}, None, "Select a valid choice"),
        ({"day_items-1-time": "06:00"}, None, "in order"),
    ],
)
def test_contradictions_are_refused_in_plain_words(admin_client, overrides, field, message):
    response = admin_client.post(reverse("admin:careers_career_add"), career_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Career.objects.filter(title="Offshore Wind Technician").exists()


def test_at_most_twelve_top_skills(admin_client):
    skills = list(Skill.objects.all()[:13])
    data = career_form()
    data["skill_links-TOTAL_FORMS"] = str(len(skills))
    for i, skill in enumerate(skills):
        data[f"skill_links-{i}-position"] = str(i)
        data[f"skill_links-{i}-skill"] = str(skill.pk)
    response = admin_client.post(reverse("admin:careers_career_add"), data)
    assert "List at most 12 top skills" in response.content.decode()
    assert not Career.objects.filter(slug="offshore-wind-technician").exists()


def test_onet_profiles_are_read_only_in_the_admin(admin_client):
    profile = OnetProfile.objects.get(soc_code="47-2111")
    assert admin_client.get(reverse("admin:occupations_onetprofile_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:occupations_onetprofile_change", args=[profile.pk]))
    assert page.status_code == 200
    assert "Repairing" in page.content.decode()
    assert admin_client.get(reverse("admin:occupations_onetprofile_add")).status_code == 403
