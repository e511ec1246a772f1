"""
Cache invalidation, the one place signals are used: a committed save or delete of any
content model, from the admin, an import or a shell, bumps the content version once per
transaction. Apps name their content models on their AppConfig (`content_models`).

A model with a `page_tags()` method says which parts of the content (ContentTags: its
career, the lists) a change to one of its rows touches, so that only the cached pages
showing them are rendered again; a change to any other content model touches everything.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from publishing import versions


def content_changed(sender, instance=None, **kwargs):
    if kwargs.get("raw"):  # loaddata: `restore` bumps once at the end
        return
    page_tags = getattr(instance, "page_tags", None)
    versions.bump_after_commit(list(page_tags()) if page_tags is not None else None)


def content_models():
    for app_config in apps.get_app_configs():
        for name in getattr(app_config, "content_models", ()):
            yield app_config.get_model(name)


def connect_content_models():
    for model in content_models():
        uid = f"content-version-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + "-delete")
        m2m_changed.connect(content_changed, sender=model, dispatch_uid=uid + "-m2m")
