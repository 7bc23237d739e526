"""Send the e-mails in the outbox that have not gone yet; run it every few minutes from cron."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize
from django.utils import timezone

from ask.services import send_pending_emails


class Command(BaseCommand):
    help = "Send e-mails to askers that are still waiting in the outbox (failed or not yet tried)."

    def handle(self, *args, **options):
        self.stdout.write(summary(send_pending_emails()))


def summary(run):
    """One line on an `OutboxRun`: what went, what failed, and what waits for a later try."""
    done = f"Sent {run.sent} e-mail{pluralize(run.sent)}, {run.failed} failed"
    if not run.waiting:
        return f"{done}; none waiting."
    soonest = f"{timezone.localtime(run.next_attempt_at):%Y-%m-%d %H:%M %Z}"
    waiting = f"{done}; {run.waiting} waiting for a later try, the next due at {soonest}"
    if run.waiting_for_server:
        return f"{waiting} ({run.waiting_for_server} as soon as the mail server can be reached)."
    return f"{waiting}."
