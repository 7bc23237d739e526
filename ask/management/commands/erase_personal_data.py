"""Erase askers' names and e-mail addresses once their question has been closed long enough."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ask.services import erase_personal_data


class Command(BaseCommand):
    help = (
        "Blank the name and e-mail address of every asker whose question was closed (published, "
        "answered privately, closed as a duplicate or rejected) at least --days days ago, and "
        "delete the e-mails sent to them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.ASK_ERASE_AFTER_DAYS,
            help="Days after closing (default: ASK_ERASE_AFTER_DAYS, %(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        erased = erase_personal_data(days=days)
        self.stdout.write(
            f"Erased the name and e-mail address of {erased} asker(s) "
            f"whose question was closed {days} or more days ago."
        )
