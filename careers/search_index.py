"""
The search documents (CareerSearch) and the words they use (SearchWord), kept in step
with the content they come from.

A career's document changes when the career, one of its other names, skills or
workplaces is saved or deleted, or a skill or workplace it lists is renamed. Signals note
that (the search index is a cache of content, like the page cache: the one place signals
are used); `reindex` writes the documents again. Inside `deferred()` (the admin's save,
`loadcatalog`) each career is written once, at the end. Bulk writers that skip signals
(`synthcatalog`) call `rebuild()` or `reindex()` themselves. The database keeps its own
index of the documents in step by itself (see careers.models.CareerSearch).
"""

import re
import threading
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete

from careers.models import (
    Career,
    CareerAlias,
    CareerSearch,
    CareerSkill,
    CareerWorkplace,
    SearchWord,
    Skill,
    Workplace,
)
from careers.text import search_words

CHUNK = 500
_state = threading.local()


def _parts():
    return [
        Prefetch("skill_links", CareerSkill.objects.select_related("skill")),
        Prefetch("workplace_links", CareerWorkplace.objects.select_related("workplace")),
        "aliases",
    ]


def heads(title):
    """The head noun of each part of a title: “Paralegal / Legal Assistant” → both."""
    title = re.sub(r"\([^)]*\)", " ", title)  # “IT Manager (Computer & …)”: the manager
    found = []
    for part in title.split("/"):
        words = search_words(part)
        if words and words[-1] not in found:
            found.append(words[-1])
    return found


def document(career):
    """The search document of a career whose parts are prefetched."""
    names = [*career.common_title_list, *(alias.name for alias in career.aliases.all())]
    extra = [link.skill.name for link in career.skill_links.all()]
    extra += [link.workplace.name for link in career.workplace_links.all()]
    title = search_words(career.title)
    name_words = [" ".join(search_words(name)) for name in names]
    exact = dict.fromkeys(filter(None, [" ".join(title), *name_words]))
    return CareerSearch(
        career=career,
        title=" ".join(title),
        head=" ".join(heads(career.title)),
        names="\n".join(filter(None, name_words)),
        extra="\n".join(" ".join(search_words(text)) for text in extra),
        exact="|" + "|".join(exact) + "|",
        title_words=len(title),
    )


def _words(documents):
    words = set()
    for doc in documents:
        for text in (doc.title, doc.names, doc.extra):
            words.update(text.split())
    return words


def _write(documents, using):
    CareerSearch.objects.using(using).bulk_create(documents)
    SearchWord.objects.using(using).bulk_create(
        [SearchWord(word=word) for word in sorted(_words(documents))], ignore_conflicts=True
    )


def reindex(career_ids, using=DEFAULT_DB_ALIAS):
    """Write the search documents of these careers again (and drop those of deleted ones)."""
    ids = sorted(set(career_ids))
    with transaction.atomic(using=using):
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            careers = Career.objects.using(using).filter(pk__in=chunk).prefetch_related(*_parts())
            documents = [document(career) for career in careers]
            CareerSearch.objects.using(using).filter(career_id__in=chunk).delete()
            _write(documents, using)


def rebuild(using=DEFAULT_DB_ALIAS):
    """Every document and the word list from scratch (after bulk writes, or to repair)."""
    with transaction.atomic(using=using):
        CareerSearch.objects.using(using).all().delete()
        SearchWord.objects.using(using).all().delete()
        ids = list(Career.objects.using(using).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            careers = (
                Career.objects.using(using)
                .filter(pk__in=ids[start : start + CHUNK])
                .prefetch_related(*_parts())
            )
            _write([document(career) for career in careers], using)
        return len(ids)


@contextmanager
def deferred():
    """Note the careers changed inside the block and reindex each once when it ends."""
    if getattr(_state, "pending", None) is not None:  # an outer block will do it
        yield
        return
    _state.pending = set()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    if pending:
        reindex(pending)


def changed(career_ids):
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.update(career_ids)
    else:
        reindex(career_ids)


def _deleting():
    if not hasattr(_state, "deleting"):
        _state.deleting = set()
    return _state.deleting


# Signal receivers ------------------------------------------------------------------------


def _career_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata (restore) brings the documents with it
        changed([instance.pk])


def _career_deleting(sender, instance, **kwargs):
    # Its parts are deleted first: their signals must not write a document for it again.
    _deleting().add(instance.pk)


def _career_deleted(sender, instance, **kwargs):
    _deleting().discard(instance.pk)


def _part_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.career_id not in _deleting():
        changed([instance.career_id])


def _named_thing_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    links = CareerSkill if sender is Skill else CareerWorkplace
    field = "skill" if sender is Skill else "workplace"
    ids = links.objects.filter(**{field: instance}).values_list("career_id", flat=True)
    changed(list(ids))


def _complete_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """After `migrate` (e.g. the one that added search): write any missing documents."""
    tables = connections[using].introspection.table_names()
    if CareerSearch._meta.db_table not in tables or Career._meta.db_table not in tables:
        return
    documents = CareerSearch.objects.using(using).count()
    if documents < Career.objects.using(using).count():
        rebuild(using=using)


def connect(app_config):
    uid = "careers-search-index"
    post_save.connect(_career_saved, sender=Career, dispatch_uid=f"{uid}-career")
    pre_delete.connect(_career_deleting, sender=Career, dispatch_uid=f"{uid}-career-pre")
    post_delete.connect(_career_deleted, sender=Career, dispatch_uid=f"{uid}-career-post")
    for model in (CareerAlias, CareerSkill, CareerWorkplace):
        label = model._meta.model_name
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"{uid}-{label}-save")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"{uid}-{label}-delete")
    for model in (Skill, Workplace):
        label = model._meta.model_name
        post_save.connect(_named_thing_saved, sender=model, dispatch_uid=f"{uid}-{label}")
    post_migrate.connect(_complete_after_migrate, sender=app_config, dispatch_uid=f"{uid}-migrate")
