import sys

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import import_string

from publishing import schedule, versions
from publishing.models import ContentVersion


class Command(BaseCommand):
    help = (
        "Replace everything in the database with a snapshot written by `manage.py backup`. "
        "All or nothing: if the snapshot cannot be loaded, the database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (for scripts)."
        )

    def handle(self, *args, path, yes, **options):
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError(
                    "Restore needs confirmation: it replaces every record in the database. "
                    "Run it in a terminal and type yes, or pass --yes "
                    "(make restore FILE=… YES=1)."
                )
            self.stdout.write(
                f"This replaces every record in the database with {path}.\n"
                "Type yes and press Enter to go on (anything else cancels; "
                "--yes or make restore FILE=… YES=1 skips this question)."
            )
            self.stdout.flush()
            if input("> ").strip() != "yes":
                raise CommandError("Restore cancelled: nothing was changed.")
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # TRUNCATE refuses to run while deferred foreign-key checks are pending.
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                # The restored content is new to every cache: the version moves on from
                # where it is now (never back to the number in the snapshot).
                reached = ContentVersion.read().number
                call_command("flush", interactive=False, verbosity=0)
                if connection.vendor == "postgresql":
                    # Back to checking at commit: the snapshot lists a career's parts
                    # before some careers, and the occupations its careers point to are
                    # reloaded from files only after it.
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                call_command("loaddata", path, verbosity=0)
                for config in apps.get_app_configs():  # data imported from committed files
                    if hook := getattr(config, "after_restore", None):
                        import_string(hook)()
                ContentVersion.objects.all().delete()
                row = ContentVersion.advance(at_least=reached)
                # Scheduled publications in the snapshot keep their time.
                row.next_due = schedule.earliest()
                row.save(update_fields=["next_due"])
        except Exception as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        versions.publish(row)  # after commit: no reader pairs old content with it
        self.stdout.write(f"Restored {path}.")
