"""
What a page about one career (a guide) or two (a comparison) links to: related
comparisons, best first, and similar careers. One query finds the candidates.

- Curated comparisons that share a career with the page come first, whatever the
  similarity: editors chose them.
- Then careers similar to one of the page's careers. Two careers with O*NET profiles are
  similar when their profiles' centred cosine is at least `occupations.onet.MIN_SIMILARITY`
  (stored per SOC pair by `loadcatalog`). When either career has no profile (the seed
  careers, 13-2051, careers without a SOC code), their editors' skill lists stand in:
  at least MIN_SHARED skills in common, matched by normalised names and aliases, making
  at least MIN_OVERLAP of the shorter list. Pairs below these bounds are never offered.
"""

import functools
import json
from dataclasses import dataclass

from django.db import connections, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from careers.models import NEIGHBOURS_TAG, Career, CareerSkill
from comparisons.models import Comparison, comparison_url, linked_pair
from occupations.models import ProfileSimilarity
from occupations.onet import MIN_SIMILARITY
from publishing.pagecache import depends_on

MIN_SHARED = 2
MIN_OVERLAP = 0.4
NO_SCORE = -2.0  # below any cosine: “not similar”


@dataclass(frozen=True)
class Neighbour:
    """A career related to the page's careers, and how it relates to each of them."""

    career: Career
    scores: tuple  # similarity to each of the page's careers (None: not similar)
    stored_first: tuple  # a published comparison stores the page's career i first
    stored_second: tuple  # … or second

    @property
    def curated(self):
        return any(self.stored_first) or any(self.stored_second)

    @property
    def similarity(self):
        known = [score for score in self.scores if score is not None]
        return max(known) if known else None

    @property
    def similar(self):
        return self.similarity is not None

    def partner(self):
        """The index of the page's career to pair this one with: its curated partner, else
        the one it is most similar to."""
        for i, (first, second) in enumerate(
            zip(self.stored_first, self.stored_second, strict=True)
        ):
            if first or second:
                return i
        return max(
            range(len(self.scores)),
            key=lambda i: (self.scores[i] if self.scores[i] is not None else NO_SCORE, -i),
        )

    def pair_with(self, careers):
        """The pair (in its canonical order) that links the page to this career."""
        i = self.partner()
        return linked_pair(careers[i], self.career, self.stored_first[i], self.stored_second[i])


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def _keys(career):
    return {link.skill.match_name for link in career.skill_links.all()}


def neighbours(*careers, limit):
    """Published careers related to `careers`, curated partners first, then the most similar."""
    depends_on(NEIGHBOURS_TAG)  # who they are changes with what any career lists
    sql, template = _compiled(limit, tuple(bool(career.soc_code) for career in careers))
    values = {}
    keys = [_keys(career) for career in careers]
    for i, career in enumerate(careers):
        values[_id(i)] = career.pk
        values[_soc(i)] = career.soc_code
        values[_listed(i)] = len(keys[i]) or 1
        values[_skills(i)] = json.dumps(sorted(keys[i]))
    values[_skills("all")] = json.dumps(sorted(set().union(*keys)))
    params = [values[value] if value in values else value for value in template]
    with connections[Career.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    fields = [name for name in names if name in _LOADED]
    n = range(len(careers))
    found = []
    for row in rows:
        named = dict(zip(names, row, strict=True))
        # As the ORM loads a row (.only() of the fields below): the same instance, seen
        # by the page cache (careers.pagetags.shown) as the same groups of fields.
        career = Career.from_db(Career.objects.db, fields, [named[name] for name in fields])
        found.append(
            Neighbour(
                career=career,
                scores=tuple(named[f"score_{i}"] for i in n),
                stored_first=tuple(bool(named[f"first_{i}"]) for i in n),
                stored_second=tuple(bool(named[f"second_{i}"]) for i in n),
            )
        )
    return found


# Building the query below with the ORM costs several times what SQLite takes to run it
# (10 ms against 1 ms for one career, 20 against 7 for three). Its text depends only on
# the number of careers, which of them have a SOC code and the limit: it is compiled once
# per shape with placeholder values (`_id(i)`…), which each call replaces by its own.
_LOADED = ("id", "slug", "title", "category_id", "soc_code")


def _id(i):
    return -1_000_000_000 - i


def _soc(i):
    return f"qoollege-soc-placeholder-{i}"


def _listed(i):
    return 1_000_000_000 + i


def _skills(i):
    return f"qoollege-skills-placeholder-{i}"


def _skill_list(i, ids):
    """The skills (normalised names) listed by the career `ids[i]` (all of them: "all").
    On SQLite, as a JSON list the call fills in: the query names each list many times
    over, and a list costs SQLite less than a subquery does (two careers: 4.5 against
    5.9 ms)."""
    if connections[Career.objects.db].vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [_skills(i)])
    careers = ids if i == "all" else [ids[i]]
    return CareerSkill.objects.filter(career_id__in=careers).values("skill__match_name")


@functools.lru_cache(maxsize=64)
def _compiled(limit, has_soc):
    """(sql, params with placeholders) of the neighbours of careers of this shape."""
    queryset = _query(
        ids=[_id(i) for i in range(len(has_soc))],
        socs=[_soc(i) if soc else None for i, soc in enumerate(has_soc)],
        listed=[_listed(i) for i in range(len(has_soc))],
        limit=limit,
    )
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def _query(ids, socs, listed, limit):
    """The neighbours of the careers `ids` (their SOC codes `socs`, None for none; the
    number of skills each lists, at least 1: `listed`)."""
    # Each career's listed skills, by normalised name.
    keys = [_skill_list(i, ids) for i in range(len(ids))]
    all_keys = _skill_list("all", ids)
    # Candidates: the careers most alike in profile to each career, careers sharing enough
    # listed skills, and partners of any comparison (filtering on is_published here would
    # lead SQLite to scan every published comparison; the flags below keep the published
    # ones).
    sharing = (
        CareerSkill.objects.filter(skill__match_name__in=all_keys)
        .exclude(career_id__in=ids)
        .values("career_id")
        .annotate(shared=models.Count("skill__match_name", distinct=True))
        .filter(shared__gte=MIN_SHARED)
        .order_by("-shared", "career_id")
        .values("career_id")[: limit * 4]
    )
    every = Comparison.objects.all()
    candidates = (
        Q(pk__in=sharing)
        | Q(pk__in=every.filter(career_a__in=ids).values("career_b"))
        | Q(pk__in=every.filter(career_b__in=ids).values("career_a"))
    )
    for soc in socs:
        if soc:
            candidates |= Q(pk__in=_most_alike(soc, ids, limit))
    curated = Comparison.objects.filter(is_published=True)
    count_listed = models.Count("skill_links__skill__match_name", distinct=True)
    flags, any_curated, best = {"listed": count_listed}, Q(), []
    for i, (pk, soc, group) in enumerate(zip(ids, socs, keys, strict=True)):
        flags[f"first_{i}"] = models.Exists(
            curated.filter(career_a=pk, career_b=models.OuterRef("pk"))
        )
        flags[f"second_{i}"] = models.Exists(
            curated.filter(career_a=models.OuterRef("pk"), career_b=pk)
        )
        flags[f"shared_{i}"] = models.Count(
            "skill_links__skill__match_name",
            filter=Q(skill_links__skill__match_name__in=group),
            distinct=True,
        )
        profile_score = (
            models.Subquery(
                ProfileSimilarity.objects.filter(
                    soc_code=soc, other_soc_code=models.OuterRef("soc_code")
                ).values("score")[:1],
                output_field=models.FloatField(),
            )
            if soc
            else models.Value(None, output_field=models.FloatField())
        )
        flags[f"profile_{i}"] = profile_score
        any_curated |= Q(**{f"first_{i}": True}) | Q(**{f"second_{i}": True})
    rows = Career.objects.published().exclude(pk__in=ids).filter(candidates).annotate(**flags)
    # A score per page career: the profile cosine where both have a profile, else the share
    # of the shorter skill list in common (with at least MIN_SHARED skills).
    scores = {}
    for i, size in enumerate(listed):
        overlap = Cast(models.F(f"shared_{i}"), models.FloatField()) / Cast(
            Greatest(Least(models.F("listed"), models.Value(size)), models.Value(1)),
            models.FloatField(),
        )
        nothing = models.Value(None, output_field=models.FloatField())
        scores[f"score_{i}"] = models.Case(
            models.When(**{f"profile_{i}__gte": MIN_SIMILARITY}, then=models.F(f"profile_{i}")),
            # Both have a profile but it is too far apart: not similar, whatever the lists say.
            models.When(**{f"profile_{i}__isnull": False}, then=nothing),
            models.When(
                Q(**{f"shared_{i}__gte": MIN_SHARED}) & Q(**{f"overlap_{i}__gte": MIN_OVERLAP}),
                then=models.F(f"overlap_{i}"),
            ),
            default=nothing,
            output_field=models.FloatField(),
        )
        rows = rows.annotate(**{f"overlap_{i}": overlap})
        best.append(Coalesce(models.F(f"score_{i}"), models.Value(NO_SCORE)))
    rows = rows.annotate(**scores).annotate(
        curated=models.Case(
            models.When(any_curated, then=1), default=0, output_field=models.IntegerField()
        ),
        best=Greatest(*best) if len(best) > 1 else best[0],
    )
    return (
        rows.filter(Q(curated=1) | Q(best__gt=NO_SCORE))
        .order_by("-curated", "-best", "title")
        .only("slug", "title", "category_id", "soc_code")[:limit]
    )


def _most_alike(soc, ids, limit):
    """The `limit` published careers (other than `ids`) whose O*NET profile is most alike
    that of `soc`, at least MIN_SIMILARITY, best first (ties by title), as the page orders
    them. Enough: a career below them ranks below at least `limit` others on the page too,
    whichever of the page's careers it is measured against."""
    career = Career._meta.db_table
    similarity = ProfileSimilarity._meta.db_table
    # Read from the similarity rows of `soc` (an index), never from every career; each
    # row finds its career by the unique index of SOC codes, whose condition is repeated.
    sql = (
        f'SELECT c."id" FROM "{similarity}" s INNER JOIN "{career}" c '
        """ON c."soc_code" = s."other_soc_code" AND NOT (c."soc_code" = '') """
        f'WHERE s."soc_code" = %s AND s."score" >= %s AND c."is_published" '
        f'AND c."id" NOT IN ({", ".join(["%s"] * len(ids))}) '
        'ORDER BY s."score" DESC, c."title" ASC LIMIT %s'
    )
    return RawSQL(sql, [soc, MIN_SIMILARITY, *ids, limit])


def related_links(careers, found):
    """A Link to the comparison of each neighbour with its partner among `careers`."""
    links = []
    for neighbour in found:
        first, second = neighbour.pair_with(careers)
        links.append(
            Link(f"{first.title} vs {second.title}", comparison_url(first.slug, second.slug))
        )
    return links


def similar_careers(career, found, limit):
    """(career, comparison URL) of the careers most like `career`, most similar first."""
    ranked = sorted((n for n in found if n.similar), key=lambda n: (-n.similarity, n.career.title))
    return [
        (n.career, comparison_url(*(c.slug for c in n.pair_with([career])))) for n in ranked[:limit]
    ]
