from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.text import MAX_QUERY_LENGTH, normalize_for_search

SLUG_RULE = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Use lowercase letters, digits and single hyphens, e.g. “data-scientist”.",
)
# The top code of the BLS wage survey: wages at or above it are published as “#”.
OEWS_TOP_CODE = 239_200
MAX_TOP_SKILLS = 12
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


class EducationLevel(models.IntegerChoices):
    NONE = 0, "No formal credential"
    HIGH_SCHOOL = 1, "High school"
    CERTIFICATE = 2, "Certificate"
    ASSOCIATE = 3, "Associate"
    BACHELOR = 4, "Bachelor"
    MASTER = 5, "Master"
    DOCTORATE = 6, "Doctorate"


class Demand(models.TextChoices):
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"
    VERY_HIGH = "very-high", "Very high"


def demand_from_growth(growth_pct):
    """
    The documented default rule (README, “Demand level”): projected growth over the
    ten-year horizon, against the all-occupation average of about 3–4 %.
    """
    growth = Decimal(growth_pct)
    if growth >= 15:
        return Demand.VERY_HIGH
    if growth >= 7:
        return Demand.HIGH
    if growth >= 2:
        return Demand.MODERATE
    return Demand.LOW


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
        return f"{reverse('careers:index')}?category={self.slug}"


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
    class Meta(NamedThing.Meta):
        constraints = [
            models.UniqueConstraint(Lower("name"), name="skill_name_unique_ci"),
        ]


class Workplace(NamedThing):
    class Meta(NamedThing.Meta):
        constraints = [
            models.UniqueConstraint(Lower("name"), name="workplace_name_unique_ci"),
        ]


class CareerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_parts(self, day=False):
        """Everything a comparison (and with `day`, a guide) shows: one query per part."""
        return self.select_related("category").prefetch_related(*career_parts(day=day))

    def with_catalogue_spread(self):
        """Annotate the lowest and highest pay in the published catalogue (no extra query)."""
        published = Career.objects.published().order_by()
        return self.annotate(
            catalogue_low=models.Subquery(
                published.order_by("salary_min").values("salary_min")[:1]
            ),
            catalogue_high=models.Subquery(
                published.order_by("-salary_max").values("salary_max")[:1]
            ),
            # “At least” only when a career at that high end is flagged top-coded.
            catalogue_high_top_coded=models.Subquery(
                published.order_by("-salary_max", "-salary_max_top_coded").values(
                    "salary_max_top_coded"
                )[:1]
            ),
        )

    def search(self, query):
        """Title, common titles and skills; accent- and case-insensitive; title hits first."""
        terms = normalize_for_search(query[:MAX_QUERY_LENGTH]).split()[:8]
        if not terms:
            return self.none()
        matches = Q()
        for term in terms:
            matches &= Q(search_text__contains=term) | Q(
                skill_links__skill__search_name__contains=term
            )
        title_first = models.Case(
            models.When(search_title__startswith=terms[0], then=0),
            models.When(search_title__contains=" ".join(terms), then=1),
            default=2,
            output_field=models.IntegerField(),
        )
        ids = self.filter(matches).values("pk")
        return self.filter(pk__in=ids).annotate(rank=title_first).order_by("rank", "title")


def career_parts(day=False):
    """Prefetches of a career's ordered parts, for querysets or prefetch_related_objects()."""
    parts = [
        models.Prefetch("skill_links", CareerSkill.objects.select_related("skill")),
        models.Prefetch("workplace_links", CareerWorkplace.objects.select_related("workplace")),
        "education_routes",
        "sources",
    ]
    return [*parts, "day_items"] if day else parts


class Career(EditorStamped):
    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[SLUG_RULE, reject_vs],
        help_text="The guide's address: /careers/<slug>/. Lowercase, no “-vs-”.",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="careers")
    summary = models.TextField(
        max_length=400,
        help_text="One or two sentences: what the job is. Also the page's search description.",
    )
    common_titles = models.TextField(
        blank=True,
        help_text="Other titles people use for this job, one per line. Search matches them.",
    )
    typical_hours = models.CharField(max_length=160, blank=True)

    salary_min = models.PositiveIntegerField(
        "salary low", help_text="USD a year: the 10th percentile where the source has one."
    )
    salary_max = models.PositiveIntegerField(
        "salary high", help_text="USD a year: the 90th percentile where the source has one."
    )
    salary_max_top_coded = models.BooleanField(
        "high end is top-coded",
        default=False,
        help_text=(
            "Tick when the source publishes the high end only as “at least” its top code "
            f"(${OEWS_TOP_CODE:,} for BLS OEWS). The site then shows it as “$239k+”."
        ),
    )
    salary_median = models.PositiveIntegerField(
        null=True, blank=True, help_text="USD a year. Leave empty when the source has none."
    )
    salary_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the wage figures describe, e.g. 2024."
    )
    growth_pct = models.DecimalField(
        "projected growth %",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("-100")), MaxValueValidator(Decimal("1000"))],
        help_text="Percent change in jobs over the projection period, e.g. 29.2 or -4.2.",
    )
    growth_horizon = models.PositiveSmallIntegerField(
        "growth horizon year", help_text="The last year of the projection, e.g. 2034."
    )
    demand_override = models.CharField(
        max_length=12,
        choices=Demand.choices,
        blank=True,
        help_text="Leave empty to derive demand from growth (the rule is in the README).",
    )
    education_level = models.PositiveSmallIntegerField(
        choices=EducationLevel.choices, help_text="The usual entry-level education."
    )
    soc_code = models.CharField(
        "SOC code",
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d\d-\d{4}$", "Use the form 15-1252.")],
        help_text="The BLS Standard Occupational Classification code, where one exists.",
    )
    figures_note = models.TextField(
        blank=True,
        help_text="Where the figures come from, when that needs saying (e.g. no SOC code).",
    )
    why_it_matters = models.TextField()
    day_to_day = models.TextField(help_text="Plain text; a blank line starts a new paragraph.")
    is_published = models.BooleanField("published", default=False, db_index=True)
    last_reviewed = models.DateField(
        default=timezone.localdate,
        help_text="When an editor last checked every figure and sentence against its sources.",
    )
    search_title = models.CharField(max_length=120, editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = CareerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_title", "search_text", "updated_at"])

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__lte=models.F("salary_max")),
                name="career_salary_min_lte_max",
                violation_error_message="The low end of the salary range is above the high end.",
            ),
            models.CheckConstraint(
                condition=Q(salary_median__isnull=True)
                | Q(
                    salary_median__gte=models.F("salary_min"),
                    salary_median__lte=models.F("salary_max"),
                ),
                name="career_salary_median_in_range",
                violation_error_message="The median must lie inside the salary range.",
            ),
            models.CheckConstraint(
                condition=~Q(slug__contains="-vs-"),
                name="career_slug_without_vs",
                violation_error_message="A slug cannot contain “-vs-”.",
            ),
            models.CheckConstraint(
                condition=Q(growth_pct__gte=-100, growth_pct__lte=1000),
                name="career_growth_in_bounds",
                violation_error_message="Growth must be between −100 % and +1000 %.",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "title"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_title = normalize_for_search(self.title)
        self.search_text = normalize_for_search(" ".join([self.title, self.common_titles]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("careers:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug and self.slug != self.slug.lower():
            errors["slug"] = "Use lowercase letters only."
        lo, hi, med = self.salary_min, self.salary_max, self.salary_median
        if lo is not None and hi is not None and lo > hi:
            errors["salary_max"] = (
                f"The high end (${hi:,}) is below the low end (${lo:,}): swap them or fix one."
            )
        elif med is not None and lo is not None and hi is not None and not lo <= med <= hi:
            errors["salary_median"] = (
                f"The median (${med:,}) must lie between the low end (${lo:,}) "
                f"and the high end (${hi:,})."
            )
        horizon, year = self.growth_horizon, self.salary_year
        if horizon and not HORIZON_YEARS[0] <= horizon <= HORIZON_YEARS[1]:
            errors["growth_horizon"] = (
                f"The horizon year must be between {HORIZON_YEARS[0]} and {HORIZON_YEARS[1]}."
            )
        elif horizon and year and horizon <= year:
            errors["growth_horizon"] = (
                f"The horizon year ({horizon}) must come after the year of the wage figures "
                f"({year}): a projection looks ahead."
            )
        if errors:
            raise ValidationError(errors)

    # Display helpers used by guides, comparisons and the admin.

    @property
    def demand(self):
        return self.demand_override or demand_from_growth(self.growth_pct)

    @property
    def demand_label(self):
        return Demand(self.demand).label

    @property
    def education_label(self):
        return EducationLevel(self.education_level).label

    @property
    def common_title_list(self):
        return [t.strip() for t in self.common_titles.splitlines() if t.strip()]

    @property
    def median_or_midpoint(self):
        if self.salary_median is not None:
            return self.salary_median
        return (self.salary_min + self.salary_max) / 2

    @property
    def day_to_day_paragraphs(self):
        return [p.strip() for p in self.day_to_day.split("\n\n") if p.strip()]


class OrderedPart(models.Model):
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class CareerSkill(OrderedPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="career_links")
    history = HistoricalRecords()

    class Meta(OrderedPart.Meta):
        verbose_name = "top skill"
        constraints = [
            models.UniqueConstraint(fields=["career", "skill"], name="career_skill_once"),
        ]

    def __str__(self):
        return str(self.skill)


class CareerWorkplace(OrderedPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="workplace_links")
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="career_links")
    history = HistoricalRecords()

    class Meta(OrderedPart.Meta):
        verbose_name = "place of work"
        constraints = [
            models.UniqueConstraint(fields=["career", "workplace"], name="career_workplace_once"),
        ]

    def __str__(self):
        return str(self.workplace)


class EducationRoute(OrderedPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="education_routes")
    text = models.CharField(max_length=160)
    history = HistoricalRecords()

    def __str__(self):
        return self.text


class DayItem(models.Model):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="day_items")
    time = models.TimeField(help_text="24-hour clock, e.g. 08:30.")
    activity = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["time", "pk"]
        verbose_name = "representative-day item"
        constraints = [
            models.UniqueConstraint(fields=["career", "time"], name="day_item_time_once"),
        ]

    def __str__(self):
        return f"{self.time:%H:%M} {self.activity}"


class Source(OrderedPart):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, blank=True, help_text="http:// or https:// only.")
    accessed = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta(OrderedPart.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(url="") | Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="source_url_http",
                violation_error_message="Source links must start with http:// or https://.",
            ),
        ]

    def __str__(self):
        return self.title


# Area wages (BLS OEWS by state and metro area) live in their own module.
from careers.areas import Area, AreaKind, AreaWage, PaySummary, WageRelease  # noqa: E402, F401
