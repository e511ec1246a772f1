"""Reading a BLS OEWS release database (and its manifest): the rows of some SOC codes."""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import zlib
from pathlib import Path

from occupations.oews.codes import (
    _SOC,
    ALL_INDUSTRIES,
    AREA_TYPES,
    CELL_FOOTNOTES,
    DECIMAL,
    FIGURES,
    FOOTNOTE_TOP_CODED,
    FOOTNOTES,
    INTEGER,
    NONMETRO,
    POSTAL_BY_FIPS,
    POSTAL_CODES,
    TOP_CODE_ANNUAL,
    TOP_CODE_HOURLY,
    OEWSFormatError,
    OEWSRow,
    _sha256_file,
    top_code_from_footnote,
)

# --- Reading the release ------------------------------------------------------------------------

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
