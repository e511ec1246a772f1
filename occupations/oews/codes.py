"""BLS OEWS codes the release and the extract share: footnotes, figures, area types, states."""

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

# --- BLS footnote codes (table `footnote`, from oe.footnote) --------------------------------
# Codes 1-3 are general notes that BLS prints under its tables; no cell carries them in the
# May 2025 release. Codes 4, 5 and 8 are attached to individual figures, whose value is then
# not published ("-" in the BLS file, empty in the extract).

FOOTNOTE_TOTALS_EXCLUDE_SELF_EMPLOYED = 1
"""Detailed occupations do not sum to totals; estimates exclude the self-employed."""

FOOTNOTE_ANNUAL_IS_HOURLY_TIMES_2080 = 2
"""Annual wages are hourly wages x 2,080 hours, except for occupations paid annually."""

FOOTNOTE_RSE_EXPLAINED = 3
"""What a relative standard error is."""

FOOTNOTE_PAID_HOURLY_OR_ANNUALLY_ONLY = 4
"""Occupation not usually worked year-round full time, so BLS publishes only the form it is
paid in. On an hourly figure: the occupation is paid annually, no hourly figure (teachers).
On an annual figure: the occupation is paid by the hour, no annual figure (e.g. actors)."""

FOOTNOTE_TOP_CODED = 5
"""The wage is at or above the top code (`TOP_CODE_HOURLY` / `TOP_CODE_ANNUAL`); BLS gives no
exact figure. Show it as "at least $239,200 a year" / "at least $115.00 an hour".
Caution: in the May 2025 release the stated top code no longer bounds published figures:
other cells publish percentiles up to $972,450 ($467.53 an hour), some in the same row as a
footnote-5 90th percentile. Never treat a published value >= $239,200 as top-coded; only
this footnote says a figure is. No cell of the 41 catalogue occupations carries it."""

FOOTNOTE_NOT_RELEASED = 8
"""Estimate not released (too few responses, or does not meet BLS's quality standards)."""

FOOTNOTES = {
    FOOTNOTE_TOTALS_EXCLUDE_SELF_EMPLOYED: "Detailed occupations do not sum to the totals; "
    "estimates exclude self-employed workers.",
    FOOTNOTE_ANNUAL_IS_HOURLY_TIMES_2080: "Annual wages are the hourly wages times 2,080 hours, "
    "except for occupations paid annually, whose annual wages are as reported.",
    FOOTNOTE_RSE_EXPLAINED: "The relative standard error measures how precise an estimate is; "
    "smaller is more precise.",
    FOOTNOTE_PAID_HOURLY_OR_ANNUALLY_ONLY: "Published only as an hourly or only as an annual "
    "wage, depending on how the occupation is usually paid (it is not usually worked "
    "year-round, full time).",
    FOOTNOTE_TOP_CODED: "At or above the top code: $115.00 an hour or $239,200 a year.",
    FOOTNOTE_NOT_RELEASED: "Estimate not released.",
}
"""Plain-English meaning of every footnote code in the release."""

CELL_FOOTNOTES = frozenset(
    {FOOTNOTE_PAID_HOURLY_OR_ANNUALLY_ONLY, FOOTNOTE_TOP_CODED, FOOTNOTE_NOT_RELEASED}
)
"""Footnotes that stand in for a figure: when one applies, the figure itself is not given."""

TOP_CODE_HOURLY = "115.00"
TOP_CODE_ANNUAL = 239200
"""The top code stated by footnote 5 of the May 2025 release (checked when reading it)."""

_TOP_CODE_TEXT = re.compile(
    r"\$(?P<hourly>[0-9]+\.[0-9]{2}) per hour or \$(?P<annual>[0-9]{1,3}(?:,[0-9]{3})*) per year"
)


def top_code_from_footnote(text):
    """("115.00", 239200) from the text of footnote 5, or None if it does not state one."""
    match = _TOP_CODE_TEXT.search(text or "")
    if not match:
        return None
    return match["hourly"], int(match["annual"].replace(",", ""))


# --- Figures and where they live in the release ------------------------------------------------

INTEGER = "integer"  # whole dollars or people, e.g. 97550
DECIMAL = "decimal"  # as published, kept as a string, e.g. "46.90", "0.86", "1.1"

FIGURES = (
    # (field, datatype name in table `datatype`, kind)
    ("employment", "Employment", INTEGER),
    ("employment_rse", "Employment percent relative standard error", DECIMAL),
    ("location_quotient", "Location Quotient", DECIMAL),
    ("annual_p10", "Annual 10th percentile wage", INTEGER),
    ("annual_p25", "Annual 25th percentile wage", INTEGER),
    ("annual_median", "Annual median wage", INTEGER),
    ("annual_p75", "Annual 75th percentile wage", INTEGER),
    ("annual_p90", "Annual 90th percentile wage", INTEGER),
    ("annual_mean", "Annual mean wage", INTEGER),
    ("hourly_median", "Hourly median wage", DECIMAL),
    ("wage_rse", "Wage percent relative standard error", DECIMAL),
)
"""Each figure of the extract, the BLS datatype it comes from, and how it is written.
The datatype codes are looked up by these names in the release's `datatype` table."""

FIGURE_KIND = {field: kind for field, _, kind in FIGURES}

AREA_TYPES = {"N": "national", "S": "state", "M": "metro"}
NONMETRO = "nonmetro"
AREA_TYPE_ORDER = ("national", "state", "metro", NONMETRO)
"""BLS area type M covers metropolitan areas and the nonmetropolitan areas that cover the rest
of each state ("Northwest Alabama nonmetropolitan area"); the latter are told apart as
"nonmetro"."""

ALL_INDUSTRIES = "000000"
NATIONAL_AREA_CODE = "0000000"

KEY_COLUMNS = ("soc", "area_type", "area_code", "area_name", "state_codes")
COLUMNS = KEY_COLUMNS + tuple(
    name for field, _, _ in FIGURES for name in (field, field + "_footnote")
)
"""The extract's columns, in order. Every figure is followed by its footnote code."""

POSTAL_BY_FIPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}  # fmt: skip
"""State FIPS code → USPS postal code, for the 50 states, DC and the territories OEWS covers."""

POSTAL_CODES = frozenset(POSTAL_BY_FIPS.values())


class OEWSFormatError(ValueError):
    """The release or the extract is not what this module expects; the message says where."""


@dataclass(frozen=True, slots=True)
class OEWSRow:
    """One occupation in one area, all industries. None where BLS gives no figure; the
    matching *_footnote then says why (see FOOTNOTES)."""

    soc: str  # "29-1141"
    area_type: str  # national | state | metro | nonmetro
    area_code: str  # BLS's 7 digits: "0000000", "0600000", "0035620", "0100001"
    area_name: str  # as BLS gives it: "New York-Newark-Jersey City, NY-NJ"
    state_codes: str  # postal codes, space-separated: "NY NJ"; "" for national
    employment: int | None = None
    employment_footnote: int | None = None
    employment_rse: str | None = None  # percent, e.g. "1.1"
    employment_rse_footnote: int | None = None
    location_quotient: str | None = None  # None for national: not applicable
    location_quotient_footnote: int | None = None
    annual_p10: int | None = None
    annual_p10_footnote: int | None = None
    annual_p25: int | None = None
    annual_p25_footnote: int | None = None
    annual_median: int | None = None
    annual_median_footnote: int | None = None
    annual_p75: int | None = None
    annual_p75_footnote: int | None = None
    annual_p90: int | None = None
    annual_p90_footnote: int | None = None
    annual_mean: int | None = None
    annual_mean_footnote: int | None = None
    hourly_median: str | None = None  # dollars, e.g. "46.90"
    hourly_median_footnote: int | None = None
    wage_rse: str | None = None  # percent relative standard error of the mean wage
    wage_rse_footnote: int | None = None

    @property
    def states(self):
        """The postal codes as a tuple: ("NY", "NJ")."""
        return tuple(self.state_codes.split())

    def is_top_coded(self, field):
        return getattr(self, field + "_footnote") == FOOTNOTE_TOP_CODED

    def is_not_released(self, field):
        return getattr(self, field + "_footnote") == FOOTNOTE_NOT_RELEASED

    def decimal(self, field):
        """A DECIMAL figure as a Decimal (None if not given)."""
        value = getattr(self, field)
        return None if value is None else Decimal(value)

    def sort_key(self):
        """Rows are sorted by area (type, then code), then SOC: rows for one area sit
        together, which lets gzip shrink the repeated area names."""
        return (AREA_TYPE_ORDER.index(self.area_type), self.area_code, self.soc)


assert tuple(f.name for f in dataclasses.fields(OEWSRow)) == COLUMNS


_SOC = re.compile(r"^[0-9]{2}-[0-9]{4}$")


def count_by_area_type(rows):
    counts = dict.fromkeys(AREA_TYPE_ORDER, 0)
    for row in rows:
        counts[row.area_type] += 1
    return counts


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
