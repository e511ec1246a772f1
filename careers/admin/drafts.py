"""
Drafts of live careers in the admin (careers.drafts keeps, publishes and schedules them).

“Save as draft” on a published career's form validates it as a save and keeps it aside;
`?draft=1` opens the form on the draft; the draft's own page lists what publishing it
changes, previews the guide with it, publishes it now or at a time, or discards it.

Whether a request saves or shows a draft is read from the request itself (the button
pressed, `?draft=1`), and the draft from the database; nothing is kept on the request
or on the shared ModelAdmin between one step of Django's change form and the next.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.html import escape, format_html

from careers import drafts, versions
from careers.models import Career, CareerDraft
from careers.views import guide


def saving_draft(request):
    """This request is the career form's “Save as draft” / “Save the draft”."""
    return request.method == "POST" and "_save_draft" in request.POST


def on_draft(request):
    """The career form is open on the career's draft (`?draft=1`), not the live career."""
    return request.GET.get("draft") == "1"


def draft_of(career):
    """The career's draft, or None (the ORM keeps it on the career once read)."""
    try:
        return career.draft
    except CareerDraft.DoesNotExist:
        return None


def show_draft(career, draft):
    """Put the draft's fields on `career`, in memory only, so the form shows them."""
    try:
        fields = versions.fields_from_snapshot(draft.data.get("fields", {}))
    except ValidationError:
        fields = {}
    fields["is_published"] = career.is_published
    for attname, value in fields.items():
        setattr(career, attname, value)


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


class DraftAdminMixin:
    """CareerAdmin's drafts: in the change form, and the draft's own pages."""

    # --- The change form, on the live career or on its draft -----------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if saving_draft(request) or on_draft(request):
            career = self.get_object(request, unquote(object_id)) if object_id else None
            refused = self._refuse_draft(request, career)
            if refused is not None:
                return refused
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refuse_draft(self, request, career):
        """A redirect with the reason when a draft cannot be saved or edited here."""
        if saving_draft(request) and (career is None or not career.is_published):
            self.message_user(
                request,
                "Drafts are for published careers: this career is not live, so save it "
                "directly (nothing was saved).",
                messages.ERROR,
            )
            if career is None:
                return redirect(reverse("admin:careers_career_changelist"))
            return redirect(reverse("admin:careers_career_change", args=[career.pk]))
        if on_draft(request) and career is not None:
            if not career.is_published or draft_of(career) is None:
                self.message_user(request, "This career has no draft to edit.", messages.ERROR)
                return redirect(reverse("admin:careers_career_change", args=[career.pk]))
        return None

    def get_object(self, request, object_id, from_field=None):
        career = super().get_object(request, object_id, from_field)
        if career is not None and request.method == "GET" and on_draft(request):
            draft = draft_of(career)
            if draft is not None and career.is_published:
                show_draft(career, draft)
        return career

    def get_formsets_with_inlines(self, request, obj=None):
        draft = None
        if obj is not None and request.method == "GET" and on_draft(request):
            draft = draft_of(obj) if obj.is_published else None
        parts = (draft.data.get("parts") or {}) if draft is not None else {}
        for formset_class, inline in super().get_formsets_with_inlines(request, obj):
            kind = versions.KIND_BY_MODEL.get(inline.model)
            if kind is not None and kind.key in parts:
                formset_class = drafts.draft_formset(formset_class, kind, obj, parts[kind.key])
            yield formset_class, inline

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            draft = draft_of(obj)
            context["career_draft"] = draft
            if on_draft(request) and draft is not None:
                # Editing the draft: only “Save the draft” (publishing is on the draft page).
                context.update(
                    editing_draft=True,
                    show_save=False,
                    show_save_and_continue=False,
                    show_save_and_add_another=False,
                    show_delete_link=False,
                    title=f"Edit the draft of {obj}",
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- “Save as draft”: Django's save steps, the live career left as it is --------------

    def save_draft(self, request, form, formsets):
        """Keep what the validated form proposes as the career's draft, and say so."""
        career = form.instance
        replaced = CareerDraft.objects.filter(career=career).select_related("updated_by").first()
        reason = form.cleaned_data.get("change_reason") or ""
        try:
            drafts.save_draft(career, form, formsets, request.user, reason)
        except ValidationError as problem:
            self.message_user(request, " ".join(problem.messages), messages.ERROR)
            return
        super().log_change(request, career, "Saved a draft (not live)")
        self.message_user(
            request,
            f"Your changes to “{career}” are saved as a draft: the live guide is unchanged. "
            "Preview it, publish it or schedule it here." + _replaced(replaced),
            messages.SUCCESS,
        )

    def construct_change_message(self, request, form, formsets, add=False):
        if saving_draft(request):
            return []  # the formsets were not saved
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if saving_draft(request):
            return None  # save_draft logs it: nothing live changed
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if saving_draft(request):
            # To the draft's page; back to the form when the draft was refused.
            if CareerDraft.objects.filter(career=obj).exists():
                return redirect(reverse("admin:careers_career_draft", args=[obj.pk]))
            return redirect(reverse("admin:careers_career_change", args=[obj.pk]))
        return super().response_change(request, obj)

    # --- The draft's page and its preview -------------------------------------------------

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
        schedule_form = DraftScheduleForm(
            initial={"publish_at": draft.publish_at and timezone.localtime(draft.publish_at)}
        )
        error, status = None, 200
        if request.method == "POST":
            action = request.POST.get("action")
            if action == "schedule":
                schedule_form = DraftScheduleForm(request.POST)
            try:
                response = self._draft_action(request, career, draft, action, schedule_form)
            except ValidationError as problem:
                error, status = " ".join(problem.messages), 400
            else:
                if response is not None:
                    return response
                status = 400
                if action != "schedule":  # a refused schedule shows its form's error
                    error = "Choose publish, schedule or discard."
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

    def _draft_action(self, request, career, draft, action, schedule_form):
        """Carry out a button of the draft's page: the redirect, or None when refused."""
        change_url = reverse("admin:careers_career_change", args=[career.pk])
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
        if action == "schedule" and schedule_form.is_valid():
            when = schedule_form.cleaned_data["publish_at"]
            drafts.set_schedule(draft, when)
            self.message_user(
                request,
                "The draft goes live by itself at "
                f"{date_format(timezone.localtime(when), 'DATETIME_FORMAT')} (at the first visit "
                "after that time).",
                messages.SUCCESS,
            )
            return redirect(request.path)
        return None

    def draft_preview_view(self, request, object_id):
        """The guide as it will look with the draft: rendered with the draft applied inside
        a transaction that is rolled back, so nothing is saved and no version moves. Staff
        only, never cached, noindex."""
        career, draft = self._draft_of(request, object_id, self.has_view_or_change_permission)
        try:
            wanted = versions.fields_from_snapshot(draft.data.get("fields", {}))
            wanted["is_published"] = career.is_published
            with transaction.atomic():
                versions.apply_version(
                    career, wanted, draft.data.get("parts"), request.user, "Preview"
                )
                slug = Career.objects.values_list("slug", flat=True).get(pk=career.pk)
                response = guide(request, slug, preview=True)
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


def _replaced(draft):
    """What a message says of the draft a new one replaces ("" when there was none)."""
    if draft is None:
        return ""
    when = date_format(timezone.localtime(draft.updated_at), "DATETIME_FORMAT")
    kept = " (its schedule stays)." if draft.publish_at else "."
    return f" It replaces the draft saved by {draft.updated_by or 'someone'} on {when}{kept}"


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
