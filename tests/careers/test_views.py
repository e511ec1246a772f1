"""The careers index: filters, sort, pages (search: test_search.py)."""

from decimal import Decimal

import pytest

from careers.models import Career
from careers.text import normalize_for_search
from occupations import wages
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
    assert len(first) == len(second) == 24 < Career.objects.published().count()
    assert not set(first) & set(second)
    assert first == sorted(first, key=normalize_for_search)


def test_a_to_z_ignores_case_and_accents(client):
    factories.career("Écologist Trainee", slug="ecologist-trainee", category_name="Trainees")
    factories.career("ecology Technician Trainee", category_name="Trainees")
    factories.career("Economist Trainee", category_name="Trainees")
    listed = titles(client.get("/careers/?category=trainees"))
    # Code point order would give Economist, ecology Technician, Écologist.
    assert listed == ["Écologist Trainee", "ecology Technician Trainee", "Economist Trainee"]
    # Upper-case initials do not jump ahead: "Industrial" before "IT".
    management = titles(client.get("/careers/?category=management&page=1"))
    management += titles(client.get("/careers/?category=management&page=2"))
    assert management.index("Industrial Production Manager") < management.index(
        "IT Manager (Computer & Information Systems Manager)"
    )


def options(response, name):
    select = next(s for s in find_all(parse(response), "select") if s.get("name") == name)
    return {o.get("value"): text(o) for o in find_all(select, "option")}


def test_filters_offer_only_choices_with_careers_and_say_how_many(client):
    offered = options(client.get("/careers/"), "education")
    published = Career.objects.published()
    assert offered[""] == f"Any education level ({published.count()})"
    doctorates = published.filter(education_level=6)
    assert offered["6"] == f"Doctorate ({doctorates.count()})"
    categories = options(client.get("/careers/"), "category")
    healthcare = published.filter(category__slug="healthcare").count()
    assert categories["healthcare"] == f"Healthcare ({healthcare})"
    assert categories[""] == f"All fields ({published.count()})"

    # Each filter counts within the other.
    in_legal = options(client.get("/careers/?category=legal"), "education")
    levels = {
        str(v)
        for v in published.filter(category__slug="legal").values_list("education_level", flat=True)
    }
    assert set(in_legal) == {"", *levels}, in_legal
    with_doctorate = options(client.get("/careers/?education=6"), "category")
    assert set(with_doctorate) == {"", *doctorates.values_list("category__slug", flat=True)}
    assert with_doctorate[""] == f"All fields ({doctorates.count()})"


def test_a_filter_chosen_by_address_stays_offered_with_no_careers(client):
    factories.category("Empty shelf")
    response = client.get("/careers/?category=empty-shelf&education=0")
    assert "No careers match these filters" in response.content.decode()
    assert options(response, "category")["empty-shelf"] == "Empty shelf (0)"
    assert options(response, "education")["0"] == "No formal credential (0)"


def test_filter_by_category_and_education(client):
    healthcare = titles(client.get("/careers/?category=healthcare"))
    in_field = set(
        Career.objects.published()
        .filter(category__slug="healthcare")
        .values_list("title", flat=True)
    )
    assert set(healthcare) <= in_field and "Lawyer" not in healthcare
    legal = titles(client.get("/careers/?category=legal&education=6"))
    assert "Lawyer" in legal and "Paralegal / Legal Assistant" not in legal


def test_sort_by_pay_and_growth(client):
    published = Career.objects.published()
    by_pay = titles(client.get("/careers/?sort=pay"))
    # Careers whose median BLS does not publish (hourly-only or top-coded) come last,
    # on every database: PostgreSQL would put them first in a plain descending sort.
    best_paid = published.exclude(salary_median=None).order_by("-salary_median", "sort_title")
    assert by_pay[0] == best_paid.first().title
    by_growth = titles(client.get("/careers/?sort=growth"))
    fastest = published.exclude(growth_pct=None).order_by("-growth_pct", "sort_title")
    assert by_growth[0] == fastest.first().title


def left_out(response):
    found = [p for p in find_all(parse(response), "p") if p.get("class") == "left-out"]
    return text(found[0]) if found else ""


def count(response):
    return text(next(p for p in find_all(parse(response), "p") if p.get("class") == "count"))


def test_filters_say_how_many_careers_they_leave_out_for_lack_of_a_figure(client):
    published = Career.objects.published()
    in_texas = wages.with_state_pay(published, "texas")
    without = in_texas.filter(state_median=None).count()
    listed = in_texas.exclude(state_median=None).count()
    assert without and listed, "the demo catalogue has careers with and without Texas figures"
    response = client.get("/careers/?state=texas")
    assert count(response).startswith(f"{listed} careers")
    assert left_out(response) == (
        f"{without} career{'s have' if without > 1 else ' has'} no pay figures for Texas "
        f"and {'are' if without > 1 else 'is'} not listed."
    )
    # The filters count the careers that can be listed in Texas, not every career.
    assert options(response, "category")[""] == f"All fields ({listed})"
    assert options(response, "education")[""] == f"Any education level ({listed})"
    healthcare = in_texas.exclude(state_median=None).filter(category__slug="healthcare")
    assert options(response, "category")["healthcare"] == f"Healthcare ({healthcare.count()})"

    # A pay floor leaves out the careers without a national median; the other filters
    # count within it, and the chosen floor counts what is listed.
    no_median = published.filter(salary_median=None).count()
    at_least = published.filter(salary_median__gte=100_000).count()
    assert no_median
    response = client.get("/careers/?pay=100000")
    assert count(response).startswith(f"{at_least} career")
    assert left_out(response).startswith(f"{no_median} career")
    assert "no national median pay published" in left_out(response)
    assert options(response, "category")[""] == f"All fields ({at_least})"
    assert options(response, "pay")["100000"] == f"At least $100,000 ({at_least})"

    # A sort by pay lists every career, those without a median last, and says so.
    response = client.get("/careers/?sort=pay")
    assert count(response).startswith(f"{published.count()} careers")
    assert left_out(response) == (
        f"{no_median} career{'s' if no_median > 1 else ''} without a published median pay "
        f"come{'' if no_median > 1 else 's'} last."
    )
    # Nothing left out, nothing said.
    assert left_out(client.get("/careers/?category=legal")) == ""


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
    legal = Career.objects.published().filter(category__slug="legal").count()
    assert f'<option value="legal" selected>Legal ({legal})</option>' in body
    assert body.lstrip().startswith("<title>Legal careers | Qoollege</title>")
    assert f'hx-swap-oob="innerHTML">Legal careers: {legal} careers.</p>' in body
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
    # The licence's programme sits with the education; the exam and licence beside it.
    assert facts["Typical entry education"] == [
        "Bachelor's degree",
        "Accredited nursing programme (ADN or BSN)",
    ]
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
    assert facts["Pay range"] == ["$76k – $168k", "the editors' stated range, not percentiles"]
    assert facts["Growth to 2034"][1] == "the editors' figure, not a BLS projection"
    assert facts["Experience or licence"] == ["Not stated"]


def test_outlook_badge_says_shrinking_in_words(client):
    career = factories.career("Telegraph Operator", growth_pct=Decimal("-12.5"))
    facts = quick_facts(client.get(career.get_absolute_url()))
    # No SOC code: the figure is the editors' own, and says so.
    assert facts[f"Growth to {career.growth_horizon}"] == [
        "−12.5%",
        "the editors' figure, not a BLS projection",
        "Shrinking",
    ]


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
        tree = parse(client.get("/careers/?category=healthcare&education=4&pay=90000"))
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
        f"Median pay, May {nurse.salary_year}": f"${nurse.salary_median:,}",
        "Growth, 2024–34": growth(nurse.growth_pct),
    }
    badges = [text(b) for b in find_all(card, "span") if "badge" in b.get("class", "").split()]
    assert badges == [f"{nurse.demand_label} demand", nurse.education_label, "Editor's guide"]
