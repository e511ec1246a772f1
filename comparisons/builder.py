"""
Assembling a comparison page from two careers: the table rows, the computed verdicts,
the switching advice and the charts. Views, the admin preview and tests all call
`build_comparison`; it does no queries of its own when the careers come from
`careers.queries.with_parts()`.
"""

from dataclasses import dataclass, field

from careers import charts
from careers.formatting import growth, money_short, outlook, salary_range
from careers.models import OEWS_TOP_CODE, Career, EducationLevel


@dataclass
class Row:
    label: str
    a: object
    b: object
    kind: str = "text"  # text | list | paragraphs


@dataclass
class Verdict:
    label: str
    value: str
    winner: Career | None = None

    def __str__(self):
        return f"{self.label}: {self.value}." if self.label else f"{self.value}."


@dataclass
class Switch:
    origin: Career
    target: Career
    keep: list
    learn: list
    education: str


@dataclass
class ComparisonPage:
    a: Career
    b: Career
    rows: list
    verdicts: list
    median_sentence: str
    switches: list = field(default_factory=list)
    salary_chart: dict | None = None
    growth_chart: dict | None = None

    @property
    def careers(self):
        return [self.a, self.b]

    @property
    def title(self):
        return f"{self.a.title} vs {self.b.title}"


def skill_names(career):
    return [link.skill.name for link in career.skill_links.all()]


def workplace_names(career):
    return [link.workplace.name for link in career.workplace_links.all()]


def route_texts(career):
    return [route.text for route in career.education_routes.all()]


def _ceiling(career):
    # A top-coded high end is “at least the top code”: it beats any published figure.
    return OEWS_TOP_CODE + 1 if career.salary_max_top_coded else career.salary_max


def salary_ceiling_verdict(a, b):
    label = "Higher salary ceiling"
    ca, cb = _ceiling(a), _ceiling(b)
    if ca == cb:
        top = money_short(a.salary_max, a.salary_max_top_coded)
        return Verdict(label, f"neither, both top out at {top}")
    winner = a if ca > cb else b
    return Verdict(label, winner.title, winner)


def growth_verdict(a, b):
    label = "Faster projected growth"
    if a.growth_pct == b.growth_pct:
        return Verdict(label, f"neither, both {growth(a.growth_pct)}")
    winner = a if a.growth_pct > b.growth_pct else b
    return Verdict(label, winner.title, winner)


def education_verdict(a, b):
    same = a.education_level == b.education_level
    return Verdict("Same education level", "yes" if same else "no")


def median_verdict(a, b):
    ma, mb = a.median_or_midpoint, b.median_or_midpoint
    if ma == mb:
        return Verdict("", f"{a.title} and {b.title} typically pay about the same at the median")
    winner = a if ma > mb else b
    return Verdict("", f"{winner.title} typically pays more at the median", winner)


def education_gap(origin, target):
    if origin.education_level == target.education_level:
        return (
            f"No new qualification level is needed: both usually start at "
            f"{EducationLevel(origin.education_level).label.lower()} level."
        )
    steps = target.education_level - origin.education_level
    target_label = EducationLevel(target.education_level).label.lower()
    origin_label = EducationLevel(origin.education_level).label.lower()
    if steps > 0:
        return (
            f"{target.title} usually asks for a {target_label}-level education, "
            f"{steps} step{'s' if steps > 1 else ''} above the {origin_label} level "
            f"typical of {origin.title}."
        )
    return (
        f"{target.title} usually asks for less formal education ({target_label} level) "
        f"than {origin.title} ({origin_label} level), so your education already covers it."
    )


def switch(origin, target):
    origin_skills = set(skill_names(origin))
    target_skills = skill_names(target)
    return Switch(
        origin=origin,
        target=target,
        keep=[s for s in target_skills if s in origin_skills],
        learn=[s for s in target_skills if s not in origin_skills],
        education=education_gap(origin, target),
    )


def build_comparison(a, b):
    rows = [
        Row("Salary range", salary_range(a), salary_range(b)),
        Row("Outlook & demand", outlook(a), outlook(b)),
        Row("Education level", a.education_label, b.education_label),
        Row("Top skills", skill_names(a), skill_names(b), "list"),
        Row("Where they work", workplace_names(a), workplace_names(b), "list"),
        Row("Day-to-day work", a.day_to_day_paragraphs, b.day_to_day_paragraphs, "paragraphs"),
        Row("Education routes", route_texts(a), route_texts(b), "routes"),
        Row("Projected growth", growth(a.growth_pct), growth(b.growth_pct)),
    ]
    median = median_verdict(a, b)
    return ComparisonPage(
        a=a,
        b=b,
        rows=rows,
        verdicts=[salary_ceiling_verdict(a, b), growth_verdict(a, b), education_verdict(a, b)],
        median_sentence=str(median),
        switches=[switch(a, b), switch(b, a)],
        salary_chart=charts.salary_chart([a, b]),
        growth_chart=charts.growth_chart([a, b]),
    )
