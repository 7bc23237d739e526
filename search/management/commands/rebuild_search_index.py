"""Write the search index afresh (see search/index.py for when that is due)."""

import math
import time

from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

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
        questions, factsheets = index.pages_to_index()
        # Said first: nothing is shown while PostgreSQL writes the index (minutes, when large).
        self.stdout.write(
            f"Rebuilding the search index for {questions:,} Q&A{pluralize(questions)} and "
            f"{factsheets:,} factsheet{pluralize(factsheets)}; searches wait until it ends "
            "(about 4 minutes per 100,000 Q&As on two cores)."
        )
        started = time.monotonic()
        index.rebuild()
        why = (
            "it had never been rebuilt" if moved == math.inf else f"averages had moved {moved:.1%}"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt in {time.monotonic() - started:.0f} s ({why})."
            )
        )
