"""How figures read (occupations/formatting.py): words and numbers that agree (issue 23)."""

from decimal import Decimal

import pytest

from occupations.formatting import growth, money_full, money_short, percent_tick, round_half_up
from occupations.onet import Rating


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (64_500, "$65k"),  # Python's round() gives 64: half to even
        (63_500, "$64k"),
        (64_499, "$64k"),
        (76_000, "$76k"),
        (239_200, "$239k"),
        (351_600, "$352k"),
        (500, "$1k"),
        (1_500, "$2k"),
        (2_500, "$3k"),
        (0, "$0k"),
    ],
)
def test_money_short_rounds_halves_up(amount, shown):
    assert money_short(amount) == shown


def test_money_short_top_coded_and_missing():
    assert money_short(239_200, top_coded=True) == "$239k+"
    assert money_short(None) == "—"


def test_money_full_rounds_halves_up():
    assert money_full(Decimal("64500.5")) == "$64,501"
    assert money_full(64_500) == "$64,500"
    assert money_full(None) == "—"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("29.2"), "+29.2%"),
        (Decimal("5.0"), "+5.0%"),  # beside "+4.9%", never "+5%"
        (Decimal("4.9"), "+4.9%"),
        (Decimal("28"), "+28.0%"),
        (Decimal("-0.7"), "\u22120.7%"),
        (Decimal("0.0"), "0.0%"),
        (4.95, "+5.0%"),
        (Decimal("-4.25"), "\u22124.3%"),
    ],
)
def test_growth_always_has_one_decimal(value, shown):
    assert growth(value) == shown


def test_axis_ticks_are_whole_percentages():
    assert [percent_tick(v) for v in (-5, 0, 10)] == ["\u22125%", "0%", "+10%"]


def test_round_half_up():
    assert round_half_up(2.5) == 3 and round_half_up(Decimal("0.5")) == 1
    assert round_half_up(4.45, 1) == Decimal("4.5")


@pytest.mark.parametrize(
    ("importance", "shown", "words"),
    [
        (4.46, "4.5", "extremely important"),  # reads as it is shown
        (4.44, "4.4", "very important"),
        (3.45, "3.5", "very important"),
        (3.44, "3.4", "important"),
        (1.0, "1.0", "not important"),
    ],
)
def test_an_importance_word_matches_the_rating_shown(importance, shown, words):
    rating = Rating("2.A.1.a", "Reading Comprehension", "skill", importance)
    assert (rating.shown, rating.words) == (shown, words)


def test_pay_differences_round_halves_up():
    from occupations.wages import difference

    assert difference(112_500, 100_000) == "13% more than"  # 12.5 %, not 12
    assert difference(87_500, 100_000) == "13% less than"
