from django.core.management.base import BaseCommand

from careers import search_index


class Command(BaseCommand):
    help = (
        "Rewrite every career's search document and the list of known words. Saves do this "
        "by themselves; run it after changing careers with raw SQL or bulk updates."
    )

    def handle(self, *args, **options):
        count = search_index.rebuild()
        if options["verbosity"] > 0:
            self.stdout.write(f"Search index rebuilt: {count} careers.")
