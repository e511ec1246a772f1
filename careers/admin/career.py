"""
CareerAdmin: the careers list and its actions, and saving a career from its form (one
history entry per save, fields and parts together: careers.versions). Its drafts and
its History are in careers.admin.drafts and careers.admin.history.
"""

import csv

from django.contrib import admin, messages
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from careers import search_index, versions
from careers.admin.drafts import DraftAdminMixin, saving_draft
from careers.admin.forms import (
    ABOUT_DATA,
    AliasInline,
    CareerForm,
    CredentialInline,
    DayItemInline,
    EducationRouteInline,
    SkillInline,
    SourceInline,
    WorkplaceInline,
)
from careers.admin.history import HistoryAdminMixin
from careers.dependents import dependents_of
from careers.formatting import salary_range
from careers.models import Career
from occupations.formatting import growth
from occupations.models import AreaWage
from publishing.admin_tools import GuardedAdminMixin, StampEditorMixin


class StaleFilter(admin.SimpleListFilter):
    title = "review status"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("stale", "Stale (not reviewed for 12 months)"), ("fresh", "Reviewed in 12 months")]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "fresh":
            return queryset.reviewed()
        return queryset


@admin.register(Career)
class CareerAdmin(
    DraftAdminMixin, HistoryAdminMixin, GuardedAdminMixin, StampEditorMixin, SimpleHistoryAdmin
):
    form = CareerForm
    list_display = [
        "title",
        "category",
        "salary",
        "growth_display",
        "education_level",
        "is_published",
        "has_guide",
        "readiness",
        "last_reviewed",
        "updated_by",
    ]
    list_filter = ["has_guide", "is_published", "category", "education_level", StaleFilter]
    list_select_related = ["category", "updated_by"]
    search_fields = ["title", "common_titles", "aliases__name", "skill_links__skill__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    date_hierarchy = "last_reviewed"
    save_on_top = True
    actions = ["publish", "unpublish", "mark_reviewed_today", "export_csv"]
    inlines = [
        AliasInline,
        SkillInline,
        WorkplaceInline,
        EducationRouteInline,
        DayItemInline,
        CredentialInline,
        SourceInline,
    ]
    # The form in sections, in the order of the jump list at its top (change_form.html):
    # basics, figures, text, then the parts and the sources (the inlines), and publishing
    # last, beside the save bar ("form-end": shown after the inlines).
    fieldsets = [
        (
            "Basics",
            {
                "description": (
                    "Every US occupation has a page built from the public figures. To write "
                    "its guide, tick “has an editor's guide” and write the summary, why it "
                    "matters and the day: the publishing checklist then applies."
                ),
                "fields": ["title", "slug", "category", "has_guide", "common_titles"],
            },
        ),
        (
            "Figures: pay and outlook",
            {
                "classes": ["collapse"],
                "description": (
                    "Imported from BLS by the catalogue; change them only to correct them. "
                    "Where these figures come from and how the site reads them: "
                    f'<a href="{ABOUT_DATA}" target="_blank">about the data</a>.'
                ),
                "fields": [
                    ("salary_min", "salary_median", "salary_max"),
                    "pay_basis",
                    "salary_max_top_coded",
                    "salary_year",
                    ("growth_pct", "growth_horizon"),
                    ("employment", "employment_year", "annual_openings"),
                    "demand_override",
                    "soc_code",
                    "area_wages",
                    "figures_note",
                ],
            },
        ),
        (
            "Figures: education, experience and training",
            {
                "classes": ["collapse"],
                "fields": [
                    "entry_education",
                    "education_level",
                    "work_experience",
                    "job_training",
                ],
                "description": (
                    "BLS's categories (Employment Projections, "
                    f'<a href="{ABOUT_DATA}#sources" target="_blank">sources</a>). Licences and '
                    "certifications are with the parts, below."
                ),
            },
        ),
        (
            "Guide text",
            {
                "description": (
                    "The hour-by-hour items of the day are with the parts, below "
                    "(“a representative day”)."
                ),
                "fields": ["summary", "typical_hours", "why_it_matters", "day_to_day"],
            },
        ),
        (
            "Publishing",
            {"classes": ["form-end"], "fields": ["is_published", "last_reviewed", "used_by"]},
        ),
    ]
    readonly_fields = ["used_by", "area_wages"]

    # --- Parts, for saves made on an older version (publishing.admin_tools) --------------

    def parts_of(self, obj):
        return versions.snapshot_parts(obj)

    def parts_of_record(self, record):
        return record.parts

    def parts_changed(self, old, new, only=None):
        if old is None or new is None:
            return []
        return versions.changes_by_kind(old, new, only)

    def part_key(self, formset):
        kind = versions.KIND_BY_MODEL.get(formset.model)
        return kind.key if kind is not None else None

    def posted_parts_differ(self, formset, items):
        return versions.posted_rows_differ(versions.KIND_BY_MODEL[formset.model], formset, items)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "careers_career_changelist":
            # The list's "ready to publish" reads these parts for each row; a career's
            # form reads them once in its own tables.
            queryset = queryset.prefetch_related("skill_links", "education_routes", "sources")
        return queryset

    def get_changeform_initial_data(self, request):
        """New careers start from the current projections' years (the newest in use)."""
        initial = super().get_changeform_initial_data(request)
        latest = Career.objects.aggregate(horizon=Max("growth_horizon"), year=Max("salary_year"))
        initial.setdefault("growth_horizon", latest["horizon"])
        initial.setdefault("salary_year", latest["year"])
        return initial

    @admin.display(description="Ready to publish")
    def readiness(self, obj):
        problems = obj.publish_problems()
        return "yes" if not problems else "missing " + ", ".join(problems)

    @admin.display(description="Shown on")
    def used_by(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        links = [(format_html('<a href="{}">guide</a>', obj.get_absolute_url()),)]
        for text, admin_url, site_url in dependents_of(obj):
            links.append(
                (
                    format_html(
                        '{} (<a href="{}">edit</a> · <a href="{}">view</a>)',
                        text,
                        admin_url,
                        site_url,
                    ),
                )
            )
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", links))

    def save_model(self, request, obj, form, change):
        if saving_draft(request):
            return  # kept as a draft in save_related: the live career stays as it is
        # The career's history entry is written once, after its parts (save_related).
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)
        if "salary_median" in form.changed_data:
            self.warn_if_median_departs_from_release(request, obj)

    def warn_if_median_departs_from_release(self, request, career):
        """The guide and its state pages show the editor's national median (labelled with
        its own period); say so when it is not the figure BLS released for the SOC code."""
        if not career.soc_code or career.salary_median is None:
            return
        national = (
            AreaWage.objects.filter(soc=career.soc_code, area__kind="national")
            .select_related("release")
            .first()
        )
        released = national.annual_median if national else None
        if released is None or released == career.salary_median:
            return
        self.message_user(
            request,
            f"The median pay you saved for “{career}” (${career.salary_median:,}) is not the "
            f"one BLS OEWS {national.release.reference_period} published for SOC "
            f"{career.soc_code} (${released:,}). The guide and its state pages now compare "
            "with yours: check the figure and its source.",
            messages.WARNING,
        )

    def save_related(self, request, form, formsets, change):
        if saving_draft(request):
            return self.save_draft(request, form, formsets)  # careers.admin.drafts
        super().save_related(request, form, formsets, change)
        career = form.instance
        reason = form.cleaned_data.get("change_reason") or ""
        # Fresh from the database: the parts were just saved by the inline formsets.
        problems = Career.objects.get(pk=career.pk).publish_problems()
        if career.is_published and problems and change and "has_guide" in form.changed_data:
            # A live page of figures whose guide is started but not ready stays live as
            # it was: the text is kept, and the guide shows once it has what it needs.
            career.has_guide = False
            career.updated_by = request.user
            reason = "Guide started, not shown yet"
            career.save()
            self.message_user(
                request,
                f"Your text for “{career}” is saved; the page keeps showing the figures alone "
                "until its guide has " + ", ".join(problems) + ". Then tick “has an editor's "
                "guide” again.",
                messages.WARNING,
            )
        elif career.is_published and problems:
            career.is_published = False
            career.updated_by = request.user
            reason = "Kept as a draft: not ready to publish"
            career.save()
            self.message_user(
                request,
                f"“{career}” was saved as a draft, not published: its guide needs "
                + ", ".join(problems)
                + ".",
                messages.WARNING,
            )
        elif change and "is_published" in form.changed_data and not career.is_published:
            hidden = [text for text, _admin, _site in dependents_of(career)]
            if hidden:
                self.message_user(
                    request,
                    f"“{career}” is unpublished, which also hides: " + "; ".join(hidden) + ".",
                    messages.WARNING,
                )
        # One history entry for the whole save: the career's fields and its parts.
        versions.record_version(
            Career.objects.get(pk=career.pk), request.user, reason, created=not change
        )
        if hasattr(career, "skip_history_when_saving"):
            del career.skip_history_when_saving

    @admin.display(description="Pay by state and metro area")
    def area_wages(self, obj):
        """Imported from BLS for the SOC code: shown, never typed here."""
        if obj is None or not obj.soc_code:
            return "Needs a SOC code: BLS publishes wages by place for SOC occupations."
        wages = AreaWage.objects.filter(soc=obj.soc_code)
        national = wages.filter(area__kind="national").select_related("release").first()
        if national is None:
            return f"BLS OEWS has no figures for SOC {obj.soc_code} in the loaded release."
        url = reverse("admin:occupations_areawage_changelist") + f"?q={obj.soc_code}"
        return format_html(
            'BLS OEWS {} ({}): national median {}, {} jobs; <a href="{}">{} areas</a> '
            "(read-only: loaded by <code>manage.py loadcatalog</code>).",
            national.release.reference_period,
            national.release.release_id,
            national.median.text,
            national.jobs.text,
            url,
            wages.count(),
        )

    @admin.display(description="Salary range", ordering="salary_max")
    def salary(self, obj):
        return salary_range(obj)

    @admin.display(description="Growth", ordering="growth_pct")
    def growth_display(self, obj):
        return f"{growth(obj.growth_pct)} by {obj.growth_horizon}"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The career and its inlines are saved one by one: write its search document once.
        with search_index.deferred():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline in inline_formsets:
            # Django unfolds a collapsed inline for a row's error, not for its own (a rule
            # of careers.rules): an editor must see why the form came back.
            if inline.formset.non_form_errors():
                inline.classes = " ".join(c for c in inline.classes.split() if c != "collapse")
        return inline_formsets

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["shown_on"] = dependents_of(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        published = queryset.filter(is_published=True)
        if published.exists():
            names = ", ".join(str(c) for c in published[:5])
            self.message_user(
                request,
                f"Published careers cannot be deleted: unpublish them first ({names}).",
                messages.ERROR,
            )
        super().delete_queryset(request, queryset.filter(is_published=False))

    def _bulk_save(self, request, queryset, message, **changes):
        # Save one by one so history, updated_by and the content version all follow.
        for career in queryset:
            for name, value in changes.items():
                setattr(career, name, value)
            career.updated_by = request.user
            career.save()
        self.message_user(request, message.format(count=queryset.count()), messages.SUCCESS)

    @admin.action(description="Publish selected careers", permissions=["change"])
    def publish(self, request, queryset):
        not_ready = {c: c.publish_problems() for c in queryset}
        not_ready = {c: p for c, p in not_ready.items() if p}
        for career, problems in not_ready.items():
            self.message_user(
                request,
                f"“{career}” was not published: its guide needs {', '.join(problems)}.",
                messages.WARNING,
            )
        ready = queryset.exclude(pk__in=[c.pk for c in not_ready])
        if ready.exists():
            self._bulk_save(request, ready, "{count} career(s) published.", is_published=True)

    @admin.action(description="Unpublish selected careers", permissions=["change"])
    def unpublish(self, request, queryset):
        hidden = [text for career in queryset for text, _a, _s in dependents_of(career)]
        self._bulk_save(request, queryset, "{count} career(s) unpublished.", is_published=False)
        if hidden:
            self.message_user(
                request, "This also hides: " + "; ".join(hidden) + ".", messages.WARNING
            )

    @admin.action(description="Mark selected careers reviewed today", permissions=["change"])
    def mark_reviewed_today(self, request, queryset):
        self._bulk_save(
            request,
            queryset,
            "{count} career(s) marked reviewed today.",
            last_reviewed=timezone.localdate(),
        )

    @admin.action(description="Export selected careers as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="careers.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "slug",
                "title",
                "category",
                "salary_min",
                "salary_median",
                "salary_max",
                "growth_pct",
                "growth_horizon",
                "education",
                "soc_code",
                "published",
                "last_reviewed",
            ]
        )
        for career in queryset.select_related("category").order_by("slug"):
            writer.writerow(
                [
                    career.slug,
                    _csv_safe(career.title),
                    _csv_safe(career.category.name),
                    career.salary_min,
                    career.salary_median or "",
                    career.salary_max,
                    career.growth_pct,
                    career.growth_horizon,
                    career.education_label,
                    career.soc_code,
                    "yes" if career.is_published else "no",
                    career.last_reviewed.isoformat(),
                ]
            )
        return response


def _csv_safe(value):
    """Stop spreadsheet formula injection from text an editor typed."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# --- Area wages: imported from BLS by loadcatalog, read-only for everyone --------------------
