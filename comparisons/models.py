from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from simple_history.models import HistoricalRecords

from careers.models import Career, EditorStamped, career_tag
from publishing.links import slug_url
from publishing.versions import LISTS

PAIR_TAKEN = "These two careers are already compared."


def pair_slug(a_slug, b_slug):
    return f"{a_slug}-vs-{b_slug}"


def comparison_url(a_slug, b_slug):
    return slug_url("comparisons:detail", "pair", pair_slug(a_slug, b_slug))


def linked_pair(mine, other, first=False, second=False):
    """
    The canonical order of the pair (mine, other): a curated comparison's stored order
    (`first`: it stores `mine` first; `second`: it stores `mine` second), else
    alphabetical by slug, the order of a pair nobody curated.
    """
    if first:
        return mine, other
    if second:
        return other, mine
    return tuple(sorted([mine, other], key=lambda career: career.slug))


class ComparisonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            is_published=True, career_a__is_published=True, career_b__is_published=True
        )

    def for_pair_member(self, career):
        """Comparisons that include `career`, on either side."""
        return self.filter(Q(career_a=career) | Q(career_b=career))

    def for_pair(self, a, b):
        """The comparison of careers a and b (ids or instances), whatever its order."""
        return self.filter(Q(career_a=a, career_b=b) | Q(career_a=b, career_b=a))


class Comparison(EditorStamped):
    career_a = models.ForeignKey(
        Career,
        on_delete=models.PROTECT,
        related_name="comparisons_as_a",
        verbose_name="first career",
        help_text="Shown on the left; the URL reads first-vs-second.",
    )
    career_b = models.ForeignKey(
        Career,
        on_delete=models.PROTECT,
        related_name="comparisons_as_b",
        verbose_name="second career",
    )
    is_published = models.BooleanField("published", default=False, db_index=True)
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Featured comparisons are shown on the home page."
    )
    intro = models.TextField(
        "editor's intro",
        blank=True,
        help_text=(
            "Who weighs these two careers and what really separates them, in a few plain "
            "sentences. Shown first on the page, above the summary built from the figures."
        ),
    )

    objects = ComparisonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["career_a__title", "career_b__title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(career_a=F("career_b")),
                name="comparison_not_with_itself",
                violation_error_message="A career cannot be compared with itself.",
            ),
            models.UniqueConstraint(
                Least("career_a", "career_b"),
                Greatest("career_a", "career_b"),
                name="comparison_pair_unique",
                violation_error_message=PAIR_TAKEN,
            ),
        ]
        indexes = [
            # The comparisons index counts and sorts every published pair by its careers'
            # fields: read from this index, not from the comparisons' rows (20,000 pairs:
            # the grouped count about 52 → 27 ms in SQLite, the page's rows 37 → 22 ms).
            models.Index(
                fields=["is_published", "career_a", "career_b"], name="comparison_published_pair"
            ),
        ]

    def __str__(self):
        return f"{self.career_a} vs {self.career_b}"

    @property
    def slug(self):
        return pair_slug(self.career_a.slug, self.career_b.slug)

    def get_absolute_url(self):
        return comparison_url(self.career_a.slug, self.career_b.slug)

    def page_tags(self):
        """What a change to the pair touches (publishing.signals): the pages showing either
        career, as paired now or before the save (comparisons.receivers.remember_pair):
        its own page, their guides, pages linking the pair; and the lists (the
        comparisons index, home's featured pairs, sitemaps)."""
        before = self.__dict__.pop("_pair_before_save", ())
        careers = {self.career_a_id, self.career_b_id, *before} - {None}
        return [*(career_tag(pk) for pk in sorted(careers)), LISTS]

    def clean(self):
        if not (self.career_a_id and self.career_b_id):
            return
        if self.career_a_id == self.career_b_id:
            raise ValidationError(
                {"career_b": "Pick two different careers: a career cannot be compared with itself."}
            )
        existing = (
            Comparison.objects.for_pair(self.career_a_id, self.career_b_id)
            .exclude(pk=self.pk)
            .select_related("career_a", "career_b")
            .first()
        )
        if existing:
            raise ValidationError(
                {
                    "career_b": (
                        f"These careers are already compared in “{existing}”. "
                        "Edit that comparison instead."
                    )
                }
            )

    def validate_constraints(self, exclude=None):
        # clean() reports a duplicate pair in plain words, naming the existing comparison;
        # drop the constraint's generic message for the same problem so it is said once.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            remaining = {
                field: [m for m in messages if m != PAIR_TAKEN]
                for field, messages in error.message_dict.items()
            }
            remaining = {field: messages for field, messages in remaining.items() if messages}
            if remaining:
                raise ValidationError(remaining) from None
