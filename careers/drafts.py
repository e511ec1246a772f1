"""
Drafts of live careers: changes an editor prepares without them going live.

The admin form validates a draft exactly as it validates a save ("Save as draft" on a
published career); the draft keeps the proposed career and its parts in careers.versions'
shape. Publishing applies it in one transaction (validated again, written to the
history, the content version moved on) and deletes it; discarding deletes it. A draft
may be scheduled: `manage.py publishdue` (publishing.schedule) calls `publish_due()` once
its time has come (this module is the careers app's `scheduled_publishing`).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format

from careers import versions
from careers.models import Career, CareerDraft
from publishing import versions as content_versions

logger = logging.getLogger("qoollege.publishing")


def parts_from_formsets(formsets):
    """The parts an admin form proposes (valid formsets), in careers.versions' shape."""
    parts = {}
    for formset in formsets:
        kind = versions.KIND_BY_MODEL.get(formset.model)
        if kind is None:
            continue
        kept = [
            form.instance
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        parts[kind.key] = [kind.item(part) for part in kept]
    return parts


def save_draft(career, form, formsets, user, reason=""):
    """Keep what the admin form proposes for `career` (a live career) as its draft."""
    if not Career.objects.filter(pk=career.pk, is_published=True).exists():
        raise ValidationError(
            "Drafts are for published careers: this career is not live, so save it directly."
        )
    stored = Career.objects.get(pk=career.pk)
    parts = versions.snapshot_parts(stored)
    parts.update(parts_from_formsets(formsets))
    data = {"fields": versions.snapshot_fields(form.instance), "parts": parts}
    draft, _ = CareerDraft.objects.update_or_create(
        career=stored,
        defaults={"data": data, "reason": reason, "updated_by": user, "problem": ""},
    )
    return draft


def differences(draft):
    """(field changes, part changes) that publishing `draft` would make now."""
    career = draft.career
    wanted = versions.fields_from_snapshot(draft.data.get("fields", {}))
    wanted["is_published"] = career.is_published
    current = versions.fields_of_record(career)
    return (
        versions.field_changes(current, {**current, **wanted}),
        versions.part_changes(versions.snapshot_parts(career), draft.data.get("parts")),
    )


def publish(draft, user, reason=""):
    """Apply `draft` to its career and delete it, all or nothing. Returns what changed."""
    with transaction.atomic():
        draft = (
            CareerDraft.objects.select_for_update(of=("self",))
            .select_related("career")
            .get(pk=draft.pk)
        )
        reason = reason or draft.reason or "Published a draft"
        wanted = versions.fields_from_snapshot(draft.data.get("fields", {}))
        # A draft changes the content; whether the guide is live stays as it is now.
        wanted["is_published"] = draft.career.is_published
        changed = versions.apply_version(
            draft.career,
            wanted,
            draft.data.get("parts"),
            user,
            reason[:100],
        )
        scheduled = draft.publish_at is not None
        draft.delete()
        if scheduled:
            content_versions.reschedule()
    return changed


def discard(draft):
    with transaction.atomic():
        scheduled = draft.publish_at is not None
        draft.delete()
        if scheduled:
            content_versions.reschedule()


def set_schedule(draft, when):
    """Publish `draft` by itself at `when` (None: no schedule). `when` must be ahead."""
    if when is not None and when <= timezone.now():
        raise ValidationError("Choose a time in the future: to publish now, use “Publish now”.")
    with transaction.atomic():
        draft.publish_at = when
        draft.problem = ""
        draft.save(update_fields=["publish_at", "problem", "updated_at"])
        content_versions.reschedule()


# --- publishing.schedule's side --------------------------------------------------------------


def next_due():
    return CareerDraft.objects.filter(publish_at__isnull=False).aggregate(due=Min("publish_at"))[
        "due"
    ]


def publish_due(now):
    """Publish every draft due at `now`; one that is not valid any more waits for an
    editor, with the reason (the dashboard shows it)."""
    # Locks the drafts only (PostgreSQL refuses FOR UPDATE on the outer join to the user).
    due = CareerDraft.objects.select_for_update(of=("self",)).filter(publish_at__lte=now)
    for draft in due.select_related("career", "updated_by"):
        when = date_format(timezone.localtime(draft.publish_at), "DATETIME_FORMAT")
        try:
            with transaction.atomic():
                publish(draft, draft.updated_by, f"Scheduled publication ({when})")
        except ValidationError as problem:
            logger.warning("Scheduled draft of %s not published: %s", draft.career, problem)
            draft.publish_at = None
            draft.problem = ("Not published at " + when + ": " + " ".join(problem.messages))[:400]
            draft.save(update_fields=["publish_at", "problem", "updated_at"])


# --- Continuing a draft in the career's form ------------------------------------------------


def _key(kind, item):
    if kind.ref:
        return ("ref", item.get(kind.ref[0]))
    return ("name", str(versions.normalised(item.get(kind.name, ""))).lower())


def _initial(kind, item):
    initial = {name: item.get(name) for name in kind.fields}
    if kind.ref:
        field, model = kind.ref
        thing = model.objects.filter(pk=item.get(field)).first() or (
            model.objects.filter(name__iexact=item.get("name", "")).first()
        )
        if thing is None:
            return None
        initial[field] = thing.pk
    if kind.ordered:
        initial["position"] = item.get("position", 0)
    return initial


def draft_formset(formset_class, kind, career, items):
    """
    An inline formset class that shows a draft's parts in the career's form: the parts
    the draft keeps (with its values and order), the ones it removes ticked for deletion,
    and the ones it adds as new rows. What the browser then posts is an ordinary form.
    """
    existing = list(getattr(career, kind.related_name).all())
    by_key = {_key(kind, kind.item(part)): part for part in existing}
    kept, added, wanted = [], [], set()
    for item in items or []:
        key = _key(kind, item)
        part = by_key.get(key)
        if part is None or key in wanted:
            initial = _initial(kind, item)
            if initial is not None:
                added.append(initial)
            continue
        for name in kind.fields:
            field = kind.model._meta.get_field(name)
            value = item.get(name)
            setattr(part, name, field.to_python(value) if value is not None else value)
        if kind.ordered:
            part.position = item.get("position", 0)
        kept.append(part)
        wanted.add(key)
    removed = [part for part in existing if _key(kind, kind.item(part)) not in wanted]
    shown = kept + removed

    class DraftFormSet(formset_class):
        extra = len(added)

        def __init__(self, *args, **kwargs):
            kwargs["initial"] = added
            super().__init__(*args, **kwargs)

        def get_queryset(self):
            return shown

        def add_fields(self, form, index):
            super().add_fields(form, index)
            if index is not None and len(kept) <= index < len(shown) and "DELETE" in form.fields:
                form.fields["DELETE"].initial = True

    return DraftFormSet
