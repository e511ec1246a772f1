"""Verdicts and cells computed by build_comparison, including honest ties."""

import pytest

from careers.models import EducationLevel
from comparisons.builder import build_comparison
from tests import factories

pytestmark = pytest.mark.django_db


def verdicts(a, b):
    page = build_comparison(a, b)
    return [str(v) for v in page.verdicts], page.median_sentence


def test_higher_ceiling_faster_growth_and_median():
    a = factories.career("Alpha", salary_max=120_000, growth_pct="3.5", salary_median=80_000)
    b = factories.career("Beta", salary_max=150_000, growth_pct="12.0", salary_median=70_000)
    listed, median = verdicts(a, b)
    assert listed == [
        "Higher salary ceiling: Beta.",
        "Faster projected growth: Beta.",
        "Same education level: yes.",
    ]
    assert median == "Alpha typically pays more at the median."


def test_ties_are_said_honestly():
    a = factories.career("Alpha", salary_max=100_000, growth_pct="5.0")
    b = factories.career(
        "Beta", salary_max=100_000, growth_pct="5.0", education_level=EducationLevel.MASTER
    )
    listed, median = verdicts(a, b)
    assert listed == [
        "Higher salary ceiling: neither, both top out at $100k.",
        "Faster projected growth: neither, both +5%.",
        "Same education level: no.",
    ]
    assert median == "Alpha and Beta typically pay about the same at the median."


def test_midpoint_stands_in_for_a_missing_median():
    # Alpha: no median, midpoint 100k. Beta: median 90k.
    a = factories.career("Alpha", salary_min=60_000, salary_max=140_000, salary_median=None)
    b = factories.career("Beta", salary_min=50_000, salary_max=160_000, salary_median=90_000)
    assert verdicts(a, b)[1] == "Alpha typically pays more at the median."


def test_top_coded_ceiling_beats_a_published_one():
    a = factories.career("Alpha", salary_max=239_200, salary_max_top_coded=True)
    b = factories.career("Beta", salary_max=230_000, salary_median=100_000)
    page = build_comparison(a, b)
    assert str(page.verdicts[0]) == "Higher salary ceiling: Alpha."
    assert page.rows[0].a == "$50k – $239k+"


def test_negative_growth_reads_with_a_minus_sign():
    a = factories.career("Alpha", growth_pct="-4.2")
    b = factories.career("Beta", growth_pct="0.0")
    page = build_comparison(a, b)
    assert page.rows[-1].a == "\u22124.2%"
    assert page.rows[-1].b == "0%"
    assert str(page.verdicts[1]) == "Faster projected growth: Beta."


def test_switching_lists_skills_kept_and_to_learn_and_the_education_gap():
    a = factories.career("Alpha", skills=["Python", "SQL", "Excel"])
    b = factories.career(
        "Beta", skills=["SQL", "Statistics", "Python"], education_level=EducationLevel.MASTER
    )
    forward, backward = build_comparison(a, b).switches
    assert forward.keep == ["SQL", "Python"]
    assert forward.learn == ["Statistics"]
    assert "one" not in forward.education and "1 step above" in forward.education
    assert backward.learn == ["Excel"]
    assert "already covers it" in backward.education
