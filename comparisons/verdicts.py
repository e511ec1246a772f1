"""
The verdicts a comparison states, defined once: what counts as a win, what is “about
the same”, and what is said when a figure is missing. /about/data/ and the README explain
these rules to readers; tests/comparisons/test_verdicts.py holds one case per rule.

- Pay: a difference of at most $2,000, or at most 3 % of the higher figure, is “about the
  same” (occupations.figures.pay_gap_is_small, which state pages use too). Pay estimates come
  from a survey and carry sampling error; a gap that small should not decide anything.
- Growth: projections within half a percentage point are “about the same”: they are
  estimates ten years out, and a smaller gap says nothing useful. When neither career
  grows, no career is called faster-growing: the verdict says which one shrinks less,
  or that neither grows.
- A figure one career lacks is named as missing; nothing stands in for it.
- A top-coded figure (OEWS publishes only “at least $239,200”) is a lower bound: it wins
  only when the other figure is clearly below the top code.
- A seed career's pay is a stated range, not percentiles: verdicts say which they compare.
- Only sourced figures decide: a figure the editors state without a published source (the
  seed's ranges and growth, on careers without a SOC code: Career.pay_is_sourced,
  growth_is_sourced) never wins or loses against a sourced one; the verdict says it is not
  compared, and why. Two editors' figures are still compared with each other.

`pay_verdict` is the rule for any two pay figures (a median, a state's median…) and is
meant to be reused: call it with the two amounts and the careers' names.

Shortlists (three or four careers) use the same rules, not a second set: a career
*leads* when no other career beats it by the pair rule above. One leader is named; when
several lead, they are named together as “about the same”; when every career leads, the
verdict is “about the same” for all. A career lacking a figure is named as missing and
left out of the ranking.
"""

from dataclasses import dataclass
from decimal import Decimal

from careers.models import OEWS_TOP_CODE, Career, EntryEducation
from occupations.figures import pay_gap_is_small
from occupations.formatting import growth, money_full

GROWTH_TOLERANCE_POINTS = Decimal("0.5")


@dataclass
class Verdict:
    label: str
    value: str
    winner: Career | str | None = None
    # win | near-tie | tie | missing | shrinking | not-comparable
    outcome: str = "win"

    def __str__(self):
        return f"{self.label}: {self.value}." if self.label else f"{self.value}."


def _money(amount, top_coded=False):
    return f"at least {money_full(amount)}" if top_coded else money_full(amount)


def pay_verdict(
    a_amount,
    b_amount,
    *,
    a_name,
    b_name,
    label="Higher pay",
    a_top_coded=False,
    b_top_coded=False,
):
    """
    Which of two pay figures is higher, by the site's rules. Amounts are USD a year or
    None (not published); a top-coded amount is the top code, meaning “at least”. The
    winner is returned as its name (a_name or b_name), or None.
    """
    missing = [name for name, amount in ((a_name, a_amount), (b_name, b_amount)) if amount is None]
    if len(missing) == 2:
        return Verdict(label, f"not published for {a_name} or {b_name}", outcome="missing")
    if missing:
        return Verdict(
            label, f"cannot say, no published figure for {missing[0]}", outcome="missing"
        )
    shown_a, shown_b = _money(a_amount, a_top_coded), _money(b_amount, b_top_coded)
    if a_top_coded and b_top_coded:
        return Verdict(
            label, f"cannot say, both are at least {money_full(a_amount)}", outcome="tie"
        )
    if a_top_coded or b_top_coded:
        top_name, top, other_name, other = (
            (a_name, a_amount, b_name, b_amount)
            if a_top_coded
            else (b_name, b_amount, a_name, a_amount)
        )
        if other < top and not pay_gap_is_small(top, other):
            return Verdict(label, f"{top_name} (at least {money_full(top)})", top_name)
        return Verdict(
            label,
            f"cannot say, {top_name} is at least {money_full(top)} and {other_name} "
            f"{money_full(other)}",
            outcome="near-tie",
        )
    if a_amount == b_amount:
        return Verdict(label, f"neither, both {shown_a}", outcome="tie")
    if pay_gap_is_small(a_amount, b_amount):
        return Verdict(label, f"about the same ({shown_a} and {shown_b})", outcome="near-tie")
    return Verdict(
        label, a_name if a_amount > b_amount else b_name, a_name if a_amount > b_amount else b_name
    )


def _editors_against_sourced(careers, sourced_of):
    """(sourced, editors'): the careers whose figure has a published source, and the rest,
    when both kinds are present; else (careers, [])."""
    sourced = [c for c in careers if sourced_of(c)]
    if not sourced or len(sourced) == len(careers):
        return list(careers), []
    return sourced, [c for c in careers if not sourced_of(c)]


def _aside_note(aside):
    figures = "figure" if len(aside) == 1 else "figures"
    titles = names(c.title for c in aside)
    return f" (not compared: {titles}, the editors' {figures} with no published source)"


def _pay_sourced(career):
    return career.pay_is_sourced


def _growth_sourced(career):
    return career.growth_is_sourced


def _ceiling_measure(career):
    return "top of a stated range" if career.salary_is_range else "90th percentile"


def salary_ceiling_verdict(a, b):
    """The higher top of pay: 90th percentiles, or the tops of ranges where that is all."""
    _, aside = _editors_against_sourced([a, b], _pay_sourced)
    if aside:
        editors, other = (a, b) if aside[0] is a else (b, a)
        return Verdict(
            "Higher salary ceiling",
            f"not compared, the range for {editors.title} is the editors' figure with no "
            f"published source, and {other.title}'s is from BLS",
            outcome="not-comparable",
        )
    measures = {_ceiling_measure(a), _ceiling_measure(b)}
    if measures == {"90th percentile"}:
        label = "Higher salary ceiling (90th percentile)"
    elif measures == {"top of a stated range"}:
        label = "Higher salary ceiling (top of the stated ranges)"
    else:
        label = "Higher salary ceiling"
    verdict = pay_verdict(
        a.salary_max,
        b.salary_max,
        a_name=a.title,
        b_name=b.title,
        label=label,
        a_top_coded=a.salary_max_top_coded,
        b_top_coded=b.salary_max_top_coded,
    )
    verdict.winner = {a.title: a, b.title: b}.get(verdict.winner)
    if len(measures) == 2:
        # Different measures: say so, so nobody reads it as like for like.
        verdict.value += (
            f" (not the same measure: {_ceiling_measure(a)} for {a.title}, "
            f"{_ceiling_measure(b)} for {b.title})"
        )
    return verdict


def growth_verdict(a, b):
    """Projected growth with its tolerance; shrinking careers are never “faster growth”."""
    label = "Faster projected growth"
    if a.growth_horizon != b.growth_horizon:
        return Verdict(
            label,
            f"not comparable, the projections run to {a.growth_horizon} and {b.growth_horizon}",
            outcome="not-comparable",
        )
    _, aside = _editors_against_sourced([a, b], _growth_sourced)
    if aside:
        editors, other = (a, b) if aside[0] is a else (b, a)
        return Verdict(
            label,
            f"not compared, {growth(editors.growth_pct)} for {editors.title} is the editors' "
            f"figure, not a BLS projection like {other.title}'s {growth(other.growth_pct)}",
            outcome="not-comparable",
        )
    ga, gb = Decimal(a.growth_pct), Decimal(b.growth_pct)
    both = f"{growth(ga)} and {growth(gb)}"
    if ga <= 0 and gb <= 0:
        if ga == gb:
            what = "both hold steady" if ga == 0 else f"both shrink by {growth(ga)[1:]}"
            return Verdict("Neither is projected to grow", what, outcome="shrinking")
        if abs(ga - gb) <= GROWTH_TOLERANCE_POINTS:
            return Verdict(
                "Neither is projected to grow",
                f"they shrink by about the same ({both})",
                outcome="shrinking",
            )
        better, worse = (a, b) if ga > gb else (b, a)
        if Decimal(better.growth_pct) == 0:
            return Verdict(
                "Neither is projected to grow",
                f"{better.title} holds steady, {worse.title} shrinks ({growth(worse.growth_pct)})",
                better,
                outcome="shrinking",
            )
        return Verdict(
            "Shrinks less",
            f"{better.title} ({both}; neither is projected to grow)",
            better,
            outcome="shrinking",
        )
    if ga == gb:
        return Verdict(label, f"neither, both {growth(ga)}", outcome="tie")
    if abs(ga - gb) <= GROWTH_TOLERANCE_POINTS:
        return Verdict(label, f"neither, about the same ({both})", outcome="near-tie")
    faster, slower = (a, b) if ga > gb else (b, a)
    value = faster.title
    if Decimal(slower.growth_pct) < 0:
        value += f" ({slower.title} is projected to shrink)"
    return Verdict(label, value, faster)


def entry_education(career):
    return EntryEducation(career.entry_education) if career.entry_education else None


def education_verdict(a, b):
    """Same entry education, in BLS's own categories where both careers have one."""
    label = "Same education level"
    ea, eb = entry_education(a), entry_education(b)
    if ea and eb:
        if ea == eb:
            return Verdict(label, "yes", outcome="tie")
        return Verdict(
            label,
            f"no ({a.title}: {ea.label.lower()}; {b.title}: {eb.label.lower()})",
        )
    if a.education_level == b.education_level:
        return Verdict(label, "yes", outcome="tie")
    return Verdict(
        label,
        f"no ({a.title}: {a.education_label.lower()}; {b.title}: {b.education_label.lower()})",
    )


def median_verdict(a, b):
    """The sentence about typical pay: medians only, never a midpoint or a guess."""
    ma, mb = a.salary_median, b.salary_median
    if ma is None and mb is None:
        return Verdict(
            "",
            f"Neither {a.title} nor {b.title} has a published median, so typical pay is "
            "not compared",
            outcome="missing",
        )
    if ma is None or mb is None:
        lacking, other = (a, b) if ma is None else (b, a)
        return Verdict(
            "",
            f"No published median for {lacking.title}, so typical pay is not compared "
            f"({other.title}: {money_full(other.salary_median)})",
            outcome="missing",
        )
    _, aside = _editors_against_sourced([a, b], _pay_sourced)
    if aside:
        editors, other = (a, b) if aside[0] is a else (b, a)
        return Verdict(
            "",
            f"The median for {editors.title} is the editors' figure with no published source, "
            f"so typical pay is not compared ({other.title}: {money_full(other.salary_median)}, "
            "BLS)",
            outcome="not-comparable",
        )
    if ma == mb:
        return Verdict(
            "",
            f"{a.title} and {b.title} have the same median pay ({money_full(ma)})",
            outcome="tie",
        )
    if pay_gap_is_small(ma, mb):
        return Verdict(
            "",
            f"{a.title} and {b.title} typically pay about the same at the median "
            f"({money_full(ma)} and {money_full(mb)})",
            outcome="near-tie",
        )
    winner, loser = (a, b) if ma > mb else (b, a)
    return Verdict(
        "",
        f"{winner.title} typically pays more at the median "
        f"({money_full(winner.salary_median)} against {money_full(loser.salary_median)})",
        winner,
    )


def ceiling_text(career):
    """The top of pay in words: “$211,450 (90th percentile)”, “at least $239,200”…"""
    if career.salary_max_top_coded:
        return f"at least {money_full(OEWS_TOP_CODE)} (90th percentile)"
    return f"{money_full(career.salary_max)} ({_ceiling_measure(career)})"


# Several careers (a shortlist): the pair rules above decide every head-to-head.


def names(titles):
    """“A”, “A and B”, “A, B and C”."""
    titles = list(titles)
    if len(titles) < 2:
        return "".join(titles)
    return f"{', '.join(titles[:-1])} and {titles[-1]}"


def leaders(careers, beats):
    """The careers no other career beats (`beats(x, y)`: x clearly ahead of y), in order."""
    return [c for c in careers if not any(beats(other, c) for other in careers if other is not c)]


def _pay_beats(amount_of, top_coded_of=lambda c: False):
    def beats(x, y):
        verdict = pay_verdict(
            amount_of(x),
            amount_of(y),
            a_name="x",
            b_name="y",
            a_top_coded=top_coded_of(x),
            b_top_coded=top_coded_of(y),
        )
        return verdict.winner == "x"

    return beats


def pay_verdict_many(
    careers, amount_of, *, label, top_coded_of=lambda c: False, sourced_of=_pay_sourced
):
    """
    Which of several careers' pay figures is highest: the pair rule, every head-to-head,
    among the sourced figures when there are any (the editors' are set aside, and named).
    """
    compared, aside = _editors_against_sourced(
        [c for c in careers if amount_of(c) is not None], sourced_of
    )
    if aside:
        if len(compared) == 1:
            return Verdict(
                label,
                f"cannot say, only {compared[0].title}'s figure has a published source"
                + _aside_note(aside),
                outcome="not-comparable",
            )
        verdict = pay_verdict_many(
            [c for c in careers if c not in aside],
            amount_of,
            label=label,
            top_coded_of=top_coded_of,
            sourced_of=lambda c: True,
        )
        verdict.value += _aside_note(aside)
        return verdict
    known = [c for c in careers if amount_of(c) is not None]
    missing = [c.title for c in careers if amount_of(c) is None]
    if not known:
        return Verdict(label, "not published for any of them", outcome="missing")
    if len(known) == 1:
        return Verdict(
            label, f"cannot say, no published figure for {names(missing)}", outcome="missing"
        )
    missing_note = f" (no published figure for {names(missing)})" if missing else ""

    def shown(group):
        return names(_money(amount_of(c), top_coded_of(c)) for c in group)

    top = leaders(known, _pay_beats(amount_of, top_coded_of))
    if len(top) == 1:
        return Verdict(label, top[0].title + missing_note, top[0])
    if all(top_coded_of(c) for c in top):
        # Lower bounds only (“at least $239,200”): which is higher is not known.
        every = "both" if len(top) == 2 else "all"
        value = (
            f"cannot say between {names(c.title for c in top)}, {every} at least "
            f"{money_full(amount_of(top[0]))}"
        )
        return Verdict(label, value + missing_note, outcome="tie")
    if len(top) < len(known):
        leading = names(c.title for c in top)
        return Verdict(
            label, f"{leading}, about the same ({shown(top)})" + missing_note, outcome="near-tie"
        )
    exact = len({amount_of(c) for c in known}) == 1 and not any(top_coded_of(c) for c in known)
    if exact:
        value = f"none, all {money_full(amount_of(known[0]))}"
        return Verdict(label, value + missing_note, outcome="tie")
    return Verdict(label, f"about the same ({shown(known)})" + missing_note, outcome="near-tie")


def salary_ceiling_verdict_many(careers):
    """The highest top of pay among several careers (90th percentiles or stated ranges)."""
    known = [c for c in careers if c.salary_max is not None]
    compared, aside = _editors_against_sourced(known, _pay_sourced)
    measures = {_ceiling_measure(c) for c in (compared if aside else careers)}
    if measures == {"90th percentile"}:
        label = "Highest salary ceiling (90th percentile)"
    elif measures == {"top of a stated range"}:
        label = "Highest salary ceiling (top of the stated ranges)"
    else:
        label = "Highest salary ceiling"
    verdict = pay_verdict_many(
        careers,
        lambda c: c.salary_max,
        label=label,
        top_coded_of=lambda c: c.salary_max_top_coded,
    )
    if len(measures) == 2:
        ranges = [c.title for c in careers if c.salary_is_range and c not in aside]
        verdict.value += (
            f" (not the same measure: the top of a stated range for {names(ranges)}, "
            "the 90th percentile for the others)"
        )
    return verdict


def median_verdict_many(careers):
    """Typical pay among several careers: medians only, never a midpoint or a guess."""
    return pay_verdict_many(careers, lambda c: c.salary_median, label="Highest median pay")


def growth_verdict_many(careers):
    """Projected growth among several careers, by the pair rule in every head-to-head."""
    label = "Fastest projected growth"
    horizons = sorted({c.growth_horizon for c in careers})
    if len(horizons) > 1:
        years = names(str(year) for year in horizons)
        return Verdict(
            label, f"not comparable, the projections run to {years}", outcome="not-comparable"
        )

    compared, aside = _editors_against_sourced(careers, _growth_sourced)
    if aside:
        if len(compared) == 1:
            return Verdict(
                label,
                f"cannot say, only {compared[0].title}'s projection is from BLS"
                + _aside_note(aside),
                outcome="not-comparable",
            )
        verdict = growth_verdict_many(compared)
        verdict.value += _aside_note(aside)
        return verdict

    def shown(group):
        return names(growth(c.growth_pct) for c in group)

    top = leaders(careers, lambda x, y: growth_verdict(x, y).winner is x)
    leading = names(c.title for c in top)
    if all(Decimal(c.growth_pct) <= 0 for c in careers):
        label = "None is projected to grow"
        if len(top) == len(careers):
            if len({Decimal(c.growth_pct) for c in careers}) == 1:
                what = "all hold steady" if Decimal(top[0].growth_pct) == 0 else "all shrink"
                return Verdict(label, f"{what} ({shown(careers)})", outcome="shrinking")
            return Verdict(
                label, f"they shrink by about the same ({shown(careers)})", outcome="shrinking"
            )
        if len(top) == 1 and Decimal(top[0].growth_pct) == 0:
            return Verdict(label, f"{leading} holds steady ({shown(careers)})", top[0], "shrinking")
        verb = "shrinks" if len(top) == 1 else "shrink"
        return Verdict(
            label,
            f"{leading} {verb} least ({shown(careers)})",
            top[0] if len(top) == 1 else None,
            outcome="shrinking",
        )
    shrinking = [c.title for c in careers if Decimal(c.growth_pct) < 0]
    shrink_note = (
        f" ({names(shrinking)} {'is' if len(shrinking) == 1 else 'are'} projected to shrink)"
        if shrinking
        else ""
    )
    if len(top) == 1:
        return Verdict(label, leading + shrink_note, top[0])
    if len(top) < len(careers):
        return Verdict(
            label, f"{leading}, about the same ({shown(top)})" + shrink_note, outcome="near-tie"
        )
    if len({Decimal(c.growth_pct) for c in careers}) == 1:
        return Verdict(label, f"none, all {growth(careers[0].growth_pct)}", outcome="tie")
    return Verdict(label, f"about the same ({shown(careers)})", outcome="near-tie")


def education_verdict_many(careers):
    """Whether every career starts from the same education (BLS's categories where all
    have one); if not, the careers grouped by where they start, lowest first."""
    label = "Same education level"
    entries = [entry_education(c) for c in careers]
    if all(entries):
        order = list(EntryEducation)
        levels = [(order.index(entry), entry.label) for entry in entries]
    else:
        levels = [(c.education_level, c.education_label) for c in careers]
    if len(set(levels)) == 1:
        return Verdict(label, "yes", outcome="tie")
    groups = {}
    for career, level in zip(careers, levels, strict=True):
        groups.setdefault(level, []).append(career.title)
    parts = [f"{name.lower()}: {names(titles)}" for (_, name), titles in sorted(groups.items())]
    return Verdict(label, f"no ({'; '.join(parts)})")
