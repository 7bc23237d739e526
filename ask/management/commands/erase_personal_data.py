"""The site's daily retention run: close questions left open too long, erase askers' personal data
once their question has been closed long enough, forget the key of the browser that sent a
question once it finds nothing, rate-limit counts of past hours, and the
admin's expired sessions, old log-in records and old log of saves (SECURITY.md lists each and its
end)."""

import logging
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from ask import rate_limit, services

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Close every question still open --close-after days after it was sent (an answered one "
        "has its answer e-mailed privately, to an address that can still receive it, unless it "
        "makes a claim the site knows is not true; any other is closed as expired); erase the "
        "name, e-mail address, question text, history notes and e-mails of every question "
        "closed at least --days days ago, and e-mails of no question as old; forget the key of "
        "the browser that sent each question a day after it was sent; delete the "
        "rate-limit counts of hours that have ended, expired sessions, admin log-in records "
        "older than AXES_LOGS_KEEP_DAYS, and entries of the admin's log of saves older than "
        "ADMIN_LOG_KEEP_DAYS. Each step, and each "
        "question, is done whatever becomes of the others; if any fails, it is logged and the "
        "run ends in error once the rest is done."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.ASK_ERASE_AFTER_DAYS,
            help="Days after closing (default: ASK_ERASE_AFTER_DAYS, %(default)s).",
        )
        parser.add_argument(
            "--close-after",
            type=int,
            default=settings.ASK_CLOSE_AFTER_DAYS,
            help="Days after sending (default: ASK_CLOSE_AFTER_DAYS, %(default)s).",
        )

    def handle(self, *args, days, close_after, **options):
        if days < 0 or close_after < 0:
            raise CommandError("--days and --close-after must be 0 or more.")
        # Each step runs whatever becomes of the others, and each question on its own: one that
        # cannot be closed or erased is logged and the rest go on. The run then ends in error.
        self.failed_steps, failed_questions = [], []
        closed = self.step(
            "close questions left open",
            services.close_stale,
            days=close_after,
            failed=failed_questions,
            own_transactions=True,
        )
        erased = self.step(
            "erase askers' personal data",
            services.erase_personal_data,
            days=days,
            failed=failed_questions,
            own_transactions=True,
        )
        browsers = self.step("forget the keys of browsers", services.forget_browsers)
        unlinked = self.step(
            "forget e-mails of no question", services.forget_emails_of_no_question, days=days
        )
        counts = self.step("forget rate-limit counts", rate_limit.forget_ended_windows)
        self.step("delete expired sessions", call_command, "clearsessions")
        logins = self.step("forget admin log-in records", forget_admin_log_ins)
        saves = self.step("forget the admin's log of saves", forget_admin_log)
        self.stdout.write(
            f"Closed {counted(closed, 'question')} still open after "
            f"{counted(close_after, 'day')}. Erased the personal data of "
            f"{counted(erased, 'asker')} whose question was closed {days} or more days ago. "
            f"Forgot the browser key of {counted(browsers, 'question')} sent over a day ago. "
            f"Deleted {counted(unlinked, 'e-mail')} of no question, "
            f"{counted(counts, 'rate-limit count')} of past hours, expired sessions, "
            f"{counted(logins, 'admin log-in record')} and {counted(saves, 'entry', 'entries')} "
            "of the admin's log of saves older than "
            f"{counted(settings.ADMIN_LOG_KEEP_DAYS, 'day')}."
        )
        if failed_questions or self.failed_steps:
            raise CommandError(
                f"Retention incomplete: {counted(len(failed_questions), 'question')} could not be "
                f"closed or erased, and {counted(len(self.failed_steps), 'step')} failed"
                + (f" ({'; '.join(self.failed_steps)})" if self.failed_steps else "")
                + ". Everything else was done; the log says which and why."
            )

    def step(self, name, run, *args, own_transactions=False, **kwargs):
        """Run one step of the retention; if it fails, log that (never its error's text, which
        may quote a row's values) and go on with the next. Returns its result, or "no" if it
        failed."""
        try:
            if own_transactions:  # one transaction per question, not one for them all
                return run(*args, **kwargs)
            with transaction.atomic():
                return run(*args, **kwargs)
        except Exception as error:
            logger.error(
                "Retention: could not %s (%s); the other steps went on.",
                name,
                services.error_without_values(error),
            )
            self.failed_steps.append(name)
            return "no"


def counted(number, singular, plural=None):
    """ "1 question", "2 questions", "no questions": `number` is "no" for a step that failed
    (Command.step), which the template filter pluralize cannot count."""
    return f"{number} {ngettext(singular, plural or f'{singular}s', number)}"


def forget_admin_log_ins():
    """Delete django-axes' failed attempts whose cool-off has ended (axes itself does so only at
    the next log-in, and its own clean-up needs a request) and its logs of log-ins and of failed
    ones (kept only if AXES_ENABLE_ACCESS_FAILURE_LOG is turned on) older than
    AXES_LOGS_KEEP_DAYS. Returns how many rows went."""
    ended = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lte=ended).delete()
    logs = AxesProxyHandler.reset_logs(age_days=settings.AXES_LOGS_KEEP_DAYS)
    failures = AxesProxyHandler.reset_failure_logs(age_days=settings.AXES_LOGS_KEEP_DAYS)
    return attempts + logs + failures


def forget_admin_log():
    """Delete the entries of Django admin's log of saves (django_admin_log) older than
    ADMIN_LOG_KEEP_DAYS. Each names what was saved as it then read, a Q&A's title before editors
    took a place or an age out of it, or an editor's account, and who saved it; Django never
    deletes them. Returns how many went."""
    before = timezone.now() - timedelta(days=settings.ADMIN_LOG_KEEP_DAYS)
    deleted, _ = LogEntry.objects.filter(action_time__lt=before).delete()
    return deleted
