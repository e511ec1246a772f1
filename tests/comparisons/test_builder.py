"""The comparison page's rows, summary and charts, as build_comparison assembles them."""

import pytest

from careers.models import Career, EntryEducation, PayBasis
from comparisons.builder import build_comparison
from tests import factories

pytestmark = pytest.mark.django_db


def careers(*slugs):
    found = {c.slug: c for c in Career.objects.with_parts().with_profile().filter(slug__in=slugs)}
    return [found[slug] for slug in slugs]


@pytest.mark.usefixtures("catalog")
def test_rows_in_order_with_their_notes():
    page = build_comparison(*careers("electrician", "plumber"))
    rows = {row.label: row for row in page.rows}
    assert list(rows) == [
        "Salary range",
        "Median pay",
        "Outlook & demand",
        "Jobs",
        "Openings a year",
        "Education level",
        "Work experience",
        "On-the-job training",
        "Licences & certifications",
        "Top skills",
        "Where they work",
        "Day-to-day work",
        "Education routes",
    ]
    assert rows["Salary range"].cells == [
        ("$43k – $109k", "10th–90th percentile"),
        ("$44k – $108k", "10th–90th percentile"),
    ]
    assert rows["Median pay"].cells == [("$63,190", "May 2025"), ("$63,800", "May 2025")]
    assert rows["Jobs"].a == "818,700"
    assert rows["Openings a year"].cells[0] == ("81,000", "average, 2024–34")
    assert rows["Education level"].a == "High school diploma or equivalent"
    assert rows["On-the-job training"].b == "Apprenticeship"
    assert rows["Licences & certifications"].b == [
        "State or local plumbing licence (usually required)"
    ]
    # Places can contain commas: they stay separate items.
    assert "federal, state, and local government agencies" not in rows["Where they work"].a
    assert all(isinstance(place, str) for place in rows["Where they work"].a)


@pytest.mark.usefixtures("catalog")
def test_seed_rows_say_what_is_missing_and_what_the_range_is():
    page = build_comparison(*careers("devops-engineer", "software-developer"))
    rows = {row.label: row for row in page.rows}
    assert rows["Salary range"].cells[0] == ("$76k – $168k", "stated range, not percentiles")
    assert rows["Median pay"].a == "Not published"
    assert rows["Jobs"].a == "Not published"
    assert rows["Openings a year"].a == "Not published"
    assert rows["Work experience"].a == "Not stated"
    assert rows["Work experience"].b == "None"
    assert page.salary_caption == (
        "Pay, US dollars a year: 10th to 90th percentile for Software Developer; a stated "
        "range, not percentiles, for DevOps Engineer. A line marks the median where one is "
        "published."
    )


@pytest.mark.usefixtures("catalog")
def test_the_summary_is_built_from_the_pairs_own_figures():
    summaries = {
        build_comparison(*careers(a, b)).summary
        for a, b in [
            ("electrician", "plumber"),
            ("registered-nurse", "nurse-practitioner"),
            ("devops-engineer", "mlops-engineer"),
        ]
    }
    assert len(summaries) == 3
    page = build_comparison(*careers("registered-nurse", "nurse-practitioner"))
    assert page.summary == (
        "Nurse Practitioner typically pays more at the median ($132,300 against $97,550). "
        "Projected change in jobs by 2034: Registered Nurse +4.9%, Nurse Practitioner +40.1%. "
        "Registered Nurse usually starts with a bachelor's degree, Nurse Practitioner with a "
        "master's degree."
    )


def test_a_new_career_without_bls_facts_still_compares():
    a = factories.career("Alpha", salary_median=None, pay_basis=PayBasis.RANGE)
    b = factories.career("Beta", entry_education=EntryEducation.BACHELOR)
    page = build_comparison(a, b)
    rows = {row.label: row for row in page.rows}
    assert rows["Education level"].cells == [("Bachelor", ""), ("Bachelor's degree", "")]
    assert rows["Licences & certifications"].a == []
    assert [str(v) for v in page.verdicts][0] == (
        "Higher salary ceiling: neither, both $100,000 (not the same measure: top of a stated "
        "range for Alpha, 90th percentile for Beta)."
    )
    assert page.median_sentence == (
        "No published median for Alpha, so typical pay is not compared (Beta: $75,000)."
    )
