"""
What careers tell the page cache (publishing.pagecache): a page that loads a career
shows it, so it depends on the career's tag (`career:<pk>`), which a save of the career
or of one of its parts moves (their `page_tags()`). Figures derived from the whole
catalogue have tags of their own, moved only when their fingerprint changes:

- SPREAD_TAG: the pay spread every guide's chart is drawn against;
- NEIGHBOURS_TAG: what decides which careers are neighbours (related comparisons,
  similar careers, moves): who is published, titles, SOC codes, listed skills;
- publishing.versions.LISTS: what decides which careers a list shows, in which order and
  how many (filters, sorts, counts); what it shows of each is their `career:<pk>`.
"""

import hashlib

from careers.models import NEIGHBOURS_TAG, SPREAD_TAG, Career, CareerSkill, career_tag
from publishing.pagecache import depends_on
from publishing.versions import LISTS

# What lists filter, sort, group and count careers by (careers and comparisons indexes,
# home, sitemaps, about the data).
LISTED_BY = (
    "pk",
    "slug",
    "is_published",
    "has_guide",
    "category_id",
    "education_level",
    "title",
    "sort_title",
    "soc_code",
    "salary_median",
    "salary_max",
    "growth_pct",
    "employment",
)


def shown(sender, instance, **kwargs):
    """post_init of Career: a page being rendered that loads a career shows it."""
    if instance.pk is not None:
        depends_on(career_tag(instance.pk))


def _digest(*rows):
    digest = hashlib.sha256()
    for part in rows:
        for row in part:
            digest.update(repr(row).encode())
        digest.update(b"|")
    return digest.hexdigest()[:32]


def fingerprints():
    """{tag: fingerprint} of the figures derived from many careers (publishing.versions)."""
    spread = (
        Career.objects.with_catalogue_spread()
        .order_by()
        .values_list("catalogue_low", "catalogue_high", "catalogue_high_top_coded")[:1]
    )
    published = Career.objects.published().order_by("pk")
    skills = (
        CareerSkill.objects.filter(career__is_published=True)
        .order_by("career_id", "skill__match_name")
        .values_list("career_id", "skill__match_name")
    )
    return {
        SPREAD_TAG: _digest(spread),
        NEIGHBOURS_TAG: _digest(published.values_list("pk", "title", "soc_code"), skills),
        LISTS: _digest(Career.objects.order_by("pk").values_list(*LISTED_BY)),
    }
