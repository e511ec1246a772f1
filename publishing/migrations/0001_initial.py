import django.utils.timezone
from django.db import migrations, models

import publishing.models


def carry_over(apps, schema_editor):
    """Start above the number careers.ContentVersion had reached: versions never go back."""
    try:
        Old = apps.get_model("careers", "ContentVersion")
    except LookupError:
        return
    old = Old.objects.filter(pk=1).first()
    if old is not None:
        New = apps.get_model("publishing", "ContentVersion")
        New.objects.create(pk=1, number=old.number + 1, changed_at=django.utils.timezone.now())


class Migration(migrations.Migration):
    initial = True

    dependencies = [("careers", "0003_editor_group")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=1)),
                ("token", models.CharField(default=publishing.models.new_token, max_length=32)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name": "content version"},
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
    ]
