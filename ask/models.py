"""Visitors' questions to the expert panel, their path through the editors' queue, and the
e-mails sent to askers."""

import logging
import math
import re
import secrets
import smtplib
import statistics
from contextlib import suppress
from datetime import timedelta
from functools import cached_property
from itertools import islice

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.core.validators import MaxLengthValidator, MinLengthValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone

from archive import outdated_claims, red_flags
from archive.models import Question
from config.personal_data import EMAIL_ADDRESS
from search.query import prepare_question
from search.results import similar_questions

logger = logging.getLogger(__name__)

QUESTION_MIN_LENGTH = 20
QUESTION_MAX_LENGTH = 5000
ANSWER_MAX_LENGTH = 20000
NAME_MAX_LENGTH = 100

# Control characters other than tab, line feed and carriage return: invisible, they break
# e-mail headers and terminals, and nobody types them on purpose.
no_control_characters = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]",
    inverse_match=True,
    message="Please remove the invisible control characters from this text "
    "(they can come from copying and pasting).",
    code="control_characters",
)

# Characters that change how text is shown without being seen: bidirectional overrides and
# isolates (which can make a name or question read differently to an editor) and zero-width
# spaces and word joiners (which hide words from search and from the red-flag rules). Joiners and
# direction marks, which emoji and right-to-left text hold, are allowed: the red-flag rules and
# search read words without them (archive.red_flags.JOINERS_AND_MARKS).
no_invisible_formatting = RegexValidator(
    "[\u061c\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]",
    inverse_match=True,
    message="Please remove the invisible formatting characters from this text "
    "(they can come from copying and pasting).",
    code="invisible_formatting",
)
one_line = RegexValidator(
    r"[\r\n\t\u2028\u2029\x85]",
    inverse_match=True,
    message="Please write this on one line.",
    code="line_break",
)

AN_ADDRESS = "<an e-mail address>"


def without_address(text, address):
    """`text` (a mail server's error about an e-mail to `address`) with that address taken out
    whole, in each form it may take there: as given and with its domain IDNA-encoded (as
    smtplib sends it), each also as Python quotes it inside a str or bytes (a refusal is a dict
    of recipients and the server's replies); then anything else that looks like an address."""
    forms = {address}
    local, _, domain = address.rpartition("@")
    with suppress(UnicodeError):  # a domain IDNA cannot encode is not sent in that form either
        forms.add(f"{local}@{domain.encode('idna').decode('ascii')}")
    for form in list(forms):
        forms |= {repr(form)[1:-1], repr(form.encode())[2:-1]}
    for form in sorted(filter(None, forms), key=len, reverse=True):
        text = re.sub(re.escape(form), AN_ADDRESS, text, flags=re.IGNORECASE)
    return EMAIL_ADDRESS.sub(AN_ADDRESS, text)


def open_to_readers():
    """The Q&As readers can open now (archive's own rule, `Question.objects.published()`): all
    a question's "Linked Q&As" and "Already answered by" boxes offer, their searches in admin
    too (limit_choices_to, which Django's autocomplete applies)."""
    return Q(pk__in=Question.objects.published())


REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_reference():
    """A short reference for the asker, random so it says nothing about other submissions."""
    return "Q-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


# How long askers wait is told from the questions answered in this many days, once at least
# WAIT_SAMPLE were: a figure the site has seen, not a promise.
WAIT_WINDOW_DAYS = 182
WAIT_SAMPLE = 5

# What an asker sends on the form: the same of each, sent again from the same browser within
# SENT_AGAIN_WITHIN, is the same question (see ask.services.sent_before).
SENT_FIELDS = ["question", "category", "name", "email", "consent_to_publish", "red_flags_ticked"]
SENT_AGAIN_WITHIN = timedelta(days=1)


class SubmissionQuerySet(models.QuerySet):
    def with_reachability(self):
        """Each with whether an editor noted its asker cannot be reached at its address
        (`can_receive_email` reads it), in the list's one query."""
        noted = OutgoingEmail.objects.unreachable().filter(
            submission=OuterRef("pk"), to=OuterRef("email")
        )
        return self.annotate(address_noted_unreachable=Exists(noted))

    def queue(self):
        """The editors' queue order: urgent first, then oldest first."""
        return self.order_by("-urgent", "created_at", "id")

    def waiting(self):
        """Submissions still to be answered or closed."""
        return self.filter(state__in=Submission.WAITING_STATES)

    def still_open(self):
        """Not yet closed: waiting for the panel, or answered and waiting to be published."""
        return self.filter(closed_at__isnull=True)

    def sent_recently_from(self, browser):
        """Still waiting, and sent from `browser` (Submission.browser) within SENT_AGAIN_WITHIN:
        where the same words sent again from there belong."""
        since = timezone.now() - SENT_AGAIN_WITHIN
        return self.waiting().filter(browser=browser, created_at__gte=since).exclude(browser="")

    def browser_no_longer_needed(self):
        """Still holding the key of the browser that sent them (`browser`), though sent more
        than SENT_AGAIN_WITHIN ago: the key finds nothing after that, and kept, it would tie
        together every question one browser sent until each is erased."""
        since = timezone.now() - SENT_AGAIN_WITHIN
        return self.filter(created_at__lt=since).exclude(browser="")

    def open_longer_than(self, days):
        """Received at least `days` ago and still not closed."""
        return self.still_open().filter(created_at__lte=timezone.now() - timedelta(days=days))

    def to_publish(self):
        """Answered, with the asker's consent to publish, and neither published nor closed
        without publishing."""
        return self.still_open().filter(state=Submission.State.ANSWERED, consent_to_publish=True)

    def typical_wait(self, days=WAIT_WINDOW_DAYS, at_least=WAIT_SAMPLE):
        """The days within which half the questions answered in the last `days` were answered
        (from arrival to first answer), or None when fewer than `at_least` were."""
        answered = (
            self.annotate(
                answered_at=Min("history__at", filter=Q(history__to_state=State.ANSWERED))
            )
            .filter(answered_at__gte=timezone.now() - timedelta(days=days))
            .values_list("created_at", "answered_at")
        )
        waits = [answered_at - created_at for created_at, answered_at in answered]
        if len(waits) < at_least:
            return None
        return max(1, math.ceil(statistics.median(waits) / timedelta(days=1)))

    def store_red_flags(self, *, batch=1000, report=None):
        """Add to each submission here whose question is still held (not erased) the red-flag
        signs today's rules find in its words, marking it urgent: a release that reads more
        phrasings or typos ("chest paim") then puts a question sent before it first in the
        queue, and its status page and later e-mails give the advice. No sign is ever removed,
        ticked or found before: when in doubt, the asker is told to get help. Calls
        `report(looked, stored)` after each batch; returns how many gained a sign."""
        looked = stored = 0
        rows = (
            self.filter(personal_data_erased_at__isnull=True)
            .only("question", "red_flags_in_text")
            .order_by("pk")
            .iterator(chunk_size=batch)
        )
        while chunk := list(islice(rows, batch)):
            stored += sum(submission.store_red_flags_found() for submission in chunk)
            looked += len(chunk)
            if report:
                report(looked, stored)
        return stored

    def personal_data_due_for_erasure(self, days):
        """Closed at least `days` ago and not yet erased."""
        return self.filter(
            closed_at__lte=timezone.now() - timedelta(days=days),
            personal_data_erased_at__isnull=True,
        )


class State(models.TextChoices):
    """Where a submission is in the editors' queue."""

    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    ANSWERED = "answered", "Answered"
    PUBLISHED = "published", "Published"
    CLOSED_DUPLICATE = "closed_duplicate", "Closed as a duplicate"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn by the asker"
    EXPIRED = "expired", "Closed unanswered: too old"


# A state as its asker reads it on their status and withdraw pages (see
# `Submission.state_for_asker`, which tells apart the ones a state alone does not: a published one
# whose Q&A readers cannot open now is only "Answered").
ASKER_STATE_NAMES = {
    State.IN_REVIEW: "Being answered",
    State.PUBLISHED: "Answered and published",
    State.CLOSED_DUPLICATE: "Answered before",
    State.REJECTED: "Closed without an answer",
    State.WITHDRAWN: "Withdrawn",
    State.EXPIRED: "Closed unanswered",
}

WAITING_STATES = [State.NEW, State.IN_REVIEW]
# States a submission can be in without being closed (see `closed_at`): an answered one stays
# open until it is published or its answer goes to the asker privately. Every other state is
# closed. The moves between states are one table, ask.services.MOVES.
OPEN_STATES = [State.NEW, State.IN_REVIEW, State.ANSWERED]


class Submission(models.Model):
    """A question sent by a visitor, with the editors' answer as it is worked on."""

    State = State
    WAITING_STATES = WAITING_STATES
    OPEN_STATES = OPEN_STATES

    reference = models.CharField(max_length=11, unique=True, default=new_reference, editable=False)
    state = models.CharField(max_length=20, choices=State, default=State.NEW, editable=False)
    created_at = models.DateTimeField("received", default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # What the asker sent.
    question = models.TextField(
        "question as asked",
        max_length=QUESTION_MAX_LENGTH,
        validators=[
            MinLengthValidator(QUESTION_MIN_LENGTH),
            MaxLengthValidator(QUESTION_MAX_LENGTH),
            no_control_characters,
            no_invisible_formatting,
        ],
    )
    category = models.ForeignKey(
        "archive.Category",
        verbose_name="body area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        help_text="Where the answer will be filed when published.",
    )
    name = models.CharField(
        "asker's name",
        max_length=NAME_MAX_LENGTH,
        blank=True,
        validators=[no_control_characters, no_invisible_formatting, one_line],
        help_text="Never published. Erased a set time after the question is closed.",
    )
    email = models.EmailField(
        "asker's e-mail",
        blank=True,
        validators=[no_control_characters],
        help_text="For telling the asker about the answer. Never published.",
    )
    consent_to_store = models.BooleanField("agreed to us storing the question", default=False)
    consent_to_publish = models.BooleanField(
        "may be published",
        default=False,
        help_text="Only a question whose asker agreed may be published (without personal details).",
    )
    red_flags_ticked = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        verbose_name="warning signs ticked by the asker",
    )
    red_flags_in_text = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        verbose_name="warning signs found in the words",
    )
    urgent = models.BooleanField(
        default=False, editable=False, help_text="The question shows a red-flag sign."
    )

    # The editors' work. Removing an editor's account must be possible (SECURITY.md): it leaves
    # the questions they held unassigned, in whatever state, for another editor to take. So no
    # constraint ties a state to an editor.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="editor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="assigned_submissions",
    )
    # When its editor took it, or was given it: the "holds this question since" editors read.
    # A colleague's step on it since leaves it theirs, and this date too.
    assigned_at = models.DateTimeField(null=True, blank=True, editable=False)
    title = models.CharField(
        "title for the archive",
        max_length=200,
        blank=True,
        validators=[no_control_characters],
        help_text="A short, plain title, e.g. “Is it normal to feel tired after acupuncture?”",
    )
    edited_question = models.TextField(
        "question for the archive",
        blank=True,
        max_length=QUESTION_MAX_LENGTH,
        validators=[MaxLengthValidator(QUESTION_MAX_LENGTH), no_control_characters],
        help_text="The question as it will be published: remove names, places, ages and anything "
        "else that could identify the asker.",
    )
    answer = models.TextField(
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH), no_control_characters],
        help_text="The expert's answer. Sent to the asker, and published with the question if "
        "they agreed.",
    )
    factsheets = models.ManyToManyField(
        "factsheets.Factsheet",
        blank=True,
        related_name="+",
        help_text="Factsheets the published Q&A will link to (and be listed on).",
    )
    linked_questions = models.ManyToManyField(
        "archive.Question",
        blank=True,
        related_name="+",
        limit_choices_to=open_to_readers,
        verbose_name="linked Q&As",
        help_text="Published Q&As the answer will point readers to.",
    )
    # An administrator may delete the Q&A either links to, at its asker's request (SECURITY.md):
    # the link is then emptied, and the submission keeps its state.
    duplicate_of = models.ForeignKey(
        "archive.Question",
        verbose_name="already answered by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicate_submissions",
        limit_choices_to=open_to_readers,
        help_text="To close as a duplicate: the published Q&A that answers this question.",
    )
    published_question = models.OneToOneField(
        "archive.Question",
        verbose_name="published as",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="submission",
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the asker's personal details stopped being needed.",
    )
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The one-time token of the form page it was sent from: a double click or a browser's retry
    # posts the same token and words, and finds this submission instead of making a second one.
    form_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    # A keyed hash of the CSRF cookie of the browser it was sent from, which stays the same across
    # its form pages: the same words sent again from a page the browser asked for again (Back,
    # with a new token) find this submission. Forgotten once SENT_AGAIN_WITHIN has passed
    # (erase_personal_data), or with the asker's details if they are erased sooner.
    browser = models.CharField(max_length=64, blank=True, default="", editable=False)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "question from a visitor"
        verbose_name_plural = "questions from visitors"
        ordering = ["-urgent", "created_at", "id"]
        indexes = [
            # The editors' queue: waiting submissions, urgent first then oldest first.
            models.Index(fields=["state", "-urgent", "created_at"], name="submission_queue"),
            # ask.services.sent_before: what was sent from one browser lately.
            models.Index(
                fields=["browser", "created_at"],
                name="submission_browser",
                condition=~Q(browser=""),
            ),
            # erase_personal_data: submissions closed before a date.
            models.Index(fields=["closed_at"], name="submission_closed_at"),
            # erase_personal_data: submissions still open, received before a date.
            models.Index(
                fields=["created_at"],
                name="submission_open_received",
                condition=Q(closed_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="submission_state"),
            models.CheckConstraint(
                condition=Q(consent_to_store=True),
                name="submission_has_consent_to_store",
                violation_error_message="We can only keep a question whose asker agreed to us storing it.",
            ),
            models.CheckConstraint(
                condition=Q(urgent=False, red_flags_ticked=[], red_flags_in_text=[])
                | (Q(urgent=True) & (~Q(red_flags_ticked=[]) | ~Q(red_flags_in_text=[]))),
                name="submission_urgent_iff_red_flags",
                violation_error_message="A submission is urgent exactly when it shows a red-flag sign.",
            ),
            models.UniqueConstraint(
                fields=["form_token"],
                condition=~Q(form_token=""),
                name="submission_form_token_once",
                violation_error_message="This form has already been sent.",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[State.ANSWERED, State.PUBLISHED])
                | ~Q(answer="")
                | Q(personal_data_erased_at__isnull=False),
                name="submission_answered_has_answer",
                violation_error_message="An answered submission needs its answer.",
            ),
            # Not "published iff linked", nor "a duplicate has its original": either Q&A may since
            # have been deleted. publish() and close_as_duplicate() set the link.
            models.CheckConstraint(
                condition=Q(published_question__isnull=True) | Q(state=State.PUBLISHED),
                name="submission_linked_only_when_published",
                violation_error_message="Only a published submission is linked to an archive Q&A.",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.PUBLISHED) | Q(consent_to_publish=True),
                name="submission_published_with_consent",
                violation_error_message="Only a question whose asker agreed may be published.",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[State.NEW, State.IN_REVIEW]) | Q(closed_at__isnull=True),
                name="submission_waiting_not_closed",
                violation_error_message="A submission still waiting cannot be closed.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=OPEN_STATES) | Q(closed_at__isnull=False),
                name="submission_closed_states_closed",
                violation_error_message="A published, withdrawn, rejected or expired submission "
                "is closed.",
            ),
            models.CheckConstraint(
                condition=Q(personal_data_erased_at__isnull=True) | Q(closed_at__isnull=False),
                name="submission_erased_only_when_closed",
                violation_error_message="Personal data is erased only once a submission is closed.",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        """Still waiting for the panel, or answered and waiting to be published."""
        return self.closed_at is None

    def held_by_another(self, user):
        """The editor who holds it (it is assigned to them, and open) when that is not `user`,
        else None. Anyone else takes a step on it only once they say they checked with them
        (ask.admin.SubmissionAdminForm); the step leaves it theirs."""
        if not self.is_open or self.assigned_to_id in (None, user.pk):
            return None
        return self.assigned_to

    @property
    def is_waiting(self):
        """Waiting for a member of the panel: new, or in review with no editor (the one who held
        it has left)."""
        return self.state == State.NEW or self.state == State.IN_REVIEW and not self.assigned_to_id

    @property
    def awaits_answer(self):
        """Open and not yet answered: what its asker may be told not to wait for."""
        return self.is_open and self.state != State.ANSWERED

    @property
    def state_for_asker(self):
        """Its state in the words its asker reads (ASKER_STATE_NAMES). In review with no editor,
        it waits again (the one who held it has left); answered, it is closed once the answer
        went to the asker privately."""
        if self.is_waiting:
            return "Received"
        if self.state == State.ANSWERED:
            return "Answered" if self.is_open else "Answered privately"
        if self.state == State.PUBLISHED and self.answer_in_archive is None:
            return "Answered"
        return ASKER_STATE_NAMES[self.state]

    @cached_property
    def answer_in_archive(self):
        """The Q&A it was published as, while readers can open it (archive's own rule,
        `Question.objects.published()`), else None: an editor may have set it back to draft or
        scheduled it for later since, or an administrator deleted it, and its asker must not be
        sent to a page that is not there. Its state says only what the editors did with the
        submission."""
        if self.published_question_id is None:
            return None
        return Question.objects.published().filter(pk=self.published_question_id).first()

    @cached_property
    def duplicate_in_archive(self):
        """The Q&A it was closed as a duplicate of, while readers can open it (the same rule as
        `answer_in_archive`), else None: editors may have set it back to draft or scheduled it
        for later since it was chosen, or an administrator deleted it."""
        if self.duplicate_of_id is None:
            return None
        return Question.objects.published().filter(pk=self.duplicate_of_id).first()

    @property
    def asker_has_link(self):
        """Whether its asker was e-mailed the address of the Q&A it was published as
        (services.publish) or closed as a duplicate of (services.close_as_duplicate): they gave an
        e-mail address. Once their details are erased it cannot be told, so it is taken they did.
        Read by archive's admin, which never imports this app."""
        return bool(self.email) or self.personal_data_erased_at is not None

    @property
    def as_sent(self):
        """What its asker sent on the form (SENT_FIELDS), as lookups that find it."""
        return {name: getattr(self, name) for name in SENT_FIELDS}

    @property
    def masked_email(self):
        """Its e-mail address with the part before the "@" hidden but for its first character
        ("j•••@gmial.com"): on the asker's own thanks page, enough to catch a mistyped domain,
        too little to give the address to whoever else opens the page."""
        local, _, domain = self.email.rpartition("@")
        return f"{local[:1]}•••@{domain}"

    @property
    def can_receive_email(self):
        """Whether an e-mail can go to the asker: they gave an address, it passes the outbox's
        check of a recipient as it stands today, and no editor noted that the asker cannot be
        reached at it (an e-mail to it given up on: the next would bounce too, quoting their
        name and links in the bounce). One stored before that check was tightened may not pass:
        nothing is sent to it, and the question still reaches its end."""
        if not self.email:
            return False
        try:
            OutgoingEmail._meta.get_field("to").clean(self.email, None)
        except ValidationError:
            return False
        return not self.address_noted_unreachable

    @cached_property
    def address_noted_unreachable(self):
        """Whether an editor noted that the asker cannot be reached at its address (on an
        e-mail given up on; "Send it again" takes the note away): read once, or given by
        `with_reachability()`'s annotation of the same name where a list has it."""
        return self.emails.unreachable().filter(to=self.email).exists()

    @property
    def red_flags(self):
        """The RedFlag rules this submission showed, ticked or in its words."""
        return red_flags.flags_named([*self.red_flags_ticked, *self.red_flags_in_text])

    def store_red_flags_found(self):
        """Store the signs today's rules find in its words that it lacks, and mark it urgent;
        returns whether it gained any (see SubmissionQuerySet.store_red_flags)."""
        found = red_flags.found_in(self.question)
        new = [name for name in found if name not in self.red_flags_in_text]
        if not new:
            return False
        # One statement, written only if the row is as read: not erased meanwhile (its question
        # is then gone, and an erased row stays as it was), nor given other signs. `updated_at`
        # stays: this is no editor's save, and moving it on would refuse an editor's open page.
        signs = [*self.red_flags_in_text, *new]
        stored = Submission.objects.filter(
            pk=self.pk,
            personal_data_erased_at__isnull=True,
            red_flags_in_text=self.red_flags_in_text,
        ).update(red_flags_in_text=signs, urgent=True)
        if stored:
            self.red_flags_in_text, self.urgent = signs, True
        return bool(stored)

    @property
    def receipt(self):
        """Its first e-mail, the receipt, or None if none was queued: the thanks page says it
        was sent only once the mail server took it."""
        return self.emails.order_by("created_at", "pk").first()

    @property
    def outdated_claims(self):
        """Claims its answer makes that the site knows are not true, or no longer true
        (archive.outdated_claims): the editor is told so while they can still rewrite it."""
        return outdated_claims.found_in(self.answer)

    def similar_questions(self, limit=5):
        """Published Q&As most like this question, for the editor to start from."""
        return similar_questions(prepare_question(self.question), limit=limit)


class SavedReply(models.Model):
    """A passage editors often need in answers ("see your GP first"), inserted with one click."""

    title = models.CharField(
        max_length=100,
        unique=True,
        help_text="A few words on its button, e.g. “See your GP first”.",
    )
    text = models.TextField(
        max_length=2000,
        validators=[MaxLengthValidator(2000), no_control_characters],
        help_text="Inserted into the answer where the cursor is.",
    )

    class Meta:
        verbose_name = "saved reply"
        verbose_name_plural = "saved replies"
        ordering = ["title"]

    def __str__(self):
        return self.title


class Transition(models.Model):
    """One step in a submission's history: who, when and why. Most are moves from one state to
    another; one with no `to_state` left the state as it was (an editor noting that the asker
    cannot be reached at their address: ask.services.note_unreachable)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(max_length=20, choices=Submission.State, blank=True)
    to_state = models.CharField(
        max_length=20, choices=Submission.State, blank=True, help_text="Empty: no move."
    )
    # Emptied when the editor's account is removed: the step stays, the person is forgotten.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="The editor who made the step; empty for the asker's own steps and the site's "
        "retention, and once the editor's account is removed (see by_editor).",
    )
    # Recorded with the step rather than read from `by`, which the removal of the editor's
    # account empties: without it, their steps would read as the asker's.
    by_editor = models.BooleanField(
        "made by an editor",
        default=False,
        editable=False,
        help_text="Stays true when the editor's account is removed.",
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000), no_control_characters],
        help_text="Why, in a few words (optional).",
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            # A submission's history, oldest first, on its admin page.
            models.Index(fields=["submission", "at"], name="transition_history"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(by__isnull=True) | Q(by_editor=True),
                name="transition_editor_step_marked",
                violation_error_message="A step with an editor is marked as an editor's.",
            ),
        ]

    def __str__(self):
        if not self.to_state:
            return f"{self.get_from_state_display()}, unchanged"
        return f"{self.get_from_state_display() or 'sent'} → {self.get_to_state_display()}"

    def save(self, *args, **kwargs):
        self._mark_editors_step()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._mark_editors_step()  # before full_clean checks the constraint

    def _mark_editors_step(self):
        if self.by_id is not None:
            self.by_editor = True

    @property
    def made_by(self):
        """Who made this step, in words for the history; an editor whose account has been
        removed is named as such, never taken for the asker.

        Only three steps are ever logged without an editor (ask.services): the asker sending
        the question (the first step, from no state), the asker withdrawing it through their
        link, and the site closing a question left open too long (erase_personal_data)."""
        if self.by is not None:
            return self.by.get_full_name() or self.by.get_username()
        if self.by_editor:
            return "A former editor (account removed)"
        if not self.from_state:
            return "The asker, sending it"
        if self.to_state == State.WITHDRAWN:
            return "The asker, through their withdraw link"
        return "The site: open too long"


# The outbox's schedule: after each failed attempt an e-mail waits twice as long as after the one
# before, from FIRST_RETRY_WAIT up to LONGEST_RETRY_WAIT, so that a mail server down for days is
# not tried every few minutes; a failure once it has been tried for RETRY_FOR is the last, until
# an editor sends it again.
FIRST_RETRY_WAIT = timedelta(minutes=5)
LONGEST_RETRY_WAIT = timedelta(hours=6)
RETRY_FOR = timedelta(days=3)


def retry_wait(attempts):
    """How long an e-mail waits after its `attempts`-th failed attempt."""
    return min(FIRST_RETRY_WAIT * 2 ** min(attempts - 1, 16), LONGEST_RETRY_WAIT)


def retry_deadline():
    """Until when an e-mail queued (or sent again) now is tried."""
    return timezone.now() + RETRY_FOR


class DeliveryFailure(models.TextChoices):
    """What an e-mail's last failed attempt met."""

    UNREACHABLE = "unreachable", "The mail server could not be reached"
    REFUSED = "refused", "The mail server refused this e-mail"


# Answers about one message alone: the server was reached and said no to its sender, recipients or
# content (SMTPNotSupportedError: an address that needs SMTPUTF8), so other e-mails may still go.
MESSAGE_REFUSALS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,
)


def failure_of(error):
    """The `DeliveryFailure` that `error`, raised sending one e-mail, stands for. A connection
    or log-in that failed (smtplib's errors are OSErrors too) fails every e-mail alike; anything
    else is this e-mail's own, so it keeps its wait rather than being tried whenever the server
    answers."""
    if isinstance(error, OSError) and not isinstance(error, MESSAGE_REFUSALS):
        return DeliveryFailure.UNREACHABLE
    return DeliveryFailure.REFUSED


class OutgoingEmailQuerySet(models.QuerySet):
    def pending(self):
        """Not yet sent, and not given up on."""
        return self.filter(sent_at__isnull=True, next_attempt_at__isnull=False)

    def due(self):
        """Pending, and its wait after its last failed attempt is over."""
        return self.pending().filter(next_attempt_at__lte=timezone.now())

    def waiting_for_server(self):
        """Pending, and its last attempt could not reach the mail server: it goes as soon as the
        server answers again, whatever its wait."""
        return self.pending().filter(last_failure=DeliveryFailure.UNREACHABLE)

    def undelivered(self):
        """Not taken by the mail server although tried at least once: still being retried, or
        given up on."""
        return self.filter(sent_at__isnull=True, attempts__gte=1)

    def given_up(self):
        """Not sent, and no longer tried (see RETRY_FOR)."""
        return self.filter(sent_at__isnull=True, next_attempt_at__isnull=True)

    def unreachable(self):
        """Given up on, and an editor noted that the asker cannot be reached at its address."""
        return self.filter(unreachable_noted_in__isnull=False)

    def awaiting_editors(self):
        """Undelivered, less those an editor noted the asker cannot be reached by: each still
        an asker not told something that an editor has not looked at."""
        return self.undelivered().filter(unreachable_noted_in__isnull=True)

    def send_again(self):
        """Try the given-up e-mails here again, from now, as if just queued. Returns how many.
        A note that the asker cannot be reached goes: given up again, an e-mail waits again."""
        return self.given_up().update(
            next_attempt_at=timezone.now(),
            retry_until=retry_deadline(),
            attempts=0,
            unreachable_noted_in=None,
        )


class OutgoingEmail(models.Model):
    """An e-mail waiting to be sent, or sent. Written in the same transaction as the change that
    causes it, so it is never lost; sent after commit and retried by `send_pending_emails` on the
    schedule above (`retry_wait`, `RETRY_FOR`)."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_failure = models.CharField(
        max_length=20,
        blank=True,
        choices=DeliveryFailure.choices,
        help_text="What its last failed attempt met: an unreachable mail server (it goes as soon "
        "as the server answers) or a refusal of this e-mail (it waits its turn).",
    )
    next_attempt_at = models.DateTimeField(
        null=True,
        blank=True,
        default=timezone.now,
        help_text="When it is tried next; empty once given up on.",
    )
    retry_until = models.DateTimeField(
        default=retry_deadline, help_text="A failed attempt after this is the last."
    )
    # Who noted it and when are the step's; erasing the asker's details deletes this row and
    # blanks the step's note, so nothing of the asker's outlives them here.
    unreachable_noted_in = models.OneToOneField(
        Transition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="unreachable_email",
        help_text="Given up on: the step in the question's history where an editor noted that "
        "the asker cannot be reached at this address. Emptied when it is sent again.",
    )

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "outgoing e-mail"
        indexes = [
            # send_pending_emails: unsent e-mails, oldest first.
            models.Index(
                fields=["created_at"],
                name="outgoing_email_pending",
                condition=Q(sent_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(unreachable_noted_in__isnull=True)
                | Q(sent_at__isnull=True, next_attempt_at__isnull=True),
                name="outgoing_email_unreachable_only_when_given_up",
                violation_error_message="Only a given-up e-mail is noted as unreachable.",
            ),
        ]

    def __str__(self):
        return self.subject

    def send(self, timeout=None, connection=None):
        """Send it unless already sent (or being sent by another process); record the outcome.
        Returns True when sent, False when it failed, None when not tried. Never raises for a
        mail server failure. `timeout`: seconds to wait for the mail server, EMAIL_TIMEOUT unless
        given; `connection`: a mail connection to send it through, one of its own unless given."""
        with transaction.atomic():
            email = (
                OutgoingEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=self.pk, sent_at__isnull=True)
                .first()
            )
            if email is None:
                return None
            email.attempts += 1
            try:
                connection = connection or get_connection(timeout=timeout)
                send_mail(email.subject, email.body, None, [email.to], connection=connection)
            except Exception as error:  # whatever the mail server did, record it and retry later
                email.last_error = f"{type(error).__name__}: {error}"[:2000]
                email.last_failure = failure_of(error)
                # The log outlives the outbox row (erased with the asker's details): a mail
                # server's refusal names the address, which the log line must not, in any form.
                refusal = email.error_for_editors(str(error))
                logger.warning(
                    "E-mail %s not sent (attempt %s): %s", email.pk, email.attempts, refusal
                )
                now = timezone.now()
                email.next_attempt_at = (
                    now + retry_wait(email.attempts) if now < email.retry_until else None
                )
                email.save(
                    update_fields=["attempts", "last_error", "last_failure", "next_attempt_at"]
                )
                return False
            email.sent_at = timezone.now()
            email.last_error = email.last_failure = ""
            email.save(update_fields=["attempts", "sent_at", "last_error", "last_failure"])
            self.sent_at = email.sent_at
            return True

    @property
    def given_up(self):
        """Not sent, and no longer tried."""
        return self.sent_at is None and self.next_attempt_at is None

    def error_for_editors(self, error=None):
        """A mail server's error (its last one unless given) without the recipient's address,
        for the log and the editors' page."""
        text = self.last_error if error is None else error
        return without_address(text, self.to) if self.to else EMAIL_ADDRESS.sub(AN_ADDRESS, text)


class RateLimitCount(models.Model):
    """How many requests of one kind a client address made in one window of time (the ask form's
    hourly allowance). Kept in PostgreSQL so that every worker of every app server counts into
    the same row; rows of past windows are deleted by `erase_personal_data`."""

    scope = models.CharField(max_length=20)
    client = models.CharField(max_length=45)  # an IPv4 address or an IPv6 /64 (client_key)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "client", "window_start"], name="rate_limit_count_once"
            ),
        ]
        indexes = [
            # erase_personal_data: the rows of windows that have ended.
            models.Index(fields=["window_start"], name="rate_limit_count_window"),
        ]

    def __str__(self):
        return f"{self.scope} {self.client} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
