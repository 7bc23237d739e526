"""Load the seed archive. Safe to run again: existing rows are matched by slug and updated.
The search lexicon is refreshed afterwards, as after any import."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.lexicon import refresh_lexicon


class Command(BaseCommand):
    help = "Load the seed categories, Q&As and factsheets from fixtures/seed.json (idempotent)."

    def handle(self, *args, **options):
        call_command("loaddata", "seed", verbosity=options["verbosity"])
        refresh_lexicon()
