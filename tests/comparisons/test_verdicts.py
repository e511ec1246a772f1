"""
Every verdict rule (comparisons/verdicts.py), one case per row: a win, a near-tie, an
exact tie, two shrinking careers, a missing median, top-coded pay and seed ranges.
The careers are plain unsaved objects: the rules read figures, nothing else.
"""

from decimal import Decimal

import pytest

from careers.models import Career, EducationLevel, EntryEducation, PayBasis
from comparisons.verdicts import (
    education_verdict,
    growth_verdict,
    median_verdict,
    pay_verdict,
    salary_ceiling_verdict,
)


def career(title, **fields):
    values = {
        "salary_min": 40_000,
        "salary_max": 100_000,
        "salary_median": 70_000,
        "growth_pct": Decimal("5.0"),
        "growth_horizon": 2034,
        "education_level": EducationLevel.BACHELOR,
        "entry_education": EntryEducation.BACHELOR,
    }
    values.update(fields)
    values["growth_pct"] = Decimal(str(values["growth_pct"]))
    return Career(title=title, **values)


RANGE = {"pay_basis": PayBasis.RANGE, "salary_median": None}


@pytest.mark.parametrize(
    ("a", "b", "expected", "outcome"),
    [
        ((100_000, {}), (80_000, {}), "Higher pay: Alpha.", "win"),
        ((80_000, {}), (100_000, {}), "Higher pay: Beta.", "win"),
        # $620 apart (Electrician and Plumber medians): within $2,000.
        (
            (62_350, {}),
            (62_970, {}),
            "Higher pay: about the same ($62,350 and $62,970).",
            "near-tie",
        ),
        # $5,000 apart but under 3 % of $200,000.
        (
            (200_000, {}),
            (195_000, {}),
            "Higher pay: about the same ($200,000 and $195,000).",
            "near-tie",
        ),
        # $4,050 apart, 3.04 % of the higher: a real difference, just.
        ((129_210, {}), (133_260, {}), "Higher pay: Beta.", "win"),
        ((75_000, {}), (75_000, {}), "Higher pay: neither, both $75,000.", "tie"),
        (
            (None, {}),
            (90_000, {}),
            "Higher pay: cannot say, no published figure for Alpha.",
            "missing",
        ),
        ((None, {}), (None, {}), "Higher pay: not published for Alpha or Beta.", "missing"),
        (
            (239_200, {"a_top_coded": True}),
            (180_000, {}),
            "Higher pay: Alpha (at least $239,200).",
            "win",
        ),
        (
            (238_500, {}),
            (239_200, {"b_top_coded": True}),
            "Higher pay: cannot say, Beta is at least $239,200 and Alpha $238,500.",
            "near-tie",
        ),
        (
            (239_200, {"a_top_coded": True}),
            (239_200, {"b_top_coded": True}),
            "Higher pay: cannot say, both are at least $239,200.",
            "tie",
        ),
    ],
)
def test_pay_verdict(a, b, expected, outcome):
    (a_amount, a_flags), (b_amount, b_flags) = a, b
    verdict = pay_verdict(a_amount, b_amount, a_name="Alpha", b_name="Beta", **a_flags, **b_flags)
    assert str(verdict) == expected
    assert verdict.outcome == outcome


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            {"salary_median": 133_080},
            {"salary_median": 102_610},
            "Alpha typically pays more at the median ($133,080 against $102,610).",
        ),
        (
            {"salary_median": 62_350},
            {"salary_median": 62_970},
            "Alpha and Beta typically pay about the same at the median ($62,350 and $62,970).",
        ),
        (
            {"salary_median": 75_000},
            {"salary_median": 75_000},
            "Alpha and Beta have the same median pay ($75,000).",
        ),
        (
            RANGE,
            {"salary_median": 133_080},
            "No published median for Alpha, so typical pay is not compared (Beta: $133,080).",
        ),
        (
            RANGE,
            RANGE,
            "Neither Alpha nor Beta has a published median, so typical pay is not compared.",
        ),
    ],
)
def test_median_verdict_never_guesses(a, b, expected):
    assert str(median_verdict(career("Alpha", **a), career("Beta", **b))) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            {"salary_max": 120_000},
            {"salary_max": 150_000},
            "Higher salary ceiling (90th percentile): Beta.",
        ),
        (
            # Electrician and Plumber: $880 apart.
            {"salary_max": 106_030},
            {"salary_max": 105_150},
            "Higher salary ceiling (90th percentile): about the same ($106,030 and $105,150).",
        ),
        (
            {"salary_max": 100_000},
            {"salary_max": 100_000},
            "Higher salary ceiling (90th percentile): neither, both $100,000.",
        ),
        (
            {"salary_max": 239_200, "salary_max_top_coded": True},
            {"salary_max": 211_450},
            "Higher salary ceiling (90th percentile): Alpha (at least $239,200).",
        ),
        (
            {"salary_min": 76_000, "salary_max": 168_000, **RANGE},
            {"salary_min": 130_000, "salary_max": 185_000, **RANGE},
            "Higher salary ceiling (top of the stated ranges): Beta.",
        ),
        (
            {"salary_max": 211_450},
            {"salary_min": 76_000, "salary_max": 168_000, **RANGE},
            "Higher salary ceiling: Alpha (not the same measure: 90th percentile for Alpha, "
            "top of a stated range for Beta).",
        ),
    ],
)
def test_salary_ceiling_names_what_it_compares(a, b, expected):
    verdict = salary_ceiling_verdict(career("Alpha", **a), career("Beta", **b))
    assert str(verdict) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected", "winner"),
    [
        ("29.2", "28.0", "Faster projected growth: Alpha.", "Alpha"),
        # Computer Systems Analyst and Management Analyst: 8.7 % and 8.8 %.
        ("8.7", "8.8", "Faster projected growth: neither, about the same (+8.7% and +8.8%).", None),
        ("5.0", "5.0", "Faster projected growth: neither, both +5.0%.", None),
        (
            "4.9",
            "-1.6",
            "Faster projected growth: Alpha (Beta is projected to shrink).",
            "Alpha",
        ),
        # Database Administrator and Network Administrator: both shrink.
        (
            "-0.7",
            "-4.2",
            "Shrinks less: Alpha (\u22120.7% and \u22124.2%; neither is projected to grow).",
            "Alpha",
        ),
        (
            "-0.7",
            "-1.0",
            "Neither is projected to grow: they shrink by about the same "
            "(\u22120.7% and \u22121.0%).",
            None,
        ),
        (
            "0.0",
            "-4.2",
            "Neither is projected to grow: Alpha holds steady, Beta shrinks (\u22124.2%).",
            "Alpha",
        ),
        ("-2.0", "-2.0", "Neither is projected to grow: both shrink by 2.0%.", None),
        ("0.0", "0.0", "Neither is projected to grow: both hold steady.", None),
    ],
)
def test_growth_verdict(a, b, expected, winner):
    alpha, beta = career("Alpha", growth_pct=a), career("Beta", growth_pct=b)
    verdict = growth_verdict(alpha, beta)
    assert str(verdict) == expected
    assert (verdict.winner.title if verdict.winner else None) == winner


def test_growth_over_different_periods_is_not_compared():
    verdict = growth_verdict(career("Alpha"), career("Beta", growth_horizon=2030))
    assert str(verdict) == (
        "Faster projected growth: not comparable, the projections run to 2034 and 2030."
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({}, {}, "Same education level: yes."),
        (
            # Network support (associate's) and user support (some college): not the same.
            {"entry_education": EntryEducation.ASSOCIATE},
            {"entry_education": EntryEducation.SOME_COLLEGE},
            "Same education level: no (Alpha: associate's degree; Beta: some college, no degree).",
        ),
        (
            {"entry_education": "", "education_level": EducationLevel.MASTER},
            {"entry_education": ""},
            "Same education level: no (Alpha: master; Beta: bachelor).",
        ),
    ],
)
def test_education_verdict_uses_bls_categories(a, b, expected):
    assert str(education_verdict(career("Alpha", **a), career("Beta", **b))) == expected
