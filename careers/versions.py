"""
Whole-career versions: a career is its fields *and* its parts (other names, skills and
their order, workplaces, education routes, the representative day, licences, sources).

Each entry of a career's history (its django-simple-history record) carries `parts`: a
JSON snapshot of the parts as they were when that version was saved. One admin save, one
import, one restore or one published draft writes one record, after the parts are
saved, so the History lists one entry per save and a restore brings back the parts as
they were, not only the fields. Other saves (bulk actions, a shell) get the snapshot of
the parts in the database at that moment (a `pre_create_historical_record` receiver).

Drafts of live careers (careers.drafts) use the same shape: `{"fields": …, "parts": …}`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from careers import rules, search_index
from careers.models import (
    Career,
    CareerAlias,
    CareerSkill,
    CareerWorkplace,
    Category,
    Credential,
    DayItem,
    EducationRoute,
    Skill,
    Source,
    Workplace,
)
from publishing.admin_tools import opened_version

# Fields of a career that a version holds (and a restore or a draft sets).
SKIPPED_FIELDS = {"id", "created_at", "updated_at", "updated_by", "sort_title", "search_name"}


def version_fields():
    return [
        field
        for field in Career._meta.concrete_fields
        if field.name not in SKIPPED_FIELDS and not field.primary_key
    ]


class PartKind:
    """One kind of part: where it hangs off a career, and how it is stored and named."""

    def __init__(self, key, label, related_name, model, fields, name, ref=None, ordered=True):
        self.key, self.label, self.related_name = key, label, related_name
        self.model, self.fields, self.name = model, fields, name
        self.ref, self.ordered = ref, ordered  # ref: (field, shared model) for skills…

    def item(self, part):
        """A part (a model instance, saved or not) as JSON-safe data."""
        data = {}
        if self.ref:
            field, _model = self.ref
            thing = getattr(part, field)
            data[field] = thing.pk
            data["name"] = thing.name
        for name in self.fields:
            value = getattr(part, name)
            if isinstance(value, (datetime.date, datetime.time)):
                value = value.isoformat()
            data[name] = value
        if self.ordered:
            data["position"] = part.position
        return data

    def build(self, career, data):
        """An unsaved part of `career` from `item()` data."""
        values = {}
        for name in self.fields:
            value = data.get(name)
            field = self.model._meta.get_field(name)
            values[name] = field.to_python(value) if value is not None else value
            if values[name] is None and not field.null:
                values[name] = "" if field.get_internal_type() in TEXT_TYPES else values[name]
        if self.ref:
            field, model = self.ref
            values[field] = _shared_thing(model, data.get(field), data.get("name", ""))
        if self.ordered:
            values["position"] = data.get("position") or 0
        return self.model(career=career, **values)


TEXT_TYPES = {"CharField", "TextField", "URLField"}


def _shared_thing(model, pk, name):
    """The skill (or workplace) a version named: by id, else by name, else made anew."""
    thing = model.objects.filter(pk=pk).first() if pk else None
    if thing is None and name:
        thing = model.objects.filter(name__iexact=name).first()
        if thing is None:
            thing = model.objects.create(name=name)
    if thing is None:
        raise ValidationError(f"A {model._meta.verbose_name} of this version has no name.")
    return thing


PARTS = [
    PartKind("aliases", "Other names", "aliases", CareerAlias, ["name"], "name", ordered=False),
    PartKind("skills", "Top skills", "skill_links", CareerSkill, [], "name", ref=("skill", Skill)),
    PartKind(
        "workplaces",
        "Where they work",
        "workplace_links",
        CareerWorkplace,
        [],
        "name",
        ref=("workplace", Workplace),
    ),
    PartKind("routes", "Education routes", "education_routes", EducationRoute, ["text"], "text"),
    PartKind(
        "day",
        "A representative day",
        "day_items",
        DayItem,
        ["time", "activity"],
        "time",
        ordered=False,
    ),
    PartKind(
        "credentials",
        "Licences and certifications",
        "credentials",
        Credential,
        ["name", "kind", "requirement", "issuer", "note", "source_url"],
        "name",
    ),
    PartKind(
        "sources", "Sources", "sources", Source, ["title", "url", "period", "accessed"], "title"
    ),
]
PART_BY_KEY = {kind.key: kind for kind in PARTS}
KIND_BY_MODEL = {kind.model: kind for kind in PARTS}


def snapshot_parts(career):
    """The parts of a saved career, as they are in the database now."""
    snapshot = {}
    for kind in PARTS:
        manager = getattr(career, kind.related_name)
        queryset = manager.all()
        if kind.ref:
            queryset = queryset.select_related(kind.ref[0])
        snapshot[kind.key] = [kind.item(part) for part in queryset]
    return snapshot


def snapshot_fields(career):
    """A career's version fields as JSON-safe text values (for drafts)."""
    return {field.attname: field.value_to_string(career) for field in version_fields()}


def fields_from_snapshot(data):
    """{attname: python value} from snapshot_fields() data (unknown keys ignored)."""
    values = {}
    for field in version_fields():
        if field.attname not in data:
            continue
        raw = data[field.attname]
        if raw in (None, "") and field.null:
            values[field.attname] = None
        elif field.get_internal_type() == "BooleanField":
            values[field.attname] = raw in (True, "True", "true", "1", "on")
        else:
            values[field.attname] = field.to_python(raw)
    return values


def fields_of_record(record):
    return {field.attname: getattr(record, field.attname) for field in version_fields()}


# --- Differences, in plain words -------------------------------------------------------------


def normalised(value):
    """Text compared as people read it: line endings, trailing spaces and edges ignored."""
    if isinstance(value, str):
        lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(" ".join(line.split()) for line in lines).strip()
    return value


def _shown(field, value, categories):
    if value is None or value == "":
        return "(empty)"
    if field.attname == "category_id":
        return categories.get(value, f"category {value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and value >= 10_000:  # pay and job counts; years stay bare
        return f"{value:,}"
    text = " ".join(str(value).split())
    return text if len(text) <= 160 else text[:157] + "…"


def field_changes(old, new, categories=None):
    """[(label, old text, new text)] for fields whose values differ (dicts of attnames)."""
    if categories is None:
        categories = dict(Category.objects.values_list("pk", "name"))
    changes = []
    for field in version_fields():
        before, after = old.get(field.attname), new.get(field.attname)
        if normalised(before) == normalised(after):
            continue
        label = str(field.verbose_name)
        changes.append(
            (
                label[:1].upper() + label[1:],
                _shown(field, before, categories),
                _shown(field, after, categories),
            )
        )
    return changes


def _item_name(kind, item):
    value = item.get(kind.name, "")
    if kind.key == "day":
        return str(value)[:5]
    return str(value)


def _display(kind, item):
    if kind.key == "day":
        return f"{str(item.get('time', ''))[:5]} {item.get('activity', '')}"
    return _item_name(kind, item)


def _comparable(kind, item):
    return {
        key: normalised(value)
        for key, value in item.items()
        if key not in ("position", kind.ref and kind.ref[0])
    }


def part_changes(old, new):
    """[(label, [sentences])] for each kind of part that differs between two snapshots."""
    return [(label, sentences) for _key, label, sentences in changes_by_kind(old, new)]


def changes_by_kind(old, new, only=None):
    """[(kind key, label, [sentences])] for each kind of part (or only `only`) that differs."""
    changes = []
    for kind in PARTS:
        if only is not None and kind.key != only:
            continue
        before, after = (old or {}).get(kind.key, []), (new or {}).get(kind.key, [])
        sentences = _kind_changes(kind, before, after)
        if sentences:
            changes.append((kind.key, kind.label, sentences))
    return changes


def _kind_changes(kind, before, after):
    before_sorted = sorted(before, key=lambda item: item.get("position", 0))
    after_sorted = sorted(after, key=lambda item: item.get("position", 0))
    before_names = [_item_name(kind, item) for item in before_sorted]
    after_names = [_item_name(kind, item) for item in after_sorted]
    sentences = []
    added = [name for name in after_names if name not in before_names]
    removed = [name for name in before_names if name not in after_names]
    if added:
        shown = {_item_name(kind, item): _display(kind, item) for item in after_sorted}
        sentences.append("added " + ", ".join(f"“{shown[name]}”" for name in added))
    if removed:
        shown = {_item_name(kind, item): _display(kind, item) for item in before_sorted}
        sentences.append("removed " + ", ".join(f"“{shown[name]}”" for name in removed))
    old_items = {_item_name(kind, item): _comparable(kind, item) for item in before_sorted}
    edited = [
        _item_name(kind, item)
        for item in after_sorted
        if _item_name(kind, item) in old_items
        and old_items[_item_name(kind, item)] != _comparable(kind, item)
    ]
    if edited:
        shown = {_item_name(kind, item): _display(kind, item) for item in after_sorted}
        sentences.append("changed " + ", ".join(f"“{shown[name]}”" for name in edited))
    kept_before = [name for name in before_names if name in after_names]
    kept_after = [name for name in after_names if name in before_names]
    if kind.ordered and kept_before != kept_after:
        sentences.append("new order: " + ", ".join(after_names))
    return sentences


def describe(changes, parts):
    """One plain sentence for a message: what a restore or a publication changed."""
    pieces = [f"{label}: {old} → {new}" for label, old, new in changes]
    pieces += [f"{label}: {'; '.join(sentences)}" for label, sentences in parts]
    return "; ".join(pieces) if pieces else "nothing (it was the same as the current version)"


# --- Recording and applying versions ---------------------------------------------------------


def latest_record(career):
    return career.history.order_by("-history_date", "-history_id").first()


def record_version(career, user, reason="", created=False):
    """
    Write one history entry for `career` as saved now (fields and parts), unless nothing
    differs from its latest entry. Returns the record, or None when nothing changed.
    """
    parts = snapshot_parts(career)
    latest = latest_record(career)
    if latest is not None and not created:
        same_fields = not field_changes(fields_of_record(latest), fields_of_record(career))
        same_parts = latest.parts is not None and not part_changes(latest.parts, parts)
        if same_fields and same_parts:
            return None
    career._history_user = user
    (record,) = Career.history.bulk_history_create(
        [career],
        update=not created,
        default_user=user,
        default_change_reason=reason,
        default_date=timezone.now(),
        custom_historical_attrs={"parts": parts},
    )
    del career._history_user
    return record


def fill_parts_snapshot(sender, instance, history_instance, **kwargs):
    """pre_create_historical_record: saves outside the admin still record the parts."""
    if getattr(history_instance, "parts", None) is None and instance.pk:
        history_instance.parts = snapshot_parts(instance)


def apply_version(career, fields, parts, user, reason, opened=None):
    """
    Make `career` exactly `fields` + `parts` (a restore, a published draft) in one
    transaction, validated as the admin validates; writes one history entry. Returns the
    plain-words description of what changed. Raises ValidationError and changes nothing
    when the version is not valid any more, or when `opened` (the version an editor saw,
    publishing.admin_tools.opened_version) is given and the career was saved since:
    checked under the row lock, so two editors cannot both apply over the same version.
    """
    try:
        return _apply(career, fields, parts, user, reason, opened)
    except IntegrityError as error:
        raise ValidationError(
            "This version clashes with the current data (e.g. a name used twice); "
            "nothing was changed."
        ) from error


def _apply(career, fields, parts, user, reason, opened=None):
    with transaction.atomic(), search_index.deferred():
        career = Career.objects.select_for_update().get(pk=career.pk)
        if opened is not None and opened != opened_version(career):
            raise ValidationError(
                "Someone saved this career since you opened this page: check the "
                "differences below again, then restore."
            )
        before_fields = fields_of_record(career)
        before_parts = snapshot_parts(career)
        for attname, value in fields.items():
            setattr(career, attname, value)
        career.full_clean(validate_unique=True)
        career.updated_by = user
        career.skip_history_when_saving = True
        career.save()
        del career.skip_history_when_saving
        if parts is not None:
            problems = rules.part_problems(parts)
            if problems:
                raise ValidationError(problems)
            _replace_parts(career, parts)
        if career.is_published:
            problems = Career.objects.get(pk=career.pk).publish_problems()
            if problems:
                raise ValidationError(
                    "This version cannot be live: its guide would need "
                    + ", ".join(problems)
                    + ". Unpublish the career first, or fix the version."
                )
        after_parts = snapshot_parts(career)
        changes = field_changes(before_fields, fields_of_record(career))
        part_diff = part_changes(before_parts, after_parts) if parts is not None else []
        record_version(career, user, reason)
    return describe(changes, part_diff)


def _replace_parts(career, parts):
    for kind in PARTS:
        for part in getattr(career, kind.related_name).all():
            part.delete()
        items = parts.get(kind.key, [])
        built = [kind.build(career, item) for item in items]
        for part in built:
            part.full_clean(exclude=["career"], validate_unique=False)
        for part in sorted(built, key=lambda p: getattr(p, "position", 0)):
            part.save()


# --- Parts posted in the career form, against a version's ------------------------------------


def posted_rows_differ(kind, formset, items):
    """
    Whether the rows of a bound (unvalidated) inline formset of `kind` differ from `items`
    (a version's parts of that kind): what an editor changed in that table since the
    version they opened. A value that does not even parse counts as a change.
    """
    names = [*kind.fields, *(["position"] if kind.ordered else [])]
    posted = []
    for index, form in enumerate(formset.forms):
        if index >= formset.initial_form_count() and not form.has_changed():
            continue  # an empty extra row
        if formset.can_delete and form["DELETE"].data:
            continue
        row = [str(form[kind.ref[0]].data or "")] if kind.ref else []
        for name in names:
            try:
                value = form.fields[name].to_python(form[name].data)
            except ValidationError:
                return True
            row.append(_row_value(value))
        posted.append(tuple(row))
    stored = []
    for item in items:
        row = [str(item.get(kind.ref[0]) or "")] if kind.ref else []
        for name in names:
            value = item.get(name)
            if value is not None:
                value = kind.model._meta.get_field(name).to_python(value)
            row.append(_row_value(value))
        stored.append(tuple(row))
    return sorted(posted) != sorted(stored)


def _row_value(value):
    return "" if value is None else str(normalised(value))
