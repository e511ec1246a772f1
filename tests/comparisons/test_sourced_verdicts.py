"""
Only sourced figures decide verdicts (issue 23): a figure the editors state without a
published source (the seed's careers, no SOC code: their stated pay ranges and growth) is
shown as the editors' figure and never wins or loses against a BLS figure, in pairs or
shortlists; the verdict says why it is not compared. Two editors' figures are still
compared with each other (the seed page, tests/comparisons/test_seed_page.py).
"""

import html
from decimal import Decimal

import pytest

from careers.models import Career, EducationLevel, EntryEducation, PayBasis
from comparisons.verdicts import (
    growth_verdict,
    growth_verdict_many,
    median_verdict,
    median_verdict_many,
    salary_ceiling_verdict,
    salary_ceiling_verdict_many,
)


def career(title, soc="", **fields):
    """A plain unsaved career: with `soc`, its figures are BLS's; without, the editors'."""
    values = {
        "salary_min": 60_000,
        "salary_max": 150_000,
        "salary_median": 100_000,
        "growth_pct": Decimal("10.0"),
        "growth_horizon": 2034,
        "education_level": EducationLevel.BACHELOR,
        "entry_education": EntryEducation.BACHELOR,
        "soc_code": soc,
    }
    values.update(fields)
    values["growth_pct"] = Decimal(str(values["growth_pct"]))
    if not soc and "pay_basis" not in fields:
        values["pay_basis"] = PayBasis.RANGE
    return Career(title=title, **values)


def devops(**fields):
    return career("DevOps Engineer", salary_median=None, **fields)


def infosec(**fields):
    return career("Information Security Analyst", soc="15-1212", **fields)


# (verdict maker, careers, what it must say, outcome): each row a pair or a shortlist.
CASES = [
    # The case: the seed's +29.2 % against BLS's +28.5 % decided nothing.
    (
        growth_verdict,
        lambda: [devops(growth_pct="29.2"), infosec(growth_pct="28.5")],
        "Faster projected growth: not compared, +29.2% for DevOps Engineer is the editors' "
        "figure, not a BLS projection like Information Security Analyst's +28.5%.",
        "not-comparable",
    ),
    # Lower, it loses nothing either.
    (
        growth_verdict,
        lambda: [infosec(growth_pct="28.5"), devops(growth_pct="3.0")],
        "Faster projected growth: not compared, +3.0% for DevOps Engineer is the editors' "
        "figure, not a BLS projection like Information Security Analyst's +28.5%.",
        "not-comparable",
    ),
    (
        salary_ceiling_verdict,
        lambda: [devops(salary_max=168_000), infosec(salary_max=199_850)],
        "Higher salary ceiling: not compared, the range for DevOps Engineer is the editors' "
        "figure with no published source, and Information Security Analyst's is from BLS.",
        "not-comparable",
    ),
    (
        median_verdict,
        lambda: [
            career("Platform Engineer", salary_median=140_000),
            infosec(salary_median=129_180),
        ],
        "The median for Platform Engineer is the editors' figure with no published source, "
        "so typical pay is not compared (Information Security Analyst: $129,180, BLS).",
        "not-comparable",
    ),
    # Two sourced figures and one of the editors': the sourced two decide, the third is named.
    (
        growth_verdict_many,
        lambda: [
            devops(growth_pct="29.2"),
            infosec(growth_pct="28.5"),
            career("Software Developer", soc="15-1252", growth_pct="15.8"),
        ],
        "Fastest projected growth: Information Security Analyst (not compared: DevOps "
        "Engineer, the editors' figure with no published source).",
        "win",
    ),
    (
        growth_verdict_many,
        lambda: [
            devops(growth_pct="29.2"),
            career("MLOps Engineer", growth_pct="28.0"),
            infosec(growth_pct="28.5"),
        ],
        "Fastest projected growth: cannot say, only Information Security Analyst's projection "
        "is from BLS (not compared: DevOps Engineer and MLOps Engineer, the editors' figures "
        "with no published source).",
        "not-comparable",
    ),
    (
        salary_ceiling_verdict_many,
        lambda: [
            career("MLOps Engineer", salary_max=185_000, salary_median=None),
            infosec(salary_max=199_850),
            career("Software Developer", soc="15-1252", salary_max=214_670),
        ],
        "Highest salary ceiling (90th percentile): Software Developer (not compared: MLOps "
        "Engineer, the editors' figure with no published source).",
        "win",
    ),
    (
        median_verdict_many,
        lambda: [
            career("Platform Engineer", salary_median=250_000),
            infosec(salary_median=129_180),
            career("Software Developer", soc="15-1252", salary_median=135_980),
        ],
        "Highest median pay: Software Developer (not compared: Platform Engineer, the editors' "
        "figure with no published source).",
        "win",
    ),
    # Two editors' figures are still compared with each other, as the seed page did.
    (
        growth_verdict,
        lambda: [devops(growth_pct="29.2"), career("MLOps Engineer", growth_pct="28.0")],
        "Faster projected growth: DevOps Engineer.",
        "win",
    ),
]


@pytest.mark.parametrize(("make", "careers", "expected", "outcome"), CASES)
def test_only_sourced_figures_decide(make, careers, expected, outcome):
    found = careers()
    verdict = (
        make(*found)
        if make in (growth_verdict, salary_ceiling_verdict, median_verdict)
        else make(found)
    )
    assert str(verdict) == expected
    assert verdict.outcome == outcome
    if outcome == "not-comparable":
        assert verdict.winner is None


def test_no_verdict_names_an_editors_figure_the_winner():
    """Whatever the numbers, a career without a source never wins against one with it."""
    for seed_growth in ("-5.0", "0.0", "10.0", "28.5", "60.0"):
        for bls_growth in ("-2.0", "10.0", "28.5"):
            pair = [devops(growth_pct=seed_growth), infosec(growth_pct=bls_growth)]
            assert growth_verdict(*pair).outcome == "not-comparable"
            assert growth_verdict_many([*pair, infosec(growth_pct="1.0")]).winner is not pair[0]
    for top in (50_000, 168_000, 400_000):
        pair = [devops(salary_max=top), infosec(salary_max=199_850)]
        assert salary_ceiling_verdict(*pair).winner is None


@pytest.mark.usefixtures("catalog")
def test_the_devops_page_does_not_crown_the_editors_growth(client):
    response = client.get("/compare/devops-engineer-vs-information-security-analyst/", follow=True)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "Faster projected growth: DevOps Engineer" not in body
    assert "+29.2% for DevOps Engineer is the editors' figure, not a BLS projection" in body
    assert "the range for DevOps Engineer is the editors' figure" in body
    # The key numbers and the summary label the figure as the editors'.
    keynums = body[body.index('id="key-numbers"') :]
    keynums = keynums[: keynums.index("</section>")]
    assert "+29.2% <small>the editors' figure</small>" in keynums
    assert "DevOps Engineer +29.2% (the editors' figure)" in body
    bottom = body[body.index('class="bottom-line"') : body.index('id="key-numbers"')]
    assert "+29.2% (the editors' figure) by 2034" in bottom
    assert "(DevOps Engineer: +29.2%, the editors' figure)" in bottom
    devops_page = Career.objects.get(slug="devops-engineer")
    assert not devops_page.growth_is_sourced and not devops_page.pay_is_sourced


@pytest.mark.usefixtures("catalog")
def test_cards_label_the_editors_growth(client):
    cards = html.unescape(client.get("/compare/").content.decode())
    assert "+29.2% <small>growth, to 2034, editors' figure</small>" in cards
    index = client.get("/careers/?category=computer-and-math&sort=growth").content.decode()
    assert "+29.2% <small>editors' figure</small>" in html.unescape(index)
    assert "+28.5% <small>editors' figure</small>" not in html.unescape(index)


@pytest.mark.usefixtures("catalog")
def test_a_career_without_a_profile_says_the_comparison_is_of_the_editors_lists(client):
    response = client.get("/compare/devops-engineer-vs-software-developer/", follow=True)
    body = html.unescape(
        response.content.decode()[response.content.decode().index('id="switching"') :]
    )
    assert (
        "No O*NET profile to compare (DevOps Engineer has no official occupation code), so "
        "this compares the editors' skill lists."
    ) in body
