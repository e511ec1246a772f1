from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalog.loader import CatalogError, load_catalog, read_catalog
from occupations.loading import AreaWagesError, default_extract, read_area_wages

DEFAULT_PATH = Path(settings.BASE_DIR) / "catalog" / "catalog.json"
PROFILES_PATH = Path(settings.BASE_DIR) / "occupations" / "data" / "onet_profiles.json"


class Command(BaseCommand):
    help = (
        "Validate and load a catalogue file (default: catalog/catalog.json), the O*NET "
        "profiles (occupations/data/onet_profiles.json) and the BLS OEWS area wages extract "
        "(default: the newest catalog/oews-YYYY.csv.gz). All or nothing; upserts by slug, "
        "so loading the same files twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
        parser.add_argument(
            "--profiles",
            default=str(PROFILES_PATH),
            help="The O*NET profiles file (default: occupations/data/onet_profiles.json).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created, updated or left unchanged; write nothing.",
        )
        parser.add_argument(
            "--oews",
            metavar="EXTRACT",
            default=None,
            help=f"The OEWS extract to load (default: {default_extract().name}).",
        )
        parser.add_argument(
            "--no-oews", action="store_true", help="Load the catalogue only, not area wages."
        )

    def handle(self, *args, path, profiles, dry_run, oews, no_oews, **options):
        problems = []
        data = profile_data = extract = None
        try:
            data = read_catalog(path)
            profile_data = read_catalog(profiles)
        except CatalogError as error:
            problems += error.problems
        if not no_oews:
            try:
                extract = read_area_wages(oews)
            except AreaWagesError as error:
                problems += error.problems
        if not problems:
            try:
                report = load_catalog(
                    data, dry_run=dry_run, profiles=profile_data, area_wages=extract
                )
            except CatalogError as error:
                problems += error.problems
        if problems:
            for problem in problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"Nothing was loaded: {len(problems)} problem(s) in the catalogue."
            ) from None
        if options["verbosity"] > 1 or dry_run:
            for status in ("created", "updated", "unchanged"):
                for name in getattr(report, status):
                    self.stdout.write(f"{status:9} {name}")
        if options["verbosity"] > 0 or dry_run:
            prefix = "Dry run, nothing written: would be " if dry_run else "Loaded: "
            self.stdout.write(prefix + report.summary() + ".")
