"""
Area wages as pages read them: one SOC code's summary (national, every state, the top metro
areas, rebuilt whenever wages are loaded), the known places, and one place's figures as an
annotation of a query of careers.

A wage row travels as a JSON object named by the AreaWage fields (`wage_data`), whether a
summary holds it or a query builds it (`place_annotation`), and is read back by one function
(`wage_from_data`): the field types come from the model, so nothing here is kept in step by
hand.
"""

import json
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.db import DatabaseError, connections, models
from django.db.models import F, JSONField, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject

from occupations.figures import pay_gap_is_small
from occupations.formatting import round_half_up
from occupations.models import FIGURE_FIELDS, Area, AreaKind, AreaWage, PaySummary, WageFigures
from publishing import versions

METROS_LISTED = 10
SUMMARY_VERSION = 3
# The fields of Area that pages read, kept in a summary with each row.
AREA_FIELDS = ("code", "slug", "name", "kind", "postal", "state_codes")
# Figures stored as decimals (the rest are whole dollars or people): read off the model.
DECIMAL_FIGURES = frozenset(
    name
    for name in FIGURE_FIELDS
    if isinstance(AreaWage._meta.get_field(name), models.DecimalField)
)


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """An area as a summary holds it (the fields of Area that pages read)."""

    code: str
    slug: str
    name: str
    kind: str
    postal: str
    state_codes: str

    @property
    def state_list(self):
        return self.state_codes.split()


@dataclass(frozen=True, slots=True)
class ReleaseRef:
    release_id: str
    reference_period: str
    data_year: int | None


class PlaceWage(WageFigures):
    """A wage row read from JSON: the figures and properties of an AreaWage without the
    cost of a model instance."""

    def __init__(self, area, release, soc, footnotes, **figures):
        self.area, self.release, self.soc, self.footnotes = area, release, soc, footnotes
        for name in FIGURE_FIELDS:
            setattr(self, name, figures.get(name))


def wage_data(wage):
    """An AreaWage (with its area) as a JSON object named by its fields; a figure not
    published and empty values are left out (they read back as None and empty)."""
    data = {f"area_{name}": getattr(wage.area, name) for name in AREA_FIELDS}
    data = {key: value for key, value in data.items() if value}
    for name in FIGURE_FIELDS:
        value = getattr(wage, name)
        if value is None:
            continue
        if name in DECIMAL_FIGURES:
            # As the database stores it (2 places), whether read back or not yet written.
            value = str(Decimal(value).quantize(Decimal("0.01")))
        data[name] = value
    if wage.footnotes:
        data["footnotes"] = wage.footnotes
    return data


def wage_from_data(data, soc, release):
    """A PlaceWage from `wage_data`'s object or `place_annotation`'s; None stays None."""
    if not data:
        return None
    if isinstance(data, str):
        data = json.loads(data)
    figures = {}
    for name in FIGURE_FIELDS:
        value = data.get(name)
        figures[name] = (
            Decimal(str(value)) if value is not None and name in DECIMAL_FIGURES else value
        )
    notes = data.get("footnotes") or {}
    if isinstance(notes, str):
        notes = json.loads(notes)
    area = PlaceRef(*(data.get(f"area_{name}") or "" for name in AREA_FIELDS))
    return PlaceWage(area, release, soc, notes, **figures)


# --- One SOC code's summary ----------------------------------------------------------------


def summarise(wages, release):
    """The summary of one SOC code from its AreaWage rows (each with its area)."""
    national = next((w for w in wages if w.area.kind == AreaKind.NATIONAL), None)
    states = sorted((w for w in wages if w.area.kind == AreaKind.STATE), key=lambda w: w.area.name)
    metros = [w for w in wages if w.area.kind == AreaKind.METRO]
    top_paying = sorted(
        (w for w in metros if w.median.sort_value is not None),
        key=lambda w: (-w.median.sort_value, w.area.name),
    )[:METROS_LISTED]
    most_jobs = sorted(
        (w for w in metros if w.employment is not None),
        key=lambda w: (-w.employment, w.area.name),
    )[:METROS_LISTED]
    return {
        "version": SUMMARY_VERSION,
        "release": release.release_id,
        "period": release.reference_period,
        "year": release.data_year,
        "national": wage_data(national) if national else None,
        "states": [wage_data(w) for w in states],
        "top_paying": [wage_data(w) for w in top_paying],
        "most_jobs": [wage_data(w) for w in most_jobs],
    }


@dataclass
class Summary:
    """A summary read back: PlaceWage rows. Empty (falsy) without national figures."""

    soc: str = ""
    period: str = ""
    year: int | None = None
    national: object = None
    states: list = field(default_factory=list)
    top_paying: list = field(default_factory=list)
    most_jobs: list = field(default_factory=list)

    def __bool__(self):
        return self.national is not None


def read_summary(data, soc):
    """A Summary from a PaySummary's data (see summary_annotation); an empty one if stale."""
    if not data or data.get("version") != SUMMARY_VERSION or not data.get("national"):
        return Summary()
    release = ReleaseRef(data["release"], data["period"], data["year"])
    rows = {
        name: [wage_from_data(row, soc, release) for row in data[name]]
        for name in ("states", "top_paying", "most_jobs")
    }
    return Summary(
        soc=soc,
        period=data["period"],
        year=data["year"],
        national=wage_from_data(data["national"], soc, release),
        **rows,
    )


def write_summaries(summaries):
    """{soc: (release, data)} → PaySummary rows, writing only what differs. Returns how many
    were written. Bulk writes: the caller bumps the content version."""
    existing = {s.soc: s for s in PaySummary.objects.filter(soc__in=list(summaries))}
    create, update = [], []
    for soc, (release, data) in summaries.items():
        summary = existing.get(soc)
        if summary is None:
            create.append(PaySummary(soc=soc, release=release, data=data))
        elif summary.release_id != release.pk or summary.data != data:
            summary.release, summary.data = release, data
            update.append(summary)
    PaySummary.objects.bulk_create(create, batch_size=500)
    PaySummary.objects.bulk_update(update, ["release", "data"], batch_size=500)
    return len(create) + len(update)


def rebuild_summaries(socs):
    """Rebuild the summaries of these SOC codes from their AreaWage rows; a code with no
    rows left loses its summary. Returns how many summaries were written or deleted."""
    socs = sorted(set(socs))
    by_soc = {}
    rows = AreaWage.objects.filter(soc__in=socs).select_related("area", "release").order_by()
    for wage in rows.iterator(chunk_size=2000):
        by_soc.setdefault(wage.soc, []).append(wage)
    summaries = {}
    for soc, wages in by_soc.items():
        release = max((w.release for w in wages), key=lambda r: r.data_year)
        summaries[soc] = (release, summarise(wages, release))
    gone = PaySummary.objects.filter(soc__in=socs).exclude(soc__in=list(by_soc))
    deleted, _ = gone.delete()
    return write_summaries(summaries) + deleted


def summary_annotation(soc_field="soc_code"):
    """For a query with a SOC code: `.annotate(pay_summary=summary_annotation())`."""
    return Subquery(
        PaySummary.objects.filter(soc=OuterRef(soc_field)).values("data")[:1],
        output_field=JSONField(),
    )


# --- One place's figures -------------------------------------------------------------------


def place_annotation(place, soc_field):
    """An annotation: the AreaWage of the SOC code in the outer query's `soc_field` in
    `place` (an area slug), as `wage_data`'s object plus its release, or null."""
    values = {name: F(name) for name in (*FIGURE_FIELDS, "footnotes")}
    values.update({f"area_{name}": F(f"area__{name}") for name in AREA_FIELDS})
    values.update(period=F("release__reference_period"), year=F("release__data_year"))
    rows = AreaWage.objects.filter(soc=OuterRef(soc_field), area__slug=place).order_by()
    return Subquery(rows.values(found=JSONObject(**values))[:1], output_field=JSONField())


def wage_in_place(data, soc):
    """A PlaceWage from `place_annotation`'s object (None stays None)."""
    if not data:
        return None
    if isinstance(data, str):
        data = json.loads(data)
    release = ReleaseRef("", data.get("period") or "", data.get("year"))
    return wage_from_data(data, soc, release)


def with_state_pay(queryset, state, soc_field="soc_code"):
    """Annotate each row with its SOC code's median and its period in a state (by slug):
    two subqueries of the same indexed row, no query of their own."""
    rows = AreaWage.objects.filter(soc=OuterRef(soc_field), area__slug=state).order_by()
    return queryset.annotate(
        state_median=Subquery(rows.values("annual_median")[:1]),
        state_period=Subquery(rows.values("release__reference_period")[:1]),
    )


def paid_in(state, soc_field="soc_code", using="default"):
    """A filter: the rows whose SOC code has a published median in the state (by slug).
    The codes are read once, in one indexed query, and passed to the database as a single
    list: a filter on `with_state_pay`'s median instead looks the median up row by row (at
    5,000 careers, about 40 ms a count against a few)."""
    socs = list(
        AreaWage.objects.using(using)
        .filter(area__slug=state, annual_median__isnull=False)
        .values_list("soc", flat=True)
    )
    if connections[using].vendor == "postgresql":
        listed = RawSQL("SELECT unnest(%s::text[])", [socs])
    else:
        listed = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(socs)])
    return Q(**{f"{soc_field}__in": listed})


def occupation_page_url(soc, year):
    """BLS's OEWS page for one occupation and release year (national figures, state maps)."""
    return f"https://www.bls.gov/oes/{year}/may/oes{soc.replace('-', '')}.htm"


def state_pages_url(postal, year):
    """BLS's OEWS page for every occupation in one state."""
    return f"https://www.bls.gov/oes/{year}/may/oes_{postal.lower()}.htm"


def difference(value, reference):
    """How `value` compares with `reference`, in words: “about the same as”, “12% more
    than”, “8% less than”."""
    gap = value - reference
    if pay_gap_is_small(value, reference):
        return "about the same as"
    share = round_half_up(Decimal(abs(gap) * 100) / Decimal(reference))
    return f"{share}% {'more' if gap > 0 else 'less'} than"


# --- Known areas, in memory ----------------------------------------------------------------


@dataclass(frozen=True)
class PlaceIndex:
    """Every area's slug, name and kind: read once per content version, so checking a
    `?place=` value or listing the states costs no query on a cached page."""

    by_slug: dict = field(default_factory=dict)  # slug -> (name, kind, state_codes, postal)

    def metros_in(self, postal):
        """(slug, name) of the metro and nonmetro areas that lie (partly) in a state."""
        return sorted(
            ((slug, name) for slug, (name, kind, codes, _) in self.by_slug.items()
             if kind != "state" and postal in codes.split()),
            key=lambda item: item[1],
        )  # fmt: skip

    def states_of(self, postals):
        return sorted(
            (slug, name)
            for slug, (name, kind, _, postal) in self.by_slug.items()
            if kind == "state" and postal in postals
        )


_places = {"version": None, "index": PlaceIndex()}
_places_lock = threading.Lock()


def places():
    version = versions.current()
    key = version.etag_base if version is not None else None
    if key is not None and _places["version"] == key:
        return _places["index"]
    try:
        rows = Area.objects.exclude(kind=AreaKind.NATIONAL).values_list(
            "slug", "name", "kind", "state_codes", "postal"
        )
        index = PlaceIndex(
            {slug: (name, kind, codes, postal) for slug, name, kind, codes, postal in rows}
        )
    except DatabaseError:
        return _places["index"]
    with _places_lock:
        _places.update(version=key, index=index)
    return index


@cache
def state_choices():
    """(slug, name) of the 54 OEWS states and territories, from settings.US_STATES_FILE (the
    file the loader reads too): listing them costs no query."""
    with open(settings.US_STATES_FILE, encoding="utf-8") as handle:
        return [(state["slug"], state["name"]) for state in json.load(handle)]


def place_slug(value, kinds=("state", "metro", "nonmetro")):
    """Page-cache normaliser: a real area slug, else None (the plain page)."""
    value = value.strip().lower()
    if not value or len(value) > 100 or not value.isascii():
        return None
    found = places().by_slug.get(value)
    return value if found is not None and found[1] in kinds else None


def state_slug(value):
    return place_slug(value, kinds=("state",))
