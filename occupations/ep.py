"""
BLS Employment Projections 2024–34 (Table 1.2): every occupation's projection and BLS's
education, experience and training categories, read from the committed CSV and checked value
by value. Problems come back as sentences naming the line and the column.
"""

import csv
import gzip
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from occupations.scales import EntryEducation, JobTraining, WorkExperience

BASE_YEAR, HORIZON_YEAR = 2024, 2034
COLUMNS = (
    "soc_code", "title", "level", "employment_2024", "employment_2034", "employment_change",
    "change_pct", "self_employed_pct", "annual_openings", "median_wage_2024",
    "typical_education", "work_experience", "on_the_job_training", "ooh_url",
)  # fmt: skip
LEVELS = ("total", "major", "minor", "broad", "detailed")
_SOC = re.compile(r"^\d\d-\d{4}$")
_OOH = re.compile(r"^https://www\.bls\.gov/ooh/[a-z0-9/._-]+\.htm$")
# BLS's words → the scales' values (the scales' labels are BLS's own words).
CATEGORIES = {
    "typical_education": {label: value for value, label in EntryEducation.choices},
    "work_experience": {label: value for value, label in WorkExperience.choices},
    "on_the_job_training": {label: value for value, label in JobTraining.choices},
}


class ProjectionsError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the projections file")


@dataclass(frozen=True)
class Projection:
    soc_code: str
    title: str
    level: str
    employment: int | None
    employment_projected: int | None
    employment_change: int | None
    growth_pct: Decimal | None
    self_employed_pct: Decimal | None
    annual_openings: int | None
    entry_education: str
    work_experience: str
    job_training: str
    ooh_url: str

    @property
    def fields(self):
        """The Occupation fields this row sets."""
        return {
            "title": self.title,
            "base_year": BASE_YEAR,
            "horizon_year": HORIZON_YEAR,
            "employment": self.employment,
            "employment_projected": self.employment_projected,
            "employment_change": self.employment_change,
            "growth_pct": self.growth_pct,
            "self_employed_pct": self.self_employed_pct,
            "annual_openings": self.annual_openings,
            "entry_education": self.entry_education,
            "work_experience": self.work_experience,
            "job_training": self.job_training,
            "ooh_url": self.ooh_url,
        }


def _integer(raw, where, problems, signed=False):
    if raw == "":
        return None
    if not re.fullmatch(r"-?\d+" if signed else r"\d+", raw):
        problems.append(f"{where}: {raw!r} is not a whole number")
        return None
    return int(raw)


def _decimal(raw, where, problems):
    if raw == "":
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) >= 1000:
        problems.append(f"{where}: {raw!r} is not a percentage")
        return None
    return value.quantize(Decimal("0.1"))


def parse(text, name="projections"):
    """Every row of the table, checked. Raises ProjectionsError."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ProjectionsError([f"{name}: the columns must be {', '.join(COLUMNS)}"])
    problems, rows, seen = [], [], set()
    for line, raw in enumerate(reader, start=2):
        where = f"{name} line {line}"
        soc, level = raw["soc_code"], raw["level"]
        if not _SOC.fullmatch(soc) or soc in seen:
            problems.append(f"{where}: soc_code {soc!r} is not a new SOC code")
        seen.add(soc)
        if level not in LEVELS:
            problems.append(f"{where}: level {level!r} is not one of {', '.join(LEVELS)}")
        if not raw["title"].strip():
            problems.append(f"{where}: the title is empty")
        categories = {}
        for column, known in CATEGORIES.items():
            value = raw[column]
            if value and value not in known:
                problems.append(f"{where}: {column} {value!r} is not a BLS category")
            categories[column] = known.get(value, "")
            if level == "detailed" and not value:
                problems.append(f"{where}: {column} is empty")
        ooh = raw["ooh_url"]
        if ooh and not _OOH.fullmatch(ooh):
            problems.append(f"{where}: ooh_url {ooh!r} is not a BLS OOH page")
        rows.append(
            Projection(
                soc_code=soc,
                title=raw["title"].strip(),
                level=level,
                employment=_integer(raw["employment_2024"], f"{where} employment_2024", problems),
                employment_projected=_integer(
                    raw["employment_2034"], f"{where} employment_2034", problems
                ),
                employment_change=_integer(
                    raw["employment_change"], f"{where} employment_change", problems, signed=True
                ),
                growth_pct=_decimal(raw["change_pct"], f"{where} change_pct", problems),
                self_employed_pct=_decimal(
                    raw["self_employed_pct"], f"{where} self_employed_pct", problems
                ),
                annual_openings=_integer(
                    raw["annual_openings"], f"{where} annual_openings", problems
                ),
                entry_education=categories["typical_education"],
                work_experience=categories["work_experience"],
                job_training=categories["on_the_job_training"],
                ooh_url=ooh,
            )
        )
    if problems:
        raise ProjectionsError(problems)
    return rows


def read_projections(path):
    """The detailed occupations of the committed file (a .csv.gz), checked."""
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            text = handle.read()
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise ProjectionsError([f"{path.name}: cannot be read ({error})"]) from error
    return [row for row in parse(text, path.name) if row.level == "detailed"]
