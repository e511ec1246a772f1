"""
What a page about one career (a guide) or two (a comparison) links to: related
comparisons, best first, and similar careers. One query finds the candidates: careers in
a published curated comparison with one of the page's careers come first, then those
sharing the most skills, then those in the same category. Candidates are found through
indexes (skill links, comparisons), so the cost hardly grows with the catalogue.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from careers.models import Career, CareerSkill
from comparisons.models import Comparison, comparison_url, linked_pair


@dataclass(frozen=True)
class Neighbour:
    """A career related to the page's careers, and how it relates to each of them."""

    career: Career
    shared_skills: tuple  # skills in common with each of the page's careers
    stored_first: tuple  # a published comparison stores the page's career i first
    stored_second: tuple  # … or second
    same_category: bool

    @property
    def curated(self):
        return any(self.stored_first) or any(self.stored_second)

    @property
    def similarity(self):
        return sum(self.shared_skills)

    def partner(self):
        """The index of the page's career to pair this one with: its curated partner, else
        the one it shares the most skills with."""
        for i, (first, second) in enumerate(
            zip(self.stored_first, self.stored_second, strict=True)
        ):
            if first or second:
                return i
        return max(range(len(self.shared_skills)), key=lambda i: (self.shared_skills[i], -i))

    def pair_with(self, careers):
        """The pair (in its canonical order) that links the page to this career."""
        i = self.partner()
        return linked_pair(careers[i], self.career, self.stored_first[i], self.stored_second[i])


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def neighbours(*careers, limit):
    """Published careers related to `careers` (with their skill links prefetched)."""
    ids = [career.pk for career in careers]
    skills = [[link.skill_id for link in career.skill_links.all()] for career in careers]
    most_similar = (
        CareerSkill.objects.filter(skill_id__in={s for group in skills for s in group})
        .exclude(career_id__in=ids)
        .values("career_id")
        .annotate(shared=models.Count("pk"))
        .order_by("-shared", "career_id")
        .values("career_id")[: limit * 2]
    )
    # Partners of any comparison (filtering on is_published here would lead SQLite to
    # scan every published comparison); the flags below keep the published ones.
    every = Comparison.objects.all()
    candidates = (
        Q(pk__in=most_similar)
        | Q(pk__in=every.filter(career_a__in=ids).values("career_b"))
        | Q(pk__in=every.filter(career_b__in=ids).values("career_a"))
    )
    curated = Comparison.objects.filter(is_published=True)
    flags, any_curated, similarity = {}, Q(), None
    for i, (career, group) in enumerate(zip(careers, skills, strict=True)):
        flags[f"shared_{i}"] = models.Count(
            "skill_links", filter=Q(skill_links__skill_id__in=group)
        )
        flags[f"first_{i}"] = models.Exists(
            curated.filter(career_a=career, career_b=models.OuterRef("pk"))
        )
        flags[f"second_{i}"] = models.Exists(
            curated.filter(career_a=models.OuterRef("pk"), career_b=career)
        )
        any_curated |= Q(**{f"first_{i}": True}) | Q(**{f"second_{i}": True})
        term = models.F(f"shared_{i}")
        similarity = term if similarity is None else similarity + term
    rows = (
        Career.objects.published()
        .exclude(pk__in=ids)
        .filter(candidates)
        .annotate(**flags)
        .annotate(
            curated=models.Case(
                models.When(any_curated, then=1), default=0, output_field=models.IntegerField()
            ),
            similarity=similarity,
            same_category=models.Case(
                models.When(category_id__in={c.category_id for c in careers}, then=1),
                default=0,
                output_field=models.IntegerField(),
            ),
        )
        .order_by("-curated", "-similarity", "-same_category", "title")
        .only("slug", "title", "category_id")[:limit]
    )
    n = range(len(careers))
    return [
        Neighbour(
            career=row,
            shared_skills=tuple(getattr(row, f"shared_{i}") for i in n),
            stored_first=tuple(getattr(row, f"first_{i}") for i in n),
            stored_second=tuple(getattr(row, f"second_{i}") for i in n),
            same_category=bool(row.same_category),
        )
        for row in rows
    ]


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
    ranked = sorted(found, key=lambda n: (-n.similarity, -n.same_category, n.career.title))
    return [
        (n.career, comparison_url(*(c.slug for c in n.pair_with([career])))) for n in ranked[:limit]
    ]
