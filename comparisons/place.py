"""
A comparison by place: both careers' pay and jobs in one state or metro area (BLS OEWS), side
by side, with verdicts. The page's careers are read with one annotation each
(`place_annotation`), so choosing a place costs no query of its own.

Verdicts follow the comparison's rules (comparisons.verdicts): pay within $2,000 or 3 % is
"about the same"; a top-coded figure is "at least"; a figure a career lacks is said to be
missing, never guessed.
"""

from dataclasses import dataclass, field

from careers import pay
from comparisons.verdicts import pay_verdict
from occupations import wages
from occupations.models import AreaWage


def median_verdict(a, b, wa, wb, where):
    """'<career> typically pays more at the median in <where>', or about the same, or what
    is missing: the comparison's own pay rule (comparisons.verdicts.pay_verdict)."""
    medians = [None if wage is None else wage.median for wage in (wa, wb)]
    missing = [
        career.title
        for career, median in zip((a, b), medians, strict=True)
        if median is None or median.sort_value is None
    ]
    if missing:
        return f"No median pay in {where} for {' or '.join(missing)}, so no verdict on pay"
    ma, mb = (median.sort_value for median in medians)
    verdict = pay_verdict(
        ma,
        mb,
        a_name=a.title,
        b_name=b.title,
        a_top_coded=medians[0].top_coded,
        b_top_coded=medians[1].top_coded,
    )
    if verdict.outcome != "win":
        if medians[0].top_coded or medians[1].top_coded:
            return f"Median pay in {where}: {verdict.value}"
        return f"{a.title} and {b.title} typically pay about the same at the median in {where}"
    winner, loser = (a, b) if verdict.winner == a.title else (b, a)
    high, low = max(ma, mb), min(ma, mb)
    share = round((high - low) * 100 / low)
    more = f"at least {share}%" if medians[0].top_coded or medians[1].top_coded else f"{share}%"
    return (
        f"{winner.title} typically pays more at the median in {where}: "
        f"{more} more than {loser.title}"
    )


def jobs_verdict(a, b, wa, wb, where):
    ja = wa.employment if wa is not None else None
    jb = wb.employment if wb is not None else None
    if ja is None or jb is None:
        return None
    if ja == jb:
        return f"As many {a.title} as {b.title} jobs in {where}"
    winner = a if ja > jb else b
    return f"More jobs in {where}: {winner.title} ({max(ja, jb):,} against {min(ja, jb):,})"


@dataclass
class PlaceComparison:
    slug: str
    name: str
    kind: str
    a: object
    b: object
    wage_a: AreaWage | None
    wage_b: AreaWage | None
    verdicts: list = field(default_factory=list)
    metros: list = field(default_factory=list)  # (slug, name) in a chosen state
    states: list = field(default_factory=list)  # (slug, name) a chosen metro lies in

    @property
    def period(self):
        for wage in (self.wage_a, self.wage_b):
            if wage is not None:
                return wage.release.reference_period
        return ""

    @property
    def sides(self):
        return [(self.a, self.wage_a), (self.b, self.wage_b)]

    @property
    def rows(self):
        blank = AreaWage()
        wa, wb = self.wage_a or blank, self.wage_b or blank
        return [
            ("Median pay", wa.median, wb.median),
            ("25th percentile (early career)", wa.p25, wb.p25),
            ("75th percentile (experienced)", wa.p75, wb.p75),
            ("10th percentile", wa.p10, wb.p10),
            ("90th percentile", wa.p90, wb.p90),
            ("Jobs", wa.jobs, wb.jobs),
        ]

    @property
    def chart(self):
        rows = [(c.title, w) for c, w in self.sides if w is not None]
        return pay.pay_chart(rows) if rows else None


def reason_missing(career, wage, where):
    if not career.soc_code:
        return f"{career.title} has no BLS occupation code, so no figures by place"
    if wage is None:
        return f"BLS publishes no figures for {career.title} in {where}"
    return ""


def compare_in_place(a, b, slug, found_a, found_b):
    """The place section for `slug` (a real area slug), from the careers' annotations."""
    index = wages.places()
    if slug not in index.by_slug:
        return None
    name, kind, state_codes, postal = index.by_slug[slug]
    wa, wb = wages.wage_in_place(found_a, a.soc_code), wages.wage_in_place(found_b, b.soc_code)
    verdicts = [median_verdict(a, b, wa, wb, name)]
    jobs = jobs_verdict(a, b, wa, wb, name)
    if jobs:
        verdicts.append(jobs)
    for career, wage in ((a, wa), (b, wb)):
        reason = reason_missing(career, wage, name)
        if reason:
            verdicts.append(reason)
    comparison = PlaceComparison(
        slug=slug, name=name, kind=kind, a=a, b=b, wage_a=wa, wage_b=wb, verdicts=verdicts
    )
    if kind == "state":
        comparison.metros = index.metros_in(postal)
    else:
        comparison.states = index.states_of(state_codes.split())
    return comparison
