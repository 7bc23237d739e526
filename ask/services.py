"""Everything that changes a submission: the asker sending or withdrawing it, each editor's move
through the queue, and the retention that closes and erases it. Each move is checked against one
table (MOVES, at the end), made under a row lock, logged as a Transition with who and when, and any
e-mail to the asker is queued in the same transaction."""

import hashlib
import logging
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Min
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from archive import red_flags, urgent_advice
from archive.models import Question
from ask.models import (
    OPEN_STATES,
    WAITING_STATES,
    OutgoingEmail,
    Submission,
    Transition,
)
from config.personal_data import personal_data_in

logger = logging.getLogger(__name__)

State = Submission.State
EDIT_PERMISSION = "ask.change_submission"
# What the asker sent: validated when it was sent (submit_question), then never changed by a
# move, only blanked by erasure. So no move validates it again: a row sent before a validator was
# added (ask/0005 refused zero-width characters and line breaks in names without cleaning older
# rows) would otherwise stop every move of that question, the editors' and the asker's own.
ASKERS_FIELDS = ["name", "email", "question"]
# Checked where it is chosen (the admin's box) and where it is used (close_as_duplicate), not by
# every other save: a Q&A set back to draft since it was chosen must not stop the question's
# other moves, nor a plain save of its answer.
CHECKED_WHEN_USED = ["duplicate_of"]
# Salts of the asker's signed links (in their e-mails): each kind of link opens only its own page.
STATUS_SALT = "ask.status"
WITHDRAW_SALT = "ask.withdraw"


def submit_question(**fields):
    """Store a visitor's question (the keyword arguments of `_unsaved`), marked urgent if it shows
    a red-flag sign, and queue the receipt e-mail if they gave an address. It is committed before
    this returns.

    If the same form was stored already (`sent_before`: a double click, a browser's retry, even
    one racing this call, or the page opened again with Back and sent as it was), that
    submission is returned instead of storing a second one. A racing one is found, not refused by
    the database: a statement that fails is written to PostgreSQL's own log with its values
    (log_min_error_statement), and this one's values are the asker's name, address and question,
    where no erasure reaches them."""
    submission = _unsaved(**fields)
    if sent := _sent_before(submission):
        return sent
    form_token = submission.form_token
    # The token is checked below, under a lock: a check here could pass for two racing requests.
    submission.full_clean(exclude=["form_token"])
    try:
        with transaction.atomic():
            if form_token:
                # Whoever holds the token's lock stores it; a send racing it waits here until
                # that one has committed, then finds its submission instead of inserting.
                _lock_form_token(form_token)
                if sent := _sent_before(submission):
                    return sent
                if Submission.objects.filter(form_token=form_token).exists():
                    # Its page was sent before with other words (kept by the browser, an address
                    # corrected): another question, which leaves the token to the first.
                    submission.form_token = ""
            submission.save()
            _log(submission, from_state="", by=None, note="")
            _queue_email(
                submission,
                "receipt",
                subject="We have your question",
                typical_wait=Submission.objects.typical_wait(),
            )
    except IntegrityError:
        # The unique constraint stays as the backstop should anything store a token without its
        # lock: the same form, stored by a request that got there first.
        if sent := _sent_before(submission):
            return sent
        raise
    return submission


def sent_before(**fields):
    """The submission already stored from the same form with the same words and choices (the
    keyword arguments of `submit_question`), or None."""
    return _sent_before(_unsaved(**fields))


def _unsaved(
    *,
    question,
    consent_to_store,
    consent_to_publish=False,
    category=None,
    name="",
    email="",
    red_flags_ticked=(),
    form_token=None,
    browser="",
):
    """A visitor's question, not yet saved. `form_token` is the one-time token of the form page
    it came from, `browser` the key of the browser that sent it (Submission.browser)."""
    submission = Submission(
        question=question,
        category=category,
        name=name,
        email=email,
        consent_to_store=consent_to_store,
        consent_to_publish=consent_to_publish,
        red_flags_ticked=[flag.name for flag in red_flags.flags_named(red_flags_ticked)],
        red_flags_in_text=red_flags.found_in(question),
        form_token=form_token or "",
        browser=browser,
    )
    submission.urgent = bool(submission.red_flags_ticked or submission.red_flags_in_text)
    return submission


def _sent_before(submission):
    """The submission stored from the same form as the unsaved `submission`, holding what it
    holds (Submission.as_sent): the one with its token (a double click, a retry, the page kept by
    the browser and sent again), else one sent lately from its browser (the page asked for again,
    with a new token). Other words, or no form, make another question."""
    if not submission.form_token:
        return None
    same = submission.as_sent
    return (
        Submission.objects.filter(form_token=submission.form_token, **same).first()
        or Submission.objects.sent_recently_from(submission.browser).filter(**same).first()
    )


def _lock_form_token(form_token):
    """Take a lock on the form token until the transaction ends (pg_advisory_xact_lock): the
    token itself never reaches the lock table, only a 64-bit hash of it."""
    digest = hashlib.blake2b(f"ask.form_token:{form_token}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, signed=True)])


def status_url(submission):
    """The asker's signed link to where their question stands (no log-in, no expiry)."""
    return reverse("ask:status", args=[signing.dumps(submission.reference, salt=STATUS_SALT)])


def withdraw_url(submission):
    """The asker's signed link to withdraw their question and erase their details."""
    return reverse("ask:withdraw", args=[signing.dumps(submission.reference, salt=WITHDRAW_SALT)])


def submission_from_link(token, *, salt, max_age=None):
    """The submission a signed link names, or None if the link is forged or expired."""
    try:
        reference = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Submission.objects.filter(reference=reference).first()


def assign(*, submission, editor, by=None, note=""):
    """Put a new (or someone else's) submission in review with `editor`; `by` is who assigns it
    (the editor themselves unless given), and the editor must be one who may work the queue."""
    _require(editor, EDIT_PERMISSION)
    with _moving(submission, "assign", by=by or editor, note=note) as locked:
        locked.assigned_to = editor
        locked.assigned_at = timezone.now()
        if not locked.edited_question:
            locked.edited_question = locked.question
    return locked


def save_draft(*, submission, by, **fields):
    """Save an editor's changes to the answer's fields (title, answer, body area...) under the
    row lock, while the submission is open. Not a move: no history entry."""
    _require(by, EDIT_PERMISSION)
    with transaction.atomic():
        locked = _locked(submission)
        if not locked.is_open:
            raise ValidationError("This question is closed; its answer can no longer change.")
        for name, value in fields.items():
            setattr(locked, name, value)
        unchanged = [name for name in [*ASKERS_FIELDS, *CHECKED_WHEN_USED] if name not in fields]
        locked.full_clean(exclude=unchanged)
        locked.save()
    submission.refresh_from_db()
    return locked


def start_from_answer(*, submission, by, question, note=""):
    """Replace the draft answer with a published Q&A's answer, for the editor to adapt."""
    if not Question.objects.published().filter(pk=question.pk).exists():
        raise ValidationError("Only a published answer can be used.")
    note = note or f"Started the answer from “{question.title}”."
    with _moving(submission, "start_from", by=by, note=note) as locked:
        locked.answer = question.answer
    return locked


def mark_answered(*, submission, by, answer=None, note="", follows_urgent_advice=False):
    """Record the expert's answer. Without consent to publish, this closes the submission and the
    answer is e-mailed to the asker; with consent, the asker hears when it is published.
    `follows_urgent_advice`: the editor confirms the answer tells the asker to follow the urgent
    advice (`_refuse_unfollowed_urgent_advice`)."""
    with _moving(submission, "answer", by=by, note=note) as locked:
        if answer is not None:
            locked.answer = answer
        if not locked.answer.strip():
            raise ValidationError({"answer": "Write the answer before marking it answered."})
        _refuse_untrue_claims(locked)
        # Checked with consent to publish too: the answer leaves its editor's hands here.
        _refuse_unfollowed_urgent_advice(locked, follows_urgent_advice)
        if not locked.consent_to_publish:
            _send_privately(locked)
    return locked


def close_unpublished(*, submission, by, note="", follows_urgent_advice=False):
    """Close an answered submission without publishing it (the asker allowed publishing, but
    the editors decided against it): the answer goes to the asker privately."""
    with _moving(submission, "close_unpublished", by=by, note=note) as locked:
        _refuse_untrue_claims(locked)
        _refuse_unfollowed_urgent_advice(locked, follows_urgent_advice)
        _send_privately(locked)
    return locked


def publish(*, submission, by, note="", follows_urgent_advice=False):
    """Publish an answered submission as a new archive Q&A from its edited title, question and
    answer, in its body area. The asker's name and e-mail are never copied."""
    with _moving(submission, "publish", by=by, note=note) as locked:
        if not locked.consent_to_publish:
            raise ValidationError("The asker did not agree to publishing; answer privately only.")
        missing = {
            field: MISSING.format(field=capfirst(Submission._meta.get_field(field).verbose_name))
            for field in ("title", "edited_question", "answer", "category")
            if not getattr(locked, field) or not str(getattr(locked, field)).strip()
        }
        if missing:
            raise ValidationError(missing)
        _refuse_untrue_claims(locked)
        _refuse_personal_data(locked)
        _refuse_unfollowed_urgent_advice(locked, follows_urgent_advice)
        _refuse_advice_left_out(locked)
        if against := urgent_advice.title_against_advice(locked.title, locked.red_flags):
            raise ValidationError({"title": against})
        now = timezone.now()
        question = Question(
            title=locked.title,
            slug=Question.objects.free_slug(locked.title),
            category=locked.category,
            question=locked.edited_question,
            answer=locked.answer,
            status=Question.Status.PUBLISHED,
            published_at=now,
            source="Ask an expert",
            # Not reviewed: a review is a later check against research and guidelines.
        )
        question.full_clean()
        question.save()
        question.factsheets.set(locked.factsheets.all())
        question.linked_questions.set(locked.linked_questions.all())
        locked.published_question = question
        locked.closed_at = now
        _queue_email(
            locked,
            "published",
            subject="Your question has been answered and published",
            url=settings.SITE_URL + question.get_absolute_url(),
        )
    return locked


def close_as_duplicate(*, submission, by, duplicate_of=None, note=""):
    """Close a submission that a published Q&A already answers, and send the asker its link."""
    with _moving(submission, "duplicate", by=by, note=note) as locked:
        if duplicate_of is not None:
            locked.duplicate_of = duplicate_of
        # As saved now: it may have been set back to draft since it was chosen.
        original = Question.objects.filter(pk=locked.duplicate_of_id).first()
        if why := why_not_the_original(original):
            raise ValidationError({"duplicate_of": why})
        locked.closed_at = timezone.now()
        _queue_email(
            locked,
            "duplicate",
            # Not "yours has been answered": the panel did not answer this very question.
            subject="A question like yours has been answered before",
            url=settings.SITE_URL + original.get_absolute_url(),
            original=original,
        )
    return locked


def why_not_the_original(question):
    """Why a question cannot be closed as a duplicate of `question`: none is chosen, or readers
    cannot open it (a draft, or one scheduled for later), which the asker's e-mail would link to.
    "" when it can."""
    if question is None:
        return "Choose the published Q&A that answers it."
    if question.is_open_to_readers:
        return ""
    if question.status == Question.Status.DRAFT:
        why = f"“{question.title}” is a draft: readers cannot open it."
    else:
        when = date_format(timezone.localtime(question.published_at), "DATETIME_FORMAT")
        why = f"“{question.title}” is scheduled for {when}: readers cannot open it yet."
    return f"{why} Choose a published Q&A that answers it."


def reject(*, submission, by, note=""):
    """Close a submission without an answer (spam, not a question, outside what we answer); the
    asker is told it could not be answered."""
    with _moving(submission, "reject", by=by, note=note) as locked:
        _close_unanswered(locked)
    return locked


def withdraw(*, submission, by=None, note=""):
    """The asker (through their signed link, `by` None) or an editor at their request withdraws
    the question: an open one is closed as withdrawn, and in every state the personal data is
    erased at once. A published Q&A stays published: it holds nothing of the asker's."""
    if by is not None:
        _require(by, EDIT_PERMISSION)
    with transaction.atomic():
        locked = _locked(submission)
        if locked.is_open:
            _log_move(locked, "withdraw", by=by, note=note)
            locked.closed_at = timezone.now()
            _save_closed(locked)
        erasing = locked.personal_data_erased_at is None
        if erasing:
            _erase(locked)
    if erasing:
        # Outside the database, so that a backup restored later, taken before this, can be
        # erased again by reference (README, Deploy): the asker does not know to ask twice.
        logger.info("Question %s: its asker's details erased at their request.", locked.reference)
    submission.refresh_from_db()
    return locked


# The history note of the step that notes an asker unreachable: {subject} names the e-mail.
UNREACHABLE = "The asker cannot be reached at this address: “{subject}” was given up on."


def note_unreachable(*, email, by, note=""):
    """Note that the asker cannot be reached at their address (a mistyped domain) on a
    given-up `email`: a step in its question's history, state unchanged, says who noted it and
    when (with the editor's `note` after), and the e-mail stops counting among those not
    delivered (OutgoingEmailQuerySet.awaiting_editors). Sending it again undoes this."""
    _require(by, EDIT_PERMISSION)
    with transaction.atomic():
        locked = _locked(email.submission)
        email = locked.emails.select_for_update().given_up().filter(pk=email.pk).first()
        if email is None or email.unreachable_noted_in_id is not None:
            raise ValidationError(
                "That e-mail is not given up on (it has been sent, or is being tried again), or "
                "has been noted already."
            )
        text = " ".join(filter(None, [UNREACHABLE.format(subject=email.subject), note]))
        email.unreachable_noted_in = _log(locked, from_state=locked.state, by=by, note=text, to="")
        email.save(update_fields=["unreachable_noted_in"])
    return email


def close_stale(*, days, failed=None):
    """Close every submission still open `days` after it was received, so that its personal data
    has an end too: an answered one sends its answer privately, unless the answer makes a claim
    the site knows is not true, or says not to worry, or to wait, under a warning sign's advice
    (then, like any other, it is closed as expired, unsent, and the asker is told it could not
    be answered). An address no e-mail can be sent to any more gets none, and the question is
    closed all the same (`_queue_email`).

    Each submission is closed on its own: one that fails is logged (its reference, never its
    contents) and the others are closed all the same. Its reference is added to `failed` if
    given; without it, RetentionIncomplete is raised once the others are done. Returns how many
    were closed."""

    def close(locked):
        if not locked.is_open:
            return False  # closed meanwhile
        move, why = _way_out(locked)
        _log_move(locked, move, by=None, note=f"Still open {days} days after it was sent.{why}")
        if move == "expire":
            _close_unanswered(locked)
        else:
            _send_privately(locked)
        _save_closed(locked)
        return True

    return _each_on_its_own("close", Submission.objects.open_longer_than(days), close, failed)


def _way_out(locked):
    """The move close_stale closes an open submission with, and why when it is not the usual
    one. An answer making a claim the site knows is not true goes to no asker, and no editor is
    there to rewrite it: that submission expires unsent, like an unanswered one. So does one
    that says not to worry, or to wait, under a warning sign's advice: no editor is there to
    confirm that it tells the asker to follow that advice."""
    if locked.state != State.ANSWERED:
        return "expire", ""
    if locked.outdated_claims:
        return "expire", (
            " Its answer was not sent: it says something current evidence or guidance does not "
            "support."
        )
    if urgent_advice_unfollowed(locked):
        # Sent only once an editor confirms it (_refuse_unfollowed_urgent_advice), and none has.
        return "expire", (
            " Its answer was not sent: it says not to worry, or to wait, to a question that "
            "showed a warning sign, and no editor confirmed that it tells the asker to follow "
            "the urgent advice."
        )
    return "close_unpublished", ""


def erase_personal_data(*, days, failed=None):
    """Erase the personal data of every submission closed at least `days` ago (see `_erase`).

    Each submission is erased on its own: one that fails is logged (its reference, never its
    contents) and the others are erased all the same. Its reference is added to `failed` if
    given; without it, RetentionIncomplete is raised once the others are done. Returns how many
    submissions were erased."""

    def erase(locked):
        if locked.personal_data_erased_at is not None:
            return False  # erased meanwhile
        _erase(locked)
        return True

    due = Submission.objects.personal_data_due_for_erasure(days)
    return _each_on_its_own("erase", due, erase, failed)


def forget_browsers():
    """Blank the key of the browser that sent each question once it can find nothing
    (SubmissionQuerySet.browser_no_longer_needed). Returns how many were blanked. `updated_at`
    stays: an editor's page open on the question is not made stale by it."""
    return Submission.objects.browser_no_longer_needed().update(browser="")


def forget_emails_of_no_question(*, days):
    """Delete the outbox's e-mails that belong to no question once `days` old (sent or given up
    long before): erasing an asker's details never reaches them. Returns how many went."""
    old = OutgoingEmail.objects.filter(
        submission__isnull=True, created_at__lte=timezone.now() - timedelta(days=days)
    )
    return old.delete()[0]


def _each_on_its_own(action, submissions, act, failed):
    """Run `act` on each of `submissions`, locked, in a transaction of its own; count those it
    says it acted on. One that fails is logged and added to the failures (see close_stale)."""
    done, failures = 0, []
    for pk, reference in list(submissions.values_list("pk", "reference")):
        try:
            with transaction.atomic():
                if not act(Submission.objects.select_for_update().get(pk=pk)):
                    continue
        except Exception as error:
            _retention_failed(action, reference, error, failures)
        else:
            done += 1
    _report_failures(failures, failed)
    return done


class RetentionIncomplete(Exception):
    """Some submissions could not be closed or erased (each is logged); all the others were."""

    def __init__(self, references):
        self.references = list(references)
        super().__init__(
            f"{len(self.references)} question{pluralize(len(self.references))} could not be closed "
            "or erased: "
            f"{', '.join(self.references)}. Each is logged; all the others were done."
        )


def _retention_failed(action, reference, error, failures):
    """Log a submission the retention could not close or erase, by its reference and the kind
    of error only: a database error's text quotes the row's values ("Failing row contains
    (...)"), the asker's name, address and question among them."""
    logger.error(
        "Retention: could not %s question %s (%s); the others went on, and it is tried again "
        "at the next run.",
        action,
        reference,
        error_without_values(error),
    )
    failures.append(reference)


def _report_failures(failures, failed):
    if failed is not None:
        failed.extend(failures)
    elif failures:
        raise RetentionIncomplete(failures)


def error_without_values(error):
    """What kind of error `error` is, in words that quote no value: its class, the fields and
    codes of a ValidationError, the SQLSTATE and constraint of a database error."""
    kind = type(error).__name__
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return (
                kind
                + " on "
                + ", ".join(
                    f"{field} ({', '.join(sorted({e.code or 'invalid' for e in errors}))})"
                    for field, errors in sorted(error.error_dict.items())
                )
            )
        return (
            kind + " (" + ", ".join(sorted({e.code or "invalid" for e in error.error_list})) + ")"
        )
    if isinstance(error, DatabaseError):
        cause = error.__cause__
        diag = getattr(cause, "diag", None)
        details = [
            f"SQLSTATE {code}" if (code := getattr(cause, "pgcode", None)) else "",
            f"constraint {name}" if (name := getattr(diag, "constraint_name", None)) else "",
        ]
        return ", ".join([kind, *filter(None, details)])
    return f"{kind}, raised at {where_raised(error)}"


def where_raised(error):
    """Where in the code `error` was raised (file, line, function: no values), so that a bug in a
    step can be found from the log."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    return " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))


class OutboxRun(NamedTuple):
    """What one `send_pending_emails` did, and what it left for later."""

    sent: int
    failed: int
    waiting: int  # still pending: tried again later
    next_attempt_at: datetime | None  # the soonest any of them is due
    waiting_for_server: int  # of those waiting, the ones that go as soon as the server answers


def send_pending_emails():
    """Send every e-mail whose wait after its last failure is over (`OutgoingEmail.due`). When
    some could not reach the mail server, a connection to it is opened first, sending nothing: if
    it opens, the server is back and they go at once, through it, whatever their wait. An e-mail
    the server refused for itself keeps its wait, so that it is not tried on every run."""
    mail = get_connection()
    emails = OutgoingEmail.objects.due()
    stranded = OutgoingEmail.objects.waiting_for_server()
    if stranded.exists() and _mail_server_answers(mail):
        emails |= stranded
    try:
        tried = [email.send(connection=mail) for email in emails.order_by("next_attempt_at", "id")]
    finally:
        mail.close()
    pending = OutgoingEmail.objects.pending()
    return OutboxRun(
        sent=tried.count(True),
        failed=tried.count(False),
        waiting=pending.count(),
        next_attempt_at=pending.aggregate(soonest=Min("next_attempt_at"))["soonest"],
        waiting_for_server=pending.waiting_for_server().count(),
    )


def _mail_server_answers(mail):
    """Whether the connection `mail` opens (within EMAIL_TIMEOUT): the mail server is reached and
    takes the log-in. Left open, to send through."""
    try:
        mail.open()
    except OSError as error:  # smtplib's errors are OSErrors too
        logger.warning(
            "The mail server still cannot be reached: %s: %s", type(error).__name__, error
        )
        return False
    return True


# What erasure blanks on the submission itself.
ERASED_FIELDS = [
    "name",
    "email",
    "question",
    "edited_question",
    "title",
    "answer",
    "browser",
]
ERASED_SIGNS = ["red_flags_ticked", "red_flags_in_text", "urgent"]


def _erase(locked):
    """Blank everything of the asker's on a locked, closed submission: name, e-mail address,
    the question as they typed it, the key of their browser, the editors' working copy (edited
    question, title, answer), the history notes (which may quote them) and the e-mails sent to
    them; and what it said of their health, which the record under its reference would keep:
    the warning signs (and so its being urgent), the factsheets and Q&As linked for its answer.

    The working copy goes in every state, published included: editors may edit the public Q&A
    afterwards (a place name taken out) or unpublish it, and the copy here would keep the old
    text. A published Q&A lives on in the archive (archive_question) alone."""
    for field in ERASED_FIELDS:
        setattr(locked, field, "")
    locked.red_flags_ticked, locked.red_flags_in_text, locked.urgent = [], [], False
    locked.personal_data_erased_at = timezone.now()
    # Nothing validated: erasing must never wait on the validity of what it erases, and a blank
    # question is what erasing means. Only the erased columns are written.
    locked.save(
        update_fields=[*ERASED_FIELDS, *ERASED_SIGNS, "personal_data_erased_at", "updated_at"]
    )
    locked.factsheets.clear()
    locked.linked_questions.clear()
    locked.history.update(note="")
    locked.emails.all().delete()


def _save_closed(locked):
    """Save a submission the asker or the retention has just closed. Only what the move changed
    is checked and written (its state and closing time, against the model's constraints): a row
    sent before today's validators (ask/0005 refused zero-width characters and line breaks in
    names without cleaning older rows) must not keep its asker from withdrawing it, nor the
    retention from closing it. The constraints are checked here rather than left to the
    database, which would log the failing statement with its values."""
    locked.validate_constraints()
    locked.save(update_fields=["state", "closed_at", "updated_at"])


@dataclass(frozen=True)
class Move:
    """One move of a submission: the states it starts from and the state it leads to, and, for
    the editors' page, the button that makes it. `run(submission=, by=, note=)` makes it."""

    name: str
    sources: tuple
    target: str | None  # None: the state stays (a closed submission's details erased)
    run: Callable | None = None
    # No button: made by the asker, by the system, or from elsewhere on the page. Words, or a
    # function making them for the submission (what a button sends depends on the asker).
    button: str | Callable = ""
    permission: str = EDIT_PERMISSION
    offered_when: Callable = lambda submission, user: True  # noqa: E731
    # Whether the move takes this submission's answer out of its editor's hands (marks it
    # answered, sends it to its asker or publishes it): its `run` then takes
    # `follows_urgent_advice` (see _refuse_unfollowed_urgent_advice).
    gives_answer: Callable = lambda submission: False  # noqa: E731
    # Asked before a move that cannot be undone: words, or a function making them for the
    # submission (publishing names the address it gives for good).
    confirm: str | Callable = ""

    def button_for(self, submission):
        """Its button's words for this submission."""
        return self.button(submission) if callable(self.button) else self.button

    def confirm_for(self, submission):
        """What its button asks before the move, for this submission ("": nothing)."""
        return self.confirm(submission) if callable(self.confirm) else self.confirm

    def offered(self, submission, user):
        """Whether the editors' page shows this move's button to `user`."""
        return bool(
            self.button
            and submission.state in self.sources
            and user.has_perm(self.permission)
            and self.offered_when(submission, user)
        )


def _not_already_theirs(submission, user):
    return not (submission.state == State.IN_REVIEW and submission.assigned_to_id == user.pk)


# Where an answer given privately goes, in a button's words: an asker who left no address that
# can receive it is sent nothing, so the button must not promise an e-mail.
SENT_TO_ASKER = "e-mail the answer to the asker"
SENT_TO_NOBODY = "the asker left no address that can receive the answer"


def answer_button(submission):
    """The words of the button marking the answer given: without consent to publish, it closes
    the question and sends the answer at once (mark_answered), and says so."""
    if submission.consent_to_publish:
        return "Save and mark answered"
    if submission.can_receive_email:
        return f"Save, mark answered and {SENT_TO_ASKER}"
    return f"Save, mark answered and close ({SENT_TO_NOBODY})"


def close_unpublished_button(submission):
    """The words of the button closing an answered question unpublished (close_unpublished)."""
    sent_to = SENT_TO_ASKER if submission.can_receive_email else SENT_TO_NOBODY
    return f"Close without publishing ({sent_to})"


def publish_confirm(submission):
    """The question the publish button asks: the address it gives, which never changes."""
    return (
        f"This Q&A will be published at {address_when_published(submission)}; its address never "
        "changes. Publish it?"
    )


ERASE_CONFIRM = (
    "Erase the asker's name, e-mail address and question, and the notes in its history, now? This "
    "cannot be undone."
)

# Every move a submission can make, in the order its buttons appear. _moving checks each move
# against this table; the admin draws its buttons from it.
MOVES = {
    move.name: move
    for move in [
        Move(
            "assign",
            (State.NEW, State.IN_REVIEW),
            State.IN_REVIEW,
            lambda submission, by, note: assign(submission=submission, editor=by, note=note),
            button="Assign to me",
            offered_when=_not_already_theirs,
        ),
        Move("start_from", (State.IN_REVIEW,), State.IN_REVIEW),
        Move(
            "answer",
            (State.IN_REVIEW,),
            State.ANSWERED,
            mark_answered,
            button=answer_button,
            # Without consent to publish, the answer goes to the asker at once; with it, it is
            # passed on as ready to publish.
            gives_answer=lambda submission: True,
        ),
        Move(
            "publish",
            (State.ANSWERED,),
            State.PUBLISHED,
            publish,
            button="Save and publish in the archive",
            permission="archive.add_question",
            offered_when=lambda submission, user: (
                submission.consent_to_publish and submission.is_open
            ),
            confirm=publish_confirm,
            gives_answer=lambda submission: True,
        ),
        Move(
            "close_unpublished",
            (State.ANSWERED,),
            State.ANSWERED,
            close_unpublished,
            button=close_unpublished_button,
            offered_when=lambda submission, user: submission.is_open,
            gives_answer=lambda submission: True,
        ),
        Move(
            "duplicate",
            tuple(WAITING_STATES),
            State.CLOSED_DUPLICATE,
            close_as_duplicate,
            button="Close as a duplicate of the chosen Q&A",
        ),
        Move(
            "reject",
            tuple(WAITING_STATES),
            State.REJECTED,
            reject,
            button="Reject",
            confirm="Reject this question? A rejected question cannot be reopened.",
        ),
        Move(
            "withdraw",
            tuple(OPEN_STATES),
            State.WITHDRAWN,
            withdraw,
            button="Withdraw at the asker's request and erase their details",
            offered_when=lambda submission, user: submission.is_open,
            confirm=ERASE_CONFIRM,
        ),
        # A closed one keeps its state: withdraw() only erases the asker's details.
        Move(
            "erase",
            tuple(State),
            None,
            withdraw,
            button="Erase the asker's details now, at their request",
            offered_when=lambda submission, user: (
                not submission.is_open and submission.personal_data_erased_at is None
            ),
            confirm=ERASE_CONFIRM,
        ),
        # An answered one expires only when its answer may not be sent (see close_stale).
        Move("expire", tuple(OPEN_STATES), State.EXPIRED),
    ]
}


def make_move(name, *, submission, by, note="", follows_urgent_advice=False):
    """Make the move called `name` (an admin button's value). `follows_urgent_advice`: the
    editor confirms the answer tells the asker to follow the urgent advice, for a move that gives
    the answer out (Move.gives_answer)."""
    move = MOVES.get(name)
    if move is None or move.run is None:
        raise ValidationError(f"There is no move called “{name}”.")
    if move.gives_answer(submission):
        return move.run(
            submission=submission, by=by, note=note, follows_urgent_advice=follows_urgent_advice
        )
    return move.run(submission=submission, by=by, note=note)


def moves_offered(submission, user):
    """The moves whose buttons `user` sees on the submission's page."""
    return [move for move in MOVES.values() if move.offered(submission, user)]


@contextmanager
def _moving(submission, move_name, *, by, note):
    """One move: lock the row, check the move and the editor's right to make it, let the caller
    change the locked copy, then validate, save and log it, all in one transaction."""
    _require(by, MOVES[move_name].permission)
    _require(by, EDIT_PERMISSION)
    with transaction.atomic():
        locked = _locked(submission)
        _log_move(locked, move_name, by=by, note=note)
        yield locked
        locked.full_clean(exclude=[*ASKERS_FIELDS, *CHECKED_WHEN_USED])
        locked.save()
    submission.refresh_from_db()


def _locked(submission):
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _log_move(locked, move_name, *, by, note):
    """Check the move against MOVES, set the new state and log it (the save is the caller's)."""
    move = MOVES[move_name]
    if locked.state not in move.sources or (locked.state == State.ANSWERED and not locked.is_open):
        raise ValidationError(
            f"A submission that is “{locked.get_state_display()}” cannot be moved to "
            f"“{State(move.target).label}”."
        )
    from_state = locked.state
    locked.state = move.target
    _log(locked, from_state=from_state, by=by, note=note)


# Said to an editor whose answer makes a claim the site knows is not true.
UNTRUE_ANSWER = "The answer says something current evidence or guidance does not support."


def _refuse_untrue_claims(locked):
    """An answer that makes a claim the site knows is not true (archive.outdated_claims) goes to
    no asker and into no archive: the editor rewrites it first."""
    if claims := locked.outdated_claims:
        now = " ".join(claim.now for claim in claims)
        raise ValidationError({"answer": f"{UNTRUE_ANSWER} {now} Please rewrite it."})


# Said to an editor who publishes with a box left empty, named by its label ({field}): the
# message shows above the page drawn afresh, with no error beside the box.
MISSING = "Fill in “{field}” before publishing."

# Said to an editor whose Q&A would publish someone's personal data: {field} is its label, {what}
# each kind found ("a home address and a postcode").
PERSONAL_DATA = "The {field} contains personal data ({what}). Edit it out before publishing."


def _refuse_personal_data(locked):
    """The title, edited question and answer go into the public archive: refuse them while they
    hold the asker's e-mail address or name, any e-mail address, a phone or NHS number, a home
    address or a postcode (config.personal_data.personal_data_in)."""
    errors = {}
    for field in ("title", "edited_question", "answer"):
        what = personal_data_in(getattr(locked, field), name=locked.name, email=locked.email)
        if what:
            label = Submission._meta.get_field(field).verbose_name
            errors[field] = PERSONAL_DATA.format(field=label, what=what)
    if errors:
        raise ValidationError(errors)


# The box an editor ticks to mark answered, send or publish an answer that says not to worry, or
# to wait, all the same, and what they are told when they have not, or when it says not to get
# help.
FOLLOWS_URGENT_ADVICE = "The answer tells the asker to follow the urgent advice first"
URGENT_ADVICE_UNFOLLOWED = (
    "This question showed {signs}, and the asker reads the urgent advice before the answer: "
    "{advice}. The answer says {words}, which reads as leave not to follow it. Make the answer "
    "tell the asker to follow that advice first, then tick “{confirm}” to mark it answered, "
    "send it or publish it."
)
URGENT_ADVICE_CONTRADICTED = (
    "This question showed {signs}, and the asker reads the urgent advice before the answer: "
    "{advice}. The answer says {words}, which tells the asker not to get that help, or to wait. "
    "Change those words to tell them to follow the advice: while the answer says so, it is "
    "not marked answered, sent or published, whether or not “{confirm}” is ticked."
)


URGENT_ADVICE_ALSO = (
    "It also says {words}, which reads as leave not to follow it: change those too, or make "
    "the answer tell the asker to follow the advice first and tick “{confirm}”."
)


def urgent_advice_unfollowed(submission, answer=None):
    """Why `answer` (else the submission's own) may not go out unconfirmed: the submission
    showed red-flag signs, and the answer tells the asker not to worry, or to wait. The message
    names each sign's urgent advice (its first sentence, "Call 999 or go to A&E now.") and the
    words. "" when nothing stops it."""
    words = urgent_advice.reassuring_words(submission.answer if answer is None else answer)
    return urgent_advice.message(
        URGENT_ADVICE_UNFOLLOWED, submission.red_flags, words, confirm=FOLLOWS_URGENT_ADVICE
    )


def urgent_advice_contradicted(submission, answer=None):
    """Why `answer` (else the submission's own) may not go out at all, confirmed or not: the
    submission showed red-flag signs, and the answer tells the asker not to get help, or to wait
    and see. The message names each sign's urgent advice and the words to change. "" when
    nothing stops it."""
    answer = submission.answer if answer is None else answer
    words = urgent_advice.contradicting_words(answer)
    message = urgent_advice.message(
        URGENT_ADVICE_CONTRADICTED, submission.red_flags, words, confirm=FOLLOWS_URGENT_ADVICE
    )
    # The words that say not to worry, or to wait, too: all there is to change, in one go.
    if message and (more := [w for w in urgent_advice.reassuring_words(answer) if w not in words]):
        message += " " + URGENT_ADVICE_ALSO.format(
            words=", ".join(f"“{word}”" for word in more), confirm=FOLLOWS_URGENT_ADVICE
        )
    return message


def _refuse_unfollowed_urgent_advice(locked, follows_urgent_advice):
    """An answer that tells the asker not to get help, or to wait and see, under a warning
    sign's advice goes to no asker and into no archive; one that tells them not to worry, or to
    wait, goes only once the editor confirms (`follows_urgent_advice`) that it tells the asker
    to follow that advice."""
    if contradicted := urgent_advice_contradicted(locked):
        raise ValidationError({"answer": contradicted})
    if not follows_urgent_advice and (unfollowed := urgent_advice_unfollowed(locked)):
        raise ValidationError({"answer": unfollowed})


# What an editor is told when the question as it would be published leaves out a sign whose
# advice its answer relies on.
ADVICE_LEFT_OUT = (
    "The answer says {words}, which the asker reads under the urgent advice for {signs}. The "
    "question as it would be published does not describe {it}, so its page would not give that "
    "advice before the answer. Keep the words that describe {it} in the question, or take what "
    "says not to worry, or to wait, out of the answer."
)


def _refuse_advice_left_out(locked):
    """A Q&A's page gives the advice of the signs its own question describes, and no other: an
    answer that says not to worry, or to wait, sent under the advice of a sign the asker showed
    (ticked, or described in words an editor took out), is not published without it."""
    words = urgent_advice.reassuring_words(locked.answer)
    if not (locked.red_flags and words):
        return
    shown = {sign.name for sign in red_flags.signs_shown(locked.edited_question)}
    missing = [sign.label for sign in locked.red_flags if sign.name not in shown]
    if missing:
        raise ValidationError(
            {
                "edited_question": ADVICE_LEFT_OUT.format(
                    words=", ".join(f"“{word}”" for word in words),
                    signs="; ".join(missing),
                    it="it" if len(missing) == 1 else "them",
                )
            }
        )


def _send_privately(locked):
    locked.closed_at = timezone.now()
    _queue_email(locked, "answered_privately", subject="Your question has been answered")


def _close_unanswered(locked):
    """Close a submission the panel did not answer, and tell the asker so: they would otherwise
    wait for ever. No reason is given: the history notes are for the editors alone."""
    locked.closed_at = timezone.now()
    _queue_email(locked, "closed_unanswered", subject="We could not answer your question")


def _log(submission, *, from_state, by, note, to=None):
    """Log a step into the submission's state, or into `to` ("": no move); returns it."""
    to_state = submission.state if to is None else to
    transition = Transition(
        submission=submission, from_state=from_state, to_state=to_state, by=by, note=note
    )
    transition.full_clean()
    transition.save()
    return transition


def _require(user, permission):
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(f"Your account may not do this ({permission}).")


# Added to a step's history note when its e-mail to the asker could not be queued.
UNSENDABLE_ADDRESS = (
    "No e-mail was sent to the asker: their address, as stored, is not one an e-mail can be "
    "sent to."
)
UNREACHABLE_ADDRESS = (
    "No e-mail was sent to the asker: it was noted that they cannot be reached at their address."
)


# Starts the subject of every e-mail to an asker whose question showed a sign: the inbox line
# is urgent too, before the e-mail is opened.
URGENT_SUBJECT = "Get medical help now – "


def _queue_email(submission, template, *, subject, **context):
    """Queue an e-mail to the asker (if they gave an address), to be sent once committed. Every
    one can give the asker their own status and withdraw links, and when their details end.

    An address stored before today's check of a recipient, which it now fails, gets no e-mail:
    the step goes on (the retention closes and erases the question all the same, an editor's
    move is not refused) and its history note says so. Refusing it instead would keep the
    question open, and its asker's details, for ever."""
    if not submission.email:
        return
    if not submission.can_receive_email:
        _note_unsendable(submission)
        return
    body = render_to_string(
        f"ask/email/{template}.txt",
        {
            "submission": submission,
            "site_url": settings.SITE_URL,
            "status_url": settings.SITE_URL + status_url(submission),
            "withdraw_url": settings.SITE_URL + withdraw_url(submission),
            "erase_after_days": settings.ASK_ERASE_AFTER_DAYS,
            **context,
        },
    )
    if submission.red_flags:
        subject = URGENT_SUBJECT + subject
    email = OutgoingEmail(
        submission=submission,
        to=submission.email,
        subject=f"{subject} ({submission.reference})",
        body=body,
    )
    email.full_clean()
    email.save()
    # Tried at once, briefly: someone may be waiting on this request, and the outbox retries it.
    timeout = settings.EMAIL_FIRST_ATTEMPT_TIMEOUT
    transaction.on_commit(partial(email.send, timeout=timeout), robust=True)


def _note_unsendable(submission):
    """Say in the step just logged that its e-mail was not sent, and why (never the address)."""
    unreachable = submission.address_noted_unreachable
    step = submission.history.last()
    why = UNREACHABLE_ADDRESS if unreachable else UNSENDABLE_ADDRESS
    step.note = " ".join(filter(None, [step.note, why]))
    step.save(update_fields=["note"])
    logger.warning(
        "Question %s: no e-mail sent to the asker, %s.",
        submission.reference,
        "noted unreachable at their address"
        if unreachable
        else "whose stored address fails the check of a recipient",
    )


def address_when_published(submission):
    """The address publishing would give its Q&A now. It is made from the title as saved and
    never changes afterwards (links to it must keep working), so the editor is shown it while a
    place or an age can still be taken out of the title."""
    return reverse("archive:question", args=[Question.objects.free_slug(submission.title)])
