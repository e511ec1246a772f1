"""
Every figure in the shipped catalogue equals the sourced facts files (BLS EP 2024–34,
O*NET 30.1; national pay from the OEWS May 2025 extract the site ships, which replaced the
facts file's May 2024 wages), and every guide is complete. Reads shared/data/*.csv beside the
checkout when present, else the copies kept in tests/data/.
"""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from careers.models import (
    OEWS_TOP_CODE,
    Career,
    Demand,
    EducationLevel,
    EntryEducation,
    JobTraining,
    PayBasis,
    WorkExperience,
)
from comparisons.models import Comparison
from occupations import oews
from occupations.models import OnetProfile

ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = ROOT.parent / "shared" / "data"
COPY_DIR = ROOT / "tests" / "data"
SHARED = SHARED_DIR / "careers_facts.csv"
COPY = COPY_DIR / "careers_facts.csv"
DATA_FILES = ["careers_facts.csv", "ep_outlook.csv", "onet_importance.csv"]
EDUCATION = {
    "High school diploma or equivalent": EducationLevel.HIGH_SCHOOL,
    "Postsecondary nondegree award": EducationLevel.CERTIFICATE,
    "Some college, no degree": EducationLevel.ASSOCIATE,
    "Associate's degree": EducationLevel.ASSOCIATE,
    "Bachelor's degree": EducationLevel.BACHELOR,
    "Master's degree": EducationLevel.MASTER,
    "Doctoral or professional degree": EducationLevel.DOCTORATE,
}
SEED = {"devops-engineer", "mlops-engineer"}
NATIONAL_WAGES = {
    row.soc: row
    for row in oews.read_extract(ROOT / "occupations" / "data" / "oews-2025.csv.gz")
    if row.area_type == "national"
}

pytestmark = pytest.mark.usefixtures("catalog")


def read(name):
    path = SHARED_DIR / name if (SHARED_DIR / name).exists() else COPY_DIR / name
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def facts():
    return {row["slug"]: row for row in read("careers_facts.csv")}


@pytest.fixture(scope="module")
def rows():
    return facts()


@pytest.mark.parametrize("name", DATA_FILES)
def test_the_copy_under_tests_matches_the_shared_file(name):
    if (SHARED_DIR / name).exists():
        assert (SHARED_DIR / name).read_bytes() == (COPY_DIR / name).read_bytes()


def test_every_career_of_the_facts_file_is_published(rows):
    published = set(Career.objects.published().values_list("slug", flat=True))
    assert set(rows) <= published
    assert len(rows) == 43


@pytest.mark.parametrize("slug", sorted(facts()))
def test_figures_equal_the_facts_file(rows, slug):
    row = rows[slug]
    career = Career.objects.get(slug=slug)
    assert career.title == row["title"]
    assert career.soc_code == row["soc_code"]
    if row["soc_code"]:
        # National pay is the May 2025 release's, as on the guide's pay by state.
        wages = NATIONAL_WAGES[row["soc_code"]]
        assert career.salary_min == wages.annual_p10
        assert career.salary_median == wages.annual_median
        assert career.salary_year == 2025
        if wages.is_top_coded("annual_p90"):
            assert career.salary_max == OEWS_TOP_CODE and career.salary_max_top_coded
        else:
            assert career.salary_max == wages.annual_p90 and not career.salary_max_top_coded
    else:  # the seed careers: the stated range of the original page
        assert career.salary_min == int(row["wage_p10_usd"])
        assert career.salary_max == int(row["wage_p90_usd"])
        assert career.salary_median is None
    assert career.growth_pct == Decimal(row["growth_pct"])
    assert career.growth_horizon == 2034
    assert career.education_level == EDUCATION[row["typical_education"]]
    # BLS's own words, experience and training, exactly.
    assert EntryEducation(career.entry_education).label == row["typical_education"]
    if row["work_experience"]:
        assert WorkExperience(career.work_experience).label == row["work_experience"]
        assert JobTraining(career.job_training).label == row["on_the_job_training"]
    else:  # the seed careers: no source states either
        assert career.work_experience == career.job_training == ""
    assert (career.pay_basis == PayBasis.RANGE) == (slug in SEED)


@pytest.mark.parametrize("row", read("ep_outlook.csv"), ids=lambda row: row["slug"])
def test_employment_and_openings_equal_the_outlook_file(row):
    career = Career.objects.get(slug=row["slug"])
    assert career.soc_code == row["soc_code"]
    assert career.employment == int(row["employment_2024"])
    assert career.employment_year == 2024
    assert career.annual_openings == int(row["annual_openings"])


def test_careers_without_an_outlook_row_publish_no_counts():
    listed = {row["slug"] for row in read("ep_outlook.csv")}
    for career in Career.objects.exclude(slug__in=listed).filter(slug__in=facts()):
        assert career.employment is None and career.annual_openings is None


def test_onet_profiles_equal_the_ratings_file():
    expected = {}
    for row in read("onet_importance.csv"):
        profile = expected.setdefault(row["soc_code"], {"codes": row["onet_codes"], "ratings": []})
        kind = "skill" if row["element_type"] == "skill" else "activity"
        profile["ratings"].append(
            (row["element_id"], row["element_name"], kind, Decimal(row["importance"]))
        )
    stored = {
        p.soc_code: {
            "codes": p.onet_codes.replace(", ", " "),  # onet_files joins them with ", "
            "ratings": [
                (r["id"], r["name"], r["kind"], Decimal(str(r["importance"]))) for r in p.ratings
            ],
        }
        for p in OnetProfile.objects.filter(soc_code__in=list(expected))
    }
    # The 40 catalogue careers' profiles, among the 775 loaded (occupations/data).
    assert stored == expected
    assert len(stored) == 40
    assert all(len(p["ratings"]) == 76 for p in stored.values())


@pytest.mark.parametrize("slug", sorted(facts()))
def test_sources_are_the_publishers_pages(rows, slug):
    career = Career.objects.prefetch_related("sources", "credentials").get(slug=slug)
    urls = [source.url for source in career.sources.all()]
    assert not any("github.com" in url for url in urls), "copies are not shown to visitors"
    assert all(
        url.startswith(("https://www.bls.gov/", "https://www.onetonline.org/")) or not url
        for url in urls
    )
    if slug in SEED:
        return
    soc = rows[slug]["soc_code"]
    assert f"https://www.bls.gov/oes/2025/may/oes{soc.replace('-', '')}.htm" in urls
    assert "https://www.bls.gov/emp/tables/occupational-projections-and-characteristics.htm" in urls
    assert f"https://www.onetonline.org/link/summary/{soc}.00" in urls
    assert all(source.period for source in career.sources.all())
    ooh = next(url for url in urls if "/ooh/" in url)
    for credential in career.credentials.all():
        assert credential.source_url == f"{ooh}#tab-4", credential.name


@pytest.mark.parametrize("slug", sorted(facts()))
def test_every_guide_is_complete(rows, slug):
    row = rows[slug]
    career = Career.objects.with_parts(day=True).get(slug=slug)
    for name in ("summary", "typical_hours", "why_it_matters", "day_to_day"):
        assert getattr(career, name).strip(), name
    assert len(career.day_to_day_paragraphs) >= 2
    assert len(career.common_title_list) >= 3
    assert 6 <= career.day_items.count() <= 8
    assert 5 <= career.skill_links.count() <= 12
    assert career.workplace_links.exists()
    assert career.education_routes.count() >= 3 or slug in SEED
    assert career.sources.exists()
    assert career.last_reviewed <= datetime.date.today()
    if slug not in SEED:
        urls = [s.url for s in career.sources.all()]
        assert any(u.startswith("https://www.bls.gov/ooh/") for u in urls)
        assert any(f"onetonline.org/link/summary/{row['soc_code']}" in u for u in urls)
        onet = [s for s in row["top_skills"].split(";") if s]
        names = [link.skill.name for link in career.skill_links.all()]
        assert not onet or any(s in names for s in onet), "O*NET skills complement the list"


def test_seed_careers_say_where_their_figures_come_from(client):
    for slug in SEED:
        body = client.get(f"/careers/{slug}/").content.decode()
        assert "no occupation code" in body
        assert "original comparison page" in body


def test_comparisons_and_guides_show_the_same_release(client):
    """May 2024 top-coded lawyers' 90th percentile ("$239k+"); May 2025 publishes it
    exactly, and the comparison and the guide both show the May 2025 figure."""
    comparison = client.get("/compare/paralegal-vs-lawyer/").content.decode()
    assert "$352k" in comparison and "$239k+" not in comparison
    assert "May 2025" in comparison
    guide = client.get("/careers/lawyer/").content.decode()
    assert "$351,600" in guide and "$239k+" not in guide
    # BLS's page for the occupation is listed once among the guide's sources.
    assert guide.count('href="https://www.bls.gov/oes/2025/may/oes231011.htm"') == 1


def test_demand_follows_the_documented_rule():
    expected = {
        "nurse-practitioner": Demand.VERY_HIGH,  # +40.1 %
        "information-security-analyst": Demand.VERY_HIGH,  # +28.5 %
        "electrician": Demand.HIGH,  # +9.5 %
        "civil-engineer": Demand.MODERATE,  # +5.0 %
        "paralegal": Demand.LOW,  # +0.2 %
        "computer-programmer": Demand.LOW,  # −6.0 %
    }
    for slug, demand in expected.items():
        assert Career.objects.get(slug=slug).demand == demand


def test_at_least_sixty_published_curated_comparisons():
    assert Comparison.objects.published().count() >= 60
