"""The "Editor" group, so every fresh database has it (see careers/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_editor_group(apps, schema_editor):
    from careers.roles import EDITOR_GROUP, editor_permission_codenames

    # Permissions are normally created after migrate; make them now for these two apps.
    for app_label in ("careers", "comparisons"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    wanted = editor_permission_codenames()
    permissions = [
        p
        for p in Permission.objects.select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]
    group.permissions.set(permissions)


def remove_editor_group(apps, schema_editor):
    from careers.roles import EDITOR_GROUP

    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0002_history_and_updated_by"),
        ("comparisons", "0002_history_and_updated_by"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
