"""The career (a guide, or a page of public figures) and its draft."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Collate
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.models.base import (
    HORIZON_YEARS,
    OEWS_TOP_CODE,
    SAVED_TAG,
    SLUG_RULE,
    SPREAD_TAG,
    STALE_AFTER,
    Category,
    EditorStamped,
    career_tag,
    field_group,
    reject_vs,
)
from careers.models.parts import (
    CareerSkill,
    CareerWorkplace,
    route_items,
)
from careers.text import normalize_for_search
from occupations.models import OnetProfile
from occupations.scales import (
    LEVEL_OF_ENTRY,
    Demand,
    EducationLevel,
    EntryEducation,
    JobTraining,
    PayBasis,
    WorkExperience,
    demand_from_growth,
)
from publishing.links import slug_url
from publishing.pagecache import depends_on


class CareerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def stale(self):
        """Careers whose guide nobody has reviewed for STALE_AFTER."""
        return self.filter(last_reviewed__lt=stale_cutoff())

    def reviewed(self):
        """Careers whose guide someone has reviewed within STALE_AFTER."""
        return self.filter(last_reviewed__gte=stale_cutoff())

    def with_parts(self, day=False):
        """
        Everything a comparison (and with `day`, a guide) shows: one query per part, but
        the education routes, which come in the careers' own query (`route_items`).
        """
        return (
            self.select_related("category")
            .prefetch_related(*career_parts(day=day))
            .annotate(route_items=route_items())
        )

    def with_profile(self):
        """Annotate `onet_ratings`: the O*NET ratings of the career's SOC code, or None."""
        return self.annotate(onet_ratings=onet_ratings())

    def with_catalogue_spread(self):
        """Annotate the lowest and highest pay in the published catalogue (no extra query)."""
        depends_on(SPREAD_TAG)
        published = Career.objects.published().filter(salary_min__isnull=False).order_by()
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

    def az(self):
        """
        A–Z order, ignoring case, accents and punctuation (“HVAC” after “High School”),
        the same on every database: the normalised title (`sort_title`), compared code
        point by code point (PostgreSQL's default collation would depend on the server's
        locale).
        """
        if connections[self.db].vendor == "postgresql":
            return [Collate("sort_title", "C"), "title"]
        return ["sort_title", "title"]

    def alphabetical(self):
        return self.order_by(*self.az())


def stale_cutoff():
    return timezone.localdate() - STALE_AFTER


def onet_ratings(soc_code="soc_code"):
    """The O*NET ratings of the SOC code in the outer query's `soc_code` (a subquery)."""
    profiles = OnetProfile.objects.filter(soc_code=models.OuterRef(soc_code))
    return models.Subquery(profiles.values("ratings")[:1], output_field=models.JSONField())


def career_parts(day=False):
    """Prefetches of a career's ordered parts, for querysets or prefetch_related_objects()."""
    parts = [
        models.Prefetch("skill_links", CareerSkill.objects.select_related("skill")),
        models.Prefetch("workplace_links", CareerWorkplace.objects.select_related("workplace")),
        "credentials",
        "sources",
    ]
    return [*parts, "day_items"] if day else parts


class CareerVersionParts(models.Model):
    """What a career's history records hold beyond its fields (careers.versions)."""

    parts = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The career's parts (skills, routes, sources…) as they were in this version.",
    )

    class Meta:
        abstract = True


class Career(EditorStamped):
    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[SLUG_RULE, reject_vs],
        help_text="The guide's address: /careers/<slug>/. Lowercase, no “-vs-”.",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="careers")
    has_guide = models.BooleanField(
        "has an editor's guide",
        default=True,
        help_text=(
            "Ticked: the page shows the guide written here (summary, why it matters, the day, "
            "skills, routes, sources). Unticked: a page built from the public figures alone, "
            "which says it has no editor's guide yet."
        ),
    )
    summary = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences: what the job is. Also the page's search description.",
    )
    common_titles = models.TextField(
        blank=True,
        help_text="Other titles people use for this job, one per line. Search matches them.",
    )
    typical_hours = models.CharField(max_length=160, blank=True)

    salary_min = models.PositiveIntegerField(
        "salary low",
        null=True,
        blank=True,
        help_text="USD a year: the 10th percentile where the source has one.",
    )
    salary_max = models.PositiveIntegerField(
        "salary high",
        null=True,
        blank=True,
        help_text="USD a year: the 90th percentile where the source has one.",
    )
    salary_max_top_coded = models.BooleanField(
        "high end is top-coded",
        default=False,
        help_text=(
            "Tick when the source publishes the high end only as “at least” its top code "
            f"(${OEWS_TOP_CODE:,} for BLS OEWS). The site then shows it as “$239k+”."
        ),
    )
    pay_basis = models.CharField(
        "what the range is",
        max_length=12,
        choices=PayBasis.choices,
        default=PayBasis.PERCENTILES,
        help_text=(
            "10th to 90th percentile (BLS OEWS), or a range stated by another source: the "
            "site then never calls it percentiles."
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
        choices=EducationLevel.choices,
        help_text=(
            "The usual entry-level education on the site's short scale (the careers filter). "
            "Set from the BLS category when one is chosen."
        ),
    )
    entry_education = models.CharField(
        "typical entry education (BLS)",
        max_length=24,
        choices=EntryEducation.choices,
        blank=True,
        help_text="BLS's category, in its words. Empty only when no source states one.",
    )
    work_experience = models.CharField(
        "work experience (BLS)",
        max_length=16,
        choices=WorkExperience.choices,
        blank=True,
        help_text="Experience in a related job needed to start. Empty: not stated by a source.",
    )
    job_training = models.CharField(
        "on-the-job training (BLS)",
        max_length=24,
        choices=JobTraining.choices,
        blank=True,
        help_text="Training needed to become competent. Empty: not stated by a source.",
    )
    employment = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Jobs in the base year of the projection (BLS EP, includes self-employed).",
    )
    employment_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year of the employment figure, e.g. 2024."
    )
    annual_openings = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=(
            "Average openings a year over the projection period (BLS EP): new jobs plus "
            "workers who leave or change occupation."
        ),
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
    why_it_matters = models.TextField(blank=True)
    day_to_day = models.TextField(
        blank=True, help_text="Plain text; a blank line starts a new paragraph."
    )
    is_published = models.BooleanField("published", default=False, db_index=True)
    sort_title = models.CharField(
        max_length=120,
        editable=False,
        blank=True,
        db_index=True,
        help_text="The title for A–Z order: lowercase, no accents or punctuation.",
    )
    last_reviewed = models.DateField(
        default=timezone.localdate,
        help_text="When an editor last checked every figure and sentence against its sources.",
    )

    objects = CareerQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at", "sort_title"], bases=[CareerVersionParts]
    )

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
            models.UniqueConstraint(
                fields=["soc_code"],
                condition=~Q(soc_code=""),
                name="career_soc_code_once",
                violation_error_message="Another career already has this SOC code.",
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
            models.CheckConstraint(
                condition=Q(entry_education="")
                | Q(
                    *(
                        Q(entry_education=entry, education_level=level)
                        for entry, level in LEVEL_OF_ENTRY.items()
                    ),
                    _connector=Q.OR,
                ),
                name="career_education_level_matches_bls",
                violation_error_message=(
                    "The education level must be the one the BLS category maps to."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "title"]),
            # The catalogue's pay spread (`with_catalogue_spread`), read on every guide:
            # the lowest and highest published pay without reading every career.
            models.Index(fields=["is_published", "salary_min"], name="career_published_pay_low"),
            models.Index(
                fields=["is_published", "salary_max", "salary_max_top_coded"],
                name="career_published_pay_high",
            ),
            # Home: each field's largest careers, read in order from here (one window
            # over this index, not a sort of every career: 15.5 → 5.8 ms at 5,000).
            models.Index(
                fields=["is_published", "category", "-employment", "title", "slug"],
                name="career_field_largest",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.sort_title = normalize_for_search(self.title)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_title"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("careers:detail", "slug", self.slug)

    def page_tags(self):
        """
        What a save of the career touches (publishing.signals): its own pages and every
        page showing it whole, the pages showing a group of fields the save changed (as
        the row was before it: careers.pagetags.remember_row), and the sitemaps' dates.
        Whether other lists change (who is on them, in which order) is careers.pagetags'
        fingerprint of them.
        """
        before = self.__dict__.pop("_row_before_save", None)
        deferred = self.get_deferred_fields()
        changed = {
            field_group(field.attname)
            for field in self._meta.concrete_fields
            if not field.primary_key
            and field.attname not in deferred
            and (before is None or before.get(field.attname) != getattr(self, field.attname))
        }
        return [career_tag(self.pk), SAVED_TAG, *(career_tag(self.pk, g) for g in changed)]

    def clean(self):
        errors = {}
        if self.entry_education:
            # The short scale follows BLS's category: an editor sets only the latter.
            self.education_level = LEVEL_OF_ENTRY[EntryEducation(self.entry_education)]
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
        if self.has_guide:
            guide_text = {
                "summary": "a summary",
                "why_it_matters": "why it matters",
                "day_to_day": "the day-to-day text",
            }
            for name, words in guide_text.items():
                if not getattr(self, name).strip() and name not in errors:
                    errors[name] = f"A guide needs {words}: write it, or untick “has a guide”."
        if self.soc_code and "soc_code" not in errors:
            others = Career.objects.filter(soc_code=self.soc_code)
            # An unsaved career with the slug of a saved one is that career (a catalogue load).
            others = others.exclude(pk=self.pk) if self.pk else others.exclude(slug=self.slug)
            other = others.first()
            if other is not None:
                errors["soc_code"] = (
                    f"SOC {self.soc_code} already has its page: “{other.title}” "
                    f"(/careers/{other.slug}/). Write its guide there."
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
    def entry_education_label(self):
        """BLS's wording where known, else the short scale's level."""
        if self.entry_education:
            return EntryEducation(self.entry_education).label
        return self.education_label

    @property
    def salary_is_range(self):
        """A stated range (e.g. from the seed page): never to be called percentiles."""
        return self.pay_basis == PayBasis.RANGE

    @property
    def pay_is_sourced(self):
        """
        Pay from a published survey (BLS OEWS, under the career's SOC code), not a range
        the editors state without one (the seed's careers): only sourced figures decide a
        verdict against each other (comparisons.verdicts).
        """
        return bool(self.soc_code) and not self.salary_is_range

    @property
    def growth_is_sourced(self):
        """Growth from BLS Employment Projections (a SOC code), not the editors' own figure."""
        return bool(self.soc_code)

    @property
    def common_title_list(self):
        return [t.strip() for t in self.common_titles.splitlines() if t.strip()]

    @property
    def route_texts(self):
        """The education routes in order: from `route_items` when annotated, else a query."""
        if "route_items" not in self.__dict__:
            return [route.text for route in self.education_routes.all()]
        items = sorted(self.route_items or [], key=lambda item: (item["position"], item["pk"]))
        return [item["text"] for item in items]

    def publish_problems(self):
        """What the public guide would be missing, in plain words (empty when ready)."""
        problems = []
        if self.salary_median is None and not self.figures_note.strip():
            problems.append("a median pay figure, or a note on why there is none")
        if not self.has_guide:
            return problems  # a page of public figures: no prose to check
        if not self.summary.strip():
            problems.append("a summary")
        if not self.why_it_matters.strip():
            problems.append("the “why it matters” text")
        if not self.day_to_day.strip():
            problems.append("the day-to-day text")
        parts = [
            (self.skill_links, "at least one top skill"),
            (self.education_routes, "at least one education route"),
            (self.sources, "at least one source"),
        ]
        problems += [label for manager, label in parts if not manager.all()]
        return problems

    @property
    def description(self):
        """The page's description: the editor's summary, or for a page without a guide
        what it holds, from its figures."""
        if self.has_guide and self.summary.strip():
            return self.summary
        text = f"{self.title}: "
        if self.salary_median is not None and self.salary_year:
            text += f"median pay ${self.salary_median:,} a year (May {self.salary_year}), "
        text += (
            f"jobs projected to {self.growth_horizon}, typical entry education, skills and "
            "pay in every state, from BLS and O*NET figures."
        )
        return text

    @property
    def day_to_day_paragraphs(self):
        return [p.strip() for p in self.day_to_day.split("\n\n") if p.strip()]


class CareerDraft(EditorStamped):
    """
    Changes to a live career that are not live yet: the proposed career and its parts
    (careers.versions' shape, validated by the admin form when saved), published in one
    step, at once or at `publish_at`, or discarded. One draft per career.
    """

    career = models.OneToOneField(Career, on_delete=models.CASCADE, related_name="draft")
    data = models.JSONField(help_text="{fields: …, parts: …} as careers.versions stores them.")
    reason = models.CharField(max_length=200, blank=True)
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        db_index=True,
        help_text="When the draft goes live by itself (the first visit after this time).",
    )
    problem = models.CharField(
        max_length=400,
        blank=True,
        help_text="Why a scheduled publication could not be made (then it waits for an editor).",
    )

    class Meta:
        verbose_name = "draft of a live career"
        verbose_name_plural = "drafts of live careers"
        ordering = ["publish_at", "-updated_at"]

    def __str__(self):
        return f"Draft of {self.career}"
