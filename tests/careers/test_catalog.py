"""loadcatalog / dumpcatalog: validation, all-or-nothing, idempotent upserts, round trips."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from careers.models import Career, CareerAlias
from careers.search import find_careers
from comparisons.models import Comparison
from publishing.models import ContentVersion

pytestmark = pytest.mark.usefixtures("catalog")

CATALOG = "catalog/catalog.json"


@pytest.fixture
def data():
    with open(CATALOG, encoding="utf-8") as handle:
        return json.load(handle)


def write(tmp_path, data, name="catalog.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def load(path, *args):
    out, err = StringIO(), StringIO()
    # The catalogue file alone: the public releases are loaded already (tests/occupations).
    call_command("loadcatalog", path, "--catalogue-only", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_loading_the_same_file_twice_changes_nothing():
    before = dict(Career.objects.values_list("slug", "updated_at"))
    version = ContentVersion.read().number
    out, _ = load(CATALOG)
    assert "0 created, 0 updated" in out
    assert dict(Career.objects.values_list("slug", "updated_at")) == before
    assert ContentVersion.read().number == version


def test_dump_load_dump_is_byte_identical(tmp_path):
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    call_command("dumpcatalog", str(first), stderr=StringIO())
    load(str(first))
    call_command("dumpcatalog", str(second), stderr=StringIO())
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == open(CATALOG, "rb").read()


def test_an_edit_updates_only_that_career(tmp_path, data):
    record = next(c for c in data["careers"] if c["slug"] == "plumber")
    record["typical_hours"] = "Changed hours"
    record["skills"] = [*record["skills"][:3], "Backflow Testing"]
    out, _ = load(write(tmp_path, data), "-v", "2")
    assert "updated   career plumber" in out
    assert "1 updated" in out
    plumber = Career.objects.get(slug="plumber")
    assert plumber.typical_hours == "Changed hours"
    assert [link.skill.name for link in plumber.skill_links.all()][-1] == "Backflow Testing"


def test_dry_run_reports_changes_and_writes_nothing(tmp_path, data):
    data["careers"][0]["title"] = "Renamed"
    out, _ = load(write(tmp_path, data), "--dry-run")
    assert f"updated   career {data['careers'][0]['slug']}" in out
    assert "Dry run, nothing written: would be 0 created, 1 updated" in out
    assert not Career.objects.filter(title="Renamed").exists()


def test_a_broken_file_loads_nothing_and_names_every_problem(tmp_path, data):
    broken = copy.deepcopy(data)
    broken["careers"][0]["title"] = "Would be renamed if anything loaded"
    lawyer = next(c for c in broken["careers"] if c["slug"] == "lawyer")
    lawyer["salary_min"] = 500_000
    plumber = next(c for c in broken["careers"] if c["slug"] == "plumber")
    plumber["slug"] = "pipes-vs-wires"
    nurse = next(c for c in broken["careers"] if c["slug"] == "registered-nurse")
    nurse["day"] = list(reversed(nurse["day"]))
    nurse["sources"][0]["url"] = "javascript:alert(1)"
    broken["comparisons"].append({"a": "lawyer", "b": "lawyer"})
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command(
            "loadcatalog",
            write(tmp_path, broken),
            "--catalogue-only",
            stdout=StringIO(),
            stderr=err,
        )
    report = err.getvalue()
    assert "(lawyer)" in report and "low end" in report
    assert "(pipes-vs-wires)" in report and "-vs-" in report
    assert "(registered-nurse)" in report and "List the representative day in order" in report
    assert "http:// or https://" in report
    assert "cannot be compared with itself" in report
    assert not Career.objects.filter(title__startswith="Would be renamed").exists()


def test_invalid_json_is_reported_with_its_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"version": 1,\n  "careers": [\n}', encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("loadcatalog", str(path), "--catalogue-only", stdout=StringIO(), stderr=err)
    assert "line 3" in err.getvalue()


def test_a_failure_midway_rolls_everything_back(tmp_path, data, monkeypatch):
    """All or nothing even when the database refuses a record validation let through."""
    from catalog import loader as catalog

    data["careers"][0]["title"] = "Renamed before the failure"
    real = catalog._write_parts
    calls = []

    def failing(career, *args):
        calls.append(career.slug)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(career, *args)

    monkeypatch.setattr(catalog, "_write_parts", failing)
    data["careers"][1]["typical_hours"] = "x"
    data["careers"][2]["typical_hours"] = "y"
    data["careers"][0]["skills"] = ["Something New"]
    data["careers"][1]["skills"] = ["Something Else"]
    with pytest.raises(RuntimeError):
        load(write(tmp_path, data))
    assert not Career.objects.filter(title="Renamed before the failure").exists()


def test_comparisons_are_unique_whatever_the_order(tmp_path, data):
    data["comparisons"].append({"a": "mlops-engineer", "b": "devops-engineer"})
    with pytest.raises(CommandError):
        call_command(
            "loadcatalog",
            write(tmp_path, data),
            "--catalogue-only",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert Comparison.objects.count() == len(data["comparisons"]) - 1


def test_other_names_load_and_are_searchable_at_once(tmp_path, data):
    record = next(c for c in data["careers"] if c["slug"] == "electrician")
    record["aliases"] = ["Sparky", "Wireman"]
    out, _ = load(write(tmp_path, data), "-v", "2")
    assert "updated   career electrician" in out and "1 updated" in out
    electrician = Career.objects.get(slug="electrician")
    assert [a.name for a in electrician.aliases.all()] == ["Sparky", "Wireman"]
    assert find_careers("wireman").careers[0] == electrician


def test_a_file_without_other_names_still_loads(tmp_path, data):
    """Files written before `aliases` existed load: a career without the key has none."""
    for record in data["careers"]:
        record.pop("aliases")
    load(write(tmp_path, data))
    assert not CareerAlias.objects.filter(career__has_guide=True).exists()


@pytest.mark.parametrize("key", ["aliases", "common_titles", "skills"])
def test_a_list_entry_that_is_not_text_is_reported(tmp_path, data, key):
    data["careers"][0][key] = ["Fine", 42]
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command(
            "loadcatalog", write(tmp_path, data), "--catalogue-only", stdout=StringIO(), stderr=err
        )
    assert f"every entry in “{key}” must be a string" in err.getvalue()


def test_licences_education_and_outlook_round_trip_and_are_validated(tmp_path, data):
    plumber = next(c for c in data["careers"] if c["slug"] == "plumber")
    plumber["credentials"].append(
        {
            "name": "Backflow prevention tester certification",
            "kind": "certification",
            "requirement": "optional",
            "issuer": "Water utilities",
            "note": "",
            "source_url": "",
        }
    )
    plumber["annual_openings"] = 44_100
    out, _ = load(write(tmp_path, data), "-v", "2")
    assert "updated   career plumber" in out
    career = Career.objects.get(slug="plumber")
    assert [c.name for c in career.credentials.all()][-1] == (
        "Backflow prevention tester certification"
    )
    assert career.annual_openings == 44_100

    broken = copy.deepcopy(data)
    nurse = next(c for c in broken["careers"] if c["slug"] == "registered-nurse")
    licence = next(c for c in nurse["credentials"] if c["name"].startswith("Registered nurse"))
    licence["requirement"] = "sometimes"
    half = len(nurse["credentials"])
    nurse["credentials"].append({"name": "Half a credential"})
    nurse["entry_education"] = "master"  # but education_level says bachelor
    nurse["job_training"] = "a lot"
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command(
            "loadcatalog",
            write(tmp_path, broken),
            "--catalogue-only",
            stdout=StringIO(),
            stderr=err,
        )
    report = err.getvalue()
    assert "(registered-nurse): credential “Registered nurse (RN) licence”: requirement" in report
    assert f"credentials[{half}] needs exactly name, kind, requirement" in report
    assert "does not match the BLS category “master” (it should be master)" in report
    assert "job_training must be empty or one of" in report


def test_a_broken_profiles_file_loads_nothing(tmp_path, monkeypatch):
    import gzip

    from occupations import files
    from occupations.models import OnetProfile

    profiles = json.loads(gzip.decompress(files.PROFILES_FILE.read_bytes()))
    profiles["profiles"]["47-2111"]["importance"][0] = 7
    path = tmp_path / "onet.json.gz"
    path.write_bytes(gzip.compress(json.dumps(profiles).encode()))
    monkeypatch.setattr("occupations.releases.PROFILES_FILE", path)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("loadcatalog", CATALOG, "--no-oews", stdout=StringIO(), stderr=err)
    assert "O*NET profile 47-2111: importance must be between 1 and 5" in err.getvalue()
    assert OnetProfile.objects.get(soc_code="47-2111").ratings[0]["importance"] != 7
