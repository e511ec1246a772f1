"""
What fits you: US occupations ranked by how well their O*NET profiles match a person's
answers to the /fit/ statements (fit.statements). The rules, stated on the page:

- Each statement stands for a few O*NET skills and work activities. An occupation's score
  on a statement is the mean of those elements' standard scores (how far its rating sits
  from the mean of all O*NET profiles, in standard deviations, computed when the profiles
  are loaded: occupations.onet.standard_scores).
- An answer weighs its statement from −2 (“Not for me”) to +2 (“Love it”); “Not sure”
  and no answer weigh nothing. An occupation's fit is the weighted mean of its statement
  scores: high on what you like and low on what you would rather avoid ranks first.
- Outlook counts in the order, not in the fit: an occupation BLS projects to shrink by
  more than STEEP_DECLINE_PCT % by the projection year ranks as if its fit were
  DECLINE_PENALTY lower. That is the fit tolerance (FIT_TOLERANCE): fits closer than it are
  comparable, so a steeply shrinking occupation never outranks a growing (or stable) one
  of comparable fit, and still leads when its fit is better by more than the tolerance. The
  fit shown is the fit itself; the result says when its place was lowered.
- Reasons are the answers that count most for the occupation, citing the element of the
  statement the occupation rates highest: for a liked kind of work only when it rates it
  at least LIKE_MIN_RATING, for one you would rather avoid only when it rates it below
  DISLIKE_MAX_RATING.
- The filters are optional: entry education at most the one you have or will have (BLS's
  category; a job with none stated stays in), a median pay floor nationally or in a state
  (a job whose median BLS did not publish there is left out once a floor is set).

Queries: one checks that the statement scores this process keeps are current (they are
made from the stored standard scores once per load: StatementScores), one reads the
published careers (pk, SOC code, median), one more a state's medians, one the occupations
shown with their ratings. Ranking is a few multiplications per occupation.
"""

import heapq
import threading
from dataclasses import dataclass, field

from django.db import models
from django.db.models.functions import Cast

from careers.formatting import growth_text, outlook_badge
from careers.models import Career, onet_ratings
from fit.statements import BY_KEY, STATEMENTS
from occupations import wages
from occupations.formatting import money_full
from occupations.models import AreaWage, OnetProfile
from occupations.onet import Profile
from occupations.scales import EntryEducation

RESULTS_SHOWN = 20
REASONS_SHOWN = 3
# An answer is a reason for an occupation when the occupation sits at least this many
# standard deviations on the answer's side of the mean in that kind of work.
REASON_MIN_SCORE = 0.5
# A liked kind of work is cited only where the job rates it at least 3 (“important” or
# close to it); one you would rather avoid only where the job rates it below 2.5 (at most
# “somewhat important”).
LIKE_MIN_RATING = 3.0
DISLIKE_MAX_RATING = 2.5

# Fits closer than this (in standard scores) are comparable. An occupation projected to lose
# more than STEEP_DECLINE_PCT % of its jobs ranks as if its fit were DECLINE_PENALTY lower:
# below any comparable fit that is not shrinking steeply.
FIT_TOLERANCE = 0.1
STEEP_DECLINE_PCT = 10
DECLINE_PENALTY = FIT_TOLERANCE

# The rules as the page states them.
RULES = {
    "shown": RESULTS_SHOWN,
    "tolerance": FIT_TOLERANCE,
    "steep_decline": STEEP_DECLINE_PCT,
    "penalty": DECLINE_PENALTY,
    "reasons": REASONS_SHOWN,
    "like_min": LIKE_MIN_RATING,
    "dislike_max": DISLIKE_MAX_RATING,
}

# What a result shows of a career: its query reads nothing else.
RESULT_FIELDS = (
    "title",
    "slug",
    "soc_code",
    "has_guide",
    "salary_median",
    "growth_pct",
    "growth_horizon",
    "demand_override",
    "entry_education",
    "education_level",
)


@dataclass(frozen=True)
class Reason:
    statement: object  # fit.statements.Statement
    liked: bool
    rating: object  # occupations.onet.Rating: the element cited

    @property
    def text(self):
        if self.liked:
            return (
                f"You like {self.statement.phrase}; this job rates {self.rating.name} "
                f"{self.rating.shown} of 5"
            )
        return (
            f"You’d rather avoid {self.statement.phrase}; this job rates {self.rating.name} "
            f"only {self.rating.shown} of 5"
        )


def shrinks_steeply(growth_pct):
    """Whether BLS projects a loss of more than STEEP_DECLINE_PCT % of the jobs."""
    return growth_pct < -STEEP_DECLINE_PCT


def ranking_score(fit, growth_pct):
    """The score results are ordered by: the fit, less DECLINE_PENALTY for a steep decline."""
    return fit - DECLINE_PENALTY if shrinks_steeply(growth_pct) else fit


@dataclass
class Fit:
    career: Career
    score: float  # the fit: the weighted mean of the statement scores
    pay: int | None
    reasons: list = field(default_factory=list)

    @property
    def lowered(self):
        """Ranked below its fit for a steep projected decline."""
        return shrinks_steeply(self.career.growth_pct)

    @property
    def rank_score(self):
        return ranking_score(self.score, self.career.growth_pct)

    @property
    def outlook(self):
        return growth_text(self.career)

    @property
    def outlook_word(self):
        """(words, tone) of the outlook badge: “High demand”, “Shrinking”…"""
        return outlook_badge(self.career)

    @property
    def pay_text(self):
        return money_full(self.pay) if self.pay is not None else "not published"


@dataclass
class Fits:
    weights: dict  # statement key -> weight, answered ones only (never 0)
    state: str | None = None
    state_name: str | None = None
    education: str | None = None
    pay_floor: int | None = None
    results: list = field(default_factory=list)
    considered: int = 0  # occupations ranked (after the education filter)
    below_floor: int = 0  # left out by the pay floor
    no_pay: int = 0  # of those, the ones without a published median there

    @property
    def paid_below(self):
        """Left out by the pay floor with a median below it."""
        return self.below_floor - self.no_pay

    @property
    def where(self):
        return f"in {self.state_name}" if self.state_name else "in the US"

    @property
    def education_label(self):
        return EntryEducation(self.education).label if self.education else None


def allowed_education(education):
    """BLS's entry categories at or below `education` (an EntryEducation value)."""
    limit = EntryEducation(education).rank
    return [entry.value for entry in EntryEducation if entry.rank <= limit]


def element_positions():
    """{element id: position in every profile's ratings and standard scores} (one query)."""
    ratings = OnetProfile.objects.values_list("ratings", flat=True).first() or []
    return {item["id"]: i for i, item in enumerate(ratings)}


def statement_elements():
    """[(statement, [O*NET element names])]: what each statement stands for (one query)."""
    ratings = OnetProfile.objects.values_list("ratings", flat=True).first() or []
    names = {item["id"]: item["name"] for item in ratings}
    return [(s, [names[e] for e in s.elements if e in names]) for s in STATEMENTS]


def statement_scores_of(standard, columns):
    """One profile's score on each statement: the mean of its elements' standard scores."""
    return tuple(
        sum(standard[i] for i in where) / len(where) if where else 0.0 for where in columns
    )


class StatementScores:
    """
    {SOC code: its score on each statement, in STATEMENTS order}, made from the standard
    scores stored at load and kept in this process until the stored profiles change: a
    load replaces every row, so their count and highest id tell (one small query a
    request). Made once, ranking the catalogue is a few multiplications per occupation.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.mark = None
        self.by_soc = {}

    def current(self):
        found = OnetProfile.objects.aggregate(count=models.Count("pk"), last=models.Max("pk"))
        mark = (found["count"], found["last"])
        if mark != self.mark:
            with self.lock:
                if mark != self.mark:
                    self.by_soc = self.read()
                    self.mark = mark
        return self.by_soc

    @staticmethod
    def read():
        positions = element_positions()
        columns = [[positions[e] for e in s.elements if e in positions] for s in STATEMENTS]
        # A few hundred profiles at a time: all of them decoded at once (about 5,800 lists
        # of 76 floats at 5,000 careers) raised a worker's peak memory by some 25 MB.
        rows = OnetProfile.objects.values_list("soc_code", "standard_scores")
        return {
            soc: statement_scores_of(standard, columns)
            for soc, standard in rows.iterator(chunk_size=250)
            if standard
        }

    def forget(self):
        with self.lock:
            self.mark, self.by_soc = None, {}


statement_scores = StatementScores()


def candidates(education=None, state=None):
    """One query, two with a state: (pk, SOC code, median, projected growth %) of every
    published career with a SOC code, within the education limit; the median is the
    state's with a state."""
    # The growth as a float: converting thousands of decimals took longer than the ranking.
    rows = (
        Career.objects.published()
        .exclude(soc_code="")
        .order_by()
        .annotate(growth=Cast("growth_pct", models.FloatField()))
    )
    if education:
        allowed = allowed_education(education)
        rows = rows.filter(models.Q(entry_education__in=allowed) | models.Q(entry_education=""))
    if not state:
        return rows.values_list("pk", "soc_code", "salary_median", "growth")
    medians = dict(AreaWage.objects.filter(area__slug=state).values_list("soc", "annual_median"))
    return [
        (pk, soc, medians.get(soc), growth)
        for pk, soc, growth in rows.values_list("pk", "soc_code", "growth")
    ]


def find_fits(weights, education=None, state=None, pay_floor=None):
    """
    The best-fitting occupations for `weights` ({statement key: weight}, from the answers),
    best first. `education` an EntryEducation value or None, `state` a known state slug or
    None, `pay_floor` whole dollars a year or None.
    """
    weights = {key: weight for key, weight in weights.items() if weight and key in BY_KEY}
    found = Fits(weights, state, None, education, pay_floor)
    if state:
        found.state_name = dict(wages.state_choices()).get(state)
    if not weights:
        return found
    by_soc = statement_scores.current()
    answered = [(i, weights[s.key]) for i, s in enumerate(STATEMENTS) if s.key in weights]
    total = sum(abs(weight) for _, weight in answered)
    ranked = []
    for pk, soc, pay, growth in candidates(education, state):
        scores = by_soc.get(soc)
        if scores is None:
            continue
        found.considered += 1
        if pay_floor and (pay is None or pay < pay_floor):
            found.below_floor += 1
            found.no_pay += pay is None
            continue
        fit = sum(weight * scores[i] for i, weight in answered) / total
        ranked.append((-ranking_score(fit, growth), soc, pk, pay, fit))
    best = heapq.nsmallest(RESULTS_SHOWN, ranked)
    careers = (
        Career.objects.filter(pk__in=[pk for _, _, pk, _, _ in best])
        .annotate(onet_ratings=onet_ratings())
        .only(*RESULT_FIELDS)
        .in_bulk()
    )
    for _, soc, pk, pay, score in best:
        career = careers[pk]
        fit = Fit(career, score, pay)
        scores = dict(zip((s.key for s in STATEMENTS), by_soc[soc], strict=True))
        fit.reasons = reasons_for(
            weights,
            {key: scores[key] for key in weights},
            Profile(career.soc_code, career.onet_ratings),
        )
        found.results.append(fit)
    return found


def reasons_for(weights, scores, profile):
    """
    Up to REASONS_SHOWN Reasons: what you like before what you would rather avoid, each
    group by how much the answer adds to this occupation's fit (weight × its score on the
    statement). Each cites the statement's element the occupation rates highest, as O*NET
    rates it.
    """
    found = []
    for key, score in scores.items():
        weight = weights[key]
        liked = weight > 0
        if (score if liked else -score) < REASON_MIN_SCORE:
            continue
        rated = [profile[e] for e in BY_KEY[key].elements if e in profile.ratings]
        if not rated:
            continue
        top = max(rated, key=lambda rating: rating.importance)
        shown = float(top.shown)
        if (liked and shown < LIKE_MIN_RATING) or (not liked and shown >= DISLIKE_MAX_RATING):
            continue
        found.append((not liked, -weight * score, key, Reason(BY_KEY[key], liked, top)))
    found.sort(key=lambda item: item[:3])
    return [reason for *_, reason in found[:REASONS_SHOWN]]
