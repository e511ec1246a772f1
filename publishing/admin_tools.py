"""
Admin plumbing for editors' content, whatever the model:

- optimistic concurrency: the version of the object an editor opened travels with the
  form; a save based on a stale copy is refused, with who changed what meanwhile, and the
  form keeps the editor's input so they can re-apply it on the current version;
- a change reason the editor may give, kept in the history (never shown as "None");
- a save that changes nothing writes nothing (no empty history entries).

Models need an `updated_at` that moves on every save, and django-simple-history.
"""

from django import forms
from django.db import transaction
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


def _changes_since(instance, opened_at):
    """(who, when, [field labels]) of each save of `instance` after `opened_at`."""
    history = getattr(instance, "history", None)
    if history is None:
        return []
    records = list(history.filter(history_date__gt=opened_at).order_by("history_date"))
    changes = []
    for record in records:
        previous = record.prev_record
        if previous is None:
            fields = []
        else:
            delta = record.diff_against(previous)
            fields = [
                str(instance._meta.get_field(change.field).verbose_name) for change in delta.changes
            ]
        changes.append((record.history_user, record.history_date, fields))
    return changes


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
        try:
            opened_at = timezone.datetime.fromisoformat(opened)
        except ValueError:
            opened_at = current
        lines = []
        for who, when, fields in _changes_since(self.instance, opened_at):
            what = ", ".join(fields) if fields else "its lists (skills, sources…)"
            lines.append(
                f"{who or 'Someone'} at {date_format(timezone.localtime(when), 'j M Y H:i')}: "
                f"{what}"
            )
        # The form now holds the current version plus this editor's own edits, and the
        # next submit is based on the current version: they review and save again.
        self.data = self.data.copy()
        self._merge_onto_current(opened_at)
        self.data[self.add_prefix("opened_version")] = current_version
        raise forms.ValidationError(
            "Someone saved this since you opened it, so your changes were not saved. "
            + ("Changed meanwhile: " + "; ".join(lines) + ". " if lines else "")
            + "Your edits are still in the form below: check them against the current "
            "version (open it in a new tab to compare) and save again to apply them."
        )

    def _merge_onto_current(self, opened_at):
        """Fields this editor did not touch take their current values; theirs stay."""
        history = getattr(self.instance, "history", None)
        if history is None:
            return
        opened = history.filter(history_date__gte=opened_at).order_by("history_date").first()
        current = type(self.instance).objects.filter(pk=self.instance.pk).first()
        if opened is None or current is None:
            return
        model_fields = {f.name: f for f in self.instance._meta.concrete_fields}
        for name, field in self.fields.items():
            if name not in model_fields or field.disabled:
                continue
            key = self.add_prefix(name)
            before = model_fields[name].value_from_object(opened)
            posted = field.widget.value_from_datadict(self.data, self.files, key)
            if field.has_changed(before, posted):
                continue  # this editor changed it: keep their value
            now = model_fields[name].value_from_object(current)
            if isinstance(field, forms.BooleanField):
                if now:
                    self.data[key] = "on"
                else:
                    self.data.pop(key, None)
            else:
                prepared = field.prepare_value(now)
                self.data[key] = "" if prepared is None else str(prepared)


class GuardedAdminMixin:
    """ModelAdmin side of GuardedForm: change reasons, and no empty saves."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return [*fieldsets, ("Saving", {"fields": ["change_reason", "opened_version"]})]

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
