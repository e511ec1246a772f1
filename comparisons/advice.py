"""
Switching from one career to another: what carries over, what to build, and the
credential, training and experience steps. The rules (README, /about/data/):

- Skills and work activities come from the two careers' O*NET importance ratings
  (1–5). “What you bring”: both careers rate it at least BRING_MIN. “What to build”: the
  target rates it at least BUILD_MIN and at least BUILD_GAP above the origin; the largest
  gaps come first. Both ratings are shown, in O*NET's words.
- The editors' own skill lists (tools and methods such as Terraform) are compared by
  normalised names and aliases (careers/skills.py), never by exact text; with profiles,
  names O*NET already rates are left to the ratings. Without a profile on either side,
  the editors' lists are all there is, and the advice says so.
- Credentials: a required or usually required licence, certification, exam or accredited
  programme the origin does not already ask for is a new step, even at the same education
  level; so is an apprenticeship. A degree at any level never “meets” a licence that asks
  for its own programme (a pharmacist's doctorate is not a nursing degree). BLS's related
  work experience is asked only when the origin does not itself ask for as much.
"""

from dataclasses import dataclass, field

from careers.models import Credential, EntryEducation, JobTraining, WorkExperience
from careers.skills import own_field_key, skill_key
from occupations.onet import profile_of

BRING_MIN = 3.5  # “very important” or more to both careers
BUILD_MIN = 3.0  # at least “important” to the target career
BUILD_GAP = 0.5  # and clearly more important there than in the origin
LIMIT = 6
EXPERIENCE_RANK = {
    WorkExperience.NONE: 0,
    WorkExperience.UNDER_FIVE: 1,
    WorkExperience.FIVE_PLUS: 2,
}

TRAINING_WORDS = {
    JobTraining.SHORT: "short-term on-the-job training (a month or less)",
    JobTraining.MODERATE: "moderate-term on-the-job training (one to twelve months)",
    JobTraining.LONG: "long-term on-the-job training (more than a year)",
    JobTraining.INTERNSHIP: "an internship or residency",
}


@dataclass(frozen=True)
class RatedPair:
    """One O*NET skill or work activity, as rated for the origin and the target."""

    origin: object  # occupations.onet.Rating
    target: object

    @property
    def name(self):
        return self.target.name

    @property
    def kind(self):
        return "skill" if self.target.kind == "skill" else "work activity"

    def bring_text(self, origin_title, target_title):
        """
        How important it is to each side, in O*NET's words for the ratings shown: one word
        when both read alike (“very important in both (4.1 and 4.4 of 5)”), else each
        side's own (“very important as Accountant (4.4), extremely important as Auditor
        (4.7)”), never a blurred “at least”.
        """
        origin, target = self.origin, self.target
        if origin.words == target.words:
            return f"{origin.words} in both ({origin.shown} and {target.shown} of 5)"
        return (
            f"{origin.words} as {origin_title} ({origin.shown}), "
            f"{target.words} as {target_title} ({target.shown})"
        )

    def build_text(self, origin_title, target_title):
        """
        Why it is to build. Each side's word when they differ; when both ratings read as
        the same word the numbers say it (“rated 4.4 as Auditor against 3.5 as
        Accountant”), so the page never calls the same word on both sides a gap.
        """
        origin, target = self.origin, self.target
        if origin.words == target.words:
            return (
                f"rated {target.shown} as {target_title} against {origin.shown} as "
                f"{origin_title} (of 5)"
            )
        return (
            f"{target.words} as {target_title} ({target.shown}), "
            f"{origin.words} as {origin_title} ({origin.shown})"
        )

    @property
    def gap(self):
        return round(self.target.importance - self.origin.importance, 2)


@dataclass(frozen=True)
class Step:
    # education | licence | training: a new qualification; experience: years needed;
    # held, check, info: what the visitor already has, may need, or should expect.
    kind: str
    text: str
    short: str = ""  # for the one-line summary, when it is a step to take


QUALIFICATION_STEPS = ("education", "licence", "training", "experience")


@dataclass
class Switch:
    origin: object
    target: object
    profiled: bool
    bring: list = field(default_factory=list)
    build: list = field(default_factory=list)
    tools_kept: list = field(default_factory=list)
    tools_new: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    fallback: str = ""
    qualified: bool = False  # the origin already holds every licence the target requires
    # Whether the origin has an editors' list of tools and methods: without one, what the
    # target's list holds beyond the origin's ratings is unknown to us, never "new to you".
    origin_listed: bool = True

    @property
    def bring_lines(self):
        """(name, words) of each skill or activity that carries over, for the page."""
        titles = (self.origin.title, self.target.title)
        return [(item.name, item.bring_text(*titles)) for item in self.bring]

    @property
    def build_lines(self):
        titles = (self.origin.title, self.target.title)
        return [(item.name, item.build_text(*titles)) for item in self.build]

    @property
    def new_qualifications(self):
        return [step for step in self.steps if step.kind in QUALIFICATION_STEPS]

    @property
    def summary(self):
        """One line: the credential, training and experience steps of this move."""
        wanted = [step.short for step in self.new_qualifications]
        if wanted:
            return "What it takes: " + "; ".join(wanted) + "."
        if self.qualified:
            return "You already hold the licence this career requires."
        if not self.target.has_guide:
            return (
                "No new degree level, apprenticeship or experience is listed for this move; "
                f"licences for {self.target.title} are not covered yet."
            )
        return "No new degree level, licence, apprenticeship or experience is listed for this move."


def _a(phrase):
    """“an associate's degree”, “a bachelor's degree”, “some college, no degree”."""
    lower = phrase[0].lower() + phrase[1:]
    if lower.startswith(("some ", "no ")):
        return lower
    return ("an " if lower[0] in "aeiou" else "a ") + lower


def _a_title(title):
    """“an Electrician”, “a Plumber / Pipefitter / Steamfitter”: titles keep their case."""
    return ("an " if title[0].lower() in "aeiou" else "a ") + title


def profile_pairs(origin_profile, target_profile):
    """(bring, build): the rated skills and activities that carry over, and the gaps."""
    pairs = [RatedPair(origin_profile[r.element_id], r) for r in target_profile]
    bring = [
        p for p in pairs if p.origin.importance >= BRING_MIN and p.target.importance >= BRING_MIN
    ]
    bring.sort(key=lambda p: (-min(p.origin.importance, p.target.importance), p.name))
    build = [p for p in pairs if p.target.importance >= BUILD_MIN and p.gap >= BUILD_GAP]
    build.sort(key=lambda p: (-p.gap, p.name))
    return bring[:LIMIT], build[:LIMIT]


def editor_skills(origin, target, rated_names=(), origin_profile=None):
    """
    (kept, new): the target's listed skills the origin already has, and the rest. A skill
    O*NET rates (e.g. “Problem Solving” ≡ Complex Problem Solving) counts as held when the
    origin's profile rates it at least “important”; with both profiles, such skills are
    left to the ratings (`rated_names`).
    """
    have = {skill_key(link.skill.name) for link in origin.skill_links.all()}
    have.add(own_field_key(origin.title))
    if origin_profile:
        have |= {skill_key(r.name) for r in origin_profile if r.importance >= BUILD_MIN}
    rated = {skill_key(name) for name in rated_names}
    kept, new = [], []
    for link in target.skill_links.all():
        key = skill_key(link.skill.name)
        if key in rated:
            continue
        (kept if key in have else new).append(link.skill.name)
    return kept, new


def _education_step(origin, target, needs_licence, programmes=()):
    """
    The education step, in BLS's categories, or None when either lacks one. When the
    target's licence needs an accredited programme the origin does not have, no degree
    level “meets” it: the step says the programme (listed below it) is needed whatever
    the visitor's level.
    """
    if not (origin.entry_education and target.entry_education):
        return None
    eo, et = EntryEducation(origin.entry_education), EntryEducation(target.entry_education)
    if programmes:
        own = "its own programme" if len(programmes) == 1 else "programmes of its own"
        if et.rank > eo.rank:
            text = (
                f"{target.title} usually starts with {_a(et.label)} ({origin.title}: "
                f"{_a(eo.label)}), through the programme{'s' if len(programmes) > 1 else ''} below."
            )
        elif et == eo:
            text = (
                f"Both usually start with {_a(et.label)}, but the licence for {target.title} "
                f"asks for {own} (below), which your degree does not include."
            )
        else:
            text = (
                f"Your usual entry level ({eo.label.lower()}) is higher than what "
                f"{target.title} usually starts with ({et.label.lower()}), but it does not count "
                f"toward the licence: that asks for {own} (below)."
            )
        return Step("info", text)
    if et.rank > eo.rank:
        return Step(
            "education",
            f"{target.title} usually starts with {_a(et.label)}, above what {origin.title} "
            f"usually starts with ({eo.label.lower()}).",
            _a(et.label),
        )
    if et == eo:
        text = f"Both usually start with {_a(et.label)}."
    else:
        text = (
            f"Your usual entry level ({eo.label.lower()}) meets what {target.title} usually "
            f"starts with ({et.label.lower()})."
        )
    if needs_licence:
        text += " The licence below has its own training and exam requirements on top of that."
    return Step("info", text)


def _experience_step(origin, target):
    """
    BLS's related work experience for entry into the target, asked only when the origin
    does not itself ask for as much; when it does, the step says so plainly.
    """
    experience = WorkExperience(target.work_experience) if target.work_experience else None
    if experience not in (WorkExperience.UNDER_FIVE, WorkExperience.FIVE_PLUS):
        return None
    years = experience.label.lower()
    origin_needs = WorkExperience(origin.work_experience) if origin.work_experience else None
    if origin_needs is not None and EXPERIENCE_RANK[origin_needs] >= EXPERIENCE_RANK[experience]:
        return Step(
            "held",
            f"BLS lists related work experience for entry as {_a_title(target.title)} "
            f"({years}); entry as {_a_title(origin.title)} already asks for as much "
            f"({origin_needs.label.lower()}), which covers it where that work was related.",
        )
    return Step(
        "experience",
        f"BLS lists work experience in a related occupation for entry as "
        f"{_a_title(target.title)}: {years}.",
        f"related work experience ({years}, BLS)",
    )


def _held_text(origin, target, covered):
    """One line for what the origin already has of what the target asks for."""
    if len(covered) > 1:
        return f"Already yours: {names('the ' + c.name for c in covered)}."
    credential = covered[0]
    if credential.is_programme:
        return (
            f"Already done as {_a_title(origin.title)}: {credential.name}, which "
            f"{target.title} asks for."
        )
    if credential.kind == Credential.Kind.EXAM:
        return f"You have already passed the {credential.name}, which {target.title} asks for."
    return f"You already hold the {credential.name}, which {target.title} asks for."


def names(items):
    """“A”, “A and B”, “A, B and C”."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def credential_steps(origin, target):
    """(steps, qualified): licences, training and experience the move asks for."""
    held = {c.match_name for c in origin.credentials.all() if c.is_step}
    steps, needed, covered = [], [], []
    for credential in target.credentials.all():
        if credential.is_step:
            (covered if credential.match_name in held else needed).append(credential)
    for credential in needed:
        requirement = Credential.Requirement(credential.requirement).label.lower()
        text = f"{credential.name}: {requirement}, {credential.issuer_phrase}."
        # The note says what a programme is, or when a licence is needed; a plainly
        # required licence's details are on the guide.
        if credential.note and (credential.is_programme or credential.requirement != "required"):
            text += f" {credential.note}"
        steps.append(Step("licence", text, credential.name))
    if covered:
        steps.append(Step("held", _held_text(origin, target, covered)))
    for credential in target.credentials.all():
        sometimes = credential.requirement == Credential.Requirement.SOMETIMES
        if sometimes and credential.match_name not in held:
            text = f"May be needed where you work: {credential.name}, {credential.issuer_phrase}."
            if credential.note:
                text += f" {credential.note}"
            steps.append(Step("check", text))
    if not target.has_guide:
        steps.append(
            Step(
                "check",
                f"Licences and certifications for {target.title} are not covered yet (no "
                "editor's guide): many occupations need a state licence, so check with the "
                "licensing board of your state.",
            )
        )
    programmes = [c for c in needed if c.is_programme]
    education = _education_step(origin, target, needed, programmes)
    if education:
        steps.insert(0, education)

    training = JobTraining(target.job_training) if target.job_training else None
    if training == JobTraining.APPRENTICESHIP:
        text = (
            f"Usual training for {target.title}: an apprenticeship (BLS), paid work under "
            "experienced workers with classroom hours."
        )
        if origin.job_training == JobTraining.APPRENTICESHIP:
            text += (
                f" An apprenticeship as {_a_title(origin.title)} does not usually count toward it."
            )
        steps.append(Step("training", text, "an apprenticeship in the new trade"))
    elif training in TRAINING_WORDS:
        steps.append(
            Step(
                "info",
                f"Once hired, expect {TRAINING_WORDS[training]} as {_a_title(target.title)} (BLS).",
            )
        )
    experience = _experience_step(origin, target)
    if experience:
        steps.append(experience)
    qualified = bool(covered) and not needed
    return steps, qualified


def _fallback_note(origin, target, origin_profile, target_profile):
    lacking = [c for c, p in ((origin, origin_profile), (target, target_profile)) if not p]
    if len(lacking) == 2 and not (origin.soc_code or target.soc_code):
        reason = "neither career has an official occupation code"
    elif len(lacking) == 2:
        reason = "neither career has O*NET ratings in our data"
    elif not lacking[0].soc_code:
        reason = f"{lacking[0].title} has no official occupation code"
    else:
        reason = f"O*NET ratings for {lacking[0].title} are not in our data"
    return f"No O*NET profile to compare ({reason}), so this compares the editors' skill lists."


def switch(origin, target):
    """The advice for moving from `origin` to `target` (careers with their parts)."""
    origin_profile, target_profile = profile_of(origin), profile_of(target)
    steps, qualified = credential_steps(origin, target)
    move = Switch(origin=origin, target=target, profiled=False, steps=steps, qualified=qualified)
    rated = ()
    if origin_profile and target_profile:
        move.profiled = True
        move.bring, move.build = profile_pairs(origin_profile, target_profile)
        rated = target_profile.element_names
    else:
        move.fallback = _fallback_note(origin, target, origin_profile, target_profile)
    move.tools_kept, move.tools_new = editor_skills(origin, target, rated, origin_profile)
    move.origin_listed = bool(origin.skill_links.all())
    return move
