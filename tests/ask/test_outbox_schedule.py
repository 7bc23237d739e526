"""The outbox's schedule: each e-mail waits longer after each failed attempt, is tried for days,
and, given up, can be sent again by an editor; what the asker and the editors read about an
e-mail is true in every state."""

import smtplib
import socket
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from ask.models import RETRY_FOR, DeliveryFailure, OutgoingEmail, failure_of, retry_wait
from ask.services import send_pending_emails
from ask.views import thanks_url
from loadtest.stack import MailSink, free_port
from tests.ask.conftest import make_submission, receipt

pytestmark = pytest.mark.django_db

REFUSING = "tests.ask.test_commands.RefusingBackend"
QUEUE = "/admin/ask/submission/"


@pytest.fixture
def mail_refused(settings):
    settings.EMAIL_BACKEND = REFUSING


@pytest.fixture
def mail_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_each_failure_waits_longer_than_the_one_before_up_to_six_hours():
    waits = [retry_wait(attempts) for attempts in range(1, 12)]
    assert waits[:3] == [timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20)]
    assert waits == sorted(waits) and waits[-1] == timedelta(hours=6)
    assert retry_wait(10_000) == timedelta(hours=6)


def test_a_failed_attempt_is_tried_again_only_after_its_wait(mail_refused):
    email = receipt(make_submission())
    before = timezone.now()
    assert not email.send()
    email.refresh_from_db()
    assert email.next_attempt_at >= before + timedelta(minutes=5)
    assert not OutgoingEmail.objects.due().exists()
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert list(OutgoingEmail.objects.due()) == [email]


def failed_once(count):
    """`count` receipts, each tried once (by the backend set now), oldest first."""
    emails = [receipt(make_submission()) for _ in range(count)]
    for email in emails:
        email.send()
    return emails


def attempts():
    return list(OutgoingEmail.objects.order_by("id").values_list("attempts", flat=True))


def test_what_a_failure_says_of_the_mail_server_is_recorded_with_it():
    unreachable = [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
        socket.gaierror(-2, "Name or service not known"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPConnectError(421, b"Too many connections"),
        smtplib.SMTPAuthenticationError(535, b"Authentication failed"),
    ]
    refused = [
        smtplib.SMTPRecipientsRefused({"ann@example.org": (550, b"User unknown")}),
        smtplib.SMTPSenderRefused(553, b"Sender not allowed", "answers@localhost"),
        smtplib.SMTPDataError(554, b"Message rejected as spam"),
        smtplib.SMTPNotSupportedError("SMTPUTF8 not supported by server"),
        ValueError("Header values may not contain linefeed or carriage return characters"),
    ]
    assert {failure_of(error) for error in unreachable} == {DeliveryFailure.UNREACHABLE}
    assert {failure_of(error) for error in refused} == {DeliveryFailure.REFUSED}


def test_an_email_refused_for_itself_is_tried_again_only_after_its_wait(mail_refused, mailoutbox):
    failed_once(2)
    assert set(OutgoingEmail.objects.values_list("last_failure", flat=True)) == {"refused"}
    assert send_pending_emails()[:3] == (0, 0, 2)
    assert attempts() == [1, 1]  # the mail server is not asked again every 5 minutes
    OutgoingEmail.objects.filter(id=OutgoingEmail.objects.earliest("id").id).update(
        next_attempt_at=timezone.now()
    )
    assert send_pending_emails()[:3] == (0, 1, 2)
    assert attempts() == [2, 1]


def test_while_the_mail_server_cannot_be_reached_no_email_is_tried_before_its_wait(
    mail_server_down,
):
    failed_once(3)
    run = send_pending_emails()
    assert (run.sent, run.failed, run.waiting, run.waiting_for_server) == (0, 0, 3, 3)
    assert attempts() == [1, 1, 1]
    assert run.next_attempt_at == OutgoingEmail.objects.earliest("id").next_attempt_at


def test_once_the_mail_server_answers_the_emails_that_could_not_reach_it_go_at_once(
    mail_server_down, settings, mailoutbox
):
    stranded = failed_once(2)
    settings.EMAIL_BACKEND = REFUSING
    (refused,) = failed_once(1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending_emails()[:3] == (2, 0, 1)
    assert sorted(m.subject for m in mailoutbox) == sorted(e.subject for e in stranded)
    assert OutgoingEmail.objects.pending().get() == refused  # it keeps its wait


@pytest.fixture
def mail_sink(settings):
    """A real SMTP server, stopped: the load test's, for the mail server's outage."""
    sink = MailSink(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", sink.port, 2
    yield sink
    sink.stop()


def test_the_mail_servers_return_is_noticed_by_the_next_run_and_all_go_on_one_connection(
    mail_sink, monkeypatch
):
    failed_once(3)
    mail_sink.start()
    connections = []
    connect = smtplib.SMTP.connect

    def counted(*args, **kwargs):
        connections.append(args)
        return connect(*args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "connect", counted)
    assert send_pending_emails()[:3] == (3, 0, 0)
    assert len(mail_sink.messages) == 3 and len(connections) == 1


def test_emails_that_failed_before_failures_were_told_apart_go_once_the_server_answers():
    migration = import_module(
        "ask.migrations.0010_outbox_tells_unreachable_server_from_refused_email"
    )
    waiting, sent, new = (receipt(make_submission()) for _ in range(3))
    OutgoingEmail.objects.exclude(pk=new.pk).update(attempts=2)
    OutgoingEmail.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    migration.take_earlier_failures_as_unreachable(apps, None)
    assert list(OutgoingEmail.objects.waiting_for_server()) == [waiting]


def test_an_email_is_tried_for_days_then_given_up(mail_refused):
    email = receipt(make_submission())
    # Far past the 50 attempts after which the outbox used to give up, within three days.
    OutgoingEmail.objects.update(attempts=80, retry_until=timezone.now() + timedelta(hours=1))
    assert not email.send()
    assert OutgoingEmail.objects.pending().get().attempts == 81
    OutgoingEmail.objects.update(retry_until=timezone.now(), next_attempt_at=timezone.now())
    assert not email.send()
    assert list(OutgoingEmail.objects.given_up()) == [email]
    assert not OutgoingEmail.objects.pending().exists()
    assert send_pending_emails()[:3] == (0, 0, 0)  # no longer tried


def test_an_email_is_tried_for_three_days_from_when_it_was_queued():
    email = receipt(make_submission())
    assert timedelta(days=3) == RETRY_FOR
    assert abs(email.retry_until - (email.created_at + RETRY_FOR)) < timedelta(seconds=5)


def given_up(submission):
    OutgoingEmail.objects.filter(submission=submission).update(attempts=18, next_attempt_at=None)


def test_the_thanks_page_tells_the_truth_about_the_receipt_in_every_state(client, mail_refused):
    submission = make_submission()
    url = thanks_url(submission)
    trying = client.get(url).text
    assert "our mail server has not taken it yet, and we keep trying for up to 3 days" in trying
    given_up(submission)
    lost = client.get(url).text
    assert "We could not e-mail you a receipt" in lost
    assert "keep trying" not in lost and "We have e-mailed you" not in lost
    assert "We will still try to e-mail you once your question is published" in lost
    OutgoingEmail.objects.update(sent_at=timezone.now())
    sent = client.get(url).text
    assert "We have e-mailed you a receipt, with a link" in sent and "keep trying" not in sent


def test_an_editor_sends_a_given_up_email_again_from_the_queue(
    editor_client, mail_back, mailoutbox
):
    lost, fine = make_submission(), make_submission()
    given_up(lost)
    response = editor_client.post(
        QUEUE,
        {"action": "send_emails_again", "_selected_action": [lost.pk, fine.pk]},
        follow=True,
    )
    assert "1 given-up e-mail will be tried again within minutes, and for 3 days" in response.text
    email = receipt(lost)
    assert (email.attempts, email.given_up) == (0, False)
    assert email.retry_until > timezone.now() + RETRY_FOR - timedelta(minutes=1)
    call_command("send_pending_emails")
    assert receipt(lost).sent_at is not None


def test_the_editors_page_says_how_a_given_up_email_can_be_sent_again(editor_client):
    submission = make_submission()
    given_up(submission)
    page = editor_client.get(f"{QUEUE}{submission.pk}/change/").text
    assert "given up (18 attempts" in page
    assert "Send given-up e-mails to these askers again" in page


def test_the_editors_page_says_when_a_failing_email_is_tried_next(editor_client, mail_refused):
    submission = make_submission()
    receipt(submission).send()
    page = editor_client.get(f"{QUEUE}{submission.pk}/change/").text
    assert "waiting (1 attempt, last error:" in page
    assert "next attempt " in page and "tried until " in page


def test_an_administrator_sends_given_up_emails_again_from_the_outbox(client, mail_back):
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    submission = make_submission()
    given_up(submission)
    email = receipt(submission)
    response = client.post(
        "/admin/ask/outgoingemail/",
        {"action": "send_again", "_selected_action": [email.pk]},
        follow=True,
    )
    assert "1 given-up e-mail will be tried again" in response.text
    assert OutgoingEmail.objects.pending().get() == email
    given = client.get("/admin/ask/outgoingemail/", {"given_up": "yes"})
    assert list(given.context["cl"].result_list) == []


def test_the_outbox_shows_administrators_what_each_last_failure_met(client, mail_server_down):
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    receipt(make_submission()).send()
    outbox = client.get("/admin/ask/outgoingemail/").text
    assert "The mail server could not be reached" in outbox


def test_the_outbox_has_the_screens_width_and_starts_each_error(client):
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    error = "SMTPRecipientsRefused: " + "5.1.1 Recipient address rejected. " * 20
    OutgoingEmail.objects.create(to="ann@example.org", subject="Hi", body="?", last_error=error)
    outbox = client.get("/admin/ask/outgoingemail/").text
    assert 'id="nav-sidebar"' not in outbox
    cell = f'<td class="field-error">{error[:199]}…</td>'
    assert cell in outbox
