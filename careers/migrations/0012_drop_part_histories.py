# One history system (issue 21): a career's history entry holds its parts as JSON
# (careers.versions), so the per-part history tables, written on every save and never
# read, are dropped. The career's own history (HistoricalCareer) stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("careers", "0011_guides_and_data_pages"),
    ]

    operations = [
        migrations.DeleteModel(name=name)
        for name in [
            "HistoricalCareerAlias",
            "HistoricalCareerSkill",
            "HistoricalCareerWorkplace",
            "HistoricalCredential",
            "HistoricalDayItem",
            "HistoricalEducationRoute",
            "HistoricalSource",
        ]
    ]
