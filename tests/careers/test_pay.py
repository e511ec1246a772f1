"""
Honest figures: what a visitor reads of an OEWS figure, and the national May 2025 figures on
guides (percentiles in plain words, jobs, the period of every figure).
"""

from decimal import Decimal

import pytest

from careers import charts, pay
from occupations.figures import Figure
from occupations.models import Area, AreaWage, WageRelease
from tests.html import find, find_all, jsonld, parse, text

pytestmark = pytest.mark.usefixtures("catalog")


def wage(**figures):
    """An unsaved area wage with the given figures (and footnotes)."""
    release = WageRelease(release_id="2025A01", reference_period="May 2025", data_year=2025)
    area = Area(code="0600000", kind="state", name="California", slug="california", postal="CA")
    return AreaWage(release=release, area=area, soc="29-1141", **figures)


# --- Figures --------------------------------------------------------------------------------


def test_a_published_wage_reads_in_full_and_short():
    figure = Figure(140_270)
    assert (figure.text, figure.short, figure.with_unit) == ("$140,270", "$140k", "$140,270 a year")


def test_a_figure_bls_did_not_release_says_so():
    figure = wage(annual_median=None, footnotes={"annual_median": 8}).median
    assert not figure.published
    assert figure.text == figure.with_unit == "not released"
    assert figure.sort_value is None


def test_a_top_coded_wage_reads_as_at_least_the_top_code():
    figure = wage(annual_p90=None, footnotes={"annual_p90": 5}).p90
    assert figure.top_coded and not figure.published
    assert figure.text == "$239,200+"
    assert figure.with_unit == "$239,200+ a year"
    assert figure.short == "$239k+"
    assert figure.sort_value == 239_200
    hourly = wage(hourly_median=None, footnotes={"hourly_median": 5}).hourly
    assert hourly.text == "$115.00+"


def test_a_high_wage_without_footnote_5_is_exact_not_top_coded():
    """May 2025 publishes lawyers' national 90th percentile, $351,600, without footnote 5."""
    figure = wage(annual_p90=351_600).p90
    assert not figure.top_coded
    assert figure.text == "$351,600" and figure.short == "$352k"


def test_an_occupation_paid_by_the_year_has_no_hourly_figure():
    teachers = wage(annual_median=72_040, hourly_median=None, footnotes={"hourly_median": 4})
    assert teachers.hourly.text == "paid by the year"
    assert teachers.median.with_unit == "$72,040 a year"


def test_precision_is_flagged_where_the_standard_error_is_large():
    assert wage(wage_rse=Decimal("15.0")).wages_imprecise
    assert not wage(wage_rse=Decimal("14.9")).wages_imprecise
    assert wage(employment_rse=Decimal("23.9")).jobs_imprecise
    assert not wage(employment_rse=None).jobs_imprecise


def test_percentile_chart_draws_what_is_published_and_says_the_rest():
    full = wage(
        annual_p10=68_940, annual_p25=80_330, annual_median=97_550, annual_p75=112_350,
        annual_p90=137_470,
    )  # fmt: skip
    missing = wage(annual_median=None, footnotes={"annual_median": 8})
    chart = pay.pay_chart([("United States", full), ("Alabama", missing)])
    drawn, said = chart["bars"]
    assert drawn.box and drawn.whisker and drawn.median_x
    assert drawn.box[0] < drawn.median_x < drawn.box[0] + drawn.box[1]
    assert drawn.text == (
        "median $97,550; middle half $80,330 – $112,350; 10th–90th percentile $68,940 – $137,470"
    )
    assert not (said.box or said.whisker or said.median_x)
    assert said.text == "pay not released"


def test_the_catalogue_spread_is_top_coded_only_when_flagged():
    class Career:
        title, salary_min, salary_max, salary_median = "X", 40_000, 90_000, 60_000
        salary_max_top_coded = False

    flagged = charts.salary_chart([Career()], spread=(30_000, 239_200, True))
    exact = charts.salary_chart([Career()], spread=(30_000, 239_200, False))
    assert flagged["spread"]["text"].endswith("$239k+")
    assert exact["spread"]["text"].endswith("$239k")


# --- National figures on guides ---------------------------------------------------------------


def facts(tree, section):
    found = find(tree, "section", id=section)
    return {
        text(dt): text(dd)
        for dt, dd in zip(find_all(found, "dt"), find_all(found, "dd"), strict=True)
    }


def test_guide_shows_may_2025_national_pay_in_plain_words(client):
    tree = parse(client.get("/careers/registered-nurse/"))
    figures = facts(tree, "pay")
    assert figures["Median pay, United States"] == "$97,550 a year ($46.90 an hour)"
    assert figures["Early career (25th percentile)"] == "$80,330 a year"
    assert figures["Experienced (75th percentile)"] == "$112,350 a year"
    assert figures["Pay range (10th–90th percentile)"] == "$68,940 – $137,470 a year"
    assert figures["Jobs"] == "3,379,720"
    section = text(find(tree, "section", id="pay"))
    assert "May 2025" in section
    assert "not how pay grows with experience" in section
    # The Snapshot no longer repeats pay: the key numbers are in Quick facts, once.
    assert "Salary range" not in facts(tree, "snapshot")
    quick = text(find(tree, "section", id="quick-facts"))
    assert "Median pay $97,550 a year, United States, May 2025" in quick
    assert "Middle half of workers $80k – $112k 25th to 75th percentile" in quick


def test_guide_of_a_job_paid_by_the_year_gives_no_hourly_figure(client):
    figures = facts(parse(client.get("/careers/high-school-teacher/")), "pay")
    assert figures["Median pay, United States"] == (
        "$72,040 a year (paid by the year: BLS gives no hourly figure)"
    )


def test_guide_shows_high_published_wages_exactly(client):
    figures = facts(parse(client.get("/careers/lawyer/")), "pay")
    assert figures["Pay range (10th–90th percentile)"] == "$78,360 – $351,600 a year"
    assert "+" not in figures["Pay range (10th–90th percentile)"]


def test_guide_without_a_soc_code_keeps_its_own_figures_and_says_their_year(client):
    tree = parse(client.get("/careers/devops-engineer/"))
    assert "Median pay, United States" not in facts(tree, "pay")
    assert find(tree, "section", id="pay-by-state") is None


def test_guide_jsonld_salary_is_the_may_2025_distribution(client):
    tree = parse(client.get("/careers/software-developer/"))
    occupation = next(i for i in jsonld(tree) if i["@type"] == "Occupation")
    salary = occupation["estimatedSalary"][0]
    assert (
        salary["percentile10"],
        salary["percentile25"],
        salary["median"],
        salary["percentile75"],
        salary["percentile90"],
    ) == (82_460, 105_210, 135_980, 171_980, 214_670)
    assert salary["description"] == "BLS OEWS, May 2025"
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "United States"}]
