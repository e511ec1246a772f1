"""
One published OEWS figure and how it reads, honestly: a value BLS did not release says so,
a wage at or above the top code reads “$239,200+”, an occupation paid by the year has no
hourly figure (never annual ÷ 2,080), and an estimate with a large relative standard error
is marked as less precise.
"""

from dataclasses import dataclass
from decimal import Decimal

from occupations.formatting import money_short

# Two pay figures within $2,000, or 3 % of the higher one, are "about the same": pay comes
# from a survey with sampling error, and a gap that small should not decide anything. Every
# page that compares pay (comparisons, state pages) uses this one rule.
PAY_TOLERANCE_USD = 2_000
PAY_TOLERANCE_SHARE = Decimal("0.03")


def pay_gap_is_small(a_amount, b_amount):
    """Within the pay tolerance: $2,000, or 3 % of the higher figure, whichever is more."""
    gap = abs(a_amount - b_amount)
    return gap <= max(PAY_TOLERANCE_USD, PAY_TOLERANCE_SHARE * max(a_amount, b_amount))


# BLS footnote codes that stand in for a figure (the codes of catalog/oews.py, which careers
# cannot import: catalog depends on careers).
PAID_ONE_WAY_ONLY = 4  # published only as an hourly or only as an annual wage
TOP_CODED = 5  # at or above the top code: no exact figure published
NOT_RELEASED = 8  # too few responses, or below BLS's quality standards
FOOTNOTES = {
    PAID_ONE_WAY_ONLY: "Published only as an hourly or only as an annual wage, as the "
    "occupation is usually paid.",
    TOP_CODED: "At or above the survey's top code ($239,200 a year, $115.00 an hour): BLS "
    "publishes no exact figure.",
    NOT_RELEASED: "Not released by BLS: too few survey responses, or the estimate did not "
    "meet BLS's quality standards.",
}
# The top code stated by footnote 5 of the May 2025 release. Only the footnote says a
# figure is top-coded: published figures above it exist and are exact.
TOP_CODE_ANNUAL = 239_200
TOP_CODE_HOURLY = Decimal("115.00")

# An estimate whose relative standard error is at least this (percent) is shown as less
# precise. BLS publishes the RSE but sets no cut-off; 15 % is where a 95 % confidence
# interval spans about ±30 % of the figure.
POOR_RSE = Decimal("15")


@dataclass(frozen=True)
class Figure:
    """A value (int dollars or people, or Decimal) and its BLS footnote code, if any."""

    value: object
    footnote: int | None = None
    kind: str = "money"  # money | hourly | count | ratio
    top_code: object = None  # the top code a footnote-5 figure is at or above

    @property
    def published(self):
        return self.value is not None

    @property
    def top_coded(self):
        return self.footnote == TOP_CODED

    @property
    def sort_value(self):
        """For ordering: a top-coded wage sorts at its top code, a missing one last."""
        if self.value is not None:
            return self.value
        if self.top_coded and self.top_code is not None:
            return self.top_code
        return None

    @property
    def missing_reason(self):
        if self.footnote == NOT_RELEASED:
            return "not released"
        if self.footnote == PAID_ONE_WAY_ONLY:
            if self.kind == "hourly":
                return "paid by the year"
            return "paid by the hour"
        return "not published"

    @property
    def text(self):
        """“$140,270”, “$67.44”, “338,940”, “0.86”, “$239,200+”, or why there is none."""
        if self.value is None:
            if self.top_coded and self.top_code is not None:
                return _format(self.top_code, self.kind) + "+"
            return self.missing_reason
        return _format(self.value, self.kind)

    @property
    def with_unit(self):
        """“$140,270 a year”, “$67.44 an hour”; a missing figure says why, with no unit."""
        if self.value is None and not (self.top_coded and self.top_code is not None):
            return self.text
        unit = {"money": " a year", "hourly": " an hour"}.get(self.kind, "")
        return self.text + unit

    @property
    def short(self):
        """“$140k” for charts, legends and small cells."""
        if self.value is None:
            if self.top_coded and self.top_code is not None:
                return money_short(self.top_code, top_coded=True)
            return "n/a"
        if self.kind == "money":
            return money_short(self.value)
        return self.text

    def __str__(self):
        return self.text


def _format(value, kind):
    if kind == "money":
        return f"${value:,}"
    if kind == "hourly":
        return f"${value:,.2f}"
    if kind == "count":
        return f"{value:,}"
    return f"{value}"


def poor_precision(rse):
    return rse is not None and rse >= POOR_RSE
