"""Send the e-mails in the outbox that have not gone yet; run it every few minutes from cron."""

from django.core.management.base import BaseCommand

from ask.services import send_pending_emails


class Command(BaseCommand):
    help = "Send e-mails to askers that are still waiting in the outbox (failed or not yet tried)."

    def handle(self, *args, **options):
        sent, pending = send_pending_emails()
        self.stdout.write(f"Sent {sent} e-mail(s); {pending} still waiting for the mail server.")
