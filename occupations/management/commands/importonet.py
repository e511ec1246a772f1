"""`manage.py importonet PROFILES_CSV ELEMENTS_CSV`: write occupations/data/onet-30.1.json.gz
from the O*NET profile and element tables (as in shared/data); `loadcatalog` loads it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from occupations import onet_files
from occupations.files import PROFILES_FILE


class Command(BaseCommand):
    help = "Write the O*NET profiles file from onet_profiles.csv and onet_elements.csv."

    def add_arguments(self, parser):
        parser.add_argument("profiles", help="onet_profiles.csv")
        parser.add_argument("elements", help="onet_elements.csv")
        parser.add_argument("--out", default=str(PROFILES_FILE))

    def handle(self, *args, profiles, elements, out, **options):
        try:
            data = onet_files.build(profiles, elements)
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(f"Nothing was written: {error!r}") from None
        problems = onet_files.validate(data)
        if problems:
            raise CommandError("Nothing was written: " + "; ".join(problems))
        onet_files.write(data, Path(out))
        self.stdout.write(f"Wrote {Path(out).name}: {len(data['profiles'])} profiles.")
