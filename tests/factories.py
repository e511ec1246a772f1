"""Small factories: a complete career or comparison with sensible defaults."""

import datetime
import itertools
from decimal import Decimal

from careers.models import (
    Career,
    CareerSkill,
    CareerWorkplace,
    Category,
    DayItem,
    EducationLevel,
    EducationRoute,
    Skill,
    Source,
    Workplace,
)
from comparisons.models import Comparison

_numbers = itertools.count(1)


def category(name=None):
    name = name or f"Category {next(_numbers)}"
    slug = name.lower().replace(" ", "-").replace("&", "and")
    return Category.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def career(
    title=None,
    *,
    skills=("Python", "SQL", "Statistics"),
    workplaces=("tech companies", "banks"),
    routes=("4-year degree", "Bootcamp with portfolio"),
    category_name="Testing",
    **fields,
):
    n = next(_numbers)
    title = title or f"Test Career {n}"
    values = {
        "slug": title.lower().replace(" ", "-"),
        "summary": f"{title}s do the work this test needs.",
        "common_titles": "",
        "typical_hours": "Full time",
        "salary_min": 50_000,
        "salary_max": 100_000,
        "salary_median": 75_000,
        "growth_pct": "5.0",
        "growth_horizon": 2034,
        "education_level": EducationLevel.BACHELOR,
        "why_it_matters": "It matters.",
        "day_to_day": "First paragraph.\n\nSecond paragraph.",
        "is_published": True,
        "last_reviewed": datetime.date(2026, 11, 1),
    }
    values.update(fields)
    values["growth_pct"] = Decimal(values["growth_pct"])
    made = Career.objects.create(title=title, category=category(category_name), **values)
    for i, name in enumerate(skills):
        skill = Skill.objects.filter(name__iexact=name).first() or Skill.objects.create(name=name)
        CareerSkill.objects.create(career=made, skill=skill, position=i)
    for i, name in enumerate(workplaces):
        place = Workplace.objects.filter(name__iexact=name).first()
        place = place or Workplace.objects.create(name=name)
        CareerWorkplace.objects.create(career=made, workplace=place, position=i)
    for i, text in enumerate(routes):
        EducationRoute.objects.create(career=made, text=text, position=i)
    DayItem.objects.create(career=made, time=datetime.time(9, 0), activity="Starts work")
    Source.objects.create(career=made, title="A source", url="https://www.bls.gov/")
    return made


def comparison(a, b, **fields):
    values = {"is_published": True}
    values.update(fields)
    return Comparison.objects.create(career_a=a, career_b=b, **values)
