"""Store the red-flag signs of every Q&A whose stored finding is stale (see Question.red_flags)."""

from django.core.management.base import BaseCommand

from archive.models import Question


class Command(BaseCommand):
    help = (
        "Find and store the red-flag signs of every Q&A whose stored finding was made by other "
        "rules or of another text, or never made. Pages are right without it, only slower: run "
        "it after a release that changes archive/red_flags.py, and after loading Q&As in bulk. "
        "A published Q&A that gains a sign is marked for review: its answer was written without "
        "that sign's advice."
    )

    def handle(self, *args, **options):
        total = Question.objects.count()

        def report(looked, stored):
            if options["verbosity"]:
                self.stderr.write(f"  {looked:,}/{total:,} Q&As looked at, {stored:,} stored")

        stored, marked = Question.objects.store_red_flags(report=report)
        if options["verbosity"]:
            self.stdout.write(
                f"Red-flag signs stored for {stored:,} of {total:,} Q&As; {marked:,} published "
                "Q&As that gained a sign marked for review."
            )
