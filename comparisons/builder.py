"""
Assembling a comparison page from two careers: the table rows, the computed verdicts
(comparisons/verdicts.py), the switching advice (comparisons/advice.py) and the charts.
Views, the admin preview and tests all call `build_comparison`; it does no queries of its
own when the careers come with their parts (`career_parts()`) and O*NET ratings
(`with_profile()`), and one query for the ratings otherwise.
"""

from dataclasses import dataclass, field

from careers import charts
from careers.formatting import outlook, salary_range
from careers.models import Career, Credential, EntryEducation, JobTraining, WorkExperience
from comparisons.advice import switch
from comparisons.verdicts import (
    education_verdict,
    education_verdict_many,
    growth_verdict,
    growth_verdict_many,
    median_verdict,
    median_verdict_many,
    salary_ceiling_verdict,
    salary_ceiling_verdict_many,
)
from occupations.formatting import growth, money_full
from occupations.onet import profile_of, top_ratings

NOT_PUBLISHED = "Not published"
NOT_STATED = "Not stated"


@dataclass
class Row:
    label: str
    # One (value, note) a career, in the page's order; the note is a short qualifier under
    # the cell (“10th–90th percentile”) or "".
    cells: list
    kind: str = "text"  # text | list | items | paragraphs | routes

    @property
    def a(self):
        return self.cells[0][0]

    @property
    def b(self):
        return self.cells[1][0]


@dataclass
class ComparisonPage:
    a: Career
    b: Career
    rows: list
    verdicts: list
    median: object
    summary: str = ""
    switches: list = field(default_factory=list)
    salary_chart: dict | None = None
    salary_caption: str = ""
    growth_chart: dict | None = None

    @property
    def careers(self):
        return [self.a, self.b]

    @property
    def title(self):
        return f"{self.a.title} vs {self.b.title}"

    @property
    def median_sentence(self):
        return str(self.median)


@dataclass
class ShortlistPage:
    """Three or four careers side by side, in the order the visitor gave them."""

    careers: list
    rows: list
    verdicts: list
    salary_chart: dict | None = None
    salary_caption: str = ""
    growth_chart: dict | None = None

    @property
    def title(self):
        return " vs ".join(c.title for c in self.careers)

    @property
    def table(self):
        """Each row with its cells as (career, value, note): a phone labels every cell."""
        return [
            (row, [(c, v, n) for c, (v, n) in zip(self.careers, row.cells, strict=True)])
            for row in self.rows
        ]


def skill_names(career):
    return [link.skill.name for link in career.skill_links.all()]


def workplace_names(career):
    return [link.workplace.name for link in career.workplace_links.all()]


def route_texts(career):
    return career.route_texts


def credential_items(career):
    """“Registered nurse (RN) licence (required)”, in the editor's order."""
    return [
        f"{c.name} ({Credential.Requirement(c.requirement).label.lower()})"
        for c in career.credentials.all()
    ]


def pay_note(career):
    return "stated range, not percentiles" if career.salary_is_range else "10th–90th percentile"


def median_cell(career):
    if career.salary_median is None:
        return NOT_PUBLISHED, ""
    return money_full(
        career.salary_median
    ), f"May {career.salary_year}" if career.salary_year else ""


def count_cell(value, note):
    return (f"{value:,}", note) if value is not None else (NOT_PUBLISHED, "")


def employment_cell(career):
    year = f"{career.employment_year}, " if career.employment_year else ""
    return count_cell(career.employment, f"{year}including self-employed")


def openings_cell(career):
    start = career.employment_year
    period = f"{start}–{str(career.growth_horizon)[-2:]}" if start else ""
    return count_cell(career.annual_openings, f"average{', ' + period if period else ''}")


def choice_label(choices, value):
    return choices(value).label if value else NOT_STATED


def _plain(value_of):
    """A cell maker for a figure that carries no note."""
    return lambda career: (value_of(career), "")


NO_GUIDE = "no editor's guide yet"


def skills_cell(career):
    """The editor's skills, or O*NET's most important skills on a page without a guide."""
    names = skill_names(career)
    if names or career.has_guide:
        return names, ""
    rated = top_ratings(profile_of(career), "skill")
    return [r.name for r in rated], "O*NET's most important" if rated else NO_GUIDE


def workplaces_cell(career):
    """The editor's workplaces, or the industries employing most of it (BLS OEWS)."""
    names = workplace_names(career)
    if names or career.has_guide:
        return names, ""
    industries = getattr(career, "industries", None) or []
    items = [f"{i['name']} ({round(i['share'] * 100)}%)" for i in industries]
    return items, "industries, BLS OEWS" if items else NO_GUIDE


def guide_cell(make):
    """A part only editors write: on a page without a guide, said to be missing."""
    return lambda career: (make(career), "") if career.has_guide else ([], NO_GUIDE)


# The table, in the seed page's order with the rows it lacked added where they belong:
# (label, cell maker: career -> (value, note), kind). Pairs and shortlists share it.
ROWS = [
    ("Salary range", lambda c: (salary_range(c), pay_note(c)), "text"),
    ("Median pay", median_cell, "text"),
    ("Outlook & demand", _plain(outlook), "text"),
    ("Jobs", employment_cell, "text"),
    ("Openings a year", openings_cell, "text"),
    ("Education level", _plain(lambda c: c.entry_education_label), "text"),
    (
        "Work experience",
        _plain(lambda c: choice_label(WorkExperience, c.work_experience)),
        "text",
    ),
    ("On-the-job training", _plain(lambda c: choice_label(JobTraining, c.job_training)), "text"),
    ("Licences & certifications", guide_cell(credential_items), "items"),
    ("Top skills", skills_cell, "list"),
    ("Where they work", workplaces_cell, "items"),
    ("Day-to-day work", guide_cell(lambda c: c.day_to_day_paragraphs), "paragraphs"),
    ("Education routes", guide_cell(route_texts), "routes"),
]


def build_rows(*careers):
    """The table's rows, one cell a career in the order given."""
    return [Row(label, [make(c) for c in careers], kind) for label, make, kind in ROWS]


def _education_phrase(career):
    label = career.entry_education_label
    if career.entry_education in (EntryEducation.SOME_COLLEGE, EntryEducation.NONE):
        return label.lower()
    return ("an " if label[0].lower() in "aeiou" else "a ") + label.lower()


def _growth_shown(career):
    """“+28.5%”, or “+29.2% (the editors' figure)” when no BLS projection stands behind it."""
    shown = growth(career.growth_pct)
    return shown if career.growth_is_sourced else f"{shown} (the editors' figure)"


def summary(a, b, median):
    """A short paragraph built from this pair's own figures (differs on every page)."""
    sentences = [str(median)]
    ga, gb = _growth_shown(a), _growth_shown(b)
    if a.growth_horizon == b.growth_horizon:
        sentences.append(
            f"Projected change in jobs by {a.growth_horizon}: {a.title} {ga}, {b.title} {gb}."
        )
    else:
        sentences.append(
            f"Projected change in jobs: {a.title} {ga} by {a.growth_horizon}, "
            f"{b.title} {gb} by {b.growth_horizon}."
        )
    if a.entry_education_label == b.entry_education_label:
        sentences.append(f"Both usually start with {_education_phrase(a)}.")
    else:
        sentences.append(
            f"{a.title} usually starts with {_education_phrase(a)}, "
            f"{b.title} with {_education_phrase(b)}."
        )
    return " ".join(sentences)


def build_comparison(a, b):
    median = median_verdict(a, b)
    return ComparisonPage(
        a=a,
        b=b,
        rows=build_rows(a, b),
        verdicts=[salary_ceiling_verdict(a, b), growth_verdict(a, b), education_verdict(a, b)],
        median=median,
        summary=summary(a, b, median),
        switches=[switch(a, b), switch(b, a)],
        salary_chart=charts.salary_chart([a, b]),
        salary_caption=charts.salary_caption([a, b]),
        growth_chart=charts.growth_chart([a, b]),
    )


def build_shortlist(careers):
    """A shortlist's page: the pair page's rows and charts, and its verdicts for several."""
    return ShortlistPage(
        careers=list(careers),
        rows=build_rows(*careers),
        verdicts=[
            salary_ceiling_verdict_many(careers),
            median_verdict_many(careers),
            growth_verdict_many(careers),
            education_verdict_many(careers),
        ],
        salary_chart=charts.salary_chart(careers),
        salary_caption=charts.salary_caption(careers),
        growth_chart=charts.growth_chart(careers),
    )
