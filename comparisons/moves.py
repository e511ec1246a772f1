"""
Where you can go from here: the occupations a person in one career could move to, best
first, with what each move means for pay, outlook, entry education, licences and skills.
The rules (shown on the moves page and on /about/data/, which read these constants):

- Candidates are the origin's stored O*NET neighbours (`ProfileSimilarity`: its nearest
  occupations at a centred cosine of at least `occupations.onet.MIN_SIMILARITY`), ranked
  by that score (less the education penalty below): how much of the work carries over.
- A move is left out when any single rating stands in the way: an element the target
  rates at least GAP_IMPORTANT (“important”) that it rates at least MAX_GAP points above
  the origin. A high cosine can hide one large gap (a nurse and a surgeon share most of a
  profile's shape); a gap that large is a different job, not a step.
- Pay change compares the two medians, nationally or in one state, by the site's pay rule
  (`comparisons.verdicts.pay_verdict`): within the tolerance it is “about the same”, and a
  figure BLS did not publish is named as missing.
- The entry education step compares BLS's typical entry education categories. A move whose
  entry education sits EDUCATION_JUMP or more of BLS's categories above the origin's (a
  bachelor's degree to a doctoral or professional one: medical school and a residency) is
  ranked as if it were EDUCATION_PENALTY less alike for every EDUCATION_JUMP categories up:
  still listed, with its step named, but behind moves that share as much of the work
  without years more school.
- The experience step: the work experience in a related occupation BLS lists for entry
  into the target (none, less than 5 years, 5 years or more), and whether the origin's own
  entry already asks at least as much (then it is covered); otherwise it is a step, named.
  It is not schooling: the “no more schooling” filter looks at education only. A
  supervisor's job in another field (SOC's first-line supervisors, major groups 33–53:
  “xx-1xxx”), whose related occupation is the work of the people supervised, is ranked
  EXPERIENCE_PENALTY lower when that step is not covered: years in a job the origin is not.
- Licences: those an editor's guide lists as required or usually required; for an
  occupation without a guide they are “not covered yet”.
- What to build: the ratings the target rates at least `advice.BUILD_MIN` and at least
  `advice.BUILD_GAP` above the origin, largest gap first (the switching advice's rule).

Queries: one reads the candidates in order (similarity, the figures a move shows and, with
a state, pay there; no ratings); their ratings are read in chunks, most alike first
(SCAN_FIRST, then all the rest), until MOVES_SHOWN moves are found that no later
candidate can outrank (its similarity is at most the first's in its chunk), so a catalogue where an
occupation has hundreds of neighbours reads the ratings of the first few dozen; one more
reads the shown moves' licences, one the curated comparisons among them. The jobs left out
for a gap are those among the candidates looked at.
"""

from dataclasses import dataclass, field

from django.db import models

from careers.formatting import growth_text
from careers.models import NEIGHBOURS_TAG, Career, Credential
from comparisons.advice import BUILD_GAP, BUILD_MIN, RatedPair, profile_pairs
from comparisons.models import Comparison, comparison_url, linked_pair
from comparisons.verdicts import entry_education, pay_verdict
from occupations import wages
from occupations.figures import pay_gap_is_small
from occupations.formatting import money_full
from occupations.models import OnetProfile, ProfileSimilarity
from occupations.onet import MIN_SIMILARITY, Profile, profile_of
from occupations.scales import WorkExperience
from publishing.pagecache import depends_on

# A move is left out when the target rates an element at least GAP_IMPORTANT and at least
# MAX_GAP points above the origin (O*NET importance, 1–5).
GAP_IMPORTANT = 3.5
MAX_GAP = 1.5
# A move whose entry education is at least EDUCATION_JUMP of BLS's categories above the
# origin's (EntryEducation order: bachelor's → master's is one, bachelor's → doctoral or
# professional two) is ranked as if its similarity were EDUCATION_PENALTY lower for every
# EDUCATION_JUMP categories up (a postsecondary award → a master's degree, four: twice).
EDUCATION_JUMP = 2
EDUCATION_PENALTY = 0.1
# A supervisor's job in another field asking experience the origin's entry does not: its
# related occupation is the one supervised (a correctional officer for a correctional
# officer supervisor), which the origin's work is not; ranked this much less alike.
EXPERIENCE_PENALTY = 0.1
# How many skills or activities to build are named for each move.
BUILD_SHOWN = 3
# How many moves a page lists (the stored neighbours are at most occupations.onet.NEIGHBOURS).
MOVES_SHOWN = 25
# The candidates whose ratings are read first; the rest only when fewer than MOVES_SHOWN
# of these make moves (a filter, or many large gaps).
SCAN_FIRST = 60

# The thresholds as the moves page and /about/data/ state them.
RULES = {
    "min_similarity": MIN_SIMILARITY,
    "gap_important": GAP_IMPORTANT,
    "max_gap": MAX_GAP,
    "education_jump": EDUCATION_JUMP,
    "education_penalty": EDUCATION_PENALTY,
    "experience_penalty": EXPERIENCE_PENALTY,
    "build_min": BUILD_MIN,
    "build_gap": BUILD_GAP,
    "build_shown": BUILD_SHOWN,
    "shown": MOVES_SHOWN,
}

FILTERS = {
    "pays_more": "Pays more",
    "no_more_school": "No more schooling",
    "growing": "Growing",
}


@dataclass(frozen=True)
class PayChange:
    origin: int | None
    target: int | None
    outcome: str  # more | less | same | missing
    text: str

    @property
    def difference(self):
        if self.origin is None or self.target is None:
            return None
        return self.target - self.origin


@dataclass
class Move:
    career: Career
    similarity: float
    pay: PayChange
    education_step: str  # same | lower | higher | unknown
    education_text: str
    experience_step: str  # none | covered | more | unknown
    experience_text: str
    licences: list  # names; None when not covered (no guide)
    build: list  # advice.RatedPair, largest gap first
    url: str  # the pair's comparison
    # What the list's order takes off the similarity for a long step in entry education,
    # and for years supervising a kind of work the origin is not.
    penalty: float = 0.0
    experience_penalty: float = 0.0

    @property
    def demoted(self):
        return self.penalty > 0

    @property
    def experience_demoted(self):
        return self.experience_penalty > 0

    @property
    def rank_score(self):
        """What the list is ordered by: the similarity, less both penalties."""
        return self.similarity - self.penalty - self.experience_penalty

    @property
    def growing(self):
        return self.career.growth_pct is not None and self.career.growth_pct > 0

    @property
    def outlook(self):
        return growth_text(self.career)

    @property
    def similarity_shown(self):
        return f"{self.similarity:.2f}"


@dataclass
class Moves:
    origin: Career
    state: str | None
    state_name: str | None
    origin_pay: int | None
    moves: list = field(default_factory=list)  # after the filters
    candidates: int = 0  # neighbours considered
    left_out: list = field(default_factory=list)  # (career, the blocking RatedPair)
    filters: dict = field(default_factory=dict)
    # Moves a chosen filter dropped only for want of its figure: {filter key: how many}.
    no_figure: dict = field(default_factory=dict)

    @property
    def filtered(self):
        return any(self.filters.values())


def _widest_gap(origin_values, target_ratings):
    """The element id of the largest gap that rules a move out, or None. Works on the raw
    rows (one float compare per element): a page checks up to 60 candidates."""
    worst, found = MAX_GAP - 1e-9, None
    for item in target_ratings:
        theirs = float(item["importance"])
        if theirs >= GAP_IMPORTANT:
            gap = theirs - origin_values[item["id"]]
            if gap >= worst and (found is None or gap > worst):
                worst, found = gap, item["id"]
    return found


def blocking_gap(origin_profile, target_profile):
    """The largest single gap that rules a move out (an advice.RatedPair), or None."""
    origin_values = {rating.element_id: rating.importance for rating in origin_profile}
    raw = [{"id": r.element_id, "importance": r.importance} for r in target_profile]
    element = _widest_gap(origin_values, raw)
    if element is None:
        return None
    return RatedPair(origin_profile[element], target_profile[element])


def education_levels(origin, target):
    """How many of BLS's entry education categories the target sits above the origin
    (negative below), or None when either has none stated."""
    mine, theirs = entry_education(origin), entry_education(target)
    if not mine or not theirs:
        return None
    return theirs.rank - mine.rank


def education_penalty(levels):
    """What a step of `levels` entry education categories up takes off a move's similarity
    for ranking: EDUCATION_PENALTY for every EDUCATION_JUMP categories (none below that)."""
    if not levels or levels < EDUCATION_JUMP:
        return 0.0
    return EDUCATION_PENALTY * (levels // EDUCATION_JUMP)


def education_step(origin, target):
    """(same | lower | higher | unknown, words naming the target's entry education)."""
    mine, theirs = entry_education(origin), entry_education(target)
    if not mine or not theirs:
        return "unknown", "not stated by BLS"
    if theirs == mine:
        return "same", f"same ({theirs.label.lower()})"
    step = "higher" if theirs.rank > mine.rank else "lower"
    return step, f"{step}: {theirs.label.lower()}"


# BLS's experience categories, least first (an origin asking at least as much covers it).
EXPERIENCE_ORDER = [WorkExperience.NONE, WorkExperience.UNDER_FIVE, WorkExperience.FIVE_PLUS]


def experience_step(origin, target):
    """(none | covered | more | unknown, words): the work experience in a related
    occupation BLS lists for entry into `target`, against what entry into `origin` asks."""
    if not target.work_experience:
        return "unknown", "not stated by BLS"
    theirs = WorkExperience(target.work_experience)
    if theirs == WorkExperience.NONE:
        return "none", "none asked"
    asked = f"{theirs.label.lower()} in a related job"
    mine = WorkExperience(origin.work_experience) if origin.work_experience else None
    if mine is None:
        return "more", f"{asked} (BLS states nothing for {origin.title})"
    if EXPERIENCE_ORDER.index(mine) < EXPERIENCE_ORDER.index(theirs):
        return "more", f"{asked}: a step (for {origin.title}: {mine.label.lower()})"
    if mine == theirs:
        return "covered", f"{asked}, the same as for {origin.title}"
    return "covered", f"{asked}: covered (for {origin.title}: {mine.label.lower()})"


def supervises_other_work(origin, target):
    """Whether `target` is a first-line supervisor's job (SOC major groups 33–53, minor
    group 1) in another major group than `origin`: the related occupation its entry asks
    experience in is the work supervised, not the origin's."""
    soc, mine = target.soc_code or "", origin.soc_code or ""
    if len(soc) != 7 or not soc[:2].isdigit() or soc[3] != "1":
        return False
    return 33 <= int(soc[:2]) <= 53 and soc[:2] != mine[:2]


def experience_penalty(origin, target, step):
    """What the experience step takes off a move's similarity for ranking."""
    if step == "more" and supervises_other_work(origin, target):
        return EXPERIENCE_PENALTY
    return 0.0


def pay_change(origin, target, origin_amount, target_amount, where):
    verdict = pay_verdict(
        origin_amount, target_amount, a_name=origin.title, b_name=target.title, label=""
    )
    if verdict.outcome == "missing":
        return PayChange(origin_amount, target_amount, "missing", f"no published median {where}")
    if verdict.winner == target.title:
        outcome = "more"
    elif verdict.winner == origin.title:
        outcome = "less"
    else:
        outcome = "same"
    gap = target_amount - origin_amount
    if outcome == "same" or pay_gap_is_small(origin_amount, target_amount):
        text = f"about the same ({money_full(target_amount)})"
    else:
        share = round(abs(gap) * 100 / origin_amount)
        sign = "+" if gap > 0 else "−"
        text = f"{sign}{money_full(abs(gap))} ({sign}{share}%) to {money_full(target_amount)}"
    return PayChange(origin_amount, target_amount, outcome, text)


def origin_career(slug, state=None):
    """The published career at `slug` with its ratings (and its median in `state`), or None."""
    rows = Career.objects.published().filter(slug=slug).with_profile()
    if state:
        rows = wages.with_state_pay(rows, state)
    return rows.first()


# What a move shows of a career: its query reads nothing else (guides' prose stays behind).
CANDIDATE_FIELDS = (
    "title",
    "slug",
    "soc_code",
    "has_guide",
    "salary_median",
    "growth_pct",
    "growth_horizon",
    "annual_openings",
    "entry_education",
    "education_level",
    "work_experience",
)


def candidate_rows(origin, state=None):
    """One query: the published careers whose SOC code is a stored neighbour of the
    origin's, most alike first, with the score and (with a state) their median there."""
    depends_on(NEIGHBOURS_TAG)  # who they are changes with any career's publication
    scores = ProfileSimilarity.objects.filter(soc_code=origin.soc_code, score__gte=MIN_SIMILARITY)
    rows = (
        Career.objects.published()
        .filter(soc_code__in=scores.values("other_soc_code"))
        .exclude(pk=origin.pk)
        .exclude(soc_code=origin.soc_code)
        .annotate(
            similarity=models.Subquery(
                scores.filter(other_soc_code=models.OuterRef("soc_code")).values("score")[:1],
                output_field=models.FloatField(),
            ),
        )
        .only(*CANDIDATE_FIELDS)
        .order_by("-similarity", "title")
    )
    if state:
        rows = wages.with_state_pay(rows, state)
    return rows


def ratings_of(rows):
    """One query: {SOC code: its O*NET ratings (the raw rows)} for these careers."""
    codes = {row.soc_code for row in rows}
    return dict(OnetProfile.objects.filter(soc_code__in=codes).values_list("soc_code", "ratings"))


def ranked(moves):
    """Best first: the similarity less the penalties, then the title."""
    return sorted(moves, key=lambda move: (-move.rank_score, move.career.title))


def settled(moves, next_similarity):
    """Whether MOVES_SHOWN moves are found that no candidate still to look at can outrank
    (none ranks above its similarity, `next_similarity`)."""
    if len(moves) < MOVES_SHOWN:
        return False
    return ranked(moves)[MOVES_SHOWN - 1].rank_score >= next_similarity


def chunks(rows):
    """The candidates in the order they are looked at: SCAN_FIRST, then the rest (nothing
    when there are none)."""
    if rows:
        yield rows[:SCAN_FIRST]
    if len(rows) > SCAN_FIRST:
        yield rows[SCAN_FIRST:]


def find_moves(origin, state=None, filters=()):
    """The moves from `origin` (a career from `origin_career`), best first. `state` is a
    known state slug or None; `filters` a set of FILTERS keys."""
    origin_profile = profile_of(origin)
    state_name = dict(wages.state_choices()).get(state) if state else None
    where = f"in {state_name}" if state_name else "nationally"
    origin_pay = origin.state_median if state else origin.salary_median
    found = Moves(origin, state, state_name, origin_pay, filters={k: k in filters for k in FILTERS})
    if origin_profile is None:
        return found
    origin_values = {rating.element_id: rating.importance for rating in origin_profile}
    rows = list(candidate_rows(origin, state))
    for chunk in chunks(rows):
        if settled(found.moves, chunk[0].similarity):
            break
        ratings = ratings_of(chunk)
        for row in chunk:
            row.onet_ratings = ratings.get(row.soc_code)
            if not row.onet_ratings:
                continue
            found.candidates += 1
            element = _widest_gap(origin_values, row.onet_ratings)
            if element is not None:
                target = Profile(row.soc_code, row.onet_ratings)
                found.left_out.append((row, RatedPair(origin_profile[element], target[element])))
                continue
            move = make_move(origin, row, origin_pay, state, where)
            fails = {
                "pays_more": move.pay.outcome != "more",
                "no_more_school": move.education_step not in ("same", "lower"),
                "growing": not move.growing,
            }
            failed = [name for name in filters if fails.get(name)]
            if failed:
                lacking = {
                    "pays_more": move.pay.outcome == "missing",
                    "growing": move.career.growth_pct is None,
                }
                if len(failed) == 1 and lacking.get(failed[0]):
                    found.no_figure[failed[0]] = found.no_figure.get(failed[0], 0) + 1
                continue
            found.moves.append(move)
    found.moves = ranked(found.moves)[:MOVES_SHOWN]
    shown = [move.career for move in found.moves]
    models.prefetch_related_objects(
        shown, models.Prefetch("credentials", Credential.objects.filter(requirement__in=NEEDED))
    )
    curated = set(
        Comparison.objects.filter(is_published=True)
        .filter(
            models.Q(career_a=origin, career_b__in=shown)
            | models.Q(career_a__in=shown, career_b=origin)
        )
        .values_list("career_a_id", "career_b_id")
    )
    for move in found.moves:  # only the moves shown: licences, links, ratings into objects
        row = move.career
        move.licences = [c.name for c in row.credentials.all()] if row.has_guide else None
        first, second = (origin.pk, row.pk) in curated, (row.pk, origin.pk) in curated
        move.url = comparison_url(*(c.slug for c in linked_pair(origin, row, first, second)))
        target = Profile(row.soc_code, row.onet_ratings)
        move.build = profile_pairs(origin_profile, target)[1][:BUILD_SHOWN]
    return found


# The licences a move names: those an editor's guide lists as required or usually required.
NEEDED = [Credential.Requirement.REQUIRED, Credential.Requirement.USUALLY]


def make_move(origin, row, origin_pay, state, where):
    """A Move from a candidate row (licences, link and skills come once it is shown)."""
    step, step_text = education_step(origin, row)
    experience, experience_text = experience_step(origin, row)
    return Move(
        career=row,
        similarity=row.similarity,
        pay=pay_change(
            origin, row, origin_pay, row.state_median if state else row.salary_median, where
        ),
        education_step=step,
        education_text=step_text,
        experience_step=experience,
        experience_text=experience_text,
        licences=None,
        build=[],
        url="",
        penalty=education_penalty(education_levels(origin, row)),
        experience_penalty=experience_penalty(origin, row, experience),
    )
