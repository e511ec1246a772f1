import csv
import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from careers import drafts, search_index, versions
from careers.areas import FIGURE_FIELDS
from careers.figures import FOOTNOTES
from careers.formatting import growth, salary_range
from careers.models import (
    MAX_TOP_SKILLS,
    Area,
    AreaWage,
    Career,
    CareerAlias,
    CareerDraft,
    CareerSkill,
    CareerWorkplace,
    Category,
    Credential,
    DayItem,
    EducationRoute,
    OnetProfile,
    Skill,
    Source,
    WageRelease,
    Workplace,
)
from publishing.admin_tools import GuardedAdminMixin, GuardedForm, opened_version

admin.site.site_header = "Qoollege editors"
admin.site.site_title = "Qoollege editors"
admin.site.index_title = "Career content"

STALE_AFTER = datetime.timedelta(days=365)
ABOUT_DATA = "/about/data/"

# Other apps can show what depends on a career without this app knowing them: each
# function takes a career and returns [(text, admin URL or None, site URL or None)], e.g.
# the published comparisons that show it (comparisons registers one in its AppConfig).
career_dependents = []


def dependents_of(career):
    return [item for provider in career_dependents for item in provider(career)]


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


class AliasFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in kept_forms(self):
            name = form.cleaned_data.get("name", "").strip().lower()
            if name in seen:
                raise forms.ValidationError(
                    f"“{form.cleaned_data['name']}” is listed twice: keep one of them."
                )
            seen.add(name)


class AliasInline(admin.TabularInline):
    model = CareerAlias
    formset = AliasFormSet
    extra = 0
    classes = ["collapse"]
    fields = ["name"]
    verbose_name_plural = (
        "other names people search for (abbreviations, former titles, everyday words; "
        "search finds the career by them, the guide does not show them)"
    )


class OrderedInline(admin.TabularInline):
    extra = 0
    fields = ["position"]

    class Media:
        js = ["js/admin-order.js"]  # "Move up" / "Move down" beside each position
        css = {"all": ["css/admin-order.css"]}


class SharedThingInline(OrderedInline):
    """Skills and workplaces are shared by careers: from a career, add one, never edit or
    delete it for every career (that is the Skills / Workplaces pages' job)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("skill", "workplace"):
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field


class SkillInline(SharedThingInline):
    model = CareerSkill
    formset = SkillFormSet
    fields = ["position", "skill"]
    autocomplete_fields = ["skill"]
    verbose_name_plural = "top skills (in order of importance; + adds a new skill)"


class WorkplaceInline(SharedThingInline):
    model = CareerWorkplace
    classes = ["collapse"]
    fields = ["position", "workplace"]
    autocomplete_fields = ["workplace"]
    verbose_name_plural = "where they work (in order)"


class EducationRouteInline(OrderedInline):
    model = EducationRoute
    classes = ["collapse"]
    verbose_name_plural = "education routes (in order; the guide needs at least one)"
    fields = ["position", "text"]


class DayItemInline(admin.TabularInline):
    model = DayItem
    formset = DayItemFormSet
    extra = 0
    classes = ["collapse"]
    fields = ["time", "activity"]
    verbose_name_plural = "a representative day (times in order)"


class CredentialInline(OrderedInline):
    model = Credential
    classes = ["collapse"]
    fields = ["position", "name", "kind", "requirement", "issuer", "note", "source_url"]
    verbose_name_plural = "licences and certifications (in order; give the page that says so)"


class SourceInline(OrderedInline):
    model = Source
    classes = ["collapse"]
    fields = ["position", "title", "url", "period", "accessed"]
    verbose_name_plural = (
        "sources (the publisher's own page; leave “accessed” empty unless someone opened it)"
    )


class StaleFilter(admin.SimpleListFilter):
    title = "review status"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("stale", "Stale (not reviewed for 12 months)"), ("fresh", "Reviewed in 12 months")]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - STALE_AFTER
        if self.value() == "stale":
            return queryset.filter(last_reviewed__lt=cutoff)
        if self.value() == "fresh":
            return queryset.filter(last_reviewed__gte=cutoff)
        return queryset


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


class ImportedAdmin(admin.ModelAdmin):
    """Imported data (O*NET ratings, BLS wages): editors look, nobody types them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OnetProfile)
class OnetProfileAdmin(ImportedAdmin):
    """Imported O*NET ratings: editors read them; `loadcatalog` writes them."""

    list_display = ["soc_code", "onet_codes", "release"]
    search_fields = ["soc_code", "onet_codes"]
    fields = ["soc_code", "onet_codes", "release", "rating_table"]
    readonly_fields = fields

    @admin.display(description="Importance (1–5)")
    def rating_table(self, obj):
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    item["name"],
                    "skill" if item["kind"] == "skill" else "work activity",
                    item["importance"],
                )
                for item in obj.ratings
            ),
        )
        return format_html(
            "<table><thead><tr><th>Element</th><th>Kind</th><th>Importance</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )


class StampEditorMixin:
    """Record who last saved an object, for the lists and the history."""

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class DraftScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publish at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=(
            f"Date and time in the site's time zone ({settings.TIME_ZONE}). The draft goes "
            "live at the first visit after it."
        ),
    )

    def clean_publish_at(self):
        when = self.cleaned_data["publish_at"]
        if when <= timezone.now():
            raise forms.ValidationError(
                "Choose a time in the future: to publish now, use “Publish now”."
            )
        return when


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


@admin.register(Career)
class CareerAdmin(GuardedAdminMixin, StampEditorMixin, SimpleHistoryAdmin):
    form = CareerForm
    list_display = [
        "title",
        "category",
        "salary",
        "growth_display",
        "education_level",
        "is_published",
        "readiness",
        "last_reviewed",
        "updated_by",
    ]
    list_filter = ["is_published", "category", "education_level", StaleFilter]
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
    object_history_template = "admin/careers/career/object_history.html"
    fieldsets = [
        (
            "Basics",
            {"fields": ["title", "slug", "category", "summary", "common_titles", "typical_hours"]},
        ),
        (
            "Pay & outlook",
            {
                "description": (
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
            "Education, experience and training",
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
                    "certifications are in their own table below."
                ),
            },
        ),
        (
            "Guide text",
            {"fields": ["why_it_matters"], "classes": ["collapse"]},
        ),
        (
            "A representative day",
            {
                "classes": ["collapse"],
                "fields": ["day_to_day"],
                "description": (
                    "The hour-by-hour items are in the “a representative day” table below."
                ),
            },
        ),
        ("Publishing", {"fields": ["is_published", "last_reviewed", "used_by"]}),
    ]
    readonly_fields = ["used_by", "area_wages"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("skill_links", "education_routes", "sources")
        )

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

    def save_related(self, request, form, formsets, change):
        if self._save_as_draft(request):
            return self.save_related_as_draft(request, form, formsets)
        super().save_related(request, form, formsets, change)
        career = form.instance
        # Fresh from the database: the parts were just saved by the inline formsets.
        problems = Career.objects.get(pk=career.pk).publish_problems()
        if career.is_published and problems:
            career.is_published = False
            career.updated_by = request.user
            career._change_reason = "Kept as a draft: not ready to publish"
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
        reason = getattr(career, "_change_reason", "") or ""
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
        url = reverse("admin:careers_areawage_changelist") + f"?q={obj.soc_code}"
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
        request.saving_draft = request.method == "POST" and "_save_draft" in request.POST
        career = self.get_object(request, unquote(object_id)) if object_id else None
        if request.saving_draft and (career is None or not career.is_published):
            self.message_user(
                request,
                "Drafts are for published careers: this career is not live, so save it "
                "directly (nothing was saved).",
                messages.ERROR,
            )
            if career is None:
                return redirect(reverse("admin:careers_career_changelist"))
            return redirect(reverse("admin:careers_career_change", args=[career.pk]))
        extra_context = {**(extra_context or {})}
        if career is not None:
            draft = CareerDraft.objects.filter(career=career).select_related("updated_by").first()
            extra_context["career_draft"] = draft
            extra_context["shown_on"] = dependents_of(career)
            if request.GET.get("draft") == "1":
                if draft is None or not career.is_published:
                    self.message_user(request, "This career has no draft to edit.", messages.ERROR)
                    return redirect(reverse("admin:careers_career_change", args=[career.pk]))
                # Editing the draft: only “Save the draft” (publishing is on the draft page).
                extra_context.update(
                    editing_draft=True,
                    show_save=False,
                    show_save_and_continue=False,
                    show_save_and_add_another=False,
                    show_delete_link=False,
                    title=f"Edit the draft of {career}",
                )
                if request.method == "GET":
                    try:
                        fields = versions.fields_from_snapshot(draft.data.get("fields", {}))
                    except ValidationError:
                        fields = {}
                    fields["is_published"] = career.is_published
                    request.draft_fields = fields
                    request.draft_parts = draft.data.get("parts") or {}
        # The career and its inlines are saved one by one: write its search document once.
        with search_index.deferred():
            return super().changeform_view(request, object_id, form_url, extra_context)

    # --- Drafts of live careers (careers.drafts) ----------------------------------------

    def get_object(self, request, object_id, from_field=None):
        career = super().get_object(request, object_id, from_field)
        fields = getattr(request, "draft_fields", None)
        if career is not None and fields:
            for attname, value in fields.items():  # in memory only: the form shows the draft
                setattr(career, attname, value)
        return career

    def get_formsets_with_inlines(self, request, obj=None):
        parts = getattr(request, "draft_parts", None)
        for formset_class, inline in super().get_formsets_with_inlines(request, obj):
            kind = drafts.KIND_BY_MODEL.get(inline.model)
            if parts is not None and obj is not None and kind is not None and kind.key in parts:
                stored = Career.objects.get(pk=obj.pk)
                formset_class = drafts.draft_formset(formset_class, kind, stored, parts[kind.key])
            yield formset_class, inline

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/draft/", view(self.draft_view), name="careers_career_draft"),
            path(
                "<path:object_id>/draft/preview/",
                view(self.draft_preview_view),
                name="careers_career_draft_preview",
            ),
            *super().get_urls(),
        ]

    def _save_as_draft(self, request):
        return getattr(request, "saving_draft", False)

    def save_related_as_draft(self, request, form, formsets):
        request.replaced_draft = CareerDraft.objects.filter(career=form.instance).first()
        try:
            request.career_draft = drafts.save_draft(
                form.instance,
                form,
                formsets,
                request.user,
                form.cleaned_data.get("change_reason") or "",
            )
        except ValidationError as problem:
            request.career_draft = None
            self.message_user(request, " ".join(problem.messages), messages.ERROR)

    def construct_change_message(self, request, form, formsets, add=False):
        if self._save_as_draft(request):
            return []  # the formsets were not saved
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if self._save_as_draft(request):
            return None  # nothing changed yet: the draft page and the history say the rest
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if self._save_as_draft(request):
            draft = getattr(request, "career_draft", None)
            if draft is None:
                return redirect(reverse("admin:careers_career_change", args=[obj.pk]))
            super().log_change(request, obj, "Saved a draft (not live)")
            replaced = getattr(request, "replaced_draft", None)
            self.message_user(
                request,
                f"Your changes to “{obj}” are saved as a draft: the live guide is unchanged. "
                "Preview it, publish it or schedule it here."
                + (
                    f" It replaces the draft saved by {replaced.updated_by or 'someone'} on "
                    f"{date_format(timezone.localtime(replaced.updated_at), 'j M Y H:i')}"
                    + (" (its schedule stays)." if replaced.publish_at else ".")
                    if replaced is not None
                    else ""
                ),
                messages.SUCCESS,
            )
            return redirect(reverse("admin:careers_career_draft", args=[obj.pk]))
        return super().response_change(request, obj)

    def _draft_of(self, request, object_id, permission):
        career = self.get_object(request, unquote(object_id))
        if career is None:
            raise Http404("No such career.")
        if not permission(request, career):
            raise PermissionDenied
        draft = CareerDraft.objects.filter(career=career).select_related("updated_by").first()
        if draft is None:
            raise Http404("This career has no draft.")
        return career, draft

    def draft_view(self, request, object_id):
        """A draft: what it changes, preview, publish now, schedule, discard."""
        career, draft = self._draft_of(request, object_id, self.has_change_permission)
        change_url = reverse("admin:careers_career_change", args=[career.pk])
        schedule_form = DraftScheduleForm(
            initial={"publish_at": draft.publish_at and timezone.localtime(draft.publish_at)}
        )
        error, status = None, 200
        if request.method == "POST":
            action = request.POST.get("action")
            try:
                if action == "publish":
                    changed = drafts.publish(draft, request.user)
                    super().log_change(request, career, "Published a draft")
                    self.message_user(
                        request,
                        f"Published your draft of “{career}”: it is live now. Changed: {changed}.",
                        messages.SUCCESS,
                    )
                    return redirect(change_url)
                if action == "discard":
                    drafts.discard(draft)
                    self.message_user(
                        request,
                        f"Discarded the draft of “{career}”: the live guide is unchanged.",
                        messages.SUCCESS,
                    )
                    return redirect(change_url)
                if action == "unschedule":
                    drafts.set_schedule(draft, None)
                    self.message_user(request, "The draft is no longer scheduled.")
                    return redirect(request.path)
                if action == "schedule":
                    schedule_form = DraftScheduleForm(request.POST)
                    if schedule_form.is_valid():
                        when = schedule_form.cleaned_data["publish_at"]
                        drafts.set_schedule(draft, when)
                        self.message_user(
                            request,
                            "The draft goes live by itself at "
                            f"{date_format(timezone.localtime(when), 'j M Y H:i')} (at the "
                            "first visit after that time).",
                            messages.SUCCESS,
                        )
                        return redirect(request.path)
                    status = 400
                else:
                    error, status = "Choose publish, schedule or discard.", 400
            except ValidationError as problem:
                error, status = " ".join(problem.messages), 400
        try:
            fields, parts = drafts.differences(draft)
        except ValidationError as problem:
            fields, parts = [], []
            error = error or "This draft cannot be read: " + " ".join(problem.messages)
        changed_since = (
            career.updated_at > draft.updated_at
            and career.history.filter(history_date__gt=draft.updated_at)
            .select_related("history_user")
            .order_by("-history_date")
            .first()
        )
        context = {
            "changed_since": changed_since,
            **self.admin_site.each_context(request),
            "title": f"Draft of {career}",
            "opts": self.model._meta,
            "object": career,
            "draft": draft,
            "module_name": str(self.model._meta.verbose_name_plural).capitalize(),
            "fields": fields,
            "parts": parts,
            "schedule_form": schedule_form,
            "error": error,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/careers/career/draft.html", context, status=status)

    def draft_preview_view(self, request, object_id):
        """The guide as it will look with the draft: rendered with the draft applied inside
        a transaction that is rolled back, so nothing is saved and no version moves. Staff
        only, never cached, noindex."""
        career, draft = self._draft_of(request, object_id, self.has_view_or_change_permission)
        from careers.views import detail

        request.GET = QueryDict()
        request.draft_preview = True
        try:
            wanted = versions.fields_from_snapshot(draft.data.get("fields", {}))
            wanted["is_published"] = career.is_published
            with transaction.atomic():
                versions.apply_version(
                    career, wanted, draft.data.get("parts"), request.user, "Preview"
                )
                slug = Career.objects.values_list("slug", flat=True).get(pk=career.pk)
                response = detail(request, slug=slug)
                transaction.set_rollback(True)
        except ValidationError as problem:
            return HttpResponse(
                "This draft cannot be previewed: " + escape(" ".join(problem.messages)),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
        return response

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

    # --- Whole-career history and restore (careers.versions) ---------------------------

    def save_model(self, request, obj, form, change):
        if self._save_as_draft(request):
            return  # kept as a draft in save_related: the live career stays as it is
        # The career's history entry is written once, after its parts (save_related).
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def history_view(self, request, object_id, extra_context=None):
        """One entry per save: who, when, why, and what differed (fields and parts)."""
        career = self.get_object(request, unquote(object_id))
        if career is None:
            raise Http404("No such career.")
        if not self.has_view_or_change_permission(request, career):
            raise PermissionDenied
        records = list(
            career.history.select_related("history_user").order_by("-history_date", "-history_id")[
                : HISTORY_LIMIT + 1
            ]
        )
        categories = dict(Category.objects.values_list("pk", "name"))
        entries = []
        for index, record in enumerate(records[:HISTORY_LIMIT]):
            previous = records[index + 1] if index + 1 < len(records) else None
            entry = {
                "record": record,
                "created": record.history_type == "+" or previous is None,
                "reason": record.history_change_reason or "",
                "fields": [],
                "parts": [],
                "latest": index == 0,
            }
            if previous is not None:
                entry["fields"] = versions.field_changes(
                    versions.fields_of_record(previous),
                    versions.fields_of_record(record),
                    categories,
                )
                if previous.parts is not None and record.parts is not None:
                    entry["parts"] = versions.part_changes(previous.parts, record.parts)
            if entry["created"] or entry["fields"] or entry["parts"] or entry["reason"]:
                entries.append(entry)
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {career}",
            "opts": self.model._meta,
            "object": career,
            "module_name": str(self.model._meta.verbose_name_plural).capitalize(),
            "entries": entries,
            "truncated": len(records) > HISTORY_LIMIT,
            "can_restore": self.has_change_permission(request, career),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restore an earlier version, whole: a page that says what it changes, then POST."""
        career = self.get_object(request, unquote(object_id))
        if career is None or not str(version_id).isdigit():
            raise Http404("No such version.")
        if not self.has_change_permission(request, career):
            raise PermissionDenied
        record = get_object_or_404(career.history.select_related("history_user"), pk=version_id)
        wanted = versions.fields_of_record(record)
        # A restore brings back the content; whether the guide is live stays as it is.
        wanted["is_published"] = career.is_published
        error = None
        if request.method == "POST":
            if request.POST.get("opened_version") != opened_version(career):
                error = (
                    "Someone saved this career since you opened this page: check the "
                    "differences below again, then restore."
                )
            else:
                when = date_format(timezone.localtime(record.history_date), "j M Y H:i")
                author = record.history_user or "someone"
                reason = f"Restored version of {when} by {author}"[:100]
                try:
                    changed = versions.apply_version(
                        career,
                        wanted,
                        record.parts,
                        request.user,
                        reason,
                        opened=request.POST.get("opened_version", ""),
                    )
                except ValidationError as problem:
                    error = "Nothing was restored: " + " ".join(problem.messages)
                else:
                    super().log_change(request, career, reason)
                    self.message_user(
                        request,
                        f"Restored “{career}” to its version of {when}. Changed: {changed}.",
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:careers_career_change", args=[career.pk]))
        current_parts = versions.snapshot_parts(career)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore an earlier version of {career}",
            "opts": self.model._meta,
            "object": career,
            "record": record,
            "module_name": str(self.model._meta.verbose_name_plural).capitalize(),
            "fields": versions.field_changes(versions.fields_of_record(career), wanted),
            "parts": (
                versions.part_changes(current_parts, record.parts)
                if record.parts is not None
                else None
            ),
            "opened_version": opened_version(career),
            "error": error,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/careers/career/restore.html", context, status=400 if error else 200
        )


HISTORY_LIMIT = 50


@admin.register(CareerDraft)
class CareerDraftAdmin(admin.ModelAdmin):
    """Drafts waiting, for the list; each is reviewed and published on its own page."""

    list_display = ["draft_link", "updated_by", "updated_at", "publish_at", "problem"]
    list_display_links = None
    list_select_related = ["career", "updated_by"]
    search_fields = ["career__title"]

    @admin.display(description="Draft of")
    def draft_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:careers_career_draft", args=[obj.career_id]), obj
        )

    def has_add_permission(self, request):
        return False  # made with “Save as draft” in a career's form

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # discarded on its page, which also updates the schedule


def _csv_safe(value):
    """Stop spreadsheet formula injection from text an editor typed."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# --- Area wages: imported from BLS by loadcatalog, read-only for everyone --------------------


@admin.register(WageRelease)
class WageReleaseAdmin(ImportedAdmin):
    list_display = ["release_id", "reference_period", "data_year", "extract_file", "loaded_at"]
    fields = [
        "release_id",
        "reference_period",
        "data_year",
        "extract_file",
        "extract_sha256",
        "package",
        "retrieved",
        "source_files",
        "loaded_at",
    ]
    readonly_fields = fields

    @admin.display(description="BLS source files")
    def source_files(self, obj):
        return format_html_join(
            "",
            "<div>{} ({}, sha256 {})</div>",
            ((s["name"], s.get("last_modified", ""), s["sha256"]) for s in obj.sources),
        )


@admin.register(Area)
class AreaAdmin(ImportedAdmin):
    list_display = ["name", "kind", "code", "state_codes", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "slug", "state_codes"]
    readonly_fields = ["name", "kind", "code", "slug", "state_codes", "postal", "neighbours"]


@admin.register(AreaWage)
class AreaWageAdmin(ImportedAdmin):
    list_display = [
        "soc",
        "area",
        "median_display",
        "range_display",
        "jobs_display",
        "notes",
        "release",
    ]
    list_filter = ["area__kind", "release"]
    list_select_related = ["area", "release"]
    search_fields = ["soc", "area__name"]
    list_per_page = 60
    fields = [
        "release",
        "soc",
        "area",
        ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"),
        ("annual_mean", "hourly_median", "wage_rse"),
        ("employment", "employment_rse", "location_quotient"),
        "notes",
    ]
    readonly_fields = ["release", "soc", "area", *FIGURE_FIELDS, "notes"]

    @admin.display(description="Median", ordering="annual_median")
    def median_display(self, obj):
        return obj.median.text

    @admin.display(description="10th–90th percentile")
    def range_display(self, obj):
        return f"{obj.p10.text} – {obj.p90.text}"

    @admin.display(description="Jobs", ordering="employment")
    def jobs_display(self, obj):
        return obj.jobs.text

    @admin.display(description="BLS footnotes")
    def notes(self, obj):
        return "; ".join(
            f"{name.replace('_', ' ')}: {FOOTNOTES.get(code, code)}"
            for name, code in sorted(obj.footnotes.items())
        )
