"""
Verdicts for three or four careers: the pair rules (comparisons/verdicts.py) decide every
head-to-head; a career leads when no other beats it. The careers are plain unsaved
objects: the rules read figures, nothing else.
"""

import itertools

import pytest

from comparisons.verdicts import (
    education_verdict_many,
    growth_verdict,
    growth_verdict_many,
    median_verdict_many,
    pay_verdict,
    salary_ceiling_verdict_many,
)
from tests.comparisons.test_verdicts import career


def medians(*amounts):
    return [
        career(name, salary_median=amount)
        for name, amount in zip(["Alpha", "Beta", "Gamma", "Delta"], amounts, strict=False)
    ]


@pytest.mark.parametrize(
    ("amounts", "expected", "outcome"),
    [
        ((70_000, 95_000, 80_000), "Highest median pay: Beta.", "win"),
        # Beta and Gamma are $1,000 apart (within $2,000): neither is named alone.
        (
            (70_000, 95_000, 96_000),
            "Highest median pay: Beta and Gamma, about the same ($95,000 and $96,000).",
            "near-tie",
        ),
        (
            (70_000, 71_000, 70_500),
            "Highest median pay: about the same ($70,000, $71,000 and $70,500).",
            "near-tie",
        ),
        ((60_000, 60_000, 60_000, 60_000), "Highest median pay: none, all $60,000.", "tie"),
        (
            (None, 95_000, 80_000),
            "Highest median pay: Beta (no published figure for Alpha).",
            "win",
        ),
        (
            (None, None, 80_000),
            "Highest median pay: cannot say, no published figure for Alpha and Beta.",
            "missing",
        ),
        ((None, None, None), "Highest median pay: not published for any of them.", "missing"),
    ],
)
def test_median_among_several(amounts, expected, outcome):
    verdict = median_verdict_many(medians(*amounts))
    assert str(verdict) == expected
    assert verdict.outcome == outcome


def test_a_chain_of_near_ties_names_every_career_not_clearly_beaten():
    # Gamma is clearly above Alpha ($5,000, over 3 %); Beta is within the tolerance of both.
    verdict = median_verdict_many(medians(100_000, 102_500, 105_000))
    assert str(verdict) == (
        "Highest median pay: Beta and Gamma, about the same ($102,500 and $105,000)."
    )


def test_a_top_coded_ceiling_leads_only_when_the_others_are_clearly_below():
    top = {"salary_max": 239_200, "salary_max_top_coded": True}
    lawyer, surgeon = career("Lawyer", **top), career("Surgeon", **top)
    clerk = career("Clerk", salary_max=60_000)
    verdict = salary_ceiling_verdict_many([clerk, lawyer, surgeon])
    assert verdict.winner is None
    assert str(verdict) == (
        "Highest salary ceiling (90th percentile): cannot say between Lawyer and Surgeon, "
        "both at least $239,200."
    )
    alone = salary_ceiling_verdict_many([clerk, lawyer, career("Cook", salary_max=50_000)])
    assert alone.winner is lawyer


@pytest.mark.parametrize(
    ("rates", "expected", "outcome"),
    [
        (
            (5.0, 12.0, -3.0),
            "Fastest projected growth: Beta (Gamma is projected to shrink).",
            "win",
        ),
        (
            (5.0, 12.0, 11.8),
            "Fastest projected growth: Beta and Gamma, about the same (+12.0% and +11.8%).",
            "near-tie",
        ),
        ((4.0, 4.0, 4.0), "Fastest projected growth: none, all +4.0%.", "tie"),
        # Nobody grows: no career is called faster-growing, the least shrinking is named.
        (
            (-1.0, -6.0, -4.0),
            "None is projected to grow: Alpha shrinks least (−1.0%, −6.0% and −4.0%).",
            "shrinking",
        ),
        (
            (0.0, -6.0, -4.0),
            "None is projected to grow: Alpha holds steady (0.0%, −6.0% and −4.0%).",
            "shrinking",
        ),
    ],
)
def test_growth_among_several(rates, expected, outcome):
    careers = [
        career(name, growth_pct=rate)
        for name, rate in zip(["Alpha", "Beta", "Gamma"], rates, strict=True)
    ]
    verdict = growth_verdict_many(careers)
    assert str(verdict) == expected
    assert verdict.outcome == outcome


def test_growth_of_different_horizons_is_not_compared():
    careers = [career("A"), career("B", growth_horizon=2033), career("C")]
    verdict = growth_verdict_many(careers)
    assert verdict.outcome == "not-comparable"
    assert "2033 and 2034" in verdict.value


def test_education_is_the_same_only_when_every_career_starts_alike():
    from careers.models import EntryEducation

    same = [career("A"), career("B"), career("C")]
    assert str(education_verdict_many(same)) == "Same education level: yes."
    mixed = [*same[:2], career("C", entry_education=EntryEducation.MASTER)]
    verdict = education_verdict_many(mixed)
    assert verdict.value == "no (bachelor's degree: A and B; master's degree: C)"
    # Grouped by where they start, lowest first, whatever the order of the careers.
    first = career("D", entry_education=EntryEducation.HIGH_SCHOOL)
    assert education_verdict_many([*mixed, first]).value == (
        "no (high school diploma or equivalent: D; bachelor's degree: A and B; master's degree: C)"
    )


AMOUNTS = [50_000, 51_500, 53_000, 60_000, 61_000, 239_200, None]


@pytest.mark.parametrize(("x", "y"), list(itertools.product(AMOUNTS, repeat=2)))
def test_two_careers_get_the_pair_rules_answer(x, y):
    """The rule for several is the pair rule: with two careers it names the same winner."""
    a, b = career("A", salary_median=x), career("B", salary_median=y)
    pair = pay_verdict(x, y, a_name="A", b_name="B")
    many = median_verdict_many([a, b])
    assert (many.winner.title if many.winner else None) == pair.winner
    assert (many.outcome == "missing") == (pair.outcome == "missing")


@pytest.mark.parametrize(
    ("x", "y"), list(itertools.product([-4.0, -0.2, 0.0, 0.3, 5.0, 5.4], repeat=2))
)
def test_two_careers_get_the_pair_rules_growth_winner(x, y):
    a, b = career("A", growth_pct=x), career("B", growth_pct=y)
    assert growth_verdict_many([a, b]).winner is growth_verdict(a, b).winner
