"""How figures read on the site: one place, so guides, comparisons and the admin agree."""

from decimal import Decimal

MINUS = "\u2212"


def money_short(amount, top_coded=False):
    """76000 → “$76k”; a top-coded high end → “$239k+”."""
    if amount is None:
        return "—"
    text = f"${round(amount / 1000):,}k"
    return text + "+" if top_coded else text


def money_full(amount, top_coded=False):
    if amount is None:
        return "—"
    text = f"${round(amount):,}"
    return text + "+" if top_coded else text


def salary_range(career):
    return (
        f"{money_short(career.salary_min)} – "
        f"{money_short(career.salary_max, career.salary_max_top_coded)}"
    )


def growth(value):
    """29.2 → “+29.2%”, 28.0 → “+28%”, -0.7 → “−0.7%”."""
    value = Decimal(value)
    text = f"{abs(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if value > 0:
        return f"+{text}%"
    if value < 0:
        return f"{MINUS}{text}%"
    return "0%"


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
    the licences or certifications the job requires (or usually requires). [] when no
    source states either.
    """
    from careers.models import Credential, WorkExperience

    needs = [
        f"{c.name}{'' if c.requirement == Credential.Requirement.REQUIRED else ' (usually)'}"
        for c in career.credentials.all()
        if c.requirement in (Credential.Requirement.REQUIRED, Credential.Requirement.USUALLY)
    ]
    if career.work_experience and career.work_experience != WorkExperience.NONE:
        label = WorkExperience(career.work_experience).label
        needs.insert(0, f"{label} in a related job")
    return needs
