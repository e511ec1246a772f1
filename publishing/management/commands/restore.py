import sys

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.utils.module_loading import import_string

from publishing import schedule, versions
from publishing.models import ContentVersion


def flush_restored_tables():
    """
    Empty the tables a snapshot restores: every one but those imported from committed
    files (the apps' `backup_exclude`, whose `after_restore` then writes only what
    differs from the files, not some 200,000 rows of wages again) and the content types
    and permissions Django makes from the models, which snapshots leave out.
    """
    kept = {"contenttypes", "auth.permission"}
    kept |= {
        label
        for config in apps.get_app_configs()
        for label in getattr(config, "backup_exclude", ())
    }
    existing = set(connection.introspection.table_names())
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and model._meta.db_table in existing
        and not {model._meta.app_label, model._meta.label_lower} & kept
    )
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    connection.ops.execute_sql_flush(statements)


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
                flush_restored_tables()
                if connection.vendor == "postgresql":
                    # Back to checking at commit: the snapshot lists a career's parts
                    # before some careers, and the occupations its careers point to are
                    # reloaded from files only after it.
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                call_command("loaddata", path, verbosity=0)
                # What `migrate` keeps true (the Editor group's permissions, a complete
                # search index), as Django's flush would have had it done.
                emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
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
