from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalog.loader import CatalogError, load_catalog, read_catalog

DEFAULT_PATH = Path(settings.BASE_DIR) / "catalog" / "catalog.json"
PROFILES_PATH = Path(settings.BASE_DIR) / "catalog" / "onet_profiles.json"


class Command(BaseCommand):
    help = (
        "Validate and load a catalogue file (default: catalog/catalog.json) and the O*NET "
        "profiles (catalog/onet_profiles.json). All or nothing; upserts by slug, so loading "
        "the same file twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
        parser.add_argument(
            "--profiles",
            default=str(PROFILES_PATH),
            help="The O*NET profiles file (default: catalog/onet_profiles.json).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created, updated or left unchanged; write nothing.",
        )

    def handle(self, *args, path, profiles, dry_run, **options):
        try:
            report = load_catalog(
                read_catalog(path), dry_run=dry_run, profiles=read_catalog(profiles)
            )
        except CatalogError as error:
            for problem in error.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"Nothing was loaded: {error}.") from None
        if options["verbosity"] > 1 or dry_run:
            for status in ("created", "updated", "unchanged"):
                for name in getattr(report, status):
                    self.stdout.write(f"{status:9} {name}")
        if options["verbosity"] > 0 or dry_run:
            prefix = "Dry run, nothing written: would be " if dry_run else "Loaded: "
            self.stdout.write(prefix + report.summary() + ".")
