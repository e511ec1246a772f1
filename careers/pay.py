"""
Pay where you live: what guides, state pages and comparisons show of a career's area
wages (BLS OEWS), assembled in small plain functions that views and tests both call.

Queries are few and bounded whatever the catalogue's size: a guide reads a summary per SOC
code (national, every state, the top metro areas; rebuilt whenever wages are loaded) as an
annotation of its career query, so its map costs no query; a state page reads the nation and
every state in one query and the state's metro areas in one more.
"""

import json
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F, JSONField, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from careers import charts
from careers.areas import (
    FIGURE_FIELDS,
    Area,
    AreaKind,
    AreaWage,
    PaySummary,
    WageFigures,
)
from careers.figures import pay_gap_is_small
from careers.formatting import money_short
from publishing import versions

METROS_LISTED = 10


# --- The guide's summary (one JSON document per SOC code) --------------------------------------

SUMMARY_VERSION = 1
AREA_KEYS = ("code", "slug", "name", "kind", "postal", "state_codes")
DECIMAL_FIELDS = {"employment_rse", "location_quotient", "hourly_median", "wage_rse"}
CENTS = Decimal("0.01")


def _pack(wage):
    """An AreaWage (with its area) as a compact list: area keys, figures, footnotes."""
    area = [getattr(wage.area, key) for key in AREA_KEYS]
    figures = []
    for name in FIGURE_FIELDS:
        value = getattr(wage, name)
        if value is not None and name in DECIMAL_FIELDS:
            # As the database stores it (2 places), whether read back or not yet written.
            value = str(Decimal(value).quantize(CENTS))
        figures.append(value)
    return [*area, *figures, wage.footnotes or {}]


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """An area as a guide's summary holds it (the fields of Area that pages read)."""

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
    data_year: int


class SummaryWage(WageFigures):
    """A row unpacked from a guide's summary: the figures and properties of an AreaWage,
    without the cost of a model instance."""

    def __init__(self, area, release, soc, footnotes, **figures):
        self.area, self.release, self.soc, self.footnotes = area, release, soc, footnotes
        for name in FIGURE_FIELDS:
            setattr(self, name, figures.get(name))


def _unpack(packed, soc, release):
    """A SummaryWage from `_pack`'s list."""
    n = len(AREA_KEYS)
    area = PlaceRef(*packed[:n])
    figures = {}
    for name, value in zip(FIGURE_FIELDS, packed[n : n + len(FIGURE_FIELDS)], strict=True):
        figures[name] = Decimal(value) if value is not None and name in DECIMAL_FIELDS else value
    return SummaryWage(area, release, soc, packed[-1], **figures)


def summarise(soc, wages, release):
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
        "national": _pack(national) if national else None,
        "states": [_pack(w) for w in states],
        "top_paying": [_pack(w) for w in top_paying],
        "most_jobs": [_pack(w) for w in most_jobs],
    }


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
        summaries[soc] = (release, summarise(soc, wages, release))
    gone = PaySummary.objects.filter(soc__in=socs).exclude(soc__in=list(by_soc))
    deleted, _ = gone.delete()
    return write_summaries(summaries) + deleted


def summary_annotation():
    """For a Career queryset: `.annotate(pay_summary=pay.summary_annotation())`."""
    return Subquery(
        PaySummary.objects.filter(soc=OuterRef("soc_code")).values("data")[:1],
        output_field=JSONField(),
    )


# --- The guide -------------------------------------------------------------------------------

STATE_SORTS = {
    "state": "State (A–Z)",
    "median": "Median pay (highest first)",
    "jobs": "Jobs (most first)",
}


@dataclass
class GuidePay:
    """What a guide shows of a career's area wages. Empty (falsy) without them."""

    career_slug: str = ""
    soc: str = ""
    period: str = ""
    year: int | None = None
    national: AreaWage | None = None
    states: list = field(default_factory=list)  # AreaWage of every state, by name
    top_paying: list = field(default_factory=list)
    most_jobs: list = field(default_factory=list)
    sort: str = "state"

    def __bool__(self):
        return self.national is not None

    @property
    def national_chart(self):
        return pay_chart([("United States", self.national)]) if self.national else None

    @property
    def sorted_states(self):
        if self.sort == "median":
            return sorted(
                self.states,
                key=lambda w: (w.median.sort_value is None, -(w.median.sort_value or 0)),
            )
        if self.sort == "jobs":
            return sorted(self.states, key=lambda w: (w.employment is None, -(w.employment or 0)))
        return self.states

    @property
    def occupation_url(self):
        return occupation_page_url(self.soc, self.year) if self.soc and self.year else ""

    @property
    def table_rows(self):
        """The state table, ready to print: (name, state page URL or "", median, middle
        half, jobs); ≈ marks a less precise estimate. Built here, not in the template: 54
        rows of figures are most of a guide's rendering time."""
        url = reverse("careers:state-pay", kwargs={"slug": self.career_slug, "state": "-"})
        rows = []
        for w in self.sorted_states:
            median = ("≈" if w.wages_imprecise else "") + w.median.text
            if w.p25.published and w.p75.published:
                middle = f"{w.p25.short} – {w.p75.short}"
            else:
                middle = ""
            jobs = ("≈" if w.jobs_imprecise else "") + w.jobs.text
            link = url.replace("/-/", f"/{w.area.slug}/") if w.has_figures else ""
            rows.append((w.area.name, link, median, middle or w.p25.text, bool(middle), jobs))
        return rows

    @property
    def table_body(self):
        """The state table's rows as HTML (escaped here, see table_rows)."""
        return format_html_join(
            "\n",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    format_html('<a href="{}">{}</a>', link, name) if link else name,
                    median,
                    middle if published else format_html('<span class="muted">{}</span>', middle),
                    jobs,
                )
                for name, link, median, middle, published, jobs in self.table_rows
            ),
        )


def guide_pay(career, sort="state"):
    """From the career's `pay_summary` annotation (see summary_annotation): no query."""
    data = getattr(career, "pay_summary", None)
    if not data or data.get("version") != SUMMARY_VERSION or not data.get("national"):
        return GuidePay()
    soc = career.soc_code
    release = ReleaseRef(data["release"], data["period"], data["year"])
    return GuidePay(
        career_slug=career.slug,
        soc=soc,
        period=data["period"],
        year=data["year"],
        national=_unpack(data["national"], soc, release),
        states=[_unpack(row, soc, release) for row in data["states"]],
        top_paying=[_unpack(row, soc, release) for row in data["top_paying"]],
        most_jobs=[_unpack(row, soc, release) for row in data["most_jobs"]],
        sort=sort if sort in STATE_SORTS else "state",
    )


def occupation_page_url(soc, year):
    """BLS's OEWS page for one occupation and release year (national figures, state maps)."""
    return f"https://www.bls.gov/oes/{year}/may/oes{soc.replace('-', '')}.htm"


def state_pages_url(postal, year):
    """BLS's OEWS page for every occupation in one state."""
    return f"https://www.bls.gov/oes/{year}/may/oes_{postal.lower()}.htm"


# --- Charts ------------------------------------------------------------------------------------

# The layout of careers/charts.py: a phone-sized viewBox, labels above the bars.


@dataclass
class PayBar:
    """One row of a percentile chart: whiskers p10–p90, a box p25–p75, a median line."""

    label: str
    y: int
    text: str  # in full, for screen readers
    short: str = ""  # under the bar
    whisker: tuple | None = None  # (x1, x2)
    box: tuple | None = None  # (x, width)
    median_x: float | None = None
    open_ended: bool = False  # the 90th percentile is top-coded: "at least"


def _x(value, low, high):
    return round(charts.MARGIN + (value - low) / (high - low) * charts.PLOT_WIDTH, 1)


def pay_chart(rows, step=20_000):
    """rows: (label, AreaWage) pairs. A shared axis; missing figures are said, not drawn."""
    values = [
        figure.sort_value
        for _, wage in rows
        for figure in (wage.p10, wage.p25, wage.median, wage.p75, wage.p90)
        if figure.sort_value is not None
    ]
    if not values:
        return None
    low = min(values) // step * step
    high = -(-max(values) // step) * step
    if high == low:
        high += step
    bars = []
    for index, (label, wage) in enumerate(rows):
        bar = PayBar(
            label=label,
            y=charts.TOP + index * charts.ROW_HEIGHT,
            text=percentile_text(wage),
            short=percentile_short(wage),
        )
        p10, p25, p50, p75, p90 = (
            f.sort_value for f in (wage.p10, wage.p25, wage.median, wage.p75, wage.p90)
        )
        if p10 is not None and p90 is not None:
            bar.whisker = (_x(p10, low, high), _x(p90, low, high))
            bar.open_ended = wage.p90.top_coded
        if p25 is not None and p75 is not None:
            x1, x2 = _x(p25, low, high), _x(p75, low, high)
            bar.box = (x1, round(max(x2 - x1, 2), 1))
        if p50 is not None:
            bar.median_x = _x(p50, low, high)
        bars.append(bar)
    ticks = [{"x": _x(v, low, high), "text": money_short(v)} for v in range(low, high + 1, step)]
    while len(ticks) > 5:
        ticks = ticks[::2]
    return {"bars": bars, "ticks": ticks, **charts.axis(len(rows))}


def percentile_text(wage):
    """“median $97,550; middle half $80,330 – $112,350; 10th–90th percentile $68,940 – …”"""
    if not wage.median.published and not wage.median.top_coded:
        return f"pay {wage.median.text}"
    parts = [f"median {wage.median.text}"]
    if wage.p25.published and wage.p75.published:
        parts.append(f"middle half {wage.p25.text} – {wage.p75.text}")
    if wage.p10.published and (wage.p90.published or wage.p90.top_coded):
        parts.append(f"10th–90th percentile {wage.p10.text} – {wage.p90.text}")
    return "; ".join(parts)


def percentile_short(wage):
    """“median $98k · middle half $80k – $112k”, or why there is none."""
    if not wage.median.published and not wage.median.top_coded:
        return f"pay {wage.median.text}"
    text = f"median {wage.median.short}"
    if wage.p25.published and wage.p75.published:
        text += f" · middle half {wage.p25.short} – {wage.p75.short}"
    return text


# --- Known areas, in memory --------------------------------------------------------------------


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


# --- The careers index ----------------------------------------------------------------------


def with_state_pay(careers, state):
    """Annotate each career with its median and its period in a state (by slug): two
    subqueries of the same indexed row, no query of their own."""
    rows = AreaWage.objects.filter(soc=OuterRef("soc_code"), area__slug=state).order_by()
    return careers.annotate(
        state_median=Subquery(rows.values("annual_median")[:1]),
        state_period=Subquery(rows.values("release__reference_period")[:1]),
    )


# --- A state page ----------------------------------------------------------------------------


def difference(value, reference):
    """How `value` compares with `reference`, in words: “about the same as”, “12% more
    than”, “8% less than”."""
    gap = value - reference
    if pay_gap_is_small(value, reference):
        return "about the same as"
    share = round(abs(gap) * 100 / reference)
    return f"{share}% {'more' if gap > 0 else 'less'} than"


@dataclass
class StatePay:
    career_slug: str
    state: AreaWage
    national: AreaWage | None
    states: list  # every state's row, by name (this one included)
    metros: list  # metro and nonmetro areas in the state, highest median first

    def state_url(self, wage):
        return reverse(
            "careers:state-pay", kwargs={"slug": self.career_slug, "state": wage.area.slug}
        )

    @property
    def metro_body(self):
        """The metro table's rows as HTML (escaped here: up to 30 rows of figures)."""
        rows = []
        for m in self.metros:
            if m.p25.published and m.p75.published:
                middle = f"{m.p25.short} – {m.p75.short}"
            else:
                middle = format_html('<span class="muted">{}</span>', m.p25.text)
            rows.append(
                (
                    m.area.name,
                    ("≈" if m.wages_imprecise else "") + m.median.text,
                    middle,
                    ("≈" if m.jobs_imprecise else "") + m.jobs.text,
                )
            )
        return format_html_join(
            "\n", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>', rows
        )

    @property
    def others_body(self):
        """Links to the career's other state pages, with their medians."""
        url = reverse("careers:state-pay", kwargs={"slug": self.career_slug, "state": "-"})
        return format_html_join(
            "\n",
            '<li><a href="{}">{}</a> {}</li>',
            (
                (url.replace("/-/", f"/{w.area.slug}/"), w.area.name, w.median.short)
                for w in self.others
            ),
        )

    @property
    def period(self):
        return self.state.release.reference_period

    @property
    def year(self):
        return self.state.release.data_year

    @property
    def area(self):
        return self.state.area

    @property
    def versus_national(self):
        """“44% more than”, or None when either median is unknown."""
        if self.national is None:
            return None
        mine, theirs = self.state.median.sort_value, self.national.median.sort_value
        if mine is None or theirs is None:
            return None
        return difference(mine, theirs)

    @property
    def neighbours(self):
        postal = set(self.area.neighbour_list)
        return [
            (wage, difference(wage.median.sort_value, self.state.median.sort_value))
            if wage.median.sort_value is not None and self.state.median.sort_value is not None
            else (wage, None)
            for wage in self.states
            if wage.area.postal in postal
        ]

    @property
    def others(self):
        return [w for w in self.states if w.has_figures and w.area.code != self.area.code]

    @property
    def chart(self):
        rows = [(self.area.name, self.state)]
        if self.national is not None:
            rows.append(("United States", self.national))
        return pay_chart(rows)

    @property
    def rows(self):
        """The state against the nation: (label, state figure, national figure)."""
        national = self.national or AreaWage()
        return [
            ("Median pay", self.state.median, national.median),
            ("Median hourly pay", self.state.hourly, national.hourly),
            ("10th percentile", self.state.p10, national.p10),
            ("25th percentile (early career)", self.state.p25, national.p25),
            ("75th percentile (experienced)", self.state.p75, national.p75),
            ("90th percentile", self.state.p90, national.p90),
            ("Mean pay", self.state.mean, national.mean),
            ("Jobs", self.state.jobs, national.jobs),
        ]

    @property
    def occupation_url(self):
        return occupation_page_url(self.state.soc, self.year)

    @property
    def bls_state_url(self):
        return state_pages_url(self.area.postal, self.year)


def state_pay(career, state_slug):
    """A career's figures in one state, or None when that state has none published.
    Two queries: the nation and every state, then the state's metro areas."""
    if not career.soc_code:
        return None
    rows = list(
        AreaWage.objects.for_soc(career.soc_code)
        .filter(area__kind__in=[AreaKind.NATIONAL, AreaKind.STATE])
        .order_by("area__name")
    )
    national = next((w for w in rows if w.area.kind == AreaKind.NATIONAL), None)
    states = [w for w in rows if w.area.kind == AreaKind.STATE]
    state = next((w for w in states if w.area.slug == state_slug), None)
    if state is None or not state.has_figures:
        return None
    metros = list(
        AreaWage.objects.for_soc(career.soc_code)
        .metros()
        .filter(area__state_codes__contains=state.area.postal)
        .order_by(F("annual_median").desc(nulls_last=True), "area__name")
    )
    # "contains" on space-separated two-letter codes: keep exact matches only.
    metros = [w for w in metros if state.area.postal in w.area.state_list]
    return StatePay(
        career_slug=career.slug, state=state, national=national, states=states, metros=metros
    )
