"""
Formerly created the Editor group with a frozen list of permissions. The group is now
created and its permissions synced after every migrate (publishing.roles), so this
migration does nothing; it stays so that databases that applied it keep a valid history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0002_history_and_updated_by"),
        ("comparisons", "0002_history_and_updated_by"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
