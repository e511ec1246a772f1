"""A career's ordered parts: other names, skills, workplaces, routes, the day, licences, sources."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import JSONObject, Lower

from careers.models.base import (
    PARTS_GROUP,
    Skill,
    Workplace,
    career_tag,
)
from careers.text import normalize_for_search


class PartOfCareer:
    """A part of one career: a change to it re-renders the pages showing that career, or
    its parts."""

    def page_tags(self):
        return [career_tag(self.career_id), career_tag(self.career_id, PARTS_GROUP)]


class CareerAlias(PartOfCareer, models.Model):
    """Another name people search for: an abbreviation, a former title, a common word."""

    career = models.ForeignKey("careers.Career", on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(
        max_length=120,
        help_text="E.g. “RN”, a former title, or the word people type (“doctor”).",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "other name"
        constraints = [
            models.UniqueConstraint(
                "career",
                Lower("name"),
                name="career_alias_once",
                violation_error_message="This career already has that other name.",
            ),
        ]

    def __str__(self):
        return self.name


class OrderedPart(PartOfCareer, models.Model):
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class CareerSkill(OrderedPart):
    career = models.ForeignKey(
        "careers.Career", on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="career_links")

    class Meta(OrderedPart.Meta):
        verbose_name = "top skill"
        constraints = [
            models.UniqueConstraint(fields=["career", "skill"], name="career_skill_once"),
        ]

    def __str__(self):
        return str(self.skill)


class CareerWorkplace(OrderedPart):
    career = models.ForeignKey(
        "careers.Career", on_delete=models.CASCADE, related_name="workplace_links"
    )
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="career_links")

    class Meta(OrderedPart.Meta):
        verbose_name = "place of work"
        constraints = [
            models.UniqueConstraint(fields=["career", "workplace"], name="career_workplace_once"),
        ]

    def __str__(self):
        return str(self.workplace)


class EducationRoute(OrderedPart):
    career = models.ForeignKey(
        "careers.Career", on_delete=models.CASCADE, related_name="education_routes"
    )
    text = models.CharField(max_length=160)

    def __str__(self):
        return self.text


class JSONArrayAgg(models.Aggregate):
    """The aggregated values as one JSON array built by the database, which JSONField
    decodes: json_group_array on SQLite, jsonb_agg on PostgreSQL."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def route_items(career="pk"):
    """
    A career's education routes as a JSON list (a subquery on the career row), each
    route as {position, pk, text}, in any order; `Career.route_texts` sorts them. It
    saves a query per page over a prefetch and needs no ORDER BY inside an aggregate,
    which SQLite before 3.44 lacks.
    """
    routes = (
        EducationRoute.objects.filter(career=models.OuterRef(career))
        .order_by()
        .values("career")
        .annotate(items=JSONArrayAgg(JSONObject(position="position", pk="pk", text="text")))
        .values("items")
    )
    return models.Subquery(routes, output_field=models.JSONField())


class DayItem(PartOfCareer, models.Model):
    career = models.ForeignKey("careers.Career", on_delete=models.CASCADE, related_name="day_items")
    time = models.TimeField(help_text="24-hour clock, e.g. 08:30.")
    activity = models.CharField(max_length=200)

    class Meta:
        ordering = ["time", "pk"]
        verbose_name = "representative-day item"
        constraints = [
            models.UniqueConstraint(fields=["career", "time"], name="day_item_time_once"),
        ]

    def __str__(self):
        return f"{self.time:%H:%M} {self.activity}"


class Credential(OrderedPart):
    """
    A licence, certification or exam a career asks for, with who issues it; or the
    accredited degree or programme a licence requires (kind “programme”, with the body
    that accredits it), so that switching advice names it as a step of its own.
    """

    class Kind(models.TextChoices):
        LICENCE = "licence", "Licence"
        CERTIFICATION = "certification", "Certification"
        EXAM = "exam", "Exam"
        PROGRAMME = "programme", "Degree or programme"

    class Requirement(models.TextChoices):
        REQUIRED = "required", "Required"
        USUALLY = "usually-required", "Usually required"
        SOMETIMES = "sometimes-required", "Required in some places or jobs"
        OPTIONAL = "optional", "Optional"

    career = models.ForeignKey(
        "careers.Career", on_delete=models.CASCADE, related_name="credentials"
    )
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    requirement = models.CharField(
        max_length=20,
        choices=Requirement.choices,
        help_text=(
            "Required: needed to do the job (the note gives any exception). Usually required: "
            "in most states or by most employers. Required in some places or jobs: some states, "
            "cities or employers. Optional: helps, never needed."
        ),
    )
    issuer = models.CharField(
        "issued by",
        max_length=200,
        help_text=(
            "The licensing or certifying body; for a degree or programme, the body that "
            "accredits or approves it (e.g. “ARC-PA”)."
        ),
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="One plain sentence; for “required in some places or jobs”, say where or when.",
    )
    source_url = models.URLField(
        "source",
        max_length=500,
        blank=True,
        help_text="The page that says so, e.g. the OOH “How to Become One” tab.",
    )

    class Meta(OrderedPart.Meta):
        verbose_name = "licence or certification"
        verbose_name_plural = "licences and certifications"
        constraints = [
            models.UniqueConstraint(fields=["career", "name"], name="credential_name_once"),
            models.CheckConstraint(
                condition=Q(source_url="")
                | Q(source_url__startswith="http://")
                | Q(source_url__startswith="https://"),
                name="credential_source_http",
                violation_error_message="Source links must start with http:// or https://.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def match_name(self):
        return normalize_for_search(self.name)

    @property
    def is_programme(self):
        return self.kind == self.Kind.PROGRAMME

    @property
    def issuer_phrase(self):
        """“issued by NCCPA”, or for a programme “accredited by ARC-PA”."""
        return f"{'accredited by' if self.is_programme else 'issued by'} {self.issuer}"

    @property
    def is_step(self):
        """Required or usually required: a step to plan for, not an extra."""
        return self.requirement in (self.Requirement.REQUIRED, self.Requirement.USUALLY)


class Source(OrderedPart):
    career = models.ForeignKey("careers.Career", on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, blank=True, help_text="http:// or https:// only.")
    period = models.CharField(
        "data period",
        max_length=40,
        blank=True,
        help_text="The period the figures describe, e.g. “May 2024” or “2024–34”.",
    )
    accessed = models.DateField(
        null=True, blank=True, help_text="When someone last opened the page. Empty: not recorded."
    )

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
