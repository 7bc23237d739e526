"""Everything that changes a submission: the asker sending it, and each editor's move through the
queue. Each move is checked against Submission.TRANSITIONS, made under a row lock, logged as a
Transition with who and when, and any e-mail to the asker is queued in the same transaction."""

from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from archive.models import Question
from ask import red_flags
from ask.models import OutgoingEmail, Submission, Transition

State = Submission.State
EDIT_PERMISSION = "ask.change_submission"


def submit_question(
    *,
    question,
    consent_to_store,
    consent_to_publish=False,
    category=None,
    name="",
    email="",
    red_flags_ticked=(),
):
    """Store a visitor's question, marked urgent if it shows a red-flag sign. It is committed
    before this returns; nothing else (e-mail, search) is attempted here."""
    submission = Submission(
        question=question,
        category=category,
        name=name,
        email=email,
        consent_to_store=consent_to_store,
        consent_to_publish=consent_to_publish,
        red_flags_ticked=[flag.name for flag in red_flags.flags_named(red_flags_ticked)],
        red_flags_in_text=red_flags.found_in(question),
    )
    submission.urgent = bool(submission.red_flags_ticked or submission.red_flags_in_text)
    with transaction.atomic():
        submission.full_clean()
        submission.save()
        _log(submission, from_state="", by=None, note="")
    return submission


def assign(*, submission, editor, by=None, note=""):
    """Put a new (or someone else's) submission in review with `editor`; `by` is who assigns it
    (the editor themselves unless given), and the editor must be one who may work the queue."""
    _require(editor, EDIT_PERMISSION)
    with _moving(submission, State.IN_REVIEW, by=by or editor, note=note) as locked:
        locked.assigned_to = editor
        if not locked.edited_question:
            locked.edited_question = locked.question
    return locked


def mark_answered(*, submission, by, answer=None, note=""):
    """Record the expert's answer. Without consent to publish, this closes the submission and the
    answer is e-mailed to the asker; with consent, the asker hears when it is published."""
    with _moving(submission, State.ANSWERED, by=by, note=note) as locked:
        if answer is not None:
            locked.answer = answer
        if not locked.answer.strip():
            raise ValidationError({"answer": "Write the answer before marking it answered."})
        if not locked.consent_to_publish:
            locked.closed_at = timezone.now()
            _queue_email(locked, "answered_privately", subject="Your question has been answered")
    return locked


def publish(*, submission, by, note=""):
    """Publish an answered submission as a new archive Q&A from its edited title, question and
    answer, in its body area. The asker's name and e-mail are never copied."""
    _require(by, "archive.add_question")
    with _moving(submission, State.PUBLISHED, by=by, note=note) as locked:
        if not locked.consent_to_publish:
            raise ValidationError("The asker did not agree to publishing; answer privately only.")
        missing = {
            field: "Fill this in before publishing."
            for field in ("title", "edited_question", "answer", "category")
            if not getattr(locked, field) or not str(getattr(locked, field)).strip()
        }
        if missing:
            raise ValidationError(missing)
        now = timezone.now()
        question = Question(
            title=locked.title,
            slug=_unique_slug(locked.title),
            category=locked.category,
            question=locked.edited_question,
            answer=locked.answer,
            status=Question.Status.PUBLISHED,
            published_at=now,
            source="Ask an expert",
            last_reviewed=timezone.localdate(now),
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
            subject="Your question has been answered",
            url=settings.SITE_URL + question.get_absolute_url(),
        )
    return locked


def close_as_duplicate(*, submission, by, duplicate_of=None, note=""):
    """Close a submission that a published Q&A already answers, and send the asker its link."""
    with _moving(submission, State.CLOSED_DUPLICATE, by=by, note=note) as locked:
        if duplicate_of is not None:
            locked.duplicate_of = duplicate_of
        original = locked.duplicate_of
        if original is None or not Question.objects.published().filter(pk=original.pk).exists():
            raise ValidationError({"duplicate_of": "Choose the published Q&A that answers it."})
        locked.closed_at = timezone.now()
        _queue_email(
            locked,
            "duplicate",
            subject="Your question has been answered before",
            url=settings.SITE_URL + original.get_absolute_url(),
            original=original,
        )
    return locked


def reject(*, submission, by, note=""):
    """Close a submission without an answer (spam, not a question, outside what we answer)."""
    with _moving(submission, State.REJECTED, by=by, note=note) as locked:
        locked.closed_at = timezone.now()
    return locked


def erase_personal_data(*, days):
    """Blank askers' names and e-mail addresses on submissions closed at least `days` ago, and
    delete the e-mails sent to them. Returns how many submissions were erased."""
    with transaction.atomic():
        due = list(
            Submission.objects.personal_data_due_for_erasure(days)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Submission.objects.filter(pk__in=due).update(
            name="", email="", personal_data_erased_at=timezone.now()
        )
        OutgoingEmail.objects.filter(submission_id__in=due).delete()
    return len(due)


def send_pending_emails():
    """Try every e-mail not yet sent, oldest first. Returns (sent, still pending)."""
    sent = failed = 0
    for email in OutgoingEmail.objects.pending().order_by("created_at", "id"):
        if email.send():
            sent += 1
        else:
            failed += 1
    return sent, failed


@contextmanager
def _moving(submission, to_state, *, by, note):
    """One move: lock the row, check the move and the editor's right to make it, let the caller
    change the locked copy, then validate, save and log it, all in one transaction."""
    _require(by, EDIT_PERMISSION)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.can_move_to(to_state):
            raise ValidationError(
                f"A submission that is “{locked.get_state_display()}” cannot be moved to "
                f"“{State(to_state).label}”."
            )
        from_state = locked.state
        locked.state = to_state
        yield locked
        locked.full_clean()
        locked.save()
        _log(locked, from_state=from_state, by=by, note=note)
    submission.refresh_from_db()


def _log(submission, *, from_state, by, note):
    transition = Transition(
        submission=submission, from_state=from_state, to_state=submission.state, by=by, note=note
    )
    transition.full_clean()
    transition.save()


def _require(user, permission):
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(f"Your account may not do this ({permission}).")


def _queue_email(submission, template, *, subject, **context):
    """Queue an e-mail to the asker (if they gave an address), to be sent once committed."""
    if not submission.email:
        return
    body = render_to_string(
        f"ask/email/{template}.txt",
        {"submission": submission, "site_url": settings.SITE_URL, **context},
    )
    email = OutgoingEmail(
        submission=submission,
        to=submission.email,
        subject=f"{subject} ({submission.reference})",
        body=body,
    )
    email.full_clean()
    email.save()
    transaction.on_commit(email.send, robust=True)


def _unique_slug(title):
    base = slugify(title)[:180] or "question"
    slug, n = base, 1
    while Question.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
