"""Comparison URLs: canonical order, redirects, uncurated pairs, the picker, 404s."""

import pytest
from django.db.models import Q

from careers.models import Career, Category
from comparisons.models import Comparison
from occupations.formatting import growth
from tests import factories
from tests.html import find, find_all, meta, parse, text

pytestmark = pytest.mark.usefixtures("catalog")


def test_reversed_curated_pair_301s_to_its_stored_order(client):
    response = client.get("/compare/mlops-engineer-vs-devops-engineer/")
    assert response.status_code == 301
    assert response["Location"] == "/compare/devops-engineer-vs-mlops-engineer/"


def test_same_career_twice_redirects_to_its_guide(client):
    response = client.get("/compare/lawyer-vs-lawyer/")
    assert response.status_code == 302
    assert response["Location"] == "/careers/lawyer/"


@pytest.mark.parametrize(
    "path",
    [
        "/compare/devops-engineer-vs-nobody/",
        "/compare/nobody-vs-devops-engineer/",
        "/compare/nobody-vs-nothing/",
        "/compare/devops-engineer/",
        "/compare/devops-engineer-vs-/",
        "/compare/nobody-vs-nobody/",
    ],
)
def test_unknown_or_malformed_pairs_404_with_helpful_links(client, path):
    response = client.get(path)
    assert response.status_code == 404
    tree = parse(response)
    assert text(find(tree, "h1")) == "We could not find that page"
    hrefs = [a.get("href") for a in tree.iter("{http://www.w3.org/1999/xhtml}a")]
    assert "/careers/" in hrefs and "/compare/" in hrefs


def test_uncurated_pair_renders_noindex_with_alphabetical_canonical(client):
    pair = Career.objects.filter(slug__in=["actuary", "plumber"])
    assert not Comparison.objects.for_pair(*pair).exists()
    assert client.get("/compare/plumber-vs-actuary/")["Location"] == "/compare/actuary-vs-plumber/"
    response = client.get("/compare/actuary-vs-plumber/")
    assert response.status_code == 200
    data = meta(parse(response))
    assert data["robots"] == "noindex,follow"
    assert data["canonical"].endswith("/compare/actuary-vs-plumber/")


def test_curated_pair_is_indexable_and_self_canonical(client):
    data = meta(parse(client.get("/compare/electrician-vs-plumber/")))
    assert data["robots"] == "index,follow"
    assert data["canonical"].endswith("/compare/electrician-vs-plumber/")


def test_picker_redirects_to_the_canonical_comparison(client):
    response = client.get("/compare/go/", {"a": "MLOps Engineer", "b": "devops engineer"})
    assert response.status_code == 302
    assert response["Location"] == "/compare/devops-engineer-vs-mlops-engineer/"
    response = client.get("/compare/go/", {"a": "plumber", "b": "Actuary"})
    assert response["Location"] == "/compare/actuary-vs-plumber/"


@pytest.mark.parametrize(
    ("a", "b"), [("SRE", "ML Ops Engineer"), ("DevOps", "MLOps"), ("devops-engineer", "mlops")]
)
def test_picker_accepts_short_and_other_names_for_the_job(client, a, b):
    response = client.get("/compare/go/", {"a": a, "b": b})
    assert response["Location"] == "/compare/devops-engineer-vs-mlops-engineer/"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a": "", "b": "Lawyer"}, "Choose a career here."),
        ({"b": "Lawyer"}, "Choose a career here."),
        (
            {"a": "Quidditch", "b": "Lawyer"},
            "We have no career called “Quidditch”.",
        ),
        ({"a": "Lawyer", "b": "lawyer"}, "Pick a second career different from Lawyer."),
    ],
)
def test_picker_explains_bad_choices_inline(client, params, message):
    response = client.get("/compare/go/", params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert meta(parse(response))["robots"] == "noindex,follow"


@pytest.mark.parametrize("typed", ["nurse", "Registred Nurse"])
def test_picker_offers_close_matches_as_links_that_pick_them(client, typed):
    response = client.get("/compare/go/", {"a": typed, "b": "Lawyer"})
    choices = {
        text(a): a.get("href")
        for a in find_all(parse(response), "a")
        if "/compare/go/" in a.get("href")
    }
    assert choices["Registered Nurse"] == "/compare/go/?a=registered-nurse&b=Lawyer"
    follow = client.get(choices["Registered Nurse"])
    assert follow.status_code == 302
    assert follow["Location"] == "/compare/lawyer-vs-registered-nurse/"


def test_a_misspelt_career_is_suggested_never_taken(client):
    response = client.get("/compare/go/", {"a": "Registred Nurse", "b": "Lawyer"})
    assert response.status_code == 200
    assert "We have no career called “Registred Nurse”." in response.content.decode()


def test_htmx_picker_loads_the_comparison_in_place(client):
    response = client.get(
        "/compare/go/", {"a": "Electrician", "b": "Plumber"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert '"path": "/compare/electrician-vs-plumber/"' in response["HX-Location"]


def test_picker_suggestions_are_listbox_options(client):
    response = client.get("/compare/suggest/", {"a": "engineer"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<li role="option" data-value="Civil Engineer">Civil Engineer</li>' in body
    assert "data-href" not in body  # a picker option fills the field; it is not a link
    misspelt = client.get("/compare/suggest/", {"b": "registred nurse"}).content.decode()
    assert 'data-value="Registered Nurse"' in misspelt


def test_the_picker_on_a_comparison_starts_empty(client):
    tree = parse(client.get("/compare/devops-engineer-vs-mlops-engineer/"))
    fields = {i.get("name"): i.get("value") for i in find_all(tree, "input") if i.get("name")}
    assert fields["a"] == "" and fields["b"] == ""


def test_the_picker_on_a_guide_starts_with_its_career(client):
    tree = parse(client.get("/careers/plumber/"))
    fields = {i.get("name"): i.get("value") for i in find_all(tree, "input") if i.get("name")}
    assert fields["a"] == "Plumber / Pipefitter / Steamfitter" and fields["b"] == ""


def test_unpublished_comparison_is_hidden_from_the_public(client):
    a = factories.career("Alpha")
    b = factories.career("Beta")
    factories.comparison(a, b, is_published=False)
    assert client.get("/compare/alpha-vs-beta/").status_code == 404


def test_all_comparisons_page_lists_every_published_comparison(client):
    # Each card carries figures, so the catalogue's comparisons take two pages.
    body = (
        client.get("/compare/").content.decode() + client.get("/compare/?page=2").content.decode()
    )
    for comparison in Comparison.objects.published().select_related("career_a", "career_b"):
        assert comparison.get_absolute_url() in body


def test_comparison_cards_show_both_medians_and_growth(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        tree = parse(client.get("/compare/"))
    card = next(
        li
        for li in find_all(tree, "li", class_="pair-card")
        if text(find(li, "h3")) == "Registered Nurse vs Nurse Practitioner"
    )
    figures = [[text(dd) for dd in find_all(side, "dd")] for side in find_all(card, "div")]
    nurse = Career.objects.get(slug="registered-nurse")
    practitioner = Career.objects.get(slug="nurse-practitioner")
    assert [text(dt) for dt in find_all(card, "dt")] == [nurse.title, practitioner.title]
    # Every figure says its period: OEWS May 2025 pay, EP 2024–34 growth.
    assert figures == [
        [f"${c.salary_median:,} median, May 2025", f"{growth(c.growth_pct)} growth, 2024–34"]
        for c in (nurse, practitioner)
    ]


def test_comparisons_filter_by_category_groups_and_counts(client):
    everything = parse(client.get("/compare/"))
    options = {o.get("value"): text(o) for o in find_all(find(everything, "select"), "option")}
    legal = Comparison.objects.published().filter(
        Q(career_a__category__slug="legal") | Q(career_b__category__slug="legal")
    )
    assert options["legal"] == f"Legal ({legal.count()})"  # lawyer vs paralegal: once
    for category in Category.objects.all():
        pairs = Comparison.objects.published().filter(
            Q(career_a__category=category) | Q(career_b__category=category)
        )
        if pairs.exists():
            assert options[category.slug] == f"{category.name} ({pairs.count()})"
    total = Comparison.objects.published().count()
    assert meta(everything)["description"].startswith(f"{total} side-by-side")
    tree = parse(client.get("/compare/?category=legal"))
    assert text(find(tree, "h1")) == "Legal comparisons"
    listed = [
        a.get("href")
        for card in find_all(tree, "li", class_="pair-card")
        for a in find_all(card, "a")
    ]
    assert sorted(listed) == sorted(c.get_absolute_url() for c in legal)
    assert meta(tree)["canonical"].endswith("/compare/?category=legal")
    # A made-up field is dropped, never an error.
    assert client.get("/compare/?category=nope").status_code == 200


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/careers/plumber", "/careers/plumber/"),
        ("/compare/electrician-vs-plumber", "/compare/electrician-vs-plumber/"),
        ("/compare", "/compare/"),
    ],
)
def test_missing_trailing_slash_redirects_permanently(client, path, location):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == location


def test_related_comparisons_are_curated_first_then_similar_careers(client):
    from tests.html import find_all, parse

    tree = parse(client.get("/compare/devops-engineer-vs-mlops-engineer/"))
    section = next(s for s in find_all(tree, "section") if s.get("aria-labelledby") == "related-h")
    hrefs = [a.get("href") for a in find_all(section, "a") if "-vs-" in a.get("href")]
    assert 5 <= len(hrefs) <= 8
    curated = {c.get_absolute_url() for c in Comparison.objects.published()}
    flags = [href in curated for href in hrefs]
    assert flags == sorted(flags, reverse=True), "curated pairs come first"
    assert any(flags) and not all(flags), "then pairs of similar careers"
    for href in hrefs:
        assert "devops-engineer" in href or "mlops-engineer" in href
        assert client.get(href).status_code == 200  # canonical: no redirect


def test_verdicts_are_badges_whose_tone_follows_the_outcome(client):
    tree = parse(client.get("/compare/registered-nurse-vs-nurse-practitioner/"))
    badges = [
        (text(li), li.get("class"))
        for li in find_all(find(tree, "section", class_="verdicts"), "li")
    ]
    assert badges == [
        ("Higher salary ceiling (90th percentile): Nurse Practitioner.", "verdict tone-good"),
        ("Faster projected growth: Nurse Practitioner.", "verdict tone-good"),
        # A plain answer, no winner: neutral, never green.
        (
            "Same education level: no (Registered Nurse: bachelor's degree; "
            "Nurse Practitioner: master's degree).",
            "verdict tone-neutral",
        ),
    ]


def test_comparison_opens_with_both_careers_key_numbers_then_charts_then_the_table(client):
    response = client.get("/compare/registered-nurse-vs-nurse-practitioner/")
    tree = parse(response)
    cards = [
        div for div in find_all(tree, "div") if "keynum-card" in (div.get("class") or "").split()
    ]
    assert [text(find(card, "h3")) for card in cards] == ["Registered Nurse", "Nurse Practitioner"]
    for card, slug in zip(cards, ["registered-nurse", "nurse-practitioner"], strict=True):
        career = Career.objects.get(slug=slug)
        figures = {
            text(dt): text(dd)
            for dt, dd in zip(find_all(card, "dt"), find_all(card, "dd"), strict=True)
        }
        assert list(figures) == [
            "Median pay, May 2025",
            "10th–90th percentile, May 2025",
            "Growth, 2024–34",
            "Openings a year, 2024–34",
            "Entry education",
        ]
        assert figures["Median pay, May 2025"] == f"${career.salary_median:,}"
        assert figures["Growth, 2024–34"].startswith(growth(career.growth_pct))
        assert figures["Openings a year, 2024–34"] == f"{career.annual_openings:,}"
    body = response.content.decode()
    order = [
        body.index(marker) for marker in ('class="keynums"', 'class="verdicts"', "figure", "<table")
    ]
    assert order == sorted(order)


def test_key_numbers_of_a_career_without_release_figures_claim_no_period(client):
    tree = parse(client.get("/compare/devops-engineer-vs-mlops-engineer/"))
    card = next(
        div for div in find_all(tree, "div") if "keynum-card" in (div.get("class") or "").split()
    )
    terms = [text(dt) for dt in find_all(card, "dt")]
    assert terms[:3] == ["Median pay", "Stated range", "Growth, to 2034"]
    assert "May 20" not in " ".join(terms)


def test_home_cards_date_their_figures(client):
    tree = parse(client.get("/"))
    cards = find_all(tree, "li", class_="pair-card")
    titles = {c.title: c for c in Career.objects.all()}
    dated = 0
    for card in cards:
        for side in find_all(card, "div"):
            career = titles[text(find(side, "dt"))]
            figures = [text(dd) for dd in find_all(side, "dd")]
            if career.salary_median:
                assert figures[0].endswith(f"median, May {career.salary_year}"), figures
                dated += 1
            else:
                assert figures[0] == "No published median"
            period = "2024–34" if career.employment_year else "to 2034"
            assert figures[1].startswith(f"{growth(career.growth_pct)} growth, {period}")
    assert dated >= 2
