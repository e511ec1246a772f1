"""
What careers tell the page cache (publishing.pagecache): a page that loads a career
shows it, so it depends on the career's tag (`career:<pk>`), which a save of the career
or of one of its parts moves (their `page_tags()`). A page that loads only some of its
fields (`.only()`: a link, a row of figures) depends on the groups of those fields
(`career:<pk>:name`, `…:figures`, `…:text`; careers.models.base.FIELD_GROUPS), which a
save moves only when it changes one of them. Loading a part (a skill link, a licence)
shows the career's parts (`career:<pk>:parts`), which a save of any part moves. Figures
derived from the whole catalogue have tags of their own, moved only when their
fingerprint changes:

- SPREAD_TAG: the pay spread every guide's chart is drawn against;
- NEIGHBOURS_TAG: what decides which careers are neighbours (related comparisons,
  similar careers, moves): who is published, titles, SOC codes, listed skills;
- publishing.versions.LISTS: what decides which careers a list shows and how many (who
  is published, in which field, at which education level, titles); what it shows of each
  is their `career:<pk>`;
- ORDER_TAG and one tag per field (`category_list_tag`): the figures lists sort and
  filter by (pay, growth, jobs), of every career and of the careers in that field.
"""

import functools
import hashlib

from careers.models import (
    NEIGHBOURS_TAG,
    ORDER_TAG,
    PARTS_GROUP,
    SPREAD_TAG,
    Career,
    CareerSkill,
    career_tag,
    category_list_tag,
    field_group,
)
from publishing.pagecache import depends_on
from publishing.versions import LISTS

# What lists select, group, count and name careers by (careers and comparisons indexes,
# home, sitemaps, about the data), and the figures they sort and filter by.
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
)
ORDERED_BY = ("pk", "salary_median", "salary_max", "growth_pct", "employment")


def shown(sender, instance, **kwargs):
    """post_init of Career: a page being rendered that loads a career shows it, whole or
    the groups of the fields it loaded."""
    if instance.pk is None:
        return
    deferred = instance.get_deferred_fields()
    if not deferred:
        depends_on(career_tag(instance.pk))
        return
    depends_on(
        *(career_tag(instance.pk, group) for group in _groups_loaded(sender, frozenset(deferred)))
    )


@functools.lru_cache(maxsize=256)
def _groups_loaded(sender, deferred):
    """The groups of the fields a `.only()` loads (a list loads hundreds of careers the
    same way: worked out once)."""
    return frozenset(
        field_group(field.attname)
        for field in sender._meta.concrete_fields
        if not field.primary_key and field.attname not in deferred
    )


def part_shown(sender, instance, **kwargs):
    """post_init of a career's part: a page showing it shows the career's parts."""
    if instance.career_id is not None:
        depends_on(career_tag(instance.career_id, PARTS_GROUP))


def remember_row(sender, instance, raw=False, **kwargs):
    """pre_save of Career: the row as it is before the save, so that its `page_tags()`
    names only the groups of fields the save changes."""
    if raw or instance.pk is None:
        return
    names = [field.attname for field in sender._meta.concrete_fields]
    row = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    instance.__dict__["_row_before_save"] = row


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
    figures = {}  # category id: its careers' figures
    for category, *row in Career.objects.order_by("category_id", "pk").values_list(
        "category_id", *ORDERED_BY
    ):
        figures.setdefault(category, []).append(tuple(row))
    return {
        SPREAD_TAG: _digest(spread),
        NEIGHBOURS_TAG: _digest(published.values_list("pk", "title", "soc_code"), skills),
        LISTS: _digest(Career.objects.order_by("pk").values_list(*LISTED_BY)),
        ORDER_TAG: _digest(figures.values()),
        **{category_list_tag(category): _digest(rows) for category, rows in figures.items()},
    }
