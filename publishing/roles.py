"""
Who may do what. Editors add, change and view every piece of content and publish or
unpublish it; they may delete parts and unpublished careers, but never a published career
(the careers admin enforces that), and they have no access to users, groups or
permissions. Superusers manage people.

Apps name the models editors work on, on their AppConfig (`editor_models`; imported data
they may only view in `editor_view_models`); the Editor
group's permissions are brought in line with that list after every `migrate`, so a new
model or a renamed one never leaves editors without access (or with too much).
"""

from django.apps import apps as global_apps

EDITOR_GROUP = "Editor"


def editor_permission_codenames(app_registry=global_apps):
    """(app_label, codename) of every permission the Editor group should hold."""
    wanted = set()
    for app_config in app_registry.get_app_configs():
        for model_name in getattr(app_config, "editor_models", ()):
            for action in ("add", "change", "view", "delete"):
                wanted.add((app_config.label, f"{action}_{model_name}"))
        for model_name in getattr(app_config, "editor_history_models", ()):
            wanted.add((app_config.label, f"view_{model_name}"))
        # Imported data (e.g. area wages): editors may look, never change.
        for model_name in getattr(app_config, "editor_view_models", ()):
            wanted.add((app_config.label, f"view_{model_name}"))
    return wanted


def sync_editor_group(sender=None, using="default", **kwargs):
    """post_migrate: create the Editor group if needed and set exactly its permissions."""
    from django.contrib.auth.models import Group, Permission

    wanted = editor_permission_codenames()
    group, _ = Group.objects.using(using).get_or_create(name=EDITOR_GROUP)
    permissions = [
        permission
        for permission in Permission.objects.using(using).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    group.permissions.set(permissions)
