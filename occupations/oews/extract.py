"""The committed extract: written byte for byte the same, read back with every value checked."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import re
import zlib
from decimal import Decimal, InvalidOperation
from pathlib import Path

from occupations.oews.codes import (
    _SOC,
    AREA_TYPE_ORDER,
    CELL_FOOTNOTES,
    COLUMNS,
    FIGURES,
    FOOTNOTES,
    INTEGER,
    KEY_COLUMNS,
    NATIONAL_AREA_CODE,
    POSTAL_CODES,
    TOP_CODE_ANNUAL,
    TOP_CODE_HOURLY,
    OEWSFormatError,
    OEWSRow,
    count_by_area_type,
)

# --- The extract --------------------------------------------------------------------------------


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
