from django.db import migrations


class Migration(migrations.Migration):
    """The content version moved to the publishing app (which copied its number)."""

    dependencies = [
        ("careers", "0003_editor_group"),
        ("publishing", "0001_initial"),
    ]

    operations = [migrations.DeleteModel(name="ContentVersion")]
