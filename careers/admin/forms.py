"""
The career form and its parts: the inlines editors fill in (other names, skills,
workplaces, routes, the day, licences, sources), each kept in the editor's order.
"""

from django import forms
from django.contrib import admin

from careers import rules, versions
from careers.models import (
    Career,
    CareerAlias,
    CareerSkill,
    CareerWorkplace,
    Credential,
    DayItem,
    EducationRoute,
    Source,
)
from publishing.admin_tools import GuardedForm

ABOUT_DATA = "/about/data/"


class PartForm(forms.ModelForm):
    """
    A row of a part table. A stored row sent back unchanged is taken as stored, without a
    query per row: not validated again as a model (it was when it was saved; the formset
    still checks the table as a whole), and see PartFormSet.add_fields.
    """

    def _post_clean(self):
        if self.instance.pk is not None and not self.has_changed():
            return
        super()._post_clean()


def _known(field, stored, value):
    """Let `field` return `value` for the posted `stored` id without asking the database."""
    parse = field.to_python

    def to_python(posted):
        if posted not in field.empty_values and str(posted) == stored:
            return value
        return parse(posted)

    field.to_python = to_python


class PartFormSet(forms.BaseInlineFormSet):
    """One kind of part of a career: the parts it keeps obey careers.rules."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A table's inputs have its column headings above them, not labels: name them.
        for name, field in form.fields.items():
            field.widget.attrs.setdefault("aria-label", str(field.label or name))
        row = form.instance
        if row.pk is None:
            return
        # The row itself and what it links to (a skill…) were read with the table: a
        # stored id posted back is that object, not one more query per row and field.
        for name, field in form.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            if name == self._pk_field.name:
                _known(field, str(row.pk), row)
            elif name in self.fk_names:
                model_field = row._meta.get_field(name)
                if model_field.is_cached(row):
                    _known(field, str(getattr(row, model_field.attname)), getattr(row, name))

    @property
    def fk_names(self):
        return {
            field.name
            for field in self.model._meta.concrete_fields
            if field.many_to_one and field.name != self.fk.name
        }

    def clean(self):
        super().clean()
        kind = versions.KIND_BY_MODEL[self.model]
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.errors and not form.cleaned_data.get("DELETE")
        ]
        problems = rules.part_problems({kind.key: [_item(kind, data) for data in kept]})
        if problems:
            raise forms.ValidationError(problems)


def _item(kind, data):
    """A form's cleaned data as the item careers.rules reads (careers.versions' shape)."""
    item = {name: data.get(name) for name in kind.fields}
    if kind.ref:
        thing = data.get(kind.ref[0])
        item["name"] = thing.name if thing is not None else ""
    return item


class AliasInline(admin.TabularInline):
    model = CareerAlias
    jump_label = versions.PART_BY_KEY["aliases"].label  # in the list of the form's sections
    form = PartForm
    formset = PartFormSet
    extra = 0
    classes = ["collapse"]
    fields = ["name"]
    verbose_name_plural = (
        "other names people search for (abbreviations, former titles, everyday words; "
        "search finds the career by them, the guide does not show them)"
    )


class OrderedInline(admin.TabularInline):
    form = PartForm
    formset = PartFormSet
    extra = 0
    fields = ["position"]

    class Media:
        js = ["js/admin-order.js"]  # "Move up" / "Move down" beside each position
        css = {"all": ["css/admin-order.css"]}


class SharedThingInline(OrderedInline):
    """Skills and workplaces are shared by careers: from a career, add one, never edit or
    delete it for every career (that is the Skills / Workplaces pages' job)."""

    shared = None  # the name of the link to the shared thing: "skill", "workplace"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.shared)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("skill", "workplace"):
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field


class SkillInline(SharedThingInline):
    model = CareerSkill
    shared = "skill"
    jump_label = versions.PART_BY_KEY["skills"].label  # in the list of the form's sections
    fields = ["position", "skill"]
    autocomplete_fields = ["skill"]
    verbose_name_plural = "top skills (in order of importance; + adds a new skill)"


class WorkplaceInline(SharedThingInline):
    model = CareerWorkplace
    shared = "workplace"
    jump_label = versions.PART_BY_KEY["workplaces"].label  # in the list of the form's sections
    classes = ["collapse"]
    fields = ["position", "workplace"]
    autocomplete_fields = ["workplace"]
    verbose_name_plural = "where they work (in order)"


class EducationRouteInline(OrderedInline):
    model = EducationRoute
    jump_label = versions.PART_BY_KEY["routes"].label  # in the list of the form's sections
    classes = ["collapse"]
    verbose_name_plural = "education routes (in order; the guide needs at least one)"
    fields = ["position", "text"]


class DayItemInline(admin.TabularInline):
    model = DayItem
    jump_label = versions.PART_BY_KEY["day"].label  # in the list of the form's sections
    form = PartForm
    formset = PartFormSet
    extra = 0
    classes = ["collapse"]
    fields = ["time", "activity"]
    verbose_name_plural = "a representative day (times in order)"


class CredentialInline(OrderedInline):
    model = Credential
    jump_label = versions.PART_BY_KEY["credentials"].label  # in the list of the form's sections
    classes = ["collapse"]
    fields = ["position", "name", "kind", "requirement", "issuer", "note", "source_url"]
    verbose_name_plural = "licences and certifications (in order; give the page that says so)"


class SourceInline(OrderedInline):
    model = Source
    jump_label = versions.PART_BY_KEY["sources"].label  # in the list of the form's sections
    classes = ["collapse"]
    fields = ["position", "title", "url", "period", "accessed"]
    verbose_name_plural = (
        "sources (the publisher's own page; leave “accessed” empty unless someone opened it)"
    )


class CareerForm(GuardedForm):
    class Meta:
        model = Career
        fields = "__all__"
        help_texts = {
            # The admin shows help texts as HTML: the model's “<slug>” would vanish.
            "slug": "The guide's address: /careers/&lt;slug&gt;/. Lowercase, no “-vs-”.",
            "salary_min": (
                "USD a year: the 10th percentile where the source has one "
                f'(<a href="{ABOUT_DATA}#pay" target="_blank">what the figures mean</a>).'
            ),
            "growth_pct": (
                "Percent change in jobs over the projection period, e.g. 29.2 or -4.2 "
                f'(<a href="{ABOUT_DATA}#sources" target="_blank">BLS projections</a>).'
            ),
            "salary_max": (
                "USD a year: the 90th percentile where the source has one "
                f'(<a href="{ABOUT_DATA}#pay" target="_blank">top-coded wages</a>).'
            ),
            "salary_median": (
                "USD a year. Leave empty when the source has none: the site then says it "
                f'is missing (<a href="{ABOUT_DATA}#verdicts" target="_blank">how '
                "comparisons treat it</a>)."
            ),
            "pay_basis": (
                "10th to 90th percentile (BLS OEWS), or a range stated by another source "
                f'(<a href="{ABOUT_DATA}#pay" target="_blank">why it matters</a>).'
            ),
            "soc_code": (
                "The BLS occupation code, e.g. 15-1252: pay by state and metro area and the "
                f'O*NET ratings follow it (<a href="{ABOUT_DATA}#area-pay" '
                'target="_blank">pay by place</a>, '
                f'<a href="{ABOUT_DATA}#advice" target="_blank">switching advice</a>).'
            ),
            "entry_education": (
                "BLS's category, in its words; empty only when no source states one "
                f'(<a href="{ABOUT_DATA}#sources" target="_blank">sources</a>).'
            ),
        }
