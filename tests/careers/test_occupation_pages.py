"""A page for every occupation: addresses by SOC code, pages without a guide that say so,
search by the short forms people type, and every occupation in the sitemap."""

import re

import pytest

from careers.models import Career
from tests.html import find, find_all, meta, parse, text

pytestmark = pytest.mark.usefixtures("catalog")


def test_a_soc_address_leads_to_the_occupation_page(client):
    response = client.get("/careers/soc/31-9091/")
    assert response.status_code == 301 and response["Location"] == "/careers/dental-assistant/"
    page = client.get("/careers/dental-assistant/")
    body = text(parse(page))
    assert "$48,070" in body and "May 2025" in body
    assert client.get("/careers/dental-assistant/pay/california/").status_code == 200


@pytest.mark.parametrize("code", ["29-9999", "2920-61", "abc", "29-20611", "00-0000"])
def test_unknown_or_malformed_soc_codes_are_not_found(client, code):
    assert client.get(f"/careers/soc/{code}/").status_code == 404


def test_a_page_without_a_guide_says_so_and_invents_no_prose(client):
    html = parse(client.get("/careers/licensed-practical-nurse/"))
    body = text(html)
    assert "No editor's guide yet" in body
    assert "Licensed practical and licensed vocational nurses" in body  # the official title
    assert "SOC 29-2061" in body
    assert find(html, "section", id="why") is None and find(html, "section", id="day") is None
    assert "Most important work activities" in body and "of 5)" in body
    assert "Nursing and Residential Care Facilities" in body  # where the jobs are
    assert "Employment Projections 2024–2034" in body and "O*NET 30.1" in body
    assert "Occupational Outlook Handbook" in body
    assert meta(html)["robots"] == "index,follow"


def test_a_guide_keeps_its_prose_and_shows_the_official_title(client):
    body = text(parse(client.get("/careers/registered-nurse/")))
    assert "No editor's guide yet" not in body
    assert "Why it matters" in body and "Official title: Registered nurses" in body


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("LPN", "licensed-practical-nurse"),
        ("LVN", "licensed-practical-nurse"),
        ("CNA", "nursing-assistant"),
        ("EMT", "emt"),
        ("RN", "registered-nurse"),
        ("CPA", "accountant-auditor"),
        ("HR", "hr-specialist"),
        ("dental assistant", "dental-assistant"),
    ],
)
def test_short_forms_find_their_occupation_first(client, query, slug):
    results = parse(client.get("/search/", {"q": query}))
    links = [a.get("href") for a in find_all(find(results, "main"), "a")]
    found = [href for href in links if href.startswith("/careers/") and href != "/careers/"]
    assert found and found[0] == f"/careers/{slug}/", (query, found[:3])


def test_lpn_against_registered_nurse_compares_with_switching_advice(client):
    response = client.get("/compare/licensed-practical-nurse-vs-registered-nurse/")
    assert response.status_code == 200
    html = parse(response)
    body = text(html)
    assert "Switching careers" in body
    assert re.search(r"\d\.\d of 5", body)  # advice drawn from O*NET ratings
    assert meta(html)["robots"] == "noindex,follow"  # an uncurated pair


def test_the_sitemap_lists_every_occupation(client):
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>[^<]*(/sitemap-careers\.xml[^<]*)</loc>", index)
    urls = set()
    for page in pages:
        urls |= set(
            re.findall(r"<loc>[^<]*(/careers/[^<]+)</loc>", client.get(page).content.decode())
        )
    published = Career.objects.published()
    assert urls == {f"/careers/{slug}/" for slug in published.values_list("slug", flat=True)}
    assert len(urls) == 834


def test_an_editor_starts_a_guide_on_an_occupation_page(admin_client):
    from django.urls import reverse

    from careers.models import Skill
    from tests.admin_forms import current_form_data

    career = Career.objects.get(slug="dental-assistant")
    change_url = reverse("admin:careers_career_change", args=[career.pk])
    data = current_form_data(admin_client, change_url)
    assert data["salary_median"] == "48070"  # the figures are already there
    data["has_guide"] = "on"
    refused = admin_client.post(change_url, data)
    assert refused.status_code == 200
    assert "A guide needs a summary" in refused.content.decode()
    assert not Career.objects.get(pk=career.pk).has_guide

    data.update(
        summary="Dental assistants prepare patients and instruments and keep records.",
        why_it_matters="Clinics run on them.",
        day_to_day="Chairside work, sterilising instruments, X-rays.",
    )
    # Text alone is not a guide yet: the live page keeps showing the figures.
    response = admin_client.post(change_url, data, follow=True)
    assert "keeps showing the figures alone until its guide has" in response.content.decode()
    career.refresh_from_db()
    assert career.is_published and not career.has_guide
    assert career.summary.startswith("Dental assistants prepare")
    assert "No editor's guide yet" in text(parse(admin_client.get("/careers/dental-assistant/")))

    data = current_form_data(admin_client, change_url)
    data["has_guide"] = "on"
    skill = Skill.objects.get_or_create(name="Infection Control")[0]
    ooh = "https://www.bls.gov/ooh/healthcare/dental-assistants.htm"
    for prefix, row in (
        ("skill_links", {"position": "0", "skill": str(skill.pk)}),
        ("education_routes", {"position": "0", "text": "A one-year dental assisting programme"}),
        ("sources", {"position": "0", "title": "BLS OOH: Dental Assistants", "url": ooh}),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = "1"
        data.update({f"{prefix}-0-{name}": value for name, value in row.items()})
    assert admin_client.post(change_url, data).status_code == 302
    career.refresh_from_db()
    assert career.has_guide and career.is_published and career.salary_median == 48_070
    body = text(parse(admin_client.get("/careers/dental-assistant/")))
    assert "No editor's guide yet" not in body and "Clinics run on them." in body
