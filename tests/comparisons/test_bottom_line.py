"""The bottom line of a move on a comparison's first screen: pay at the median, by the
verdicts' tolerance, with both figures; a missing median is named, never guessed."""

from types import SimpleNamespace

import pytest

from comparisons.templatetags.comparisons_tags import median_change


def move(before, after):
    return SimpleNamespace(
        origin=SimpleNamespace(title="Electrician", salary_median=before),
        target=SimpleNamespace(title="Plumber", salary_median=after),
    )


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        (50_000, 62_340, "+$12,340 a year ($50,000 → $62,340)"),
        (93_600, 61_250, "−$32,350 a year ($93,600 → $61,250)"),
        # Within $2,000 or 3 % of the higher figure: a gap that decides nothing.
        (63_190, 63_800, "about the same ($63,190 → $63,800)"),
        (100_000, 102_900, "about the same ($100,000 → $102,900)"),
        (100_000, 103_200, "+$3,200 a year ($100,000 → $103,200)"),
        (None, 61_250, "no published median for Electrician"),
        (61_250, None, "no published median for Plumber"),
        (None, None, "no published median for Electrician or Plumber"),
    ],
)
def test_median_change(before, after, said):
    assert median_change(move(before, after)) == said
