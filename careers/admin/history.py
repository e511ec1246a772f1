"""
A career's History (one entry per save: who, when, why, and what differed in its fields
and parts) and restoring an earlier version, whole (careers.versions).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from careers import versions
from careers.models import Category
from publishing.admin_tools import opened_version

HISTORY_LIMIT = 50


class HistoryAdminMixin:
    """The History and restore views of CareerAdmin (django-simple-history's URLs)."""

    object_history_template = "admin/careers/career/object_history.html"

    def _career_or_404(self, request, object_id, permission):
        career = self.get_object(request, unquote(object_id))
        if career is None:
            raise Http404("No such career.")
        if not permission(request, career):
            raise PermissionDenied
        return career

    def history_view(self, request, object_id, extra_context=None):
        """One entry per save: who, when, why, and what differed (fields and parts)."""
        career = self._career_or_404(request, object_id, self.has_view_or_change_permission)
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
        if not str(version_id).isdigit():
            raise Http404("No such version.")
        career = self._career_or_404(request, object_id, self.has_change_permission)
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
                error = self._restore(request, career, record, wanted)
                if error is None:
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

    def _restore(self, request, career, record, wanted):
        """Bring `record` back as the career; the reason it cannot, or None when done."""
        when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
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
            return "Nothing was restored: " + " ".join(problem.messages)
        self.log_change(request, career, reason)
        self.message_user(
            request,
            f"Restored “{career}” to its version of {when}. Changed: {changed}.",
            messages.SUCCESS,
        )
        return None
