"""What careers are made of besides themselves: categories, skills, workplaces, stamps."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower

from careers.skills import skill_key
from careers.text import normalize_for_search
from publishing.links import plain_url

SLUG_RULE = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Use lowercase letters, digits and single hyphens, e.g. “data-scientist”.",
)
# The top code of the BLS wage survey: wages at or above it are published as “#”.
OEWS_TOP_CODE = 239_200
# A guide nobody has reviewed for this long is stale (the admin's filter and dashboard).
STALE_AFTER = datetime.timedelta(days=365)
# Projection horizons the site accepts. Fixed, not relative to today: a guide must not
# become invalid because a year has passed.
HORIZON_YEARS = (2000, 2100)


def reject_vs(value):
    if "-vs-" in value:
        raise ValidationError("A slug cannot contain “-vs-”: it is reserved for comparison URLs.")


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class EditorStamped(TimeStamped):
    """Content an editor saves in the admin: also who saved it last."""

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


# The parts of the content (publishing's ContentTags) that pages show: one career with its
# parts; every save of a career (sitemaps list when each changed); and figures derived
# from the whole catalogue (careers.pagetags fingerprints them).
SAVED_TAG = "careers:saved"
SPREAD_TAG = "careers:spread"  # the lowest and highest pay of the catalogue (pay charts)
NEIGHBOURS_TAG = "careers:neighbours"  # who is published, titles, SOC codes, listed skills
# The figures lists sort and filter careers by: of the whole catalogue, and of each field
# (a list of one category depends on that category's only).
ORDER_TAG = "careers:order"


def category_list_tag(category_id):
    return f"careers:order:{category_id}"


# A page that loads only some fields of a career (a link to it, a row of figures) shows
# only their groups: it depends on `career:<pk>:<group>`, which a save moves only when it
# changes a field of the group. A field not named here is in the "text" group.
FIELD_GROUPS = {
    "name": (
        "title",
        "slug",
        "category_id",
        "has_guide",
        "soc_code",
        "is_published",
        "sort_title",
        "search_name",
    ),
    "figures": (
        "salary_min",
        "salary_max",
        "salary_max_top_coded",
        "pay_basis",
        "salary_median",
        "salary_year",
        "growth_pct",
        "growth_horizon",
        "demand_override",
        "education_level",
        "entry_education",
        "work_experience",
        "job_training",
        "employment",
        "employment_year",
        "annual_openings",
    ),
}
GROUP_OF_FIELD = {name: group for group, names in FIELD_GROUPS.items() for name in names}
PARTS_GROUP = "parts"  # a career's parts (skills, licences…), for pages that show some


def career_tag(pk, group=None):
    """The ContentTag of a career and its parts, or of one group of its fields."""
    return f"career:{pk}" if group is None else f"career:{pk}:{group}"


def field_group(attname):
    return GROUP_OF_FIELD.get(attname, "text")


class Category(TimeStamped):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, validators=[SLUG_RULE])
    description = models.CharField(
        max_length=300, blank=True, help_text="One sentence shown on the careers index."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Categories are listed in this order."
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{plain_url('careers:index')}?category={self.slug}"


class NamedThing(TimeStamped):
    name = models.CharField(max_length=80)
    search_name = models.CharField(max_length=80, editable=False, blank=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize_for_search(self.name)
        super().save(*args, **kwargs)


class Skill(NamedThing):
    match_name = models.CharField(max_length=80, editable=False, blank=True, db_index=True)

    class Meta(NamedThing.Meta):
        constraints = [
            models.UniqueConstraint(Lower("name"), name="skill_name_unique_ci"),
        ]

    def save(self, *args, **kwargs):
        self.match_name = skill_key(self.name)
        super().save(*args, **kwargs)


class Workplace(NamedThing):
    class Meta(NamedThing.Meta):
        constraints = [
            models.UniqueConstraint(Lower("name"), name="workplace_name_unique_ci"),
        ]
