"""
The catalogue file's records (format in catalog/README.md): reading it, and every problem in
it as a plain sentence with its place and slug, before anything is written.
"""

import datetime
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from careers import rules
from careers.models import (
    LEVEL_OF_ENTRY,
    Career,
    Category,
    Credential,
    Demand,
    EducationLevel,
    EntryEducation,
    JobTraining,
    PayBasis,
    WorkExperience,
)

FORMAT_VERSION = 1
# Changes a load makes are recorded in the History as this named account's.
IMPORTER = "catalogue-import"
IMPORT_REASON = "Catalogue import"
EDUCATION_KEYS = {
    "none": EducationLevel.NONE,
    "high-school": EducationLevel.HIGH_SCHOOL,
    "certificate": EducationLevel.CERTIFICATE,
    "associate": EducationLevel.ASSOCIATE,
    "bachelor": EducationLevel.BACHELOR,
    "master": EducationLevel.MASTER,
    "doctorate": EducationLevel.DOCTORATE,
}
EDUCATION_NAMES = {level: key for key, level in EDUCATION_KEYS.items()}
# Fields whose value is one of a model's choices, or "" where blank is allowed.
CHOICE_FIELDS = {
    "pay_basis": (PayBasis, False),
    "entry_education": (EntryEducation, True),
    "work_experience": (WorkExperience, True),
    "job_training": (JobTraining, True),
}
CREDENTIAL_KEYS = {
    "name": str,
    "kind": str,
    "requirement": str,
    "issuer": str,
    "note": str,
    "source_url": str,
}
CAREER_KEYS = {
    "slug": str,
    "title": str,
    "category": str,
    "summary": str,
    "common_titles": list,
    "aliases": list,
    "typical_hours": str,
    "salary_min": int,
    "salary_max": int,
    "salary_median": (int, type(None)),
    "pay_basis": str,
    "salary_max_top_coded": bool,
    "salary_year": (int, type(None)),
    "growth_pct": str,
    "growth_horizon": int,
    "demand_override": str,
    "employment": (int, type(None)),
    "employment_year": (int, type(None)),
    "annual_openings": (int, type(None)),
    "education_level": str,
    "entry_education": str,
    "work_experience": str,
    "job_training": str,
    "soc_code": str,
    "figures_note": str,
    "why_it_matters": str,
    "day_to_day": str,
    "day": list,
    "skills": list,
    "workplaces": list,
    "education_routes": list,
    "credentials": list,
    "sources": list,
    "last_reviewed": str,
    "published": bool,
}
STRING_LISTS = {"common_titles", "aliases", "skills", "workplaces", "education_routes"}
# Fields a file may leave out (files written before they existed), with their default.
OPTIONAL_CAREER_KEYS = {"aliases": []}


class CatalogError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the catalogue")


def read_catalog(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise CatalogError([f"{path}: no such file"]) from None
    except UnicodeDecodeError as error:
        raise CatalogError([f"{path}: not UTF-8 text ({error.reason})"]) from None
    except json.JSONDecodeError as error:
        raise CatalogError(
            [f"{path}, line {error.lineno}, column {error.colno}: invalid JSON ({error.msg})"]
        ) from None


def _parts(record):
    """The ordered parts of a career record, in a comparable form."""
    return {
        "aliases": [a.strip() for a in record.get("aliases", [])],
        "skills": [s.strip() for s in record["skills"]],
        "workplaces": [w.strip() for w in record["workplaces"]],
        "routes": [r.strip() for r in record["education_routes"]],
        "day": [(d["time"], d["activity"].strip()) for d in record["day"]],
        "credentials": [
            tuple(str(c.get(key, "")).strip() for key in CREDENTIAL_KEYS)
            for c in record["credentials"]
            if isinstance(c, dict)
        ],
        "sources": [
            (
                s["title"].strip(),
                s.get("url", "") or "",
                s.get("period", "") or "",
                s.get("accessed") or None,
            )
            for s in record["sources"]
        ],
    }


def _check_types(record, where, problems):
    ok = True
    for key, kind in CAREER_KEYS.items():
        if key not in record and key in OPTIONAL_CAREER_KEYS:
            continue
        if key not in record:
            problems.append(f"{where}: missing “{key}”")
            ok = False
        elif not isinstance(record[key], kind) or (kind is int and isinstance(record[key], bool)):
            problems.append(f"{where}: “{key}” has the wrong type")
            ok = False
        elif key in STRING_LISTS and not all(isinstance(entry, str) for entry in record[key]):
            problems.append(f"{where}: every entry in “{key}” must be a string")
            ok = False
    for key in set(record) - set(CAREER_KEYS):
        problems.append(f"{where}: unknown field “{key}”")
    return ok


def _career_values(record, where, problems):
    values = {}
    try:
        values["growth_pct"] = Decimal(record["growth_pct"])
    except InvalidOperation:
        problems.append(f"{where}: growth_pct “{record['growth_pct']}” is not a number")
    try:
        values["last_reviewed"] = datetime.date.fromisoformat(record["last_reviewed"])
    except ValueError:
        problems.append(f"{where}: last_reviewed must be a date like 2026-11-29")
    if record["education_level"] not in EDUCATION_KEYS:
        problems.append(f"{where}: education_level must be one of {', '.join(EDUCATION_KEYS)}")
    else:
        values["education_level"] = EDUCATION_KEYS[record["education_level"]]
    if record["demand_override"] and record["demand_override"] not in Demand.values:
        problems.append(
            f"{where}: demand_override must be empty or one of {', '.join(Demand.values)}"
        )
    for name, (choices, blank) in CHOICE_FIELDS.items():
        if record[name] in choices.values or (blank and record[name] == ""):
            values[name] = record[name]
        else:
            allowed = ", ".join(choices.values)
            problems.append(
                f"{where}: {name} must be {'empty or ' if blank else ''}one of {allowed}"
            )
    entry = record["entry_education"]
    if entry in EntryEducation.values and "education_level" in values:
        if LEVEL_OF_ENTRY[EntryEducation(entry)] != values["education_level"]:
            problems.append(
                f"{where}: education_level “{record['education_level']}” does not match the "
                f"BLS category “{entry}” (it should be "
                f"{EDUCATION_NAMES[LEVEL_OF_ENTRY[EntryEducation(entry)]]})"
            )
    for name in (
        "salary_min",
        "salary_max",
        "salary_median",
        "employment",
        "employment_year",
        "annual_openings",
        "salary_max_top_coded",
        "salary_year",
        "growth_horizon",
        "demand_override",
        "soc_code",
        "figures_note",
        "title",
        "summary",
        "typical_hours",
        "why_it_matters",
        "day_to_day",
    ):
        values[name] = record[name]
    values["common_titles"] = "\n".join(t.strip() for t in record["common_titles"])
    values["is_published"] = record["published"]
    return values


def _rule_parts(parts):
    """A record's parts in careers.versions' shape, as careers.rules reads them."""
    return {
        "aliases": [{"name": name} for name in parts["aliases"]],
        "skills": [{"name": name} for name in parts["skills"]],
        "workplaces": [{"name": name} for name in parts["workplaces"]],
        "routes": [{"text": text} for text in parts["routes"]],
        "day": [{"time": time, "activity": activity} for time, activity in parts["day"]],
        "credentials": [{"name": credential[0]} for credential in parts["credentials"]],
    }


def _validate_parts(record, where, problems):
    parts = _parts(record)
    for time, _activity in parts["day"]:
        try:
            datetime.time.fromisoformat(time)
        except (TypeError, ValueError):
            problems.append(f"{where}: day time “{time}” is not a time like 08:30")
    problems.extend(f"{where}: {problem}" for problem in rules.part_problems(_rule_parts(parts)))
    for index, credential in enumerate(record["credentials"]):
        if not isinstance(credential, dict) or set(credential) != set(CREDENTIAL_KEYS):
            problems.append(
                f"{where}: credentials[{index}] needs exactly {', '.join(CREDENTIAL_KEYS)}"
            )
            continue
        if not all(isinstance(credential[key], str) for key in CREDENTIAL_KEYS):
            problems.append(f"{where}: credentials[{index}] fields must be strings")
            continue
        instance = Credential(**{key: credential[key].strip() for key in CREDENTIAL_KEYS})
        try:
            instance.full_clean(exclude=["career"], validate_unique=False)
        except ValidationError as error:
            problems.extend(
                f"{where}: credential “{credential['name']}”: {m}" for m in _messages(error)
            )
    for title, url, _period, accessed in parts["sources"]:
        if url and not url.startswith(("http://", "https://")):
            problems.append(f"{where}: source “{title}” must link with http:// or https://")
        if accessed:
            try:
                datetime.date.fromisoformat(accessed)
            except ValueError:
                problems.append(f"{where}: source “{title}” has a bad accessed date")
    if not parts["sources"]:
        problems.append(f"{where}: at least one source is required")


def validate(data, known_categories=()):
    """Every problem in the catalogue, as plain sentences; an empty list means valid.
    `known_categories`: category slugs loaded with it (the fields)."""
    problems = []
    if not isinstance(data, dict):
        return ["the catalogue must be a JSON object with categories, careers and comparisons"]
    if data.get("version") != FORMAT_VERSION:
        problems.append(f"version must be {FORMAT_VERSION}")
    categories = data.get("categories", [])
    careers = data.get("careers", [])
    comparisons = data.get("comparisons", [])
    for name, value in (
        ("categories", categories),
        ("careers", careers),
        ("comparisons", comparisons),
    ):
        if not isinstance(value, list):
            problems.append(f"“{name}” must be a list")
            return problems
    category_slugs = set(Category.objects.values_list("slug", flat=True)) | set(known_categories)
    for index, record in enumerate(categories):
        where = f"categories[{index}]"
        if not isinstance(record, dict) or not {"slug", "name"} <= set(record):
            problems.append(f"{where}: needs slug and name")
            continue
        instance = Category(
            slug=record["slug"],
            name=record["name"],
            description=record.get("description", ""),
            position=record.get("position", index),
        )
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            problems.extend(f"{where} ({record['slug']}): {m}" for m in _messages(error))
        category_slugs.add(record["slug"])

    slugs = {}
    for index, record in enumerate(careers):
        slug = record.get("slug", "?") if isinstance(record, dict) else "?"
        where = f"careers[{index}] ({slug})"
        if not isinstance(record, dict) or not _check_types(record, where, problems):
            continue
        if slug in slugs:
            problems.append(f"{where}: slug already used by careers[{slugs[slug]}]")
        slugs[slug] = index
        if record["category"] not in category_slugs:
            problems.append(f"{where}: unknown category “{record['category']}”")
        values = _career_values(record, where, problems)
        instance = Career(slug=slug, **values)
        try:
            # The constraints but "one career per SOC code", which clean() checks against
            # the other careers (this record may be the saved career of the same slug).
            instance.full_clean(
                exclude=["category"], validate_unique=False, validate_constraints=False
            )
            instance.validate_constraints(exclude={"category", "soc_code"})
        except ValidationError as error:
            problems.extend(f"{where}: {m}" for m in _messages(error))
        _validate_parts(record, where, problems)

    published_slugs = {c["slug"] for c in careers if isinstance(c, dict) and "slug" in c}
    published_slugs |= set(Career.objects.values_list("slug", flat=True))
    pairs = {}
    for index, record in enumerate(comparisons):
        if not isinstance(record, dict) or not {"a", "b"} <= set(record):
            problems.append(f"comparisons[{index}]: needs a and b")
            continue
        where = f"comparisons[{index}] ({record['a']} vs {record['b']})"
        for side in ("a", "b"):
            if record[side] not in published_slugs:
                problems.append(f"{where}: unknown career “{record[side]}”")
        if record["a"] == record["b"]:
            problems.append(f"{where}: a career cannot be compared with itself")
        key = frozenset((record["a"], record["b"]))
        if key in pairs:
            problems.append(f"{where}: the same pair as comparisons[{pairs[key]}]")
        pairs[key] = index
    return problems


def _messages(error):
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return error.messages


def guide_address_problems(data, pages):
    """A guide of an occupation lives at that occupation's address (catalog/occupations.csv)."""
    by_soc = pages.by_soc
    problems = []
    for index, record in enumerate(data.get("careers", [])):
        if not isinstance(record, dict) or not record.get("soc_code"):
            continue
        page = by_soc.get(record["soc_code"])
        if page is not None and page.slug != record.get("slug"):
            problems.append(
                f"careers[{index}] ({record.get('slug')}): SOC {record['soc_code']} has the "
                f"address /careers/{page.slug}/ in catalog/occupations.csv: use that slug"
            )
    return problems
