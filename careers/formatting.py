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
