"""
Geometry for the inline SVG charts. Views pass these plain numbers to templates, which
draw them; no chart library, no JavaScript. Every chart also has a text alternative.
"""

import math
from dataclasses import dataclass

from occupations.formatting import growth, money_short

# A phone-sized viewBox: at 360 CSS px wide a chart is drawn at about its own scale, so its
# 14-unit text reads at 12 CSS px or more (tests/browser/test_charts.py measures it). Each
# bar's label sits above it and its values under it, the full width of the chart.
WIDTH = 360
MARGIN = 22  # room for the first and last tick's text
PLOT_WIDTH = WIDTH - 2 * MARGIN
TOP = 22  # the first label's baseline
ROW_HEIGHT = 76  # label, bar, values


@dataclass
class Bar:
    label: str
    x: float
    width: float
    y: float
    text: str
    marker_x: float | None = None
    marker_text: str = ""


def _nice_bounds(low, high, step):
    return math.floor(low / step) * step, math.ceil(high / step) * step


def axis(rows):
    """Where the grid ends, the ticks' text sits and the chart ends, for `rows` bars."""
    grid_bottom = TOP + rows * ROW_HEIGHT - 12
    return {"grid_bottom": grid_bottom, "tick_y": grid_bottom + 18, "height": grid_bottom + 24}


def _scale(value, low, high):
    return MARGIN + (value - low) / (high - low) * PLOT_WIDTH


def salary_chart(careers, step=20_000, spread=None):
    """
    Each career's range as a bar on one shared axis, its median marked. With `spread`
    (low, high[, high_is_top_coded]), a band behind shows the whole catalogue's range.
    """
    ranged = [c for c in careers if c.salary_min is not None and c.salary_max is not None]
    if not ranged:
        return None  # no pay range published for any of them: nothing to draw
    lows = [c.salary_min for c in ranged] + ([spread[0]] if spread and spread[0] else [])
    highs = [c.salary_max for c in ranged] + ([spread[1]] if spread and spread[1] else [])
    axis_low, axis_high = _nice_bounds(min(lows), max(highs), step)
    if axis_high == axis_low:
        axis_high += step
    bars = []
    for index, career in enumerate(careers):
        if career not in ranged:
            bars.append(
                Bar(
                    label=career.title,
                    x=MARGIN,
                    width=0,
                    y=TOP + index * ROW_HEIGHT,
                    text="no annual pay range published",
                )
            )
            continue
        x1 = _scale(career.salary_min, axis_low, axis_high)
        x2 = _scale(career.salary_max, axis_low, axis_high)
        median = career.salary_median
        bars.append(
            Bar(
                label=career.title,
                x=round(x1, 1),
                width=round(max(x2 - x1, 2), 1),
                y=TOP + index * ROW_HEIGHT,
                text=(
                    f"{money_short(career.salary_min)} – "
                    f"{money_short(career.salary_max, career.salary_max_top_coded)}"
                ),
                marker_x=(round(_scale(median, axis_low, axis_high), 1) if median else None),
                marker_text=(f"median {money_short(median)}" if median else ""),
            )
        )
    ticks = [
        {"x": round(_scale(v, axis_low, axis_high), 1), "text": money_short(v)}
        for v in range(axis_low, axis_high + 1, step)
    ]
    if len(ticks) > 5:
        ticks = ticks[:: math.ceil(len(ticks) / 4)]
    chart = {"bars": bars, "ticks": ticks, **axis(len(careers))}
    if spread:
        x1, x2 = _scale(spread[0], axis_low, axis_high), _scale(spread[1], axis_low, axis_high)
        chart["spread"] = {
            "x": round(x1, 1),
            "width": round(x2 - x1, 1),
            "text": (
                f"All careers on Qoollege: {money_short(spread[0])} – "
                f"{money_short(spread[1], top_coded=len(spread) > 2 and spread[2])}"
            ),
        }
        chart["spread"]["text_y"] = chart["height"] + 12
        chart["height"] += 22
    return chart


def salary_caption(careers):
    """What the salary chart's bars are: percentiles, stated ranges, or some of each."""
    ranges = [c for c in careers if c.salary_is_range]
    with_median = any(c.salary_median for c in careers)
    if not ranges:
        text = "Pay range, 10th to 90th percentile, US dollars a year."
    elif len(ranges) == len(careers):
        text = "Pay range as stated by the source, not percentiles, US dollars a year."
    else:
        percentiles = [c.title for c in careers if not c.salary_is_range]
        text = (
            "Pay, US dollars a year: 10th to 90th percentile for "
            f"{' and '.join(percentiles)}; a stated range, not percentiles, for "
            f"{' and '.join(c.title for c in ranges)}."
        )
    if with_median:
        text += " A line marks the median where one is published."
    else:
        text += " No median is published."
    return text


def growth_chart(careers):
    """Projected growth as bars from a zero line; shrinking careers go left."""
    values = [float(c.growth_pct) for c in careers]
    step = 5 if max(values) - min(0, *values) <= 30 else 10
    low, high = _nice_bounds(min(0, *values), max(0, *values), step)
    if high == low:
        high = low + 5
    zero = _scale(0, low, high)
    bars = []
    for index, career in enumerate(careers):
        x = _scale(float(career.growth_pct), low, high)
        bars.append(
            Bar(
                label=career.title,
                x=round(min(x, zero), 1),
                width=round(max(abs(x - zero), 2), 1),
                y=TOP + index * ROW_HEIGHT,
                text=f"{growth(career.growth_pct)} by {career.growth_horizon}",
            )
        )
    ticks = [
        {"x": round(_scale(v, low, high), 1), "text": growth(v)}
        for v in range(int(low), int(high) + 1, step)
    ]
    if len(ticks) > 6:
        ticks = ticks[:: math.ceil(len(ticks) / 5)]
    return {"bars": bars, "zero": round(zero, 1), "ticks": ticks, **axis(len(careers))}
