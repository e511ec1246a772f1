"""
Admin plumbing for editors' content, whatever the model:

- optimistic concurrency: the version of the object an editor opened travels with the
  form; a save based on a stale copy is put on top of the current version when it touched
  nothing changed meanwhile, else refused with each change made meanwhile (its value, who,
  when), the form keeping the editor's input around the current values;
- a change reason the editor may give, kept in the history (never shown as "None");
- a save that changes nothing writes nothing (no empty history entries).

Models need an `updated_at` that moves on every save, and django-simple-history.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils import timezone
from django.utils.formats import date_format


def opened_version(instance):
    return instance.updated_at.isoformat() if instance.pk and instance.updated_at else ""


MISSING_VERSION = (
    "This form was sent without the version of the page it was opened from, so nothing "
    "was saved: open the page again, make your changes and save."
)


def stored_version(instance):
    """
    The stored `updated_at` of `instance` (None if it is gone). Inside a transaction (the
    admin saves in one) its row stays locked until that transaction ends, so the check
    against the version an editor opened and the save that follows are one step: of two
    saves of the same object at the same instant, the second waits for the first, then
    finds a newer version and is refused. (SQLite has no row locks; there the admin's
    IMMEDIATE transaction serialises whole saves.)
    """
    rows = type(instance).objects.filter(pk=instance.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    row = rows.values("updated_at").first()
    return row["updated_at"] if row is not None else None


@dataclass
class Change:
    """One field (or one kind of parts) changed since an editor opened the form: its new
    value as saved, and the last save that changed it."""

    key: str
    label: str
    value: str
    who: object
    when: object

    def __str__(self):
        when = date_format(timezone.localtime(self.when), "DATETIME_FORMAT")
        now = "" if self.key.startswith("parts:") else "now "
        return f"{self.label}: {now}{self.value} ({self.who or 'someone'}, {when})"


def opened_record(instance, opened):
    """
    The history entry of the version an editor opened (`opened`: opened_version()), or
    None. History entries do not keep `updated_at`; each save writes its entry just after
    it sets `updated_at` (and before any later save), so the version's entry is the first
    one dated after it.
    """
    history = getattr(instance, "history", None)
    if history is None or not opened:
        return None
    try:
        opened_at = datetime.datetime.fromisoformat(opened)
    except ValueError:
        return None
    return (
        history.filter(history_date__gte=opened_at).order_by("history_date", "history_id").first()
    )


def shown_value(field, value):
    """A stored value as an editor reads it in a message."""
    if value is None or value == "":
        return "(empty)"
    if field.choices:
        return f"“{dict(field.flatchoices).get(value, value)}”"
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return f"“{related}”" if related is not None else "(gone)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    text = " ".join(str(value).split())
    return f"“{text if len(text) <= 160 else text[:157] + '…'}”"


def _same(a, b):
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()) == " ".join(b.split())
    return a == b


def changes_since(instance, base, field_names, parts=None):
    """
    [Change] of each field in `field_names` (and each kind of parts) whose value now
    differs from the version `base` (a history entry), once each, with the current value
    and the last save that changed it. `parts`: the admin's GuardedAdminMixin (its
    parts_* hooks), or None for a model without parts.
    """
    current = type(instance).objects.get(pk=instance.pk)
    fields = [instance._meta.get_field(name) for name in field_names]
    records = list(
        instance.history.filter(history_date__gt=base.history_date).order_by(
            "history_date", "history_id"
        )
    )
    changes = []
    for field in fields:
        now = field.value_from_object(current)
        if _same(field.value_from_object(base), now):
            continue
        previous, last = base, records[-1] if records else base
        for record in records:
            if not _same(field.value_from_object(previous), field.value_from_object(record)):
                last = record
            previous = record
        label = str(field.verbose_name)
        changes.append(
            Change(
                field.name,
                label[:1].upper() + label[1:],
                shown_value(field, now),
                getattr(last, "history_user", None),
                last.history_date,
            )
        )
    if parts is not None:
        now_parts = parts.parts_of(current)
        for key, label, sentences in parts.parts_changed(parts.parts_of_record(base), now_parts):
            previous, last = parts.parts_of_record(base), records[-1] if records else base
            for record in records:
                snapshot = parts.parts_of_record(record)
                if parts.parts_changed(previous, snapshot, only=key):
                    last = record
                previous = snapshot
            changes.append(
                Change(
                    "parts:" + key,
                    label,
                    "; ".join(sentences),
                    getattr(last, "history_user", None),
                    last.history_date,
                )
            )
    return changes


def conflict_message(changes, clashes):
    """The refusal, listing each change since the form was opened once, with its value:
    one line each (a form error each)."""
    both = [change.label for change in changes if change.key in clashes]
    return [
        "Someone saved this since you opened it, and changed "
        + (", ".join(both) if both else "what you changed")
        + " too, so your changes were not saved. Changed meanwhile:",
        *[f"{change}." for change in changes],
        "Your edits are still in the form below, with the other changes around them: "
        "check them and save again to apply them.",
    ]


def _changes_since(instance, opened_at):
    """(who, when) of each save of `instance` after `opened_at` (no opened version known)."""
    history = getattr(instance, "history", None)
    if history is None:
        return []
    records = history.filter(history_date__gt=opened_at).order_by("history_date")
    return [(record.history_user, record.history_date) for record in records]


def _differs_from_database(obj):
    """Whether saving `obj` would change any stored field (a restore starts from an old
    version, so the form's own idea of "changed" is not enough)."""
    stored = type(obj).objects.filter(pk=obj.pk).first()
    if stored is None:
        return True
    return any(
        field.value_from_object(obj) != field.value_from_object(stored)
        for field in obj._meta.concrete_fields
        if field.editable and not field.primary_key
    )


class GuardedForm(forms.ModelForm):
    """A ModelForm that refuses to save over changes made since it was opened."""

    # Set by GuardedAdminMixin.save_model: the object itself was unchanged, so it was not
    # saved (its inlines may still have changed).
    saved_nothing = False

    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)
    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=200,
        help_text="Optional. Shown in the History, e.g. “BLS published May 2025 wages”.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = opened_version(self.instance)
        if self.is_bound:
            # Browsers send textarea line breaks as CRLF: compare and store them as LF, so
            # an untouched text is not a change (and not a history entry).
            self.data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                if isinstance(field.widget, forms.Textarea) and key in self.data:
                    self.data[key] = self.data[key].replace("\r\n", "\n").replace("\r", "\n")

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        opened = self.data.get(self.add_prefix("opened_version"), "")
        if not opened:
            raise forms.ValidationError(MISSING_VERSION)
        current = stored_version(self.instance)
        if current is None:
            return cleaned
        current_version = current.isoformat()
        if opened == current_version:
            return cleaned
        conflict = getattr(self, "conflict", None)
        if conflict is None:
            # The version opened is not in the history: say who saved since, and keep
            # the stale version so that this form cannot be saved over their changes.
            try:
                opened_at = timezone.datetime.fromisoformat(opened)
            except ValueError:
                opened_at = current
            saves = [
                f"{who or 'someone'} on {date_format(timezone.localtime(when), 'DATETIME_FORMAT')}"
                for who, when in _changes_since(self.instance, opened_at)
            ]
            raise forms.ValidationError(
                "Someone saved this since you opened it, so your changes were not saved"
                + (" (saved by " + "; ".join(saves) + ")" if saves else "")
                + ". Open the page again, make your changes and save."
            )
        # GuardedAdminMixin put the other saves' changes around this editor's edits: the
        # next submit is based on the current version, once they have seen the values.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = current_version
        raise forms.ValidationError(conflict_message(*conflict))


def _post_values(bound):
    """What a browser sends for a bound field showing its value: a list (empty: nothing)."""
    value = bound.value()
    if value is True:
        return ["on"]
    if value is None or value is False:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [str(value)]


def _put(data, key, values):
    if values:
        data.setlist(key, values)
    else:
        data.pop(key, None)


class GuardedAdminMixin:
    """
    ModelAdmin side of GuardedForm: change reasons, no empty saves, and concurrent saves.

    A save based on a version older than the stored one is put on top of the stored one
    before the form reads it, under the row lock: the fields (and kinds of parts) this
    editor did not touch take their current values. When the other saves changed nothing
    this editor touched, the save goes through; otherwise the form refuses it, listing
    each change made meanwhile once, with its value, who and when.

    A model whose history entries keep its parts (the inlines) says so with the parts_*
    hooks (see CareerAdmin); parts count per kind, as one field each.
    """

    def parts_of(self, obj):
        """The parts of `obj` as stored now, {kind key: [items]}; None: no parts."""
        return None

    def parts_of_record(self, record):
        return None

    def parts_changed(self, old, new, only=None):
        """[(kind key, label, [sentences])] for the kinds of parts that differ."""
        return []

    def part_key(self, formset):
        """The kind key of an inline formset, or None (not a part kept in the history)."""
        return None

    def posted_parts_differ(self, formset, items):
        """Whether the rows posted in a bound inline `formset` differ from `items`."""
        return True

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or object_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):
            self._put_on_current(request, object_id)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _put_on_current(self, request, object_id):
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            return  # Django's change view answers it
        opened = request.POST.get("opened_version", "")
        current = stored_version(self.model(pk=pk))  # locks the row until the save is done
        if not opened or current is None or opened == current.isoformat():
            return
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            return
        base = opened_record(obj, opened)
        if base is None:
            return  # GuardedForm refuses it
        obj = type(obj).objects.get(pk=obj.pk)
        form_class = self.get_form(
            request, obj, change=True, fields=flatten_fieldsets(self.get_fieldsets(request, obj))
        )
        model_fields = {f.name for f in obj._meta.concrete_fields if not f.primary_key}
        fields = {
            name: field
            for name, field in form_class.base_fields.items()
            if name in model_fields and not field.disabled
        }
        data = request.POST.copy()
        for name, field in fields.items():
            if isinstance(field.widget, forms.Textarea) and name in data:
                data[name] = data[name].replace("\r\n", "\n").replace("\r", "\n")
        touched = {
            name
            for name, field in fields.items()
            if field.has_changed(
                obj._meta.get_field(name).value_from_object(base),
                field.widget.value_from_datadict(data, request.FILES, name),
            )
        }
        formsets, inlines = self._create_formsets(request, obj, change=True)
        base_parts = self.parts_of_record(base)
        keyed = [
            (formset, inline, self.part_key(formset))
            for formset, inline in zip(formsets, inlines, strict=True)
        ]
        for formset, _inline, key in keyed:
            if key is not None and (
                base_parts is None or self.posted_parts_differ(formset, base_parts.get(key, []))
            ):
                touched.add("parts:" + key)
        changes = changes_since(
            obj, base, fields, parts=self if self.parts_of(obj) is not None else None
        )
        # What this editor did not touch is as stored now: fields, and whole kinds of parts.
        shown = form_class(instance=obj)
        for change in changes:
            if change.key in fields and change.key not in touched:
                _put(data, change.key, _post_values(shown[change.key]))
        for formset, inline, key in keyed:
            if key is None or "parts:" + key in touched:
                continue
            for name in [name for name in data if name.startswith(formset.prefix + "-")]:
                del data[name]
            stored = type(formset)(
                instance=obj, prefix=formset.prefix, queryset=inline.get_queryset(request)
            )
            management = stored.management_form
            for name in management.fields:
                _put(data, management.add_prefix(name), _post_values(management[name]))
            for form in stored.forms:
                for name in form.fields:
                    _put(data, form.add_prefix(name), _post_values(form[name]))
        clashes = touched & {change.key for change in changes}
        if clashes:
            request.guarded_conflict = (changes, clashes)
        else:
            data["opened_version"] = current.isoformat()
            request.guarded_merge = changes
        request.POST = data

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        conflict = getattr(request, "guarded_conflict", None)
        if conflict is not None:
            form = type(form.__name__, (form,), {"conflict": conflict})
        return form

    def response_change(self, request, obj):
        merged = getattr(request, "guarded_merge", None)
        if merged:
            self.message_user(
                request,
                "Someone saved this since you opened it, changing other fields than yours: "
                "both are kept. Changed meanwhile: "
                + "; ".join(str(change) for change in merged)
                + ".",
                messages.INFO,
            )
        return super().response_change(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        saving = {"classes": ["form-end"], "fields": ["change_reason", "opened_version"]}
        return [*fieldsets, ("Saving", saving)]

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason") or ""
        form.saved_nothing = change and not _differs_from_database(obj)
        if form.saved_nothing:
            return  # nothing changed on the object itself: no new version, no history
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        parts_changed = any(formset.has_changed() for formset in formsets)
        if change and parts_changed and form.saved_nothing:
            # Only its parts changed: still a new version of the object for the guard.
            type(form.instance).objects.filter(pk=form.instance.pk).update(
                updated_at=timezone.now(), updated_by=request.user
            )


class StampEditorMixin:
    """Record who last saved an object, for the lists and the history."""

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
