"""
The rules a career's list of parts obey, written once. The admin's inline formsets
(careers.admin.forms), the catalogue loader (catalog/loader.py) and applying a version
(a restore or a published draft: careers.versions) all call `part_problems()` and show
its sentences as they are, so the same bad parts are refused with the same words
whichever way they come in.

Parts come in careers.versions' shape, `{kind: [item, …]}`; each rule looks only at the
kinds given, and items need only the keys a rule reads: `name` (other names, skills,
workplaces, licences), `text` (routes), `time` and `activity` (the day).
"""

import datetime

MAX_TOP_SKILLS = 12

# Kinds whose entries are named, each name at most once: (key of the name, label).
NAMED = {
    "aliases": ("name", "other names"),
    "skills": ("name", "top skills"),
    "workplaces": ("name", "where they work"),
    "routes": ("text", "education routes"),
    "credentials": ("name", "licences and certifications"),
}


def part_problems(parts):
    """Every rule `parts` break, as plain sentences (an empty list: none)."""
    problems = []
    for kind, (key, label) in NAMED.items():
        problems += _named_problems(parts.get(kind) or [], key, label)
    skills = parts.get("skills") or []
    if len(skills) > MAX_TOP_SKILLS:
        problems.append(
            f"List at most {MAX_TOP_SKILLS} top skills ({len(skills)} given): keep the ones "
            "that matter most."
        )
    problems += _day_problems(parts.get("day") or [])
    return problems


def _text(value):
    return " ".join(str(value or "").split())


def _named_problems(items, key, label):
    problems, seen = [], set()
    names = [_text(item.get(key)) for item in items]
    if any(not name for name in names):
        problems.append(f"An entry in {label} is empty: fill it in or remove it.")
    for name in names:
        if name and name.casefold() in seen:
            problems.append(f"“{name}” is listed twice in {label}: keep one of them.")
        seen.add(name.casefold())
    return problems


def _time(value):
    if isinstance(value, datetime.time):
        return value
    try:
        return datetime.time.fromisoformat(str(value))
    except ValueError:
        return None  # not a time: the field's own check says so


def _day_problems(items):
    problems = []
    if any(not _text(item.get("activity")) for item in items):
        problems.append("Each item of the representative day needs an activity.")
    times = [time for item in items if (time := _time(item.get("time"))) is not None]
    if any(later <= earlier for earlier, later in zip(times, times[1:], strict=False)):
        problems.append(
            "List the representative day in order: each time must be later than the one above it."
        )
    return problems
