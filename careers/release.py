"""
A career's figures from the public releases: what a page built from the data alone shows,
and what an editor's guide starts from. National pay comes from the occupation's OEWS
national row, the projection, entry education, experience and training from the Employment
Projections; every value is the release's, never typed.
"""

from occupations.figures import TOP_CODE_ANNUAL
from occupations.scales import LEVEL_OF_ENTRY, EducationLevel, EntryEducation

# The Career fields a release sets.
RELEASE_FIELDS = (
    "salary_min", "salary_max", "salary_max_top_coded", "salary_median", "salary_year",
    "pay_basis", "growth_pct", "growth_horizon", "employment", "employment_year",
    "annual_openings", "entry_education", "education_level", "work_experience",
    "job_training", "figures_note",
)  # fmt: skip


def pay_note(national):
    """Why a page shows no annual median, in plain words ("" when it shows one)."""
    if national is None:
        return (
            "BLS's wage survey (OEWS) publishes no national pay figures for this occupation, "
            "so the site shows none."
        )
    median = national.median
    if median.published:
        return ""
    if median.top_coded:
        return (
            f"BLS publishes this occupation's median annual pay only as at least "
            f"${TOP_CODE_ANNUAL:,} (the survey's top code), so the site shows no exact median."
        )
    if median.missing_reason == "paid by the hour":
        return (
            "BLS publishes only hourly wages for this occupation (it is usually paid by the "
            "hour or by the job, not a yearly salary), so the site shows no annual median."
        )
    return f"BLS's national median for this occupation is {median.missing_reason}."


def release_figures(occupation, national):
    """The Career field values from an Occupation and its national AreaWage (or None)."""
    values = {
        "growth_pct": occupation.growth_pct,
        "growth_horizon": occupation.horizon_year,
        "employment": occupation.employment,
        "employment_year": occupation.base_year,
        "annual_openings": occupation.annual_openings,
        "entry_education": occupation.entry_education,
        "education_level": (
            LEVEL_OF_ENTRY[EntryEducation(occupation.entry_education)]
            if occupation.entry_education
            else EducationLevel.NONE
        ),
        "work_experience": occupation.work_experience,
        "job_training": occupation.job_training,
        "pay_basis": "percentiles",
        "salary_min": None,
        "salary_max": None,
        "salary_max_top_coded": False,
        "salary_median": None,
        "salary_year": None,
        "figures_note": pay_note(national),
    }
    if national is not None:
        top_coded = national.p90.top_coded
        high = TOP_CODE_ANNUAL if top_coded else national.annual_p90
        low = national.annual_p10
        if low is not None and high is not None:
            values.update(salary_min=low, salary_max=high, salary_max_top_coded=top_coded)
        values.update(salary_median=national.annual_median, salary_year=national.release.data_year)
    return values
