"""
Where an occupation works: BLS OEWS national employment by industry, read from the release
at one level of NAICS (subsectors such as "Hospitals" or "Nursing and Residential Care
Facilities", which do not overlap), written to a small committed extract and turned into
each occupation's leading industries with their share of its jobs.

Pure Python (no Django), like occupations.oews.
"""

import csv
import gzip
import io
import re
from dataclasses import dataclass

from occupations import oews

# NAICS subsectors (3 digits) and OEWS's government rows at the same level.
DISPLAY_LEVEL = 3
COLUMNS = ("soc", "industry_code", "industry_name", "employment")
# Listed: the five largest industries holding at least 1 % of the occupation's jobs.
LISTED = 5
MIN_SHARE = 0.01
# BLS's names, shortened where they are long or carry OEWS's bookkeeping.
SHORT_NAMES = {
    "999000": "Government (not public schools, hospitals or the Postal Service)",
    "491000": "Postal Service",
}
_SOC = re.compile(r"^\d\d-\d{4}$")


@dataclass(frozen=True)
class IndustryRow:
    soc: str
    industry_code: str
    industry_name: str
    employment: int


def read_release(path, soc_codes):
    """National employment by industry (DISPLAY_LEVEL) for these SOC codes."""
    wanted = {soc.replace("-", "") for soc in soc_codes}
    connection = oews._open_release(path)
    try:
        names = {
            code: " ".join(name.replace("(OEWS Designation)", "").split())
            for code, name in connection.execute(
                "SELECT industry_code, industry_name FROM industry WHERE display_level = ?",
                [DISPLAY_LEVEL],
            )
        }
        employment = oews._datatype_codes(connection)["employment"]
        rows = []
        query = (
            f"SELECT key, v{employment} FROM cell WHERE substr(key, 4, 1) = 'N' "
            "AND substr(key, 12, 6) != ?"
        )
        for key, value in connection.execute(query, [oews.ALL_INDUSTRIES]):
            industry, soc = key[11:17], key[17:23]
            if industry not in names or soc not in wanted:
                continue
            if value is None or not str(value).isdigit():
                continue  # not published for this industry
            rows.append(IndustryRow(f"{soc[:2]}-{soc[2:]}", industry, names[industry], int(value)))
    finally:
        connection.close()
    return sorted(rows, key=lambda r: (r.soc, r.industry_code))


def extract_bytes(rows):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(rows, key=lambda r: (r.soc, r.industry_code)):
        writer.writerow([row.soc, row.industry_code, row.industry_name, row.employment])
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def read_extract(path):
    """The extract's rows, every value checked. Raises OEWSFormatError naming the line."""
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if tuple(header or ()) != COLUMNS:
                raise oews.OEWSFormatError(f"{path.name}: the columns must be {COLUMNS}")
            rows = []
            for line, fields in enumerate(reader, start=2):
                if len(fields) != len(COLUMNS):
                    raise oews.OEWSFormatError(f"{path.name} line {line}: 4 values expected")
                soc, code, name, jobs = fields
                if not _SOC.fullmatch(soc) or not re.fullmatch(r"\d{6}", code) or not name:
                    raise oews.OEWSFormatError(f"{path.name} line {line}: not an industry row")
                if not jobs.isdigit():
                    raise oews.OEWSFormatError(f"{path.name} line {line}: {jobs!r} jobs")
                rows.append(IndustryRow(soc, code, name, int(jobs)))
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise oews.OEWSFormatError(f"{path.name}: cannot be read ({error})") from error
    return rows


def leading(rows, total):
    """[{code, name, employment, share}] of the industries employing most of an occupation's
    `total` jobs (its national all-industry employment), largest first."""
    if not total:
        return []
    ranked = sorted(rows, key=lambda r: (-r.employment, r.industry_code))
    return [
        {
            "code": row.industry_code,
            "name": SHORT_NAMES.get(row.industry_code, row.industry_name),
            "employment": row.employment,
            "share": round(row.employment / total, 3),
        }
        for row in ranked
        if row.employment / total >= MIN_SHARE
    ][:LISTED]
