"""Forget the counts of searches that found little once they are older than the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import pluralize

from search.models import SearchGap


class Command(BaseCommand):
    help = "Delete the daily counts of searches that found little older than --days days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SEARCH_GAPS_KEEP_DAYS,
            help="Days the counts are kept (default: SEARCH_GAPS_KEEP_DAYS, %(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        deleted, _ = SearchGap.objects.older_than(days).delete()
        self.stdout.write(
            f"Deleted {deleted} daily count{pluralize(deleted)} older than "
            f"{days} day{pluralize(days)}."
        )
