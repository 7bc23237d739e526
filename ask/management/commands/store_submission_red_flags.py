"""Store the red-flag signs today's rules find in the questions visitors sent, while still held.

A command run beside archive's `store_red_flags` in the same deploy step (README, Deploy step 3),
not a post_migrate hook: it shows its progress like that one, and `migrate`, run for every test
database and after every flush, stays a schema step that the rules never slow down or fail."""

from django.core.management.base import BaseCommand

from ask.models import Submission


class Command(BaseCommand):
    help = (
        "Add to every question from a visitor whose text is not yet erased the red-flag signs "
        "today's rules find in it, marking it urgent; no sign is ever removed. Run it after "
        "every release, with store_red_flags: a question sent before the rules improved is "
        "otherwise neither first in the queue nor given the urgent advice."
    )

    def handle(self, *args, **options):
        held = Submission.objects.filter(personal_data_erased_at__isnull=True)
        total = held.count()

        def report(looked, stored):
            if options["verbosity"]:
                self.stderr.write(f"  {looked:,}/{total:,} questions looked at, {stored:,} stored")

        stored = held.store_red_flags(report=report)
        if options["verbosity"]:
            self.stdout.write(
                f"New red-flag signs stored, each marked urgent, for {stored:,} of {total:,} "
                "questions from visitors."
            )
