"""The careers index: filters, sort, pages (search: test_search.py)."""

import pytest

from careers.models import Career
from tests.html import find_all, parse, text

pytestmark = pytest.mark.usefixtures("catalog")


def titles(response):
    return [text(h) for h in find_all(parse(response), "h2") if "card-title" in h.get("class", "")]


def test_index_lists_published_careers_in_pages(client):
    first = titles(client.get("/careers/"))
    second = titles(client.get("/careers/?page=2"))
    assert len(first) == 24 and len(second) == Career.objects.published().count() - 24
    assert first == sorted(first)


def test_filter_by_category_and_education(client):
    healthcare = titles(client.get("/careers/?category=healthcare"))
    assert "Registered Nurse" in healthcare and "Lawyer" not in healthcare
    doctorate = titles(client.get("/careers/?education=6"))
    assert set(doctorate) == {"Lawyer", "Pharmacist", "Physical Therapist"}


def test_sort_by_pay_and_growth(client):
    by_pay = titles(client.get("/careers/?sort=pay"))
    assert by_pay[0] == "IT Manager (Computer & Information Systems Manager)"
    by_growth = titles(client.get("/careers/?sort=growth"))
    assert by_growth[0] == "Nurse Practitioner"


def test_unknown_filter_values_are_ignored_not_errors(client):
    response = client.get("/careers/?category=astronauts&education=99&sort=zzz&page=abc")
    assert response.status_code == 200
    assert len(titles(response)) == 24


def test_htmx_filter_returns_just_the_results(client):
    response = client.get("/careers/?category=legal", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert '<section id="results"' in body and "<html" not in body
    assert "Paralegal" in body
    # The heading and the title follow the filter: an out-of-band swap and a root <title>.
    assert '<h1 id="page-heading" hx-swap-oob="true">Legal careers</h1>' in body
    assert body.lstrip().startswith("<title>Legal careers | Qoollege</title>")
