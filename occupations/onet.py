"""
O*NET profiles: how important each of 35 skills and 41 work activities is to an
occupation (O*NET importance, 1–5), per SOC code. They are imported data (catalog/
onet_profiles.json, loaded by `loadcatalog`), read-only for editors.

A profile's ratings are stored in one row, so the two profiles a comparison needs come
with the careers (`CareerQuerySet.with_profile`) at no extra query. How alike two
profiles are is worked out once, when profiles are loaded (`ProfileSimilarity`), so
pages only read it. So is each rating's standard score (how far it sits from that
element's mean over all profiles, in standard deviations), which /fit/ ranks by.
"""

import math
import operator
from dataclasses import dataclass

from django.db import transaction

from occupations.formatting import round_half_up
from occupations.models import OnetProfile, ProfileSimilarity
from publishing.versions import bump_after_commit

# O*NET's importance scale has five anchors; a rating reads as the nearest one.
IMPORTANCE_WORDS = (
    (1.5, "not important"),
    (2.5, "somewhat important"),
    (3.5, "important"),
    (4.5, "very important"),
    (math.inf, "extremely important"),
)
# Careers whose profiles have a centred cosine of at least this are “similar” (see
# /about/data/ and README). Below it, a pair is never offered as similar.
MIN_SIMILARITY = 0.6
# O*NET's 35 skills and 41 generalized work activities.
ELEMENT_COUNT = 76
# How many neighbours of each occupation are stored (at or above MIN_SIMILARITY).
NEIGHBOURS = 60


def importance_words(value):
    for limit, words in IMPORTANCE_WORDS:
        if value < limit:
            return words
    return IMPORTANCE_WORDS[-1][1]


@dataclass(frozen=True)
class Rating:
    element_id: str
    name: str
    kind: str  # "skill" or "activity"
    importance: float

    @property
    def words(self):
        """O*NET's word for the rating as shown: 4.46 shows as “4.5” and reads as 4.5 does."""
        return importance_words(float(self.shown))

    @property
    def shown(self):
        """The rating as pages print it: one decimal, halves rounded up, “4.6”."""
        return f"{round_half_up(self.importance, 1):.1f}"


class Profile:
    """One occupation's ratings, by element id, in O*NET's element order."""

    def __init__(self, soc_code, ratings):
        self.soc_code = soc_code
        self.ratings = {
            item["id"]: Rating(item["id"], item["name"], item["kind"], float(item["importance"]))
            for item in ratings
        }

    def __getitem__(self, element_id):
        return self.ratings[element_id]

    def __iter__(self):
        return iter(self.ratings.values())

    @property
    def element_names(self):
        return {rating.name for rating in self}


def top_ratings(profile, kind, limit=6):
    """The `limit` highest-rated elements of one kind ("skill" or "activity"), highest
    first; ties keep O*NET's element order."""
    if profile is None:
        return []
    rated = [rating for rating in profile if rating.kind == kind]
    return sorted(rated, key=lambda r: -r.importance)[:limit]


def profile_of(career):
    """
    The career's O*NET profile, or None (no SOC code, or O*NET has no ratings for it).
    Uses the ratings annotated by `with_profile()` when present, else one query.
    """
    if "onet_ratings" not in career.__dict__:
        row = (
            OnetProfile.objects.filter(soc_code=career.soc_code).values("ratings").first()
            if career.soc_code
            else None
        )
        career.onet_ratings = row["ratings"] if row else None
    if not career.onet_ratings:
        return None
    return Profile(career.soc_code, career.onet_ratings)


def centred_cosine(a, b, centre):
    """Cosine of two rating vectors after subtracting the reference profile `centre`."""
    x = [value - mean for value, mean in zip(a, centre, strict=True)]
    y = [value - mean for value, mean in zip(b, centre, strict=True)]
    norm = math.sqrt(sum(v * v for v in x) * sum(v * v for v in y))
    return sum(p * q for p, q in zip(x, y, strict=True)) / norm if norm else 0.0


def similarities(vectors):
    """
    {(soc, other): score} for every ordered pair of profiles. Each rating is first
    centred on the average of that element over all the profiles (the whole O*NET
    population, not only the occupations a catalogue holds), so that what every job needs
    (reading, listening) does not make every pair look alike; what remains is each
    occupation's own shape.
    """
    codes = sorted(vectors)
    if not codes:
        return {}
    width = len(vectors[codes[0]])
    centre = [sum(vectors[code][i] for code in codes) / len(codes) for i in range(width)]
    unit = {}
    for code in codes:
        x = [value - mean for value, mean in zip(vectors[code], centre, strict=True)]
        norm = math.sqrt(sum(v * v for v in x))
        unit[code] = [v / norm for v in x] if norm else None
    scores = {}
    for i, soc in enumerate(codes):
        x = unit[soc]
        for other in codes[i + 1 :]:
            y = unit[other]
            score = round(sum(map(operator.mul, x, y)), 4) if x and y else 0.0
            scores[soc, other] = scores[other, soc] = score
    return scores


def standard_scores(vectors):
    """
    {soc: [score per element]}: each rating minus that element's mean over all the profiles,
    divided by its standard deviation (3 decimals). A 4.6 in an element nearly every job
    rates highly says less about a job than a 4.6 in one few jobs need; standard scores make
    the elements comparable, so a fit ranking can add them up.
    """
    codes = sorted(vectors)
    if not codes:
        return {}
    width = len(vectors[codes[0]])
    count = len(codes)
    means = [sum(vectors[code][i] for code in codes) / count for i in range(width)]
    spreads = [
        math.sqrt(sum((vectors[code][i] - means[i]) ** 2 for code in codes) / count)
        for i in range(width)
    ]
    return {
        code: [
            round((value - mean) / spread, 3) if spread else 0.0
            for value, mean, spread in zip(vectors[code], means, spreads, strict=True)
        ]
        for code in codes
    }


def nearest(scores, limit=NEIGHBOURS, floor=MIN_SIMILARITY):
    """The pairs worth storing: each code's `limit` most similar others at or above `floor`,
    and the reverse of each pair, so that a pair is found from either side."""
    by_soc = {}
    for (soc, other), score in scores.items():
        if score >= floor:
            by_soc.setdefault(soc, []).append((score, other))
    kept = {}
    for soc, found in by_soc.items():
        for score, other in sorted(found, key=lambda item: (-item[0], item[1]))[:limit]:
            kept[soc, other] = kept[other, soc] = score
    return kept


def load_profiles(data):
    """
    Replace the stored profiles with `data` (occupations.onet_files' format) and recompute
    their neighbours. Returns "unchanged" when the data is already stored.
    """
    elements = data["elements"]
    wanted = {}
    for soc, profile in data["profiles"].items():
        ratings = [
            {**element, "importance": value}
            for element, value in zip(elements, profile["importance"], strict=True)
        ]
        titles = "\n".join(profile.get("titles", []))
        wanted[soc] = (profile["onet_codes"], titles, ratings)
    stored = list(OnetProfile.objects.all())
    current = {p.soc_code: (p.onet_codes, p.titles, p.ratings) for p in stored}
    scored = all(p.standard_scores for p in stored)
    if current == wanted and scored and ProfileSimilarity.objects.exists() == (len(wanted) > 1):
        return "unchanged"
    vectors = {soc: profile["importance"] for soc, profile in data["profiles"].items()}
    standard = standard_scores(vectors)
    with transaction.atomic():
        OnetProfile.objects.all().delete()
        ProfileSimilarity.objects.all().delete()
        OnetProfile.objects.bulk_create(
            (
                OnetProfile(
                    soc_code=soc,
                    onet_codes=codes,
                    titles=titles,
                    release=data["release"],
                    ratings=ratings,
                    standard_scores=standard[soc],
                )
                for soc, (codes, titles, ratings) in sorted(wanted.items())
            ),
            batch_size=500,
        )
        ProfileSimilarity.objects.bulk_create(
            (
                ProfileSimilarity(soc_code=soc, other_soc_code=other, score=score)
                for (soc, other), score in sorted(nearest(similarities(vectors)).items())
            ),
            batch_size=2000,
        )
        bump_after_commit()  # bulk writes send no signals
    return "updated" if current else "created"
