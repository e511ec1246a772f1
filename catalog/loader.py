"""
Loading what the site is made of, all or nothing in one transaction: the public releases,
the fields and a page for every occupation (catalog.occupations), then the guides and
curated comparisons of the catalogue file (checked first by catalog.records), upserting by
slug; a record that already matches the database is not written at all. `dump_catalog`
writes the guides back in the file's format, so dump → load → dump is byte-identical.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.db import transaction

from careers import search_index
from careers.models import (
    Career,
    CareerAlias,
    CareerSkill,
    CareerWorkplace,
    Category,
    Credential,
    DayItem,
    EducationRoute,
    Skill,
    Source,
    Workplace,
)
from careers.skills import skill_key
from careers.versions import record_version
from catalog.occupations import field_slugs, load_fields, load_pages, remove_unused_categories
from catalog.records import (  # noqa: F401 (CatalogError, read_catalog, validate: the loader's surface)
    CREDENTIAL_KEYS,
    EDUCATION_NAMES,
    FORMAT_VERSION,
    IMPORT_REASON,
    IMPORTER,
    CatalogError,
    _career_values,
    _parts,
    guide_address_problems,
    read_catalog,
    validate,
)
from comparisons.models import Comparison
from occupations.releases import load_releases
from publishing import versions
from publishing.roles import system_user


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
