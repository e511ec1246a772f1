import math

from django.db import migrations, models


def fill_standard_scores(apps, schema_editor):
    """The scores of the profiles already stored (a fresh load computes them itself): the
    rule of occupations.onet.standard_scores, kept here as it was when this ran."""
    OnetProfile = apps.get_model("occupations", "OnetProfile")
    profiles = list(OnetProfile.objects.all())
    if not profiles:
        return
    vectors = [[float(item["importance"]) for item in p.ratings] for p in profiles]
    width, count = len(vectors[0]), len(vectors)
    means = [sum(v[i] for v in vectors) / count for i in range(width)]
    spreads = [
        math.sqrt(sum((v[i] - means[i]) ** 2 for v in vectors) / count) for i in range(width)
    ]
    for profile, vector in zip(profiles, vectors, strict=True):
        profile.standard_scores = [
            round((value - mean) / spread, 3) if spread else 0.0
            for value, mean, spread in zip(vector, means, spreads, strict=True)
        ]
    OnetProfile.objects.bulk_update(profiles, ["standard_scores"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("occupations", "0002_occupations_and_onet_titles"),
    ]

    operations = [
        migrations.AddField(
            model_name="onetprofile",
            name="standard_scores",
            field=models.JSONField(
                default=list,
                help_text=(
                    "Each rating as standard deviations from that element's mean over all "
                    "profiles, in the ratings' order (computed at load; what fit pages rank by)."
                ),
            ),
        ),
        migrations.RunPython(fill_standard_scores, migrations.RunPython.noop),
    ]
