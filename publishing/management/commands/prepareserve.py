from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "What app servers need before they start, in one process (each `manage.py` start "
        "costs about half a second): the database migrated, the catalogue loaded if its "
        "files changed, a new content version (the templates or code may be new, so no page "
        "cached by an earlier run is served) and the scheduled content that is due published. "
        "`make serve` runs it before gunicorn; a deploy runs it once, before the new servers."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        out = {"stdout": self.stdout, "stderr": self.stderr}
        # The system checks ran once, for this command (e.g. a Redis without an eviction
        # policy is warned about here).
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0), **out)
        call_command("loadcatalog", if_changed=True, verbosity=verbosity, skip_checks=True, **out)
        call_command("bumpcontentversion", verbosity=verbosity, skip_checks=True, **out)
        call_command("publishdue", verbosity=verbosity, skip_checks=True, **out)
