"""
Loading the OEWS extract (occupations/data/oews-YYYY.csv.gz, written by `importoews`) into
the area wages: the release, its areas and one row per (SOC code, area).

`read_area_wages` validates everything first (the extract's every value, its description
and checksum, the states file) and reports problems as plain sentences; `load_area_wages`
then writes only what differs, in bulk, inside the caller's transaction: loading the same
extract twice writes nothing. Bulk writes send no signals, so the content version is
bumped here, once, when something changed.
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import connection, connections, models
from django.utils.text import slugify

from occupations import oews, wages
from occupations.files import STATES_FILE, default_extract
from occupations.models import Area, AreaKind, AreaWage, PaySummary, WageRelease
from publishing import versions

BATCH_SIZE = 1000
NATIONAL_NAME = "United States"
NATIONAL_SLUG = "united-states"
# The figures, as AreaWage fields, in the extract's order.
FIGURES = [name for name, _, _ in oews.FIGURES]
DECIMALS = {name for name, _, kind in oews.FIGURES if kind == oews.DECIMAL}


class AreaWagesError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the OEWS extract")


@dataclass
class Extract:
    path: Path
    rows: list
    info: dict
    states: dict  # postal code -> us_states.json record


@dataclass
class WagesReport:
    release: str = ""
    areas_created: int = 0
    areas_updated: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    summaries: int = 0
    written: bool = False

    def summary(self):
        return (
            f"area wages ({self.release}): {self.created:,} created, {self.updated:,} updated, "
            f"{self.deleted:,} deleted, {self.unchanged:,} unchanged; "
            f"{self.areas_created:,} areas created, {self.areas_updated:,} updated; "
            f"{self.summaries:,} guide summaries written"
        )


def read_area_wages(path=None, states_path=STATES_FILE):
    """The extract, its description and the states, every value checked.
    Raises AreaWagesError with sentences naming the file, line and column."""
    path = Path(path) if path else default_extract()
    if not path.exists():
        raise AreaWagesError([f"{path}: no such file"])
    try:
        rows = oews.read_extract(path)
    except oews.OEWSFormatError as error:
        raise AreaWagesError([str(error)]) from None
    info_file = oews.info_path(path)
    problems = []
    try:
        info = json.loads(info_file.read_text(encoding="utf-8"))
        described = info["extract"]
        if oews._sha256_file(path) != described["sha256"] or len(rows) != described["rows"]:
            problems.append(
                f"{path}: does not match its description {info_file.name} (sha256 or row "
                "count differ): rebuild both with `manage.py importoews`"
            )
        for key in ("release_id", "reference_period", "data_year"):
            if not isinstance(info.get(key), str) or not info[key]:
                problems.append(f"{info_file}: “{key}” is missing")
    except FileNotFoundError:
        raise AreaWagesError([f"{info_file}: no such file (the extract's description)"]) from None
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as error:
        raise AreaWagesError([f"{info_file}: not an extract description ({error!r})"]) from None
    if not re.fullmatch(r"[0-9]{4}", str(info.get("data_year", ""))):
        problems.append(f"{info_file}: data_year must be a year like 2025")

    try:
        records = json.loads(Path(states_path).read_text(encoding="utf-8"))
        states = {record["postal"]: record for record in records}
        by_code = {record["oews_area_code"]: record for record in records}
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise AreaWagesError([f"{states_path}: not a list of states ({error!r})"]) from None
    for row in rows:
        if row.area_type == "state" and row.area_code not in by_code:
            problems.append(
                f"{path}: state area {row.area_code} ({row.area_name}) is not in "
                f"{Path(states_path).name}"
            )
        for postal in row.states:
            if postal not in states:
                problems.append(
                    f"{path}: {row.area_name} lies in {postal}, which is not in "
                    f"{Path(states_path).name}"
                )
    if not any(row.area_type == "national" for row in rows):
        problems.append(f"{path}: no national rows")
    if problems:
        raise AreaWagesError(sorted(set(problems)))
    return Extract(path=path, rows=rows, info=info, states=states)


def _release_values(info):
    return {
        "reference_period": info["reference_period"],
        "data_year": int(info["data_year"]),
        "extract_file": info["extract"]["file"],
        "extract_sha256": info["extract"]["sha256"],
        "package": info.get("package", ""),
        "retrieved": info.get("retrieved", ""),
        "sources": info.get("sources", []),
    }


def _wanted_areas(extract):
    """{code: field values} for every area the extract names."""
    by_code = {record["oews_area_code"]: record for record in extract.states.values()}
    wanted = {}
    for row in extract.rows:
        if row.area_code in wanted:
            continue
        values = {
            "kind": row.area_type,
            "name": row.area_name,
            "slug": slugify(row.area_name)[:100],
            "state_codes": row.state_codes,
            "postal": "",
            "neighbours": "",
        }
        if row.area_type == AreaKind.NATIONAL:
            values.update(name=NATIONAL_NAME, slug=NATIONAL_SLUG)
        elif row.area_type == AreaKind.STATE:
            record = by_code[row.area_code]
            values.update(
                slug=record["slug"],
                postal=record["postal"],
                neighbours=" ".join(sorted(record["neighbours"])),
            )
        wanted[row.area_code] = values
    # Slugs are unique: a clash (none in May 2025) keeps the first and numbers the next.
    seen = set()
    for code in sorted(wanted, key=lambda c: (wanted[c]["kind"] != AreaKind.STATE, c)):
        slug = wanted[code]["slug"]
        if slug in seen:
            wanted[code]["slug"] = f"{slug[:92]}-{code}"
        seen.add(wanted[code]["slug"])
    return wanted


def _figure_values(row):
    values = {}
    footnotes = {}
    for name in FIGURES:
        value = getattr(row, name)
        values[name] = Decimal(value) if value is not None and name in DECIMALS else value
        note = getattr(row, name + "_footnote")
        if note is not None:
            footnotes[name] = note
    values["footnotes"] = footnotes
    return values


def load_area_wages(extract, report=None):
    """Write the release, its areas and wages; only what differs. Call inside a transaction."""
    report = report or WagesReport()
    info = extract.info
    report.release = f"OEWS {info['reference_period']}"

    release = WageRelease.objects.filter(release_id=info["release_id"]).first()
    wanted = _release_values(info)
    if release is None:
        release = WageRelease.objects.create(release_id=info["release_id"], **wanted)
        report.written = True
    elif any(getattr(release, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(release, name, value)
        release.save()
        report.written = True

    areas = {area.code: area for area in Area.objects.all()}
    new_areas, changed_areas = [], []
    wanted_areas = _wanted_areas(extract)
    for code, values in wanted_areas.items():
        area = areas.get(code)
        if area is None:
            new_areas.append(Area(code=code, **values))
        elif any(getattr(area, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(area, name, value)
            changed_areas.append(area)
    if changed_areas:
        _update_areas(changed_areas)
    if new_areas:
        Area.objects.bulk_create(new_areas, batch_size=BATCH_SIZE)
    report.areas_created, report.areas_updated = len(new_areas), len(changed_areas)
    if new_areas:
        areas = {area.code: area for area in Area.objects.all()}
    else:
        areas.update((area.code, area) for area in changed_areas)

    socs = sorted({row.soc for row in extract.rows})
    fields = ["release_id", *FIGURES, "footnotes"]
    existing = {
        (soc, code): (pk, values)
        for pk, soc, code, *values in AreaWage.objects.filter(soc__in=socs)
        .order_by()
        .values_list("pk", "soc", "area__code", *fields)
    }
    create, update, read = [], [], []
    keys = set()
    for row in extract.rows:
        key = (row.soc, row.area_code)
        keys.add(key)
        values = {"release_id": release.pk, **_figure_values(row)}
        read.append((row, values))
        current = existing.get(key)
        if current is None:
            create.append({"area_id": areas[row.area_code].pk, "soc": row.soc, **values})
        elif list(current[1]) != [values[name] for name in fields]:
            update.append(AreaWage(pk=current[0], **values))
        else:
            report.unchanged += 1
    stale = [pk for key, (pk, _) in existing.items() if key not in keys]
    if stale:
        for start in range(0, len(stale), BATCH_SIZE):
            AreaWage.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
    if update:
        AreaWage.objects.bulk_update(update, fields, batch_size=BATCH_SIZE)
    if create:
        _insert(create)
    report.created, report.updated, report.deleted = len(create), len(update), len(stale)
    # The guides' summaries follow the rows: rebuilt from the extract (no re-reading of the
    # rows written), written only where they differ.
    summaries = PaySummary.objects.filter(
        soc__in=socs, release=release, data__version=wages.SUMMARY_VERSION
    )
    current = summaries.count() == len(socs)
    if create or update or stale or new_areas or changed_areas or not current:
        report.summaries = _write_summaries(read, areas, release)
    if create or update or stale or new_areas or changed_areas or report.summaries:
        report.written = True
        versions.bump_after_commit()
    return report


def _insert(rows):
    """INSERT new rows (dicts of field values) with one prepared statement: a first load
    writes about 220,000, where bulk_create spends most of its time compiling SQL. Values
    that need it go through their field's own conversion, as the ORM would."""
    fields = [field for field in AreaWage._meta.concrete_fields if not field.primary_key]
    table = connection.ops.quote_name(AreaWage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    plain = (models.IntegerField, models.CharField, models.ForeignKey)
    prepare = [(field.attname, None if isinstance(field, plain) else field) for field in fields]
    # The connection itself, not django.db.connection (a proxy that looks it up again on
    # every attribute: a million times here, a third of a first load's time).
    database = connections[connection.alias]
    values = [
        [
            row[name] if field is None else field.get_db_prep_save(row[name], database)
            for name, field in prepare
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows; executemany sends one statement a row (a `restore`,
            # which writes all of them again, took 41 s here, 22 s with COPY).
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        for start in range(0, len(values), 5000):
            cursor.executemany(sql, values[start : start + 5000])


def _write_summaries(read, areas, release):
    """The summaries from the rows as read (light copies, not model instances)."""
    by_soc = {}
    for row, values in read:
        figures = {name: values[name] for name in FIGURES}
        wage = wages.PlaceWage(
            areas[row.area_code], release, row.soc, values["footnotes"], **figures
        )
        by_soc.setdefault(row.soc, []).append(wage)
    summaries = {soc: (release, wages.summarise(rows, release)) for soc, rows in by_soc.items()}
    return wages.write_summaries(summaries)


def _update_areas(changed):
    """Update areas whose fields changed; slugs via a placeholder so none clash midway."""
    names = ["kind", "name", "slug", "state_codes", "postal", "neighbours"]
    wanted_slugs = {area.pk: area.slug for area in changed}
    for area in changed:
        area.slug = f"moving-{area.pk}"
    Area.objects.bulk_update(changed, names, batch_size=BATCH_SIZE)
    for area in changed:
        area.slug = wanted_slugs[area.pk]
    Area.objects.bulk_update(changed, ["slug"], batch_size=BATCH_SIZE)
