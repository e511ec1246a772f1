"""How a career's figures read on guides, comparisons and the admin."""

from decimal import Decimal

from occupations.formatting import growth, money_short


def salary_range(career):
    return (
        f"{money_short(career.salary_min)} – "
        f"{money_short(career.salary_max, career.salary_max_top_coded)}"
    )


def pay_period(career):
    """“May 2025”: the OEWS period of the pay figures; "" for an editor's undated range."""
    return f"May {career.salary_year}" if career.salary_year else ""


def projection_period(career):
    """“2024–34”: the projection's base and end years; “to 2034” without a base year."""
    if career.employment_year:
        return f"{career.employment_year}–{str(career.growth_horizon)[-2:]}"
    return f"to {career.growth_horizon}"


def growth_text(career):
    """“+5.2% by 2034”, or that BLS projects none."""
    if career.growth_pct is None:
        return "not projected"
    return f"{growth(career.growth_pct)} by {career.growth_horizon}"


def outlook(career):
    return f"{career.demand_label} · {growth(career.growth_pct)} by {career.growth_horizon}"


# The plain-words outlook badge: the demand level (README, “Demand level”), or “Shrinking”
# when fewer jobs are projected, with a tone the stylesheet colours (never colour alone:
# the words carry the meaning).
OUTLOOK_TONES = {"very-high": "good", "high": "good", "moderate": "neutral", "low": "warn"}


def outlook_badge(career):
    """(words, tone) for a career's outlook: (“Very high demand”, “good”)…"""
    if Decimal(career.growth_pct) < 0:
        return "Shrinking", "bad"
    return f"{career.demand_label} demand", OUTLOOK_TONES.get(career.demand, "neutral")


def entry_requirements(career):
    """
    What it takes to start besides education, in words: BLS's related work experience and
    the licences, certifications and exams the job requires, usually requires, or requires
    in some jobs (“CPA licence (some jobs)”). Degrees and programmes are the entry
    education's (`entry_programmes`). [] when no source states any.
    """
    from careers.models import Credential, WorkExperience

    marks = {
        Credential.Requirement.REQUIRED: "",
        Credential.Requirement.USUALLY: " (usually)",
        Credential.Requirement.SOMETIMES: " (some jobs)",
    }
    needs = [
        f"{c.name}{marks[c.requirement]}"
        for c in career.credentials.all()
        if c.requirement in marks and not c.is_programme
    ]
    if career.work_experience and career.work_experience != WorkExperience.NONE:
        label = WorkExperience(career.work_experience).label
        needs.insert(0, f"{label} in a related job")
    return needs


def entry_programmes(career):
    """The accredited degrees or programmes a job's licence asks for, by name."""
    return [c.name for c in career.credentials.all() if c.is_programme and c.is_step]
