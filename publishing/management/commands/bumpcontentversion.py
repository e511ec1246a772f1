from django.core.management.base import BaseCommand

from publishing import versions


class Command(BaseCommand):
    help = (
        "Start a new content version: every cached page is rendered afresh at its next "
        "request. Run it after a deploy that changed templates or code, as `make serve` does."
    )

    def handle(self, *args, **options):
        version = versions.bump()
        if options["verbosity"] > 0:
            self.stdout.write(f"Content version {version.number} ({version.token}).")
