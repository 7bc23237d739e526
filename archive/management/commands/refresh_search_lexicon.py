"""Bring the search lexicon up to date, e.g. after Q&As were loaded other than through admin."""

from django.core.management.base import BaseCommand

from archive.lexicon import refresh_lexicon


class Command(BaseCommand):
    help = (
        "Refresh the words search corrects typos towards and weighs by rarity, from the "
        "published Q&As and the factsheets. Searches go on meanwhile."
    )

    def handle(self, *args, **options):
        refresh_lexicon()
        self.stdout.write(self.style.SUCCESS("Search lexicon refreshed."))
