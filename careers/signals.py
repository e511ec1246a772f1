"""
Cache invalidation (the one place signals are used): any save or delete of content,
from the admin, an import or a shell, bumps the content version.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def bump_content_version(sender, **kwargs):
    if kwargs.get("raw"):
        return
    from careers.models import ContentVersion

    # Bump after the transaction commits, so no request caches the old content under the
    # new version; inside a rolled-back import nothing changes at all.
    transaction.on_commit(ContentVersion.bump)


def content_models():
    from django.apps import apps

    names = [
        "careers.Category",
        "careers.Skill",
        "careers.Workplace",
        "careers.Career",
        "careers.CareerSkill",
        "careers.CareerWorkplace",
        "careers.EducationRoute",
        "careers.DayItem",
        "careers.Source",
        "comparisons.Comparison",
    ]
    return [apps.get_model(name) for name in names]


def connect():
    for model in content_models():
        uid = f"content-version-{model._meta.label_lower}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-delete")
        m2m_changed.connect(bump_content_version, sender=model, dispatch_uid=uid + "-m2m")
