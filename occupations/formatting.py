"""How figures read on the site: one place, so every page and the admin agree."""

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"


def round_half_up(value, places=0):
    """Rounds as people do, halves away from zero: 64.5 → 65 (Python's round() gives 64)."""
    step = Decimal(1).scaleb(-places)
    result = Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)
    return int(result) if places == 0 else result


def money_short(amount, top_coded=False):
    """76000 → “$76k”; a top-coded high end → “$239k+”."""
    if amount is None:
        return "—"
    text = f"${round_half_up(Decimal(str(amount)) / 1000):,}k"
    return text + "+" if top_coded else text


def money_full(amount, top_coded=False):
    if amount is None:
        return "—"
    text = f"${round_half_up(amount):,}"
    return text + "+" if top_coded else text


def growth(value):
    """
    29.2 → “+29.2%”, 28.0 → “+28.0%”, -0.7 → “−0.7%”: always the one decimal BLS publishes,
    so two figures side by side read alike (never “+5%” beside “+4.9%”).
    """
    value = round_half_up(Decimal(str(value)), 1)
    text = f"{abs(value):.1f}"
    if value > 0:
        return f"+{text}%"
    if value < 0:
        return f"{MINUS}{text}%"
    return "0.0%"


def percent_tick(value):
    """An axis mark, not a figure: 10 → “+10%”, -5 → “−5%”."""
    value = int(value)
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    return f"{sign}{abs(value)}%"
