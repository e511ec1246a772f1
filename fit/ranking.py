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
- Reasons are the answers that count most for the occupation, citing the element of the
  statement the occupation rates highest: for a liked kind of work only when it rates it
  at least LIKE_MIN_RATING, for one you would rather avoid only when it rates it below
  DISLIKE_MAX_RATING.
- The filters are optional: entry education at most the one you have or will have (BLS's
  category; a job with none stated stays in), a median pay floor nationally or in a state
  (a job whose median BLS did not publish there is left out once a floor is set).

Queries: one reads the element order, one the published careers with a profile (their
standard scores, and with a state their median there), one the occupations shown with
their ratings. Ranking the full catalogue is arithmetic over a few thousand numbers.
"""

from dataclasses import dataclass, field

from django.db import models

from careers.formatting import growth_text
from careers.models import Career, onet_ratings
from fit.statements import BY_KEY
from occupations import wages
from occupations.formatting import money_full
from occupations.models import OnetProfile
from occupations.onet import Profile
from occupations.scales import EntryEducation

RESULTS_SHOWN = 20
REASONS_SHOWN = 3
# An answer is a reason for an occupation when the occupation sits at least this many
# standard deviations on the answer's side of the mean in that kind of work.
REASON_MIN_SCORE = 0.5
# A liked kind of work is cited only where the job rates it at least “important”; one you
# would rather avoid only where the job rates it below “important” at most.
LIKE_MIN_RATING = 3.0
DISLIKE_MAX_RATING = 2.5

# The rules as the page states them.
RULES = {
    "shown": RESULTS_SHOWN,
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


@dataclass
class Fit:
    career: Career
    score: float
    pay: int | None
    reasons: list = field(default_factory=list)

    @property
    def outlook(self):
        return growth_text(self.career)

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


def ranked_rows(education=None, state=None):
    """One query: (pk, title, standard scores, median) of each published career that has an
    O*NET profile, within the education limit; the median is the state's with a state."""
    scores = OnetProfile.objects.filter(soc_code=models.OuterRef("soc_code"))
    rows = (
        Career.objects.published()
        .filter(soc_code__in=OnetProfile.objects.values("soc_code"))
        .annotate(
            standard=models.Subquery(
                scores.values("standard_scores")[:1], output_field=models.JSONField()
            )
        )
        .order_by()
    )
    if education:
        allowed = allowed_education(education)
        rows = rows.filter(models.Q(entry_education__in=allowed) | models.Q(entry_education=""))
    if state:
        rows = wages.with_state_pay(rows, state)
        return rows.values_list("pk", "title", "standard", "state_median")
    return rows.values_list("pk", "title", "standard", "salary_median")


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
    positions = element_positions()
    columns = {
        key: [positions[e] for e in BY_KEY[key].elements if e in positions] for key in weights
    }
    columns = {key: where for key, where in columns.items() if where}
    total = sum(abs(weights[key]) for key in columns) or 1
    scored = []
    for pk, title, standard, pay in ranked_rows(education, state):
        if not standard:
            continue
        found.considered += 1
        if pay_floor and (pay is None or pay < pay_floor):
            found.below_floor += 1
            continue
        score = sum(
            weights[key] * sum(standard[i] for i in where) / len(where)
            for key, where in columns.items()
        )
        scored.append((-score / total, title, pk, pay, standard))
    scored.sort(key=lambda item: item[:3])
    best = scored[:RESULTS_SHOWN]
    careers = (
        Career.objects.filter(pk__in=[item[2] for item in best])
        .annotate(onet_ratings=onet_ratings())
        .only(*RESULT_FIELDS)
        .in_bulk()
    )
    for negative, _, pk, pay, standard in best:
        career = careers[pk]
        fit = Fit(career, -negative, pay)
        profile = Profile(career.soc_code, career.onet_ratings)
        statement_scores = {
            key: sum(standard[i] for i in where) / len(where) for key, where in columns.items()
        }
        fit.reasons = reasons_for(weights, statement_scores, profile)
        found.results.append(fit)
    return found


def reasons_for(weights, statement_scores, profile):
    """
    Up to REASONS_SHOWN Reasons: what you like before what you would rather avoid, each
    group by how much the answer adds to this occupation's fit (weight × its score on the
    statement). Each cites the statement's element the occupation rates highest, as O*NET
    rates it.
    """
    candidates = []
    for key, score in statement_scores.items():
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
        candidates.append((not liked, -weight * score, key, Reason(BY_KEY[key], liked, top)))
    candidates.sort(key=lambda item: item[:3])
    return [reason for *_, reason in candidates[:REASONS_SHOWN]]
