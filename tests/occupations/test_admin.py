"""Area wages in the admin: imported from BLS, shown with their release, never typed."""

import pytest
from django.urls import reverse

from occupations.models import Area, AreaWage, WageRelease
from tests.careers.test_editors import PASSWORD, editor  # noqa: F401 (fixture)
from tests.html import find, find_all, parse, text

pytestmark = pytest.mark.usefixtures("catalog")

MODELS = {"areawage": AreaWage, "area": Area, "wagerelease": WageRelease}


@pytest.fixture
def editor_client(client, editor):  # noqa: F811
    client.force_login(editor)
    return client


@pytest.mark.parametrize("model", list(MODELS))
def test_editors_can_look_but_not_add_change_or_delete(editor_client, model):
    instance = MODELS[model].objects.first()
    changelist = editor_client.get(reverse(f"admin:occupations_{model}_changelist"))
    assert changelist.status_code == 200
    assert editor_client.get(reverse(f"admin:occupations_{model}_add")).status_code == 403
    change = reverse(f"admin:occupations_{model}_change", args=[instance.pk])
    page = editor_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # a read-only view
    assert editor_client.post(change, {}).status_code == 403
    delete = reverse(f"admin:occupations_{model}_delete", args=[instance.pk])
    assert editor_client.get(delete).status_code == 403


def test_even_a_superuser_cannot_type_area_wages(admin_client):
    wage = AreaWage.objects.get(soc="29-1141", area__slug="california")
    assert admin_client.get(reverse("admin:occupations_areawage_add")).status_code == 403
    change = reverse("admin:occupations_areawage_change", args=[wage.pk])
    assert admin_client.post(change, {"annual_median": "1"}).status_code == 403
    wage.refresh_from_db()
    assert wage.annual_median == 140_270


def test_area_wages_list_reads_as_published_with_footnotes(admin_client):
    url = reverse("admin:occupations_areawage_changelist")
    body = admin_client.get(url, {"q": "15-1254 Alabama"}).content.decode()
    assert "Alabama" in body and "not released" in body
    assert "Not released by BLS" in body
    body = admin_client.get(url, {"q": "25-2031"}).content.decode()
    assert "Published only as an hourly or only as an annual wage" in body


def test_the_release_is_shown_with_its_source_files(admin_client):
    release = WageRelease.objects.get()
    body = admin_client.get(
        reverse("admin:occupations_wagerelease_change", args=[release.pk])
    ).content.decode()
    assert "2025A01" in body and "May 2025" in body
    assert "oe.data.0.Current" in body and release.extract_sha256 in body


def test_the_career_form_shows_its_area_wages_read_only(admin_client):
    from careers.models import Career

    career = Career.objects.get(slug="registered-nurse")
    body = admin_client.get(reverse("admin:careers_career_change", args=[career.pk])).content
    text_ = body.decode()
    assert "BLS OEWS May 2025 (2025A01): national median $97,550, 3,379,720 jobs" in text_
    assert "/admin/occupations/areawage/?q=29-1141" in text_
    devops = Career.objects.get(slug="devops-engineer")
    body = admin_client.get(reverse("admin:careers_career_change", args=[devops.pk]))
    assert "Needs a SOC code" in body.content.decode()


def test_about_the_data_names_the_release_and_what_each_figure_means(client):
    tree = parse(client.get("/about/data/"))
    section = text(find(tree, "article"))
    assert "May 2025 (release 2025A01)" in section
    for term in ("Median", "Concentration (location quotient)", "Not released", "$239,200+"):
        assert term in section
    assert "not how it grows with experience" in section


def test_guide_sources_link_the_bls_pages_for_the_occupation(client):
    tree = parse(client.get("/careers/registered-nurse/"))
    hrefs = [
        a.get("href")
        for sources in find_all(tree, "ul", class_="sources")
        for a in sources.iter("{http://www.w3.org/1999/xhtml}a")
    ]
    assert "https://www.bls.gov/oes/2025/may/oes291141.htm" in hrefs
    assert "https://download.bls.gov/pub/time.series/oe/" in hrefs
