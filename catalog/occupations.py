"""
A page for every occupation: the fields (SOC major groups in plain words, catalog/fields.csv)
become the careers' categories, and every detailed occupation (catalog/occupations.csv: its
address, plain title and the short forms people type) gets a career built from the public
releases alone, unless an editor has written its guide. A guide's prose is never touched
here; a page without a guide gets its figures again whenever the releases change.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from careers import search_index
from careers.models import SLUG_RULE, Career, CareerAlias, Category
from careers.release import RELEASE_FIELDS, release_figures
from careers.text import normalize_for_search
from occupations.models import AreaKind, AreaWage, Occupation, OnetProfile

CATALOG_DIR = Path(__file__).resolve().parent
OCCUPATIONS_FILE = CATALOG_DIR / "occupations.csv"
FIELDS_FILE = CATALOG_DIR / "fields.csv"
OCCUPATION_COLUMNS = ("soc_code", "slug", "title", "aliases", "field")
FIELD_COLUMNS = ("major_code", "slug", "name", "description", "position")
# The fields every page without a guide sets (and a load compares).
PAGE_FIELDS = (
    "title",
    "category_id",
    "common_titles",
    "has_guide",
    "is_published",
    *RELEASE_FIELDS,
)
BATCH = 500


class OccupationsFileError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the occupation files")


@dataclass(frozen=True)
class Page:
    soc_code: str
    slug: str
    title: str
    aliases: tuple
    field: str


@dataclass
class Pages:
    fields: list  # dicts of FIELD_COLUMNS
    pages: list  # Page, one per occupation

    def field_of(self, soc_code):
        return {f["major_code"]: f["slug"] for f in self.fields}.get(soc_code[:2])

    @property
    def by_soc(self):
        return {page.soc_code: page for page in self.pages}


@dataclass
class PagesReport:
    fields: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    guides: int = 0

    def summary(self):
        return (
            f"occupation pages: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.guides} with an editor's guide"
        )


def _rows(path, columns, problems):
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                problems.append(f"{path.name}: the columns must be {', '.join(columns)}")
                return []
            return list(reader)
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: cannot be read ({error})")
        return []


def read_pages(soc_codes, occupations_path=OCCUPATIONS_FILE, fields_path=FIELDS_FILE):
    """Both files, checked against each other and against the occupations' SOC codes."""
    problems = []
    fields = _rows(fields_path, FIELD_COLUMNS, problems)
    rows = _rows(occupations_path, OCCUPATION_COLUMNS, problems)
    field_slugs = set()
    for line, row in enumerate(fields, start=2):
        where = f"{fields_path.name} line {line}"
        if not re.fullmatch(r"\d\d", row["major_code"]):
            problems.append(f"{where}: major_code {row['major_code']!r} is not two digits")
        if not SLUG_RULE.regex.fullmatch(row["slug"]) or row["slug"] in field_slugs:
            problems.append(f"{where}: slug {row['slug']!r} is not a new slug")
        if not row["name"].strip():
            problems.append(f"{where}: the name is empty")
        if not row["position"].isdigit():
            problems.append(f"{where}: position {row['position']!r} is not a number")
        field_slugs.add(row["slug"])
    pages, slugs, titles, seen = [], set(), set(), set()
    for line, row in enumerate(rows, start=2):
        where = f"{occupations_path.name} line {line}"
        soc, slug, title = row["soc_code"], row["slug"], row["title"].strip()
        if soc in seen:
            problems.append(f"{where}: {soc} appears twice")
        seen.add(soc)
        if not SLUG_RULE.regex.fullmatch(slug) or "-vs-" in slug or len(slug) > 80:
            problems.append(f"{where}: {slug!r} is not a page address")
        elif slug in slugs:
            problems.append(f"{where}: the address {slug!r} is used twice")
        if not title or len(title) > 120 or title.lower() in titles:
            problems.append(f"{where}: the title {title!r} is empty, too long or used twice")
        if row["field"] not in field_slugs:
            problems.append(f"{where}: unknown field {row['field']!r}")
        slugs.add(slug)
        titles.add(title.lower())
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        pages.append(Page(soc, slug, title, aliases, row["field"]))
    missing, unknown = set(soc_codes) - seen, seen - set(soc_codes)
    if missing:
        problems.append(f"{occupations_path.name}: no page for {', '.join(sorted(missing))}")
    if unknown:
        problems.append(
            f"{occupations_path.name}: {', '.join(sorted(unknown))} are not occupations of the "
            "projections file"
        )
    if problems:
        raise OccupationsFileError(problems)
    return Pages(fields, pages)


def field_slugs(path=FIELDS_FILE):
    """The slugs of the fields file (no checks: for writing the catalogue back)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["slug"] for row in csv.DictReader(handle)]


def load_fields(pages):
    """The fields as categories (by slug); categories no career uses any more go."""
    existing = {c.slug: c for c in Category.objects.all()}
    # A category that is not a field but has a field's name (an older catalogue's) steps
    # aside: it goes once its careers have moved to the fields.
    field_slugs = {record["slug"] for record in pages.fields}
    field_names = {record["name"].strip().lower() for record in pages.fields}
    for category in existing.values():
        if category.slug not in field_slugs and category.name.lower() in field_names:
            category.name = f"{category.name} (before {category.slug})"[:80]
            category.save(update_fields=["name"])
    names = []
    for record in pages.fields:
        wanted = {
            "name": record["name"].strip(),
            "description": record["description"].strip(),
            "position": int(record["position"]),
        }
        category = existing.get(record["slug"]) or Category(slug=record["slug"])
        if category.pk is None or any(getattr(category, k) != v for k, v in wanted.items()):
            for name, value in wanted.items():
                setattr(category, name, value)
            category.full_clean(validate_unique=False)
            category.save()
            names.append(record["slug"])
        existing[record["slug"]] = category
    return existing, names


def remove_unused_categories(keep):
    Category.objects.exclude(slug__in=keep).filter(careers__isnull=True).delete()


def _other_titles(page, profile_titles):
    """O*NET's titles under the code, other than the page's own: shown as other titles."""
    own = page.title.lower()
    return "\n".join(t for t in profile_titles if t.strip() and t.strip().lower() != own)


def load_pages(pages, categories, guide_slugs, report=None):
    """
    A career for every occupation without one, and the figures of every page without a
    guide brought to the releases. `guide_slugs`: the careers the catalogue file writes (the
    editors' guides), left to it. Bulk writes: the caller reindexes search and bumps the
    content version (PagesReport.created/updated say whether anything changed).
    """
    report = report or PagesReport()
    occupations = {o.soc_code: o for o in Occupation.objects.all()}
    national = {
        w.soc: w
        for w in AreaWage.objects.filter(area__kind=AreaKind.NATIONAL).select_related("release")
    }
    titles = {
        soc: text.splitlines()
        for soc, text in OnetProfile.objects.values_list("soc_code", "titles")
    }
    existing = {c.soc_code: c for c in Career.objects.exclude(soc_code="")}
    create, update, changed_ids = [], [], []
    today = datetime.date.today()
    for page in pages.pages:
        career = existing.get(page.soc_code)
        if career is not None and (career.has_guide or career.slug in guide_slugs):
            report.guides += 1
            continue
        occupation = occupations[page.soc_code]
        wanted = release_figures(occupation, national.get(page.soc_code))
        wanted.update(
            title=page.title,
            category_id=categories[page.field].pk,
            common_titles=_other_titles(page, titles.get(page.soc_code, [])),
            has_guide=False,
            is_published=True,
        )
        if career is None:
            career = Career(soc_code=page.soc_code, slug=page.slug, last_reviewed=today, **wanted)
            create.append(career)
        elif career.slug != page.slug or any(getattr(career, k) != v for k, v in wanted.items()):
            for name, value in wanted.items():
                setattr(career, name, value)
            career.slug = page.slug
            update.append(career)
        else:
            report.unchanged += 1
    for career in create + update:
        career.full_clean(exclude=["category"], validate_unique=False, validate_constraints=False)
        career.sort_title = normalize_for_search(career.title)
    Career.objects.bulk_create(create, batch_size=BATCH)
    if update:
        Career.objects.bulk_update(update, ["slug", "sort_title", *PAGE_FIELDS], batch_size=BATCH)
    report.created, report.updated = len(create), len(update)
    by_soc = {page.soc_code: page for page in pages.pages}
    written = {
        c.soc_code: c
        for c in Career.objects.filter(soc_code__in=[c.soc_code for c in create + update])
    }
    changed_ids += _write_aliases(written, by_soc)
    changed_ids += [c.pk for c in written.values()]
    if changed_ids:
        search_index.changed(changed_ids)
    return report


def _write_aliases(careers, by_soc):
    """Each page's other names as the occupation file gives them; returns changed careers."""
    current = {}
    for career_id, name in CareerAlias.objects.filter(
        career__in=list(careers.values())
    ).values_list("career_id", "name"):
        current.setdefault(career_id, []).append(name)
    changed, stale, new = [], [], []
    for soc, career in careers.items():
        wanted = list(by_soc[soc].aliases)
        if current.get(career.pk, []) != wanted:
            changed.append(career.pk)
            stale.append(career.pk)
            new += [CareerAlias(career=career, name=name) for name in wanted]
    if stale:
        CareerAlias.objects.filter(career_id__in=stale).delete()
        CareerAlias.objects.bulk_create(new, batch_size=BATCH)
    return changed
