"""The careers index: filters, sort, pages (search: test_search.py)."""

from decimal import Decimal

import pytest

from careers.models import Career
from careers.text import normalize_for_search
from occupations.formatting import growth
from publishing import versions
from tests import factories
from tests.html import find, find_all, parse, text

pytestmark = pytest.mark.usefixtures("catalog")


def titles(response):
    return [text(h) for h in find_all(parse(response), "h2") if "card-title" in h.get("class", "")]


def test_index_lists_published_careers_in_pages(client):
    first = titles(client.get("/careers/"))
    second = titles(client.get("/careers/?page=2"))
    assert len(first) == 24 and len(second) == Career.objects.published().count() - 24
    assert first == sorted(first, key=normalize_for_search)


def test_a_to_z_ignores_case_and_accents(client):
    factories.career("Écologist", slug="ecologist", category_name="Science")
    factories.career("ecology Technician", category_name="Science")
    factories.career("Economist", category_name="Science")
    listed = titles(client.get("/careers/?category=science"))
    # Code point order would give Economist, ecology Technician, Écologist.
    assert listed == ["Écologist", "ecology Technician", "Economist"]
    everything = titles(client.get("/careers/"))
    # Upper-case initials do not jump ahead: "High School" before "HVAC" before "Information".
    assert everything.index("High School Teacher") < everything.index("HVAC Technician")
    technology = titles(client.get("/careers/?category=technology"))
    assert technology.index("Information Security Analyst") < technology.index(
        "IT Manager (Computer & Information Systems Manager)"
    )
    # The same order on the home page's category lists. (Search results follow the
    # search ranking instead: careers/search.py.)
    home = client.get("/").content.decode()
    assert (
        home.index(">Écologist<") < home.index(">ecology Technician<") < home.index(">Economist<")
    )


def options(response, name):
    select = next(s for s in find_all(parse(response), "select") if s.get("name") == name)
    return {o.get("value"): text(o) for o in find_all(select, "option")}


def test_filters_offer_only_choices_with_careers_and_say_how_many(client):
    offered = options(client.get("/careers/"), "education")
    published = Career.objects.published()
    assert offered[""] == f"Any education level ({published.count()})"
    # Nobody in the catalogue needs no formal credential: that level is not offered.
    assert not published.filter(education_level=0).exists() and "0" not in offered
    assert offered["6"] == "Doctorate (3)"
    categories = options(client.get("/careers/"), "category")
    assert categories["healthcare"] == "Healthcare (6)"
    assert categories[""] == f"All categories ({published.count()})"

    # Each filter counts within the other: legal careers need a doctorate or less.
    in_legal = options(client.get("/careers/?category=legal"), "education")
    assert set(in_legal) == {"", "3", "6"}, in_legal
    with_doctorate = options(client.get("/careers/?education=6"), "category")
    assert set(with_doctorate) == {"", "healthcare", "legal"}
    assert with_doctorate[""] == "All categories (3)"


def test_a_filter_chosen_by_address_stays_offered_with_no_careers(client):
    factories.category("Empty shelf")
    response = client.get("/careers/?category=empty-shelf&education=0")
    assert "No careers match these filters" in response.content.decode()
    assert options(response, "category")["empty-shelf"] == "Empty shelf (0)"
    assert options(response, "education")["0"] == "No formal credential (0)"


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


def test_htmx_filter_returns_the_listing_and_pushes_the_canonical_address(client):
    response = client.get(
        "/careers/?category=legal&education=&sort=title", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert '<div id="listing">' in body and "<html" not in body
    assert "Paralegal" in body
    # The heading and the filters (with their counts) come with the results, and the
    # tab title as a root <title>; the status line is announced out of band.
    assert '<h1 id="page-heading">Legal careers</h1>' in body
    assert '<option value="legal" selected>Legal (2)</option>' in body
    assert body.lstrip().startswith("<title>Legal careers | Qoollege</title>")
    assert '<p id="listing-status" hx-swap-oob="innerHTML">Legal careers: 2 careers.</p>' in body
    assert response["HX-Push-Url"] == "/careers/?category=legal&sort=title"


def test_htmx_history_restore_of_the_index_is_the_full_page(client):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    body = client.get("/careers/?category=legal", headers=headers).content.decode()
    assert body.startswith("<!doctype html>")
    assert "hx-swap-oob" not in body and body.count("<title>") == 1
    assert body.count('<h1 id="page-heading">') == 1


def results(response):
    lists = [ol for ol in find_all(parse(response), "ol") if ol.get("class") == "results"]
    return [text(a) for a in find_all(lists[0], "a")] if lists else []


def test_search_autocomplete_fragment_is_listbox_options(client):
    response = client.get("/search/", {"q": "data"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert (
        '<li role="option" data-value="Data Scientist" data-href="/careers/data-scientist/">'
        "Data Scientist</li>"
    ) in body
    assert client.get("/search/", {"q": ""}, headers={"HX-Request": "true"}).content.strip() == b""


def quick_facts(response):
    """The guide's Quick facts panel as {term: [its values]}."""
    panel = find(parse(response), "section", id="quick-facts")
    return {
        text(find(item, "dt")): [text(dd) for dd in find_all(item, "dd")]
        for item in find_all(panel, "div", class_="kf-item")
    }


def test_guide_opens_with_quick_facts(client):
    response = client.get("/careers/registered-nurse/")
    nurse = Career.objects.get(slug="registered-nurse")
    facts = quick_facts(response)
    assert list(facts) == [
        "Median pay",
        "Middle half of workers",
        f"Growth to {nurse.growth_horizon}",
        "Openings a year",
        "Typical entry education",
        "Experience or licence",
    ]
    # National figures from BLS OEWS May 2025, as the Pay and outlook section has them.
    assert facts["Median pay"] == ["$97,550", "a year, United States, May 2025"]
    assert facts["Middle half of workers"] == ["$80k – $112k", "25th to 75th percentile"]
    assert facts[f"Growth to {nurse.growth_horizon}"] == [
        growth(nurse.growth_pct),
        f"{nurse.demand_label} demand",
    ]
    assert facts["Openings a year"] == [
        f"{nurse.annual_openings:,}",
        f"on average, to {nurse.growth_horizon}",
    ]
    assert facts["Typical entry education"] == ["Bachelor's degree"]
    assert facts["Experience or licence"] == ["Registered nurse (RN) licence"]
    # Nothing before it but the heading and the summary.
    body = response.content.decode()
    assert body.index('id="quick-facts"') < body.index('id="snapshot"')


def test_quick_facts_show_the_median_editors_keep(client):
    """The key number is the career's own median, the one comparisons and the careers
    index show: an editor's correction is on the guide too. The middle half comes from
    BLS only while the career's figures are of the same release."""
    Career.objects.filter(slug="registered-nurse").update(salary_median=99_000)
    versions.bump()
    facts = quick_facts(client.get("/careers/registered-nurse/"))
    assert facts["Median pay"] == ["$99,000", "a year, United States, May 2025"]
    assert facts["Middle half of workers"] == ["$80k – $112k", "25th to 75th percentile"]
    Career.objects.filter(slug="registered-nurse").update(salary_year=2024)
    versions.bump()
    facts = quick_facts(client.get("/careers/registered-nurse/"))
    assert facts["Median pay"] == ["$99,000", "a year, United States, May 2024"]
    assert "Middle half of workers" not in facts
    assert facts["Pay range"][1] == "10th to 90th percentile"


def test_quick_facts_of_a_career_without_bls_figures_say_what_the_range_is(client):
    facts = quick_facts(client.get("/careers/devops-engineer/"))
    assert facts["Median pay"] == ["Not published", "no source gives a median"]
    assert facts["Pay range"] == ["$76k – $168k", "a stated range, not percentiles"]
    assert facts["Experience or licence"] == ["Not stated"]


def test_outlook_badge_says_shrinking_in_words(client):
    career = factories.career("Switchboard Operator", growth_pct=Decimal("-12.5"))
    facts = quick_facts(client.get(career.get_absolute_url()))
    assert facts[f"Growth to {career.growth_horizon}"] == ["−12.5%", "Shrinking"]


def test_experience_and_usually_required_licences_are_named(client):
    career = factories.career("Site Supervisor", work_experience="5-years-plus")
    career.credentials.create(
        name="Safety card", kind="certification", requirement="usually-required", issuer="X"
    )
    career.credentials.create(
        name="Nice badge", kind="certification", requirement="optional", issuer="Y"
    )
    facts = quick_facts(client.get(career.get_absolute_url()))
    assert facts["Experience or licence"] == [
        "5 years or more in a related job",
        "Safety card (usually)",
    ]


def test_careers_index_cards_show_median_growth_and_badges(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        tree = parse(client.get("/careers/?category=healthcare"))
    nurse = Career.objects.get(slug="registered-nurse")
    card = next(
        li
        for li in find_all(tree, "li", class_="career-card")
        if text(find(li, "h2")) == "Registered Nurse"
    )
    figures = {
        text(dt): text(dd)
        for dt, dd in zip(find_all(card, "dt"), find_all(card, "dd"), strict=True)
    }
    assert figures == {
        "Median pay": f"${nurse.salary_median:,}",
        "Growth": f"{growth(nurse.growth_pct)} by {nurse.growth_horizon}",
    }
    badges = [text(b) for b in find_all(card, "span") if "badge" in b.get("class", "").split()]
    assert badges == [f"{nurse.demand_label} demand", nurse.education_label]
