import hashlib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from catalog.loader import CatalogError, load_catalog, read_catalog
from catalog.models import LoadedCatalogue
from catalog.occupations import FIELDS_FILE, OCCUPATIONS_FILE, OccupationsFileError, read_pages
from occupations.files import EP_FILE, INDUSTRIES_FILE, PROFILES_FILE, STATES_FILE, default_extract
from occupations.releases import ReleasesError, read_releases

DEFAULT_PATH = Path(settings.BASE_DIR) / "catalog" / "catalog.json"
# Part of the fingerprint: a change to what a load writes makes the next load run again.
LOADER_VERSION = "2"


def fingerprint(paths):
    """sha256 over the loader's version, the migrations applied (a migration may empty a
    table the load fills) and every file a full load reads."""
    digest = hashlib.sha256(LOADER_VERSION.encode())
    applied = MigrationRecorder(connection).applied_migrations()
    digest.update(repr(sorted(applied)).encode())
    for path in paths:
        digest.update(str(Path(path).name).encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


class Command(BaseCommand):
    help = (
        "Validate and load the public releases (occupations/data: BLS projections, O*NET "
        "profiles, OEWS wages by area and industry), a page for every occupation "
        "(catalog/occupations.csv, catalog/fields.csv) and the catalogue file of editors' "
        "guides and curated comparisons (default: catalog/catalog.json). All or nothing; "
        "loading the same files twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
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
            "--no-oews",
            action="store_true",
            help="Leave the stored OEWS wages as they are (quicker; figures from the last load).",
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help=(
                "Skip the load when the database already holds exactly these files, as the "
                "last complete load left them (make run and make serve use this)."
            ),
        )
        parser.add_argument(
            "--catalogue-only",
            action="store_true",
            help="Load only the catalogue file: no public releases, no occupation pages.",
        )

    def handle(self, *args, path, dry_run, oews, no_oews, catalogue_only, if_changed, **options):
        full = not (dry_run or no_oews or catalogue_only)
        files = [path, OCCUPATIONS_FILE, FIELDS_FILE, EP_FILE, PROFILES_FILE, INDUSTRIES_FILE]
        extract = Path(oews) if oews else default_extract()
        files += [extract, extract.with_suffix("").with_suffix(".json"), STATES_FILE]
        try:
            current = fingerprint(files) if full else None
        except OSError:
            current = None  # a file is missing: the load below names it
        stored = LoadedCatalogue.objects.first()
        if if_changed and current and stored is not None and stored.fingerprint == current:
            if options["verbosity"] > 0:
                self.stdout.write("The catalogue is already loaded: nothing changed.")
            return
        problems = []
        data = releases = pages = None
        try:
            data = read_catalog(path)
        except CatalogError as error:
            problems += error.problems
        if not catalogue_only:
            try:
                releases = read_releases(wages=not no_oews, extract=oews)
                pages = read_pages(releases.soc_codes)
            except (ReleasesError, OccupationsFileError) as error:
                problems += error.problems
        if not problems:
            try:
                report = load_catalog(data, dry_run=dry_run, releases=releases, pages=pages)
            except CatalogError as error:
                problems += error.problems
        if problems:
            for problem in problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"Nothing was loaded: {len(problems)} problem(s) in the catalogue."
            ) from None
        if full and current and getattr(stored, "fingerprint", None) != current:
            LoadedCatalogue.objects.all().delete()
            LoadedCatalogue.objects.create(fingerprint=current)
        if options["verbosity"] > 1 or dry_run:
            for status in ("created", "updated", "unchanged"):
                for name in getattr(report, status):
                    self.stdout.write(f"{status:9} {name}")
        if options["verbosity"] > 0 or dry_run:
            prefix = "Dry run, nothing written: would be " if dry_run else "Loaded: "
            self.stdout.write(prefix + report.summary() + ".")
