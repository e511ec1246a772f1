"""
Area wages: BLS OEWS estimates of employment and pay for an occupation (SOC code) in the
nation, a state, a metropolitan or a nonmetropolitan area.

Imported from the extract in catalog/ by `loadcatalog` (never typed by editors), keyed by
the SOC code rather than by career, so a career shows the figures of whatever SOC code it
carries. A figure BLS did not publish is None and its footnote (see `FOOTNOTES`) says why.
The models live here and are imported by careers/models.py.
"""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from occupations.figures import TOP_CODE_ANNUAL, TOP_CODE_HOURLY, Figure, poor_precision
from occupations.scales import EntryEducation, JobTraining, WorkExperience

FIGURE_FIELDS = (
    "employment",
    "employment_rse",
    "location_quotient",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
    "annual_mean",
    "hourly_median",
    "wage_rse",
)


class AreaKind(models.TextChoices):
    NATIONAL = "national", "National"
    STATE = "state", "State or territory"
    METRO = "metro", "Metropolitan area"
    NONMETRO = "nonmetro", "Nonmetropolitan area"


class WageRelease(models.Model):
    """One OEWS release (e.g. 2025A01, May 2025) as recorded in the extract's .json."""

    release_id = models.CharField("release", max_length=12, unique=True)
    reference_period = models.CharField(max_length=40, help_text="e.g. “May 2025”.")
    data_year = models.PositiveSmallIntegerField()
    extract_file = models.CharField(max_length=100)
    extract_sha256 = models.CharField("extract sha256", max_length=64)
    package = models.CharField(
        max_length=200, blank=True, help_text="Where the release file came from."
    )
    retrieved = models.CharField(max_length=20, blank=True)
    sources = models.JSONField(
        default=list, blank=True, help_text="The BLS files it was built from, with sha256."
    )
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-data_year"]
        verbose_name = "wage release"

    def __str__(self):
        return f"OEWS {self.reference_period} ({self.release_id})"


class Area(models.Model):
    """A BLS OEWS area: the nation, a state or territory, a metro or nonmetro area."""

    code = models.CharField(max_length=7, unique=True, help_text="BLS's 7-digit area code.")
    kind = models.CharField(max_length=8, choices=AreaKind.choices, db_index=True)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=100, unique=True)
    state_codes = models.CharField(
        max_length=40, blank=True, help_text="Postal codes of the states it lies in: “NY NJ”."
    )
    postal = models.CharField(max_length=2, blank=True, help_text="States only.")
    neighbours = models.CharField(
        max_length=60, blank=True, help_text="States only: postal codes of land neighbours."
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AreaKind.values), name="area_kind_known"),
        ]

    def __str__(self):
        return self.name

    @property
    def state_list(self):
        return self.state_codes.split()

    @property
    def neighbour_list(self):
        return self.neighbours.split()


class WageFigures:
    """The figures of an OEWS row as visitors read them (occupations.figures.Figure), for a
    saved AreaWage and for the light copies a guide unpacks from its summary alike."""

    def footnote(self, field):
        return self.footnotes.get(field)

    def figure(self, field):
        kind = {
            "employment": "count",
            "hourly_median": "hourly",
            "location_quotient": "ratio",
            "employment_rse": "ratio",
            "wage_rse": "ratio",
        }.get(field, "money")
        top = {"money": TOP_CODE_ANNUAL, "hourly": TOP_CODE_HOURLY}.get(kind)
        return Figure(getattr(self, field), self.footnote(field), kind, top)

    # The figures as templates read them: `wage.median.text`, `wage.p90.short`.

    @cached_property
    def p10(self):
        return self.figure("annual_p10")

    @cached_property
    def p25(self):
        return self.figure("annual_p25")

    @cached_property
    def median(self):
        return self.figure("annual_median")

    @cached_property
    def p75(self):
        return self.figure("annual_p75")

    @cached_property
    def p90(self):
        return self.figure("annual_p90")

    @cached_property
    def mean(self):
        return self.figure("annual_mean")

    @cached_property
    def hourly(self):
        return self.figure("hourly_median")

    @cached_property
    def jobs(self):
        return self.figure("employment")

    @cached_property
    def quotient(self):
        return self.figure("location_quotient")

    @property
    def wages_imprecise(self):
        """BLS's relative standard error of the wage estimates is large."""
        return poor_precision(self.wage_rse)

    @property
    def jobs_imprecise(self):
        return poor_precision(self.employment_rse)

    @property
    def has_figures(self):
        """Enough to stand on its own page: BLS published the median."""
        return self.annual_median is not None or self.median.top_coded


class AreaWageQuerySet(models.QuerySet):
    def for_soc(self, soc):
        return self.filter(soc=soc).select_related("area", "release")

    def metros(self):
        return self.filter(area__kind__in=[AreaKind.METRO, AreaKind.NONMETRO])


class AreaWage(WageFigures, models.Model):
    """One occupation in one area, all industries, as BLS published it."""

    release = models.ForeignKey(WageRelease, on_delete=models.PROTECT, related_name="wages")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="wages")
    soc = models.CharField("SOC code", max_length=7)
    employment = models.PositiveIntegerField(null=True, blank=True)
    employment_rse = models.DecimalField(
        "employment RSE %", max_digits=6, decimal_places=2, null=True, blank=True
    )
    location_quotient = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_p10 = models.PositiveIntegerField("10th percentile", null=True, blank=True)
    annual_p25 = models.PositiveIntegerField("25th percentile", null=True, blank=True)
    annual_median = models.PositiveIntegerField("median", null=True, blank=True)
    annual_p75 = models.PositiveIntegerField("75th percentile", null=True, blank=True)
    annual_p90 = models.PositiveIntegerField("90th percentile", null=True, blank=True)
    annual_mean = models.PositiveIntegerField("mean", null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    wage_rse = models.DecimalField(
        "wage RSE %", max_digits=6, decimal_places=2, null=True, blank=True
    )
    footnotes = models.JSONField(
        default=dict, blank=True, help_text="BLS footnote code per figure, where one applies."
    )

    objects = AreaWageQuerySet.as_manager()

    class Meta:
        ordering = ["soc", "area"]
        verbose_name = "area wage"
        constraints = [
            models.UniqueConstraint(fields=["soc", "area"], name="area_wage_once"),
        ]

    def __str__(self):
        return f"{self.soc} in {self.area}"


class PaySummary(models.Model):
    """
    What a guide shows of one SOC code's area wages (national, every state, the top metro
    areas), rebuilt from AreaWage rows whenever they are loaded (careers.pay). A guide reads
    it as an annotation of its career query, so its map and tables cost no query of their
    own. Never edited: the AreaWage rows are the truth.
    """

    soc = models.CharField("SOC code", max_length=7, unique=True)
    release = models.ForeignKey(WageRelease, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = "pay summary"
        verbose_name_plural = "pay summaries"

    def __str__(self):
        return f"{self.soc} ({self.release})"


class OnetProfile(models.Model):
    """
    O*NET importance ratings (1–5) of 35 skills and 41 work activities for one SOC code.
    Imported by `loadcatalog` from occupations/data/onet_profiles.json; read-only for editors.
    """

    soc_code = models.CharField("SOC code", max_length=10, unique=True)
    onet_codes = models.CharField(
        "O*NET-SOC codes", max_length=200, help_text="The O*NET codes averaged into this profile."
    )
    release = models.CharField(max_length=10, help_text="O*NET database release, e.g. 30.1.")
    titles = models.TextField(
        blank=True, help_text="O*NET's own titles under this code, one per line (for search)."
    )
    ratings = models.JSONField(
        help_text="[{id, name, kind: skill|activity, importance}], in O*NET's element order."
    )
    standard_scores = models.JSONField(
        default=list,
        help_text=(
            "Each rating as standard deviations from that element's mean over all profiles, "
            "in the ratings' order (computed at load; what fit pages rank by)."
        ),
    )

    class Meta:
        ordering = ["soc_code"]
        verbose_name = "O*NET profile"

    def __str__(self):
        return f"O*NET {self.release} profile for {self.soc_code}"


class ProfileSimilarity(models.Model):
    """How alike two SOC codes' O*NET profiles are (centred cosine), computed at load."""

    soc_code = models.CharField(max_length=10)
    other_soc_code = models.CharField(max_length=10)
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["soc_code", "other_soc_code"], name="profile_similarity_once"
            ),
        ]
        indexes = [models.Index(fields=["soc_code", "score"])]

    def __str__(self):
        return f"{self.soc_code} ~ {self.other_soc_code}: {self.score:.2f}"


class Occupation(models.Model):
    """
    One detailed occupation of the BLS Employment Projections (Table 1.2), with the
    projection's figures and BLS's education, experience and training categories, and the
    industries that employ most of it (OEWS national figures by industry). Imported by
    `loadcatalog` from occupations/data; never typed. Its wages are the AreaWage rows of
    its SOC code, its ratings the OnetProfile of the same code.
    """

    soc_code = models.CharField("SOC code", max_length=7, unique=True)
    title = models.CharField("official title", max_length=160)
    base_year = models.PositiveSmallIntegerField(help_text="The projection's base year, e.g. 2024.")
    horizon_year = models.PositiveSmallIntegerField(help_text="Its last year, e.g. 2034.")
    employment = models.PositiveIntegerField(
        null=True, blank=True, help_text="Jobs in the base year, self-employed included."
    )
    employment_projected = models.PositiveIntegerField(null=True, blank=True)
    employment_change = models.IntegerField(null=True, blank=True)
    growth_pct = models.DecimalField(
        "projected growth %", max_digits=5, decimal_places=1, null=True, blank=True
    )
    self_employed_pct = models.DecimalField(
        "self-employed %", max_digits=4, decimal_places=1, null=True, blank=True
    )
    annual_openings = models.PositiveIntegerField(
        null=True, blank=True, help_text="Average openings a year over the projection period."
    )
    entry_education = models.CharField(max_length=24, choices=EntryEducation.choices, blank=True)
    work_experience = models.CharField(max_length=16, choices=WorkExperience.choices, blank=True)
    job_training = models.CharField(max_length=24, choices=JobTraining.choices, blank=True)
    ooh_url = models.URLField("OOH page", max_length=200, blank=True)
    industries = models.JSONField(
        default=list,
        blank=True,
        help_text="[{code, name, employment, share}]: the industries employing most of it.",
    )
    industries_period = models.CharField(max_length=40, blank=True, help_text="e.g. May 2025.")

    class Meta:
        ordering = ["soc_code"]

    def __str__(self):
        return f"{self.soc_code} {self.title}"

    @property
    def major_code(self):
        return self.soc_code[:2]


def industries_of(soc_field="soc_code"):
    """An annotation: the leading industries of the SOC code in the outer query's
    `soc_field` (Occupation.industries), or null."""
    rows = Occupation.objects.filter(soc_code=models.OuterRef(soc_field)).order_by()
    return models.Subquery(rows.values("industries")[:1], output_field=models.JSONField())


def facts_of(soc_field="soc_code"):
    """An annotation: what a page shows of the Occupation of the outer query's SOC code
    (title, projection years, self-employed share, OOH page, industries) as one JSON
    object, or null: no query of its own."""
    from django.db.models.functions import JSONObject

    names = [
        "title", "base_year", "horizon_year", "self_employed_pct", "ooh_url",
        "industries", "industries_period",
    ]  # fmt: skip
    rows = Occupation.objects.filter(soc_code=models.OuterRef(soc_field)).order_by()
    found = rows.values(found=JSONObject(**{name: models.F(name) for name in names}))[:1]
    return models.Subquery(found, output_field=models.JSONField())
