"""
catalog/occupations.csv and catalog/fields.csv: the names and addresses of every US occupation
in BLS Employment Projections 2024-34 and the fields they are browsed by. Pure Python: no
database, no Django.

The occupations are checked against EP's own list: shared/data/ep_2024_34.csv beside the
checkout when it is there, else the extract of its codes and titles in tests/data (the same
rows, checked equal whenever both are present).
"""

import csv
import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OCCUPATIONS = ROOT / "catalog" / "occupations.csv"
FIELDS = ROOT / "catalog" / "fields.csv"
CATALOG = ROOT / "catalog" / "catalog.json"
EP_FILE = ROOT / "occupations" / "data" / "ep-2024-34.csv.gz"

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 80  # Career.slug
MAX_TITLE = 120  # Career.title
MAX_ALIAS = 120  # CareerAlias.name
ALIAS_SEPARATOR = " | "

# Occupations whose display title may end in "s" although EP's title is a plain plural,
# by SOC code, with the reason. None is needed today: every title reads well singular.
PLURAL_EXCEPTIONS: dict[str, str] = {}


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def ep():
    with gzip.open(EP_FILE, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        "detailed": {r["soc_code"]: r["title"] for r in rows if r["level"] == "detailed"},
        "major": {r["soc_code"][:2]: r["title"] for r in rows if r["level"] == "major"},
    }


@pytest.fixture(scope="module")
def occupations():
    return read_csv(OCCUPATIONS)


@pytest.fixture(scope="module")
def by_code(occupations):
    return {row["soc_code"]: row for row in occupations}


@pytest.fixture(scope="module")
def fields():
    return read_csv(FIELDS)


@pytest.fixture(scope="module")
def catalog():
    return json.loads(CATALOG.read_text(encoding="utf-8"))


def aliases(row):
    return row["aliases"].split(ALIAS_SEPARATOR) if row["aliases"] else []


# --- The files' shape ------------------------------------------------------------------------


def test_the_files_are_utf8_csv_with_the_expected_columns():
    for path, header in (
        (OCCUPATIONS, "soc_code,slug,title,aliases,field"),
        (FIELDS, "major_code,slug,name,description,position"),
    ):
        text = path.read_bytes().decode("utf-8")  # raises if the file is not UTF-8
        assert text.splitlines()[0] == header, path.name


# --- Every EP occupation, once ---------------------------------------------------------------


def test_every_detailed_ep_occupation_appears_exactly_once_and_nothing_else(ep, occupations):
    codes = [row["soc_code"] for row in occupations]
    assert len(ep["detailed"]) == 832
    assert [code for code, n in Counter(codes).items() if n > 1] == []
    assert set(codes) - set(ep["detailed"]) == set(), "codes EP does not have"
    assert set(ep["detailed"]) - set(codes) == set(), "EP occupations missing"


def test_rows_are_sorted_by_soc_code(occupations):
    codes = [row["soc_code"] for row in occupations]
    assert codes == sorted(codes)


# --- Addresses -------------------------------------------------------------------------------


def test_slugs_are_valid_short_and_never_a_comparison(occupations):
    bad = [
        row["slug"]
        for row in occupations
        if not SLUG.fullmatch(row["slug"]) or len(row["slug"]) > MAX_SLUG or "-vs-" in row["slug"]
    ]
    assert bad == []


def test_slugs_are_unique_among_all_careers(occupations, catalog):
    # Careers without a SOC code (the seed's DevOps and MLOps engineers) share the address space.
    slugs = [row["slug"] for row in occupations]
    slugs += [c["slug"] for c in catalog["careers"] if not c["soc_code"]]
    assert [slug for slug, n in Counter(slugs).items() if n > 1] == []


# --- Titles ----------------------------------------------------------------------------------


def test_titles_are_unique_and_fit_the_title_field(occupations):
    titles = [row["title"].casefold() for row in occupations]
    assert [t for t, n in Counter(titles).items() if n > 1] == []
    assert [row["title"] for row in occupations if len(row["title"]) > MAX_TITLE] == []
    assert [row["title"] for row in occupations if row["title"] != row["title"].strip()] == []


def test_titles_are_in_title_case(occupations):
    # Every word starts with a capital or a digit, except the short joining words.
    minor = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
    bad = []
    for row in occupations:
        words = re.findall(r"[A-Za-z0-9][\w'’.-]*", row["title"])
        for i, word in enumerate(words):
            if word[0].islower() and (i == 0 or word not in minor):
                bad.append(row["title"])
                break
            if i > 0 and word[0].isupper() and word.casefold() in minor:
                bad.append(row["title"])
                break
    assert bad == []


def plain_plural(official):
    """
    EP's title names a plural job:
    "Dental assistants", "Cooks, fast food", "Helpers--roofers".
    """
    head = official.split(",")[0].split()[-1]
    return head.endswith("s") and not head.endswith("ss")


def test_titles_are_singular_where_the_official_title_is_plural(ep, occupations):
    plural = []
    for row in occupations:
        if not plain_plural(ep["detailed"][row["soc_code"]]):
            continue
        # "Sales Representative (Services)" is judged by "Representative".
        last = re.sub(r"\s*\([^)]*\)$", "", row["title"]).split()[-1]
        if last.endswith("s") and not last.endswith("ss"):
            plural.append((row["soc_code"], row["title"]))
    assert [p for p in plural if p[0] not in PLURAL_EXCEPTIONS] == []
    assert set(PLURAL_EXCEPTIONS) <= {code for code, _ in plural}, "stale exceptions"


def test_residual_groups_say_so(ep, occupations):
    # "Managers, all other" is not "Manager": the residual groups keep "(Other …)", and EP's
    # "Miscellaneous …" groups (a named code plus a residual) say "Other" too.
    residual = {code for code, title in ep["detailed"].items() if "all other" in title.lower()}
    misc = {code for code, title in ep["detailed"].items() if title.startswith("Miscellaneous")}
    assert len(residual) > 50 and len(misc) == 2
    hidden = [
        row["title"]
        for row in occupations
        if (row["soc_code"] in residual and "(Other" not in row["title"])
        or (row["soc_code"] in misc and "Other" not in row["title"])
    ]
    assert hidden == []
    claimed = [
        row["title"]
        for row in occupations
        if "(Other" in row["title"] and row["soc_code"] not in residual | misc
    ]
    assert claimed == [], "only residual groups are called Other"


# --- Other names -----------------------------------------------------------------------------


def test_aliases_are_clean_unique_and_not_the_title(occupations):
    problems = []
    for row in occupations:
        names = aliases(row)
        if row["aliases"] and row["aliases"] != row["aliases"].strip():
            problems.append((row["soc_code"], "spaces around the list"))
        for name in names:
            if not name or name != name.strip() or "|" in name or len(name) > MAX_ALIAS:
                problems.append((row["soc_code"], name))
            if name.casefold() == row["title"].casefold():
                problems.append((row["soc_code"], f"{name} is the title"))
        folded = [name.casefold() for name in names]
        if len(folded) != len(set(folded)):
            problems.append((row["soc_code"], "repeated alias"))
    assert problems == []


# --- The careers that already exist ----------------------------------------------------------


def test_the_existing_careers_keep_their_slug_title_and_aliases(by_code, catalog):
    careers = [c for c in catalog["careers"] if c["soc_code"]]
    assert len(careers) == 41
    changed = []
    for career in careers:
        row = by_code[career["soc_code"]]
        if (row["slug"], row["title"]) != (career["slug"], career["title"]):
            changed.append((career["soc_code"], row["slug"], row["title"]))
        missing = set(career.get("aliases") or []) - set(aliases(row))
        if missing:
            changed.append((career["soc_code"], "aliases lost", sorted(missing)))
    assert changed == []


# --- Fields ----------------------------------------------------------------------------------


def test_there_is_one_field_per_soc_major_group(ep, fields):
    assert len(fields) == 22
    assert sorted(f["major_code"] for f in fields) == sorted(ep["major"])


def test_fields_have_unique_slugs_names_and_positions(fields):
    for key in ("slug", "name", "position"):
        values = [f[key] for f in fields]
        assert len(set(values)) == len(values), key
    assert all(SLUG.fullmatch(f["slug"]) and "-vs-" not in f["slug"] for f in fields)
    assert sorted(int(f["position"]) for f in fields) == list(range(22))


def test_fields_are_described_in_one_plain_sentence(ep, fields):
    for field in fields:
        description = field["description"]
        assert description.endswith("."), field["slug"]
        assert description.count(". ") == 0, field["slug"]
        assert 20 <= len(description) <= 160, field["slug"]
        # The name is plainer than SOC's group title, not a copy of it.
        assert field["name"].casefold() != ep["major"][field["major_code"]].casefold()


def test_every_occupation_is_in_the_field_of_its_major_group(occupations, fields):
    slug_of = {f["major_code"]: f["slug"] for f in fields}
    wrong = [
        (row["soc_code"], row["field"])
        for row in occupations
        if slug_of.get(row["soc_code"][:2]) != row["field"]
    ]
    assert wrong == []


# --- Rows people will look for ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "slug", "title", "some_aliases"),
    [
        ("31-9091", "dental-assistant", "Dental Assistant", {"CDA"}),
        ("29-2061", "licensed-practical-nurse", "Licensed Practical Nurse", {"LPN", "LVN"}),
        ("29-1141", "registered-nurse", "Registered Nurse", {"RN"}),
        ("31-1131", "nursing-assistant", "Nursing Assistant", {"CNA"}),
        ("29-2042", "emt", "Emergency Medical Technician", {"EMT"}),
        (
            "13-2011",
            "accountant-auditor",
            "Accountant / Auditor",
            {"CPA", "Certified Public Accountant"},
        ),
        ("13-1071", "hr-specialist", "Human Resources Specialist", {"HR"}),
        (
            "53-3032",
            "truck-driver",
            "Heavy and Tractor-Trailer Truck Driver",
            {"trucker", "CDL driver"},
        ),
        (
            "33-3051",
            "police-officer",
            "Police and Sheriff's Patrol Officer",
            {"police officer", "cop"},
        ),
        ("29-1131", "veterinarian", "Veterinarian", {"vet"}),
        ("29-1215", "family-medicine-physician", "Family Medicine Physician", {"doctor"}),
        ("11-9199", "manager-other-specialties", "Manager (Other Specialties)", set()),
    ],
)
def test_known_rows(by_code, code, slug, title, some_aliases):
    row = by_code[code]
    assert (row["slug"], row["title"]) == (slug, title)
    assert some_aliases <= set(aliases(row))
