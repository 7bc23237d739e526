"""Write the search index afresh (see search/index.py for when that is due)."""

from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = (
        "Index every published Q&A and factsheet afresh. Needed only after bulk loads, or when "
        "pages added and removed have moved the average field lengths (--if-drifted)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-drifted",
            action="store_true",
            help=f"only when the averages moved by more than {index.DRIFT_LIMIT:.0%}",
        )

    def handle(self, *args, if_drifted, **options):
        moved = index.drift()
        if if_drifted and moved <= index.DRIFT_LIMIT:
            self.stdout.write(f"Search index up to date (averages moved {moved:.1%}).")
            return
        index.rebuild()
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt (averages had moved {moved:.1%}).")
        )
