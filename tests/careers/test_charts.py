"""Chart geometry (careers/charts.py): everything drawn inside the phone-sized viewBox."""

from decimal import Decimal
from itertools import pairwise
from types import SimpleNamespace

import pytest

from careers import charts


def career(title, low, high, median=None, growth="5.0"):
    return SimpleNamespace(
        title=title,
        salary_min=low,
        salary_max=high,
        salary_median=median,
        salary_max_top_coded=False,
        growth_pct=Decimal(growth),
        growth_horizon=2034,
    )


@pytest.mark.parametrize(
    "pair",
    [
        [
            career("Cheap", 18_000, 31_000, 24_000, "-30.0"),
            career("Dear", 95_000, 239_200, 180_000, "48.5"),
        ],
        [
            career("Same", 60_000, 60_000, 60_000, "0"),
            career("Same too", 60_000, 60_000, None, "0"),
        ],
    ],
)
def test_bars_ticks_and_markers_stay_inside_the_plot(pair):
    inside = lambda x: charts.MARGIN - 0.1 <= x <= charts.WIDTH - charts.MARGIN + 0.1  # noqa: E731
    for chart in (charts.salary_chart(pair), charts.growth_chart(pair)):
        for bar in chart["bars"]:
            assert inside(bar.x) and inside(bar.x + bar.width), bar
            assert bar.marker_x is None or inside(bar.marker_x)
        assert all(inside(tick["x"]) for tick in chart["ticks"])
        # A few ticks, far enough apart for 14-unit text ("$240k" is about 40 units wide).
        xs = [tick["x"] for tick in chart["ticks"]]
        assert 2 <= len(xs) <= 6 and min(b - a for a, b in pairwise(xs)) >= 44
        # Rows below one another: the second label under the first bar's values.
        first, second = chart["bars"]
        assert second.y - first.y == charts.ROW_HEIGHT
        assert chart["height"] > chart["tick_y"] > chart["grid_bottom"] > second.y + 28
