"""How figures read on the site: one place, so every page and the admin agree."""

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
