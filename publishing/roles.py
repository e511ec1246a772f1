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
        view_only = [
            *getattr(app_config, "editor_history_models", ()),
            *getattr(app_config, "editor_view_models", ()),
        ]
        for model_name in view_only:
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


def system_user(username):
    """
    A named account for changes no person made (e.g. "catalogue-import"), so the History
    says who did them. It cannot sign in: no usable password, not active, not staff.
    """
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_active": False, "is_staff": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
