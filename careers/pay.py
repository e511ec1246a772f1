"""
Pay where you live: what guides, state pages and comparisons show of a career's area
wages (BLS OEWS), assembled in small plain functions that views and tests both call.

Queries are few and bounded whatever the catalogue's size: a guide reads a summary per SOC
code (national, every state, the top metro areas; rebuilt whenever wages are loaded) as an
annotation of its career query, so its map costs no query; a state page reads the nation and
every state in one query and the state's metro areas in one more.
"""

from dataclasses import dataclass, field

from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from careers import charts
from occupations import wages
from occupations.formatting import money_short
from occupations.models import AreaKind, AreaWage
from occupations.wages import difference, occupation_page_url, state_pages_url

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
    """From the career's `pay_summary` annotation (wages.summary_annotation): no query."""
    summary = wages.read_summary(getattr(career, "pay_summary", None), career.soc_code)
    if not summary:
        return GuidePay()
    return GuidePay(
        career_slug=career.slug,
        soc=summary.soc,
        period=summary.period,
        year=summary.year,
        national=summary.national,
        states=summary.states,
        top_paying=summary.top_paying,
        most_jobs=summary.most_jobs,
        sort=sort if sort in STATE_SORTS else "state",
    )


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


# --- A state page ----------------------------------------------------------------------------


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
