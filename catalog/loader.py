"""
The catalogue file: every career, category and curated comparison as one JSON document
(format in catalog/README.md). `load_catalog` validates every record first, reporting each
problem with its place and slug, then loads all or nothing in one transaction, upserting
by slug; a record that already matches the database is not written at all.
`dump_catalog` writes the same format, so dump → load → dump is byte-identical.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from careers import rules, search_index
from careers.models import (
    LEVEL_OF_ENTRY,
    Career,
    CareerAlias,
    CareerSkill,
    CareerWorkplace,
    Category,
    Credential,
    DayItem,
    Demand,
    EducationLevel,
    EducationRoute,
    EntryEducation,
    JobTraining,
    PayBasis,
    Skill,
    Source,
    WorkExperience,
    Workplace,
)
from careers.skills import skill_key
from careers.versions import record_version
from catalog.occupations import field_slugs, load_fields, load_pages, remove_unused_categories
from comparisons.models import Comparison
from occupations.releases import load_releases
from publishing import versions
from publishing.roles import system_user

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


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    releases: object = None  # occupations.releases.ReleasesReport
    pages: object = None  # catalog.occupations.PagesReport

    def add(self, status, name):
        getattr(self, status).append(name)

    def summary(self):
        text = (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )
        for part in (self.pages, self.releases):
            if part is not None:
                text += "; " + part.summary()
        return text


class _DryRun(Exception):
    pass


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


def _named(model, names, cache):
    """Skills or workplaces by name (case-insensitive), created as needed."""
    result = []
    for name in names:
        key = name.lower()
        if key not in cache:
            cache[key] = model.objects.filter(name__iexact=name).first() or model.objects.create(
                name=name
            )
        result.append(cache[key])
    return result


def _current_parts(career):
    return {
        "aliases": [alias.name for alias in career.aliases.all()],
        "skills": [link.skill.name for link in career.skill_links.all()],
        "workplaces": [link.workplace.name for link in career.workplace_links.all()],
        "routes": career.route_texts,
        "day": [(f"{item.time:%H:%M}", item.activity) for item in career.day_items.all()],
        "credentials": [
            tuple(getattr(c, key) for key in CREDENTIAL_KEYS) for c in career.credentials.all()
        ],
        "sources": [
            (s.title, s.url, s.period, s.accessed.isoformat() if s.accessed else None)
            for s in career.sources.all()
        ],
    }


def _write_parts(career, parts, skill_cache, workplace_cache):
    """Replace the career's parts. Its history entry, written after this, holds them."""
    for manager in (
        career.aliases,
        career.skill_links,
        career.workplace_links,
        career.education_routes,
        career.day_items,
        career.credentials,
        career.sources,
    ):
        manager.all().delete()
    CareerAlias.objects.bulk_create(
        CareerAlias(career=career, name=name) for name in parts["aliases"]
    )
    CareerSkill.objects.bulk_create(
        CareerSkill(career=career, skill=skill, position=i)
        for i, skill in enumerate(_named(Skill, parts["skills"], skill_cache))
    )
    CareerWorkplace.objects.bulk_create(
        CareerWorkplace(career=career, workplace=place, position=i)
        for i, place in enumerate(_named(Workplace, parts["workplaces"], workplace_cache))
    )
    EducationRoute.objects.bulk_create(
        EducationRoute(career=career, text=text, position=i)
        for i, text in enumerate(parts["routes"])
    )
    DayItem.objects.bulk_create(
        DayItem(career=career, time=datetime.time.fromisoformat(time), activity=activity)
        for time, activity in parts["day"]
    )
    Credential.objects.bulk_create(
        Credential(career=career, position=i, **dict(zip(CREDENTIAL_KEYS, values, strict=True)))
        for i, values in enumerate(parts["credentials"])
    )
    Source.objects.bulk_create(
        Source(
            career=career,
            title=title,
            url=url,
            period=period,
            accessed=datetime.date.fromisoformat(accessed) if accessed else None,
            position=i,
        )
        for i, (title, url, period, accessed) in enumerate(parts["sources"])
    )


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


def load_catalog(data, dry_run=False, releases=None, pages=None):
    """
    Validate, then load everything in one transaction: the public releases when given
    (occupations.releases.read_releases), the fields and a page for every occupation when
    given (catalog.occupations.read_pages), then the editors' guides and the curated
    comparisons of the catalogue file. Raises CatalogError on problems.
    """
    fields = [f["slug"] for f in pages.fields] if pages is not None else []
    problems = validate(data, known_categories=fields)
    if pages is not None:
        problems += guide_address_problems(data, pages)
    if problems:
        raise CatalogError(problems)
    report = LoadReport()
    try:
        with transaction.atomic():
            with search_index.deferred():  # each changed career's document, once
                if releases is not None:
                    report.releases = load_releases(releases)
                categories = {}
                if pages is not None:
                    categories, written = load_fields(pages)
                    for slug in written:
                        report.add("updated", f"field {slug}")
                _load(data, report)
                if pages is not None:
                    guides = {record["slug"] for record in data["careers"]}
                    report.pages = load_pages(pages, categories, guides)
                    remove_unused_categories([*fields, *(c["slug"] for c in data["categories"])])
                    if report.pages.created or report.pages.updated:
                        versions.bump_after_commit()  # bulk writes send no signals
            _refresh_skill_keys(report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _load(data, report):
    importer = system_user(IMPORTER)
    categories = {c.slug: c for c in Category.objects.all()}
    for index, record in enumerate(data["categories"]):
        wanted = {
            "name": record["name"],
            "description": record.get("description", ""),
            "position": record.get("position", index),
        }
        category = categories.get(record["slug"])
        status, category = _upsert(category, wanted, Category, importer, slug=record["slug"])
        categories[record["slug"]] = category
        report.add(status, f"category {record['slug']}")

    existing = {
        c.slug: c
        for c in Career.objects.filter(slug__in=[r["slug"] for r in data["careers"]])
        .with_parts(day=True)
        .prefetch_related("aliases")
    }
    skill_cache, workplace_cache = {}, {}
    for record in data["careers"]:
        slug = record["slug"]
        wanted = _career_values(record, slug, [])
        wanted["category"] = categories[record["category"]]
        wanted["has_guide"] = True
        parts = _parts(record)
        career = existing.get(slug)
        # The career's history entry is written once, with its parts (careers.versions).
        status, career = _upsert(career, wanted, Career, importer, history=False, slug=slug)
        if status == "created" or _current_parts(career) != parts:
            if status == "unchanged":
                status = "updated"
                career.skip_history_when_saving = True
                career.save()  # bumps updated_at: the guide changed
                del career.skip_history_when_saving
            _write_parts(career, parts, skill_cache, workplace_cache)
        if status != "unchanged":
            record_version(career, importer, IMPORT_REASON, created=status == "created")
        existing[slug] = career
        report.add(status, f"career {slug}")

    for record in data["comparisons"]:
        a, b = existing.get(record["a"]), existing.get(record["b"])
        a = a or Career.objects.get(slug=record["a"])
        b = b or Career.objects.get(slug=record["b"])
        comparison = Comparison.objects.for_pair(a, b).first()
        wanted = {
            "career_a": a,
            "career_b": b,
            "is_published": record.get("published", True),
            "is_featured": record.get("featured", False),
            "intro": record.get("intro", ""),
        }
        status, _ = _upsert(comparison, wanted, Comparison, importer)
        report.add(status, f"comparison {a.slug}-vs-{b.slug}")


def _refresh_skill_keys(report):
    """Skills whose matching key is stale (the alias table changed) get the current one."""
    for skill in Skill.objects.all():
        if skill.match_name != skill_key(skill.name):
            skill.save()
            report.add("updated", f"skill {skill.name}")


def _upsert(instance, wanted, model, importer, history=True, **identity):
    if instance is None:
        instance = model(**identity)
        status = "created"
    else:
        changed = any(getattr(instance, name) != value for name, value in wanted.items())
        status = "updated" if changed else "unchanged"
    if status != "unchanged":
        for name, value in wanted.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance._history_user, instance._change_reason = importer, IMPORT_REASON
        if not history:
            instance.skip_history_when_saving = True
        instance.save()
        if not history:
            del instance.skip_history_when_saving
    return status, instance


def dump_catalog():
    """The database's guides, their categories but the fields, and the comparisons, as a
    JSON-serialisable dict in a stable order (the pages without a guide come from
    catalog/occupations.csv)."""
    careers = (
        Career.objects.filter(has_guide=True)
        .with_parts(day=True)
        .prefetch_related("aliases")
        .order_by("slug")
    )
    fields = field_slugs()  # catalog/fields.csv holds those
    return {
        "version": FORMAT_VERSION,
        "categories": [
            {"slug": c.slug, "name": c.name, "description": c.description, "position": c.position}
            for c in Category.objects.exclude(slug__in=fields).order_by("position", "slug")
        ],
        "careers": [_career_record(c) for c in careers],
        "comparisons": [
            {
                "a": c.career_a.slug,
                "b": c.career_b.slug,
                "published": c.is_published,
                "featured": c.is_featured,
                "intro": c.intro,
            }
            for c in Comparison.objects.select_related("career_a", "career_b").order_by(
                "career_a__slug", "career_b__slug"
            )
        ],
    }


def _career_record(career):
    parts = _current_parts(career)
    return {
        "slug": career.slug,
        "title": career.title,
        "category": career.category.slug,
        "summary": career.summary,
        "common_titles": career.common_title_list,
        "aliases": parts["aliases"],
        "typical_hours": career.typical_hours,
        "salary_min": career.salary_min,
        "salary_max": career.salary_max,
        "salary_median": career.salary_median,
        "pay_basis": career.pay_basis,
        "salary_max_top_coded": career.salary_max_top_coded,
        "salary_year": career.salary_year,
        "growth_pct": f"{career.growth_pct:f}",
        "growth_horizon": career.growth_horizon,
        "demand_override": career.demand_override,
        "employment": career.employment,
        "employment_year": career.employment_year,
        "annual_openings": career.annual_openings,
        "education_level": EDUCATION_NAMES[career.education_level],
        "entry_education": career.entry_education,
        "work_experience": career.work_experience,
        "job_training": career.job_training,
        "soc_code": career.soc_code,
        "figures_note": career.figures_note,
        "why_it_matters": career.why_it_matters,
        "day_to_day": career.day_to_day,
        "day": [{"time": t, "activity": a} for t, a in parts["day"]],
        "skills": parts["skills"],
        "workplaces": parts["workplaces"],
        "education_routes": parts["routes"],
        "credentials": [dict(zip(CREDENTIAL_KEYS, c, strict=True)) for c in parts["credentials"]],
        "sources": [
            {"title": t, "url": u, "period": p, "accessed": a} for t, u, p, a in parts["sources"]
        ],
        "last_reviewed": career.last_reviewed.isoformat(),
        "published": career.is_published,
    }


def dumps(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
