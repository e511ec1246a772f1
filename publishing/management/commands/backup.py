from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

# Everything an editor or administrator made; not caches of the framework's own tables.
# The content version and its tags are not content: a restore moves the version on
# instead (see restore). Apps whose data is imported from committed files name it on
# their AppConfig (`backup_exclude`, e.g. the public releases): a restore imports it
# again (their `after_restore`).
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "publishing.contentversion",
    "publishing.contenttag",
]


def excluded():
    return EXCLUDE + [
        label
        for config in apps.get_app_configs()
        for label in getattr(config, "backup_exclude", ())
    ]


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the whole site (content, history, editors) to PATH "
        "(default: backups/qoollege-<time>.json.gz). Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?")

    def handle(self, *args, path=None, **options):
        if path is None:
            folder = Path(settings.BASE_DIR) / "backups"
            folder.mkdir(exist_ok=True)
            path = folder / f"qoollege-{timezone.now():%Y%m%d-%H%M%S}.json.gz"
        # One transaction, so every table is read at the same moment (on PostgreSQL a
        # repeatable-read snapshot; SQLite's transaction already reads one snapshot).
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=excluded(),
                output=str(path),
                verbosity=0,
            )
        self.stdout.write(f"Backup written to {path}.")
