from django import forms
from django.contrib import admin

from careers.formatting import growth, salary_range
from careers.models import (
    MAX_TOP_SKILLS,
    Career,
    CareerSkill,
    CareerWorkplace,
    Category,
    DayItem,
    EducationRoute,
    Skill,
    Source,
    Workplace,
)

admin.site.site_header = "Qoollege editors"
admin.site.site_title = "Qoollege editors"
admin.site.index_title = "Career content"


def kept_forms(formset):
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
    ]


class DayItemFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        times = [
            form.cleaned_data["time"] for form in kept_forms(self) if "time" in form.cleaned_data
        ]
        if any(later <= earlier for earlier, later in zip(times, times[1:], strict=False)):
            raise forms.ValidationError(
                "List the representative day in order: each time must be later than the one "
                "above it."
            )


class SkillFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if len(kept_forms(self)) > MAX_TOP_SKILLS:
            raise forms.ValidationError(
                f"List at most {MAX_TOP_SKILLS} top skills: keep the ones that matter most."
            )


class OrderedInline(admin.TabularInline):
    extra = 0
    fields = ["position"]


class SkillInline(OrderedInline):
    model = CareerSkill
    formset = SkillFormSet
    fields = ["position", "skill"]
    autocomplete_fields = ["skill"]
    verbose_name_plural = "top skills (in order of importance)"


class WorkplaceInline(OrderedInline):
    model = CareerWorkplace
    fields = ["position", "workplace"]
    autocomplete_fields = ["workplace"]
    verbose_name_plural = "where they work (in order)"


class EducationRouteInline(OrderedInline):
    model = EducationRoute
    fields = ["position", "text"]


class DayItemInline(admin.TabularInline):
    model = DayItem
    formset = DayItemFormSet
    extra = 0
    fields = ["time", "activity"]
    verbose_name_plural = "a representative day (times in order)"


class SourceInline(OrderedInline):
    model = Source
    fields = ["position", "title", "url", "accessed"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Skill, Workplace)
class NamedThingAdmin(admin.ModelAdmin):
    list_display = ["name", "updated_at"]
    search_fields = ["name"]


@admin.register(Career)
class CareerAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "salary",
        "growth_display",
        "education_level",
        "is_published",
        "last_reviewed",
    ]
    list_filter = ["is_published", "category", "education_level"]
    list_select_related = ["category"]
    search_fields = ["title", "common_titles", "skill_links__skill__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    date_hierarchy = "last_reviewed"
    inlines = [SkillInline, WorkplaceInline, EducationRouteInline, DayItemInline, SourceInline]
    fieldsets = [
        (
            "Basics",
            {"fields": ["title", "slug", "category", "summary", "common_titles", "typical_hours"]},
        ),
        (
            "Pay & outlook",
            {
                "fields": [
                    ("salary_min", "salary_median", "salary_max"),
                    "salary_max_top_coded",
                    "salary_year",
                    ("growth_pct", "growth_horizon"),
                    "demand_override",
                    "education_level",
                    "soc_code",
                    "figures_note",
                ]
            },
        ),
        ("Guide text", {"fields": ["why_it_matters", "day_to_day"]}),
        ("Publishing", {"fields": ["is_published", "last_reviewed"]}),
    ]

    @admin.display(description="Salary range", ordering="salary_max")
    def salary(self, obj):
        return salary_range(obj)

    @admin.display(description="Growth", ordering="growth_pct")
    def growth_display(self, obj):
        return f"{growth(obj.growth_pct)} by {obj.growth_horizon}"
