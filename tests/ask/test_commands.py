"""The outbox retry and the personal-data retention commands."""

import smtplib
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from ask import services
from ask.models import OutgoingEmail, Submission
from tests.ask.conftest import make_submission, receipt
from tests.ask.test_views import good
from tests.factories import make_question

pytestmark = pytest.mark.django_db


def close_as_duplicate(editor, area, **submission_fields):
    submission = make_submission(**submission_fields)
    services.close_as_duplicate(submission=submission, by=editor, duplicate_of=make_question(area))
    return submission


def test_a_mail_server_failure_is_recorded_not_raised_and_the_command_sends_it_later(
    editor, area, mail_server_down, django_capture_on_commit_callbacks, settings, mailoutbox, capsys
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = close_as_duplicate(editor, area)
    receipt(submission).delete()  # this test follows the one e-mail that closing sends
    email = OutgoingEmail.objects.get()
    assert submission.state == Submission.State.CLOSED_DUPLICATE
    assert (email.sent_at, email.attempts) == (None, 1)
    assert "Connection" in email.last_error
    assert email.last_failure == "unreachable"

    call_command("send_pending_emails")  # its wait is not over, and the server does not answer
    assert OutgoingEmail.objects.get().attempts == 1
    soonest = f"{timezone.localtime(email.next_attempt_at):%Y-%m-%d %H:%M %Z}"
    waiting = (
        f"Sent 0 e-mails, 0 failed; 1 waiting for a later try, the next due at {soonest} "
        "(1 as soon as the mail server can be reached).\n"
    )
    assert capsys.readouterr().out == waiting

    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_pending_emails")
    assert OutgoingEmail.objects.get().attempts == 2
    assert capsys.readouterr().out.startswith("Sent 0 e-mails, 1 failed; 1 waiting")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails")
    assert capsys.readouterr().out == "Sent 1 e-mail, 0 failed; none waiting.\n"
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]
    call_command("send_pending_emails")
    assert len(mailoutbox) == 1  # sent once only


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient, naming them, as SMTP servers do."""

    def send_messages(self, messages):
        refused = {to: (550, b"5.1.1 User unknown") for m in messages for to in m.to}
        raise smtplib.SMTPRecipientsRefused(refused)


def test_a_refusal_is_logged_without_the_askers_address(settings, caplog):
    settings.EMAIL_BACKEND = "tests.ask.test_commands.RefusingBackend"
    submission = make_submission(email="Ann@Example.org")
    assert not receipt(submission).send()
    assert "Ann@Example.org" in receipt(submission).last_error  # for administrators, until erased
    assert receipt(submission).last_failure == "refused"
    (record,) = [r for r in caplog.records if "not sent" in r.getMessage()]
    assert "User unknown" in record.getMessage()
    assert "example.org" not in record.getMessage().lower()


class IdnaRefusingBackend(BaseEmailBackend):
    """A mail server refusing every recipient as smtplib reports them: domain IDNA-encoded."""

    def send_messages(self, messages):
        refused = {}
        for to in (to for m in messages for to in m.to):
            local, domain = to.rsplit("@", 1)
            address = f"{local}@{domain.encode('idna').decode()}"
            refused[address] = (550, f"5.1.1 <{address}>: Recipient address rejected".encode())
        raise smtplib.SMTPRecipientsRefused(refused)


def test_a_refusal_naming_the_address_idna_encoded_is_logged_without_it(settings, caplog):
    settings.EMAIL_BACKEND = "tests.ask.test_commands.IdnaRefusingBackend"
    submission = make_submission(email="carl@bücher.de")
    assert not receipt(submission).send()
    assert "xn--bcher-kva.de" in receipt(submission).last_error  # the form the log must not show
    (record,) = [r for r in caplog.records if "not sent" in r.getMessage()]
    assert "Recipient address rejected" in record.getMessage()
    assert "carl" not in record.getMessage()
    assert "bcher" not in record.getMessage()


@pytest.mark.parametrize(
    "address, leaks",
    [
        ('"z,q"@example.org', ["z,q", "example.org"]),  # a quoted local part
        ("o'quimby@example.org", ["o'", "quimby", "example.org"]),
        ('"o\'q"@bücher.de', ["o'q", "o\\'q", "bücher", "bcher"]),  # quoted by repr(), IDNA
    ],
)
def test_a_refusal_is_logged_without_an_address_the_pattern_alone_misses(
    settings, caplog, address, leaks
):
    settings.EMAIL_BACKEND = "tests.ask.test_commands.IdnaRefusingBackend"
    submission = make_submission(email=address)
    assert not receipt(submission).send()
    (record,) = [r for r in caplog.records if "not sent" in r.getMessage()]
    logged = record.getMessage()
    assert "Recipient address rejected" in logged
    assert [leak for leak in leaks if leak in logged.lower()] == []
    shown = receipt(submission).error_for_editors()  # on the question's page in admin
    assert [leak for leak in leaks if leak in shown.lower()] == []


def test_erasing_uses_the_configured_number_of_days_by_default(editor, area, settings):
    settings.ASK_ERASE_AFTER_DAYS = 0
    submission = close_as_duplicate(editor, area)
    call_command("erase_personal_data")
    submission.refresh_from_db()
    assert submission.email == ""


def test_nothing_is_erased_or_closed_before_its_time(editor, area, capsys):
    recent = close_as_duplicate(editor, area)
    waiting = make_submission()
    Submission.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(days=99))
    call_command("erase_personal_data", days=30, close_after=100)
    assert "Closed 0 questions" in capsys.readouterr().out
    for kept in (recent, waiting):
        kept.refresh_from_db()
        assert (kept.name, kept.email, kept.personal_data_erased_at) == (
            "Ann Example",
            "ann@example.org",
            None,
        )
    assert waiting.is_open


def test_the_retention_run_counts_in_words_one_question_two_questions(settings, capsys):
    settings.ADMIN_LOG_KEEP_DAYS = 1
    for _ in range(2):
        old = make_submission()
        Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    call_command("erase_personal_data", days=30, close_after=1)
    out = capsys.readouterr().out
    assert out.startswith(
        "Closed 2 questions still open after 1 day. Erased the personal data of 0 askers "
    )
    assert out.endswith(" and 0 entries of the admin's log of saves older than 1 day.\n")
    call_command("erase_personal_data", days=0, close_after=1)
    assert "Closed 0 questions still open after 1 day. Erased the personal data of 2 askers " in (
        capsys.readouterr().out
    )


def test_the_thanks_page_says_the_receipt_was_sent_only_once_it_was(
    client, mail_server_down, django_capture_on_commit_callbacks, settings
):
    form = good()
    with django_capture_on_commit_callbacks(execute=True):
        thanks = client.post("/ask/", form).headers["Location"]
    html = client.get(thanks).content.decode()
    assert "our mail server has not taken it yet, and we keep trying for up to 3 days" in html
    assert "We have e-mailed you a receipt" not in html
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails")
    assert "We have e-mailed you a receipt," in client.get(thanks).content.decode()


class SlowBackend(BaseEmailBackend):
    """A mail server that never answers: records how long each attempt was let wait, read as
    Django's SMTP backend reads it."""

    waits = []

    def __init__(self, timeout=None, **kwargs):
        super().__init__(**kwargs)
        self.timeout = django_settings.EMAIL_TIMEOUT if timeout is None else timeout

    def send_messages(self, messages):
        SlowBackend.waits.append(self.timeout)
        raise TimeoutError("timed out")


def test_the_attempt_made_while_the_asker_waits_is_short_and_the_commands_is_not(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.ask.test_commands.SlowBackend"
    settings.EMAIL_TIMEOUT, settings.EMAIL_FIRST_ATTEMPT_TIMEOUT = 10, 3
    SlowBackend.waits = []
    form = good()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/ask/", form).status_code == 302
    call_command("send_pending_emails")
    assert SlowBackend.waits == [3, 10]
    assert OutgoingEmail.objects.get().attempts == 2
