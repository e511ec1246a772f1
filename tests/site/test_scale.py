"""
The query budget and page weight hold whatever the catalogue's size: the same pages with
the demo catalogue plus a few hundred synthetic careers and a thousand comparisons.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from careers.models import Career
from comparisons.models import Comparison
from tests.site.test_pages import QUERY_BUDGET, html_budget

pytestmark = pytest.mark.usefixtures("catalog")


@pytest.fixture(scope="module")
def large_catalog(module_writes):
    """Built once for this module's tests (it takes seconds), removed after them."""
    with module_writes():
        call_command(
            "synthcatalog",
            "--careers",
            "400",
            "--comparisons",
            "1200",
            "--seed",
            "7",
            stdout=StringIO(),
        )
        synthetic = Career.objects.filter(slug__startswith="synthetic-role-").first()
        comparison = Comparison.objects.filter(career_a__slug__startswith="synthetic-role-").first()
    return synthetic, comparison


def test_every_page_keeps_its_budget_at_scale(client, large_catalog, django_assert_max_num_queries):
    synthetic, comparison = large_catalog
    other = Career.objects.filter(slug__startswith="synthetic-role-").exclude(pk=synthetic.pk)
    uncurated = f"/compare/{'-vs-'.join(sorted([synthetic.slug, other.last().slug]))}/"
    paths = [
        "/",
        "/careers/",
        "/careers/?sort=pay&page=5",
        synthetic.get_absolute_url(),
        "/careers/software-developer/",
        "/compare/",
        "/compare/?page=3",
        comparison.get_absolute_url(),
        "/compare/devops-engineer-vs-mlops-engineer/",
        uncurated,
        "/search/?q=analyst",
        "/compare/suggest/?a=role",
        "/sitemap.xml",
    ]
    for path in paths:
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = client.get(path)
        assert response.status_code == 200, path
        if "sitemap" not in path:
            assert len(response.content) <= html_budget(path), (path, len(response.content))


def test_comparison_pages_link_canonical_neighbours(client, large_catalog):
    from tests.html import find_all, meta, parse

    tree = parse(client.get("/compare/?page=2"))
    assert meta(tree)["canonical"].endswith("/compare/?page=2")
    prev = [a.get("href") for a in find_all(tree, "a") if a.get("rel") == "prev"]
    following = [a.get("href") for a in find_all(tree, "a") if a.get("rel") == "next"]
    assert prev == ["/compare/"] and following == ["/compare/?page=3"]


def test_the_comparisons_pages_list_every_pair_once(client, large_catalog):
    # Many pairs share their first career here: the pages must still neither repeat nor
    # skip one, whatever order the database gives pairs of one career.
    import json
    import re

    listed, page = [], 1
    while True:
        body = client.get(f"/compare/?page={page}").content.decode()
        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', body).group(1)
        )
        listed += [item["url"] for item in data["mainEntity"]["itemListElement"]]
        if 'rel="next"' not in body:
            break
        page += 1
    assert page > 10
    assert len(listed) == len(set(listed)) == Comparison.objects.published().count()
