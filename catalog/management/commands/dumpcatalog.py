import sys

from django.core.management.base import BaseCommand

from catalog.loader import dump_catalog, dumps


class Command(BaseCommand):
    help = "Write the catalogue (careers, categories, comparisons) as JSON, to PATH or stdout."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="File to write; default: standard output.")

    def handle(self, *args, path=None, **options):
        text = dumps(dump_catalog())
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {path}.")
        else:
            sys.stdout.write(text)
