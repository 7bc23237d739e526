"""The editors' queue in Django admin: submissions urgent first, then oldest first, with a button
for each move the submission can make next, a preview of the answer as readers will see it, and the
saved replies editors insert into answers."""

import secrets
from copy import copy
from dataclasses import replace
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST

from archive.admin import OneLineText, RefusesStaleSaves, TitleBox
from archive.forms import MultiLineText, RefuseStaleSavesForm
from archive.models import Category, Question
from archive.views import render_question
from ask import services
from ask.models import (
    RETRY_FOR,
    OutgoingEmail,
    SavedReply,
    Submission,
    Transition,
)
from factsheets.admin import preview_errors
from factsheets.models import Factsheet

State = Submission.State

# The state an answered question is in once its answer went to the asker privately: the model's
# "Answered" alone would read like one still waiting to be published.
ANSWERED_PRIVATELY = "Answered privately (closed)"
# The queue's action that puts a question's given-up e-mails back in the outbox.
SEND_AGAIN = "Send given-up e-mails to these askers again"
# The queue's action that assigns to a colleague: the "Editor" box is to the right of the action
# box in the action bar (AssignActionForm), not below it.
ASSIGN_TO_CHOSEN = (
    "Assign the selected questions to the editor chosen in the “Editor” box to the right"
)


def state_in_words(submission):
    """The submission's state in words for editors: an answered question that is closed (its
    answer e-mailed privately) is told from one still waiting to be published."""
    if submission.state == State.ANSWERED and submission.closed_at is not None:
        return ANSWERED_PRIVATELY
    return submission.get_state_display()


@admin.display(description="state", ordering="state")
def state(submission):
    """The state column of the queue and the state on a question's page, in words
    (state_in_words). A function, not a method, so that it keeps the name of the model's field it
    stands for: the queue's column stays "column-state" / "field-state" (admin.css)."""
    return state_in_words(submission)


def no_email(submission):
    """For the queue, under an open question's reference: its asker left no address that can
    receive the answer, so that only the archive can carry it, or, not to be published, nothing
    can. Seen before the answer is written; "" when the answer can be e-mailed."""
    if not submission.is_open or submission.can_receive_email:
        return ""
    where = "archive only" if submission.consent_to_publish else "not to publish"
    return format_html('<span class="no-email">No e-mail; {}</span>', where)


def how_long_ago(since, now=None):
    """How long ago `since` was, in whole days ("12 days", "1 day"); under a day, in hours or
    minutes. Never rounded down to weeks: a 12-day-old question is not "1 week" old."""
    now = now or timezone.now()
    if now - since < timedelta(days=1):
        return timesince(since, now, depth=1)
    days = (now - since).days
    return f"{days}\xa0day{'' if days == 1 else 's'}"


class WaitingFirstStateFilter(admin.SimpleListFilter):
    """State, showing the submissions still waiting unless another state is chosen."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Waiting (new or in review)"),
            ("to_publish", "Answered, to publish"),
            # Each state once; "Answered, to publish" above is the answered one still open.
            *(
                ("answered_privately", ANSWERED_PRIVATELY)
                if value == State.ANSWERED
                else (value, label)
                for value, label in State.choices
            ),
            ("all", "All"),
        ]

    def choices(self, changelist):
        current = self.value() or "waiting"
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "waiting"
        if value == "waiting":
            return queryset.waiting()
        if value == "to_publish":
            return queryset.to_publish()
        if value == "answered_privately":
            return queryset.filter(state=State.ANSWERED, closed_at__isnull=False)
        if value in State.values:
            return queryset.filter(state=value)
        return queryset


class EditorFilter(admin.SimpleListFilter):
    """Whose questions: mine, nobody's yet, or another editor's."""

    title = "editor"
    parameter_name = "editor"

    def lookups(self, request, model_admin):
        return [("mine", "Mine"), ("nobody", "Nobody yet"), ("others", "Another editor's")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        if self.value() == "others":
            return queryset.filter(assigned_to__isnull=False).exclude(assigned_to=request.user)
        return queryset


class AgeFilter(admin.SimpleListFilter):
    title = "received"
    parameter_name = "age"
    DAYS = {"today": (0, 1), "week": (1, 7), "month": (7, 30), "older": (30, None)}

    def lookups(self, request, model_admin):
        return [
            ("today", "In the last day"),
            ("week", "1 to 7 days ago"),
            ("month", "1 to 4 weeks ago"),
            ("older", "More than 4 weeks ago"),
        ]

    def queryset(self, request, queryset):
        if self.value() not in self.DAYS:
            return queryset
        newest, oldest = self.DAYS[self.value()]
        now = timezone.now()
        queryset = queryset.filter(created_at__lte=now - timedelta(days=newest))
        if oldest is not None:
            queryset = queryset.filter(created_at__gt=now - timedelta(days=oldest))
        return queryset


class EmailDeliveryFilter(admin.SimpleListFilter):
    """Questions with an e-mail to the asker the mail server has not taken (see
    OutgoingEmailQuerySet.awaiting_editors): the asker may be waiting for an answer that never
    arrives. Those an editor noted cannot be reached at their address are listed apart."""

    title = "e-mail to the asker"
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [
            ("undelivered", "E-mail not delivered"),
            ("unreachable", "Asker noted unreachable"),
        ]

    def queryset(self, request, queryset):
        emails = {
            # Less those whose asker an editor noted cannot be reached: they wait no more.
            "undelivered": OutgoingEmail.objects.awaiting_editors(),
            "unreachable": OutgoingEmail.objects.unreachable(),
        }.get(self.value())
        if emails is None:
            return queryset
        return queryset.filter(pk__in=emails.values("submission_id"))


def editors():
    """Active accounts that may work the queue, by name."""
    return (
        get_user_model()
        .objects.with_perm(
            services.EDIT_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
        )
        .order_by("first_name", "last_name", "username")
    )


def name_of(editor):
    """An editor as their colleagues read them: their full name, else their username."""
    return editor.get_full_name() or editor.get_username()


class EditorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return name_of(user)


class AssignActionForm(ActionForm):
    """The queue's action bar, with the editor that "Assign … to the editor chosen in the
    “Editor” box" gives to: Django draws the box after the action's, before "Go"."""

    editor = EditorChoiceField(
        queryset=get_user_model().objects.none(), required=False, label="Editor"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["editor"].queryset = editors()


class AnswerWidget(AdminTextareaWidget):
    """The answer's text box (admin's large one), with a button per saved reply that inserts
    it at the cursor, or at the end of an answer the editor has not placed it in, under the
    box: both in one block, so that the buttons do not stand beside the box in its row and take
    its width."""

    class Media:
        js = ["js/saved-replies.js"]

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="answer-box">{}{}</div>', textarea, self._saved_replies(attrs)
        )

    def _saved_replies(self, attrs):
        replies = SavedReply.objects.all()
        if not replies:
            return ""
        answer_id = (attrs or {}).get("id", "")
        return format_html(
            '<div class="saved-replies" role="group" aria-label="Saved replies">'
            "<span>Insert a saved reply at the cursor:</span> {}</div>",
            format_html_join(
                " ",
                '<button type="button" class="button saved-reply" data-for="{}" '
                'data-text="{}" title="{}">{}</button>',
                (
                    (answer_id, reply.text, Truncator(reply.text).chars(200), reply.title)
                    for reply in replies
                ),
            ),
        )


# What editors write while answering; read-only once the submission is closed.
ANSWER_FIELDS = [
    "category",
    "title",
    "edited_question",
    "answer",
    "factsheets",
    "linked_questions",
]


class OriginalField(forms.ModelChoiceField):
    """The "Already answered by" box, which offers only Q&As readers can open: one they cannot
    (set back to draft, or to a later date, since it was chosen) is refused saying why, not as
    an unknown choice."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            chosen = Question.objects.filter(pk=value).first() if str(value).isdigit() else None
            if chosen is None or not (why := services.why_not_the_original(chosen)):
                raise
            raise ValidationError(why, code="invalid_choice") from None


# The buttons that take a step, logged in the history: a move's, "Start from this answer" and
# "The asker cannot be reached…". A plain save takes none, nor does "Send it again".
STEP_BUTTONS = ("_transition", "_start_from", "_unreachable")

NOTE_NEEDS_A_STEP = (
    "A note is saved with a step: press the step button it belongs to, or empty the box."
)


# The hidden box of a question's page holding that page's own token (`_sent_before`).
PAGE_FIELD = "_page"
# The session's list of the tokens of pages whose step was tried, and how many it keeps.
TRIED_PAGES = "ask_tried_pages"
TRIED_PAGES_KEPT = 50
# Why a page sent a second time tried nothing.
SENT_BEFORE = (
    "Not tried again: this page had been sent already (reloading a page sends it again), so "
    "nothing was done this time. Below is the question as it stands: press the button again "
    "if you still mean it."
)

# Asked before "Start from this answer" replaces an answer the editor has written.
REPLACES_DRAFT = (
    "Replace the answer in the box with this Q&A's answer? What you have written in the box will "
    "be lost."
)


class SubmissionAdminForm(RefuseStaleSavesForm):
    note = MultiLineText(
        label="Note for the history",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: why you rejected it, what you changed… Saved with the step you "
        "take next (a button below), not with a plain save. Like every note in the history, it "
        "is erased with the asker's details, as it may quote them: at once by “Withdraw…” or "
        f"“Erase the asker's details now”, else {settings.ASK_ERASE_AFTER_DAYS} days after the "
        "question is closed.",
    )
    follows_urgent_advice = forms.BooleanField(
        required=False,
        label=services.FOLLOWS_URGENT_ADVICE,
        help_text="The asker reads the urgent advice of the warning signs above before the "
        "answer. An answer that says not to worry, or to wait, is marked answered, sent or "
        "published only once it tells them to follow that advice first, and you have ticked this "
        "box to say so. One that says there is no need to see a doctor, or to wait and see, is "
        "not, ticked or not: change those words.",
    )
    checked_with_holder = forms.BooleanField(
        required=False,
        help_text="Needed for a step (a button, “Start from this answer”) while a colleague "
        "holds the question, which stays theirs; a plain save needs none.",
    )
    called = "question"
    # Off for the preview, which saves nothing.
    refuse_note_without_step = True
    # The colleague who holds the question, when the editor is not them (set by
    # SubmissionAdmin.get_form): a step then needs `checked_with_holder`.
    holder = None

    class Meta:
        model = Submission
        fields = [*ANSWER_FIELDS, "duplicate_of"]
        field_classes = {
            "duplicate_of": OriginalField,
            "title": OneLineText,
            "edited_question": MultiLineText,
            "answer": MultiLineText,
        }
        widgets = {
            "answer": AnswerWidget,
            "title": TitleBox,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_what_is_chosen()
        if self.holder:
            box, holder = self.fields["checked_with_holder"], name_of(self.holder)
            box.label = f"I have checked with {holder}: take this step on their question"

    def _get_validation_exclusions(self):
        # Checked when used, above, as the services check it: not on every save.
        return {*super()._get_validation_exclusions(), *services.CHECKED_WHEN_USED}

    def _offer_what_is_chosen(self):
        """The Q&A boxes offer what readers can open (Submission's limit_choices_to) and what is
        chosen already: one set back to draft since is shown, and kept, not dropped unseen from
        its box by the next save ("Already answered by" then says why it cannot be used)."""
        if self.instance.pk is None:
            return
        chosen = {
            "duplicate_of": [self.instance.duplicate_of_id],
            "linked_questions": self.instance.linked_questions.values("pk"),
        }
        for name, ids in chosen.items():
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset | Question.objects.filter(pk__in=ids)

    def clean(self):
        cleaned = super().clean()
        step = any(name in self.data for name in STEP_BUTTONS)
        # A note goes into the history with a step; a plain save logs no step, so it would
        # silently lose the note. "Send it again" is no step, but the page comes back with the
        # note still in its box.
        kept = "_send_again" in self.data
        if self.refuse_note_without_step and cleaned.get("note", "").strip() and not (step or kept):
            self.add_error("note", NOTE_NEEDS_A_STEP)
        # A step on a question a colleague holds needs the editor's word that they checked with
        # them: refused here, before anything on the page is saved.
        if step and self.holder and not cleaned.get("checked_with_holder"):
            holder = name_of(self.holder)
            self.add_error(
                "checked_with_holder",
                f"{holder} holds this question: check with them, then tick this box to take this "
                "step on it.",
            )
        # "Already answered by" is checked when a step uses it (services.CHECKED_WHEN_USED): a
        # Q&A set back to draft since it was chosen stops no other step.
        original = cleaned.get("duplicate_of")
        uses_it = self.data.get("_transition") == "duplicate" and original is not None
        if uses_it and (why := services.why_not_the_original(original)):
            self.add_error("duplicate_of", why)
        # A step that marks answered, sends or publishes the answer is refused here, before
        # anything is saved, as the service would refuse it
        # (ask.services._refuse_unfollowed_urgent_advice); a plain save keeps the draft.
        move = services.MOVES.get(self.data.get("_transition", ""))
        if move and move.gives_answer(self.instance):
            answer = cleaned.get("answer", self.instance.answer)
            if contradicted := services.urgent_advice_contradicted(self.instance, answer):
                self.add_error("answer" if "answer" in cleaned else None, contradicted)
            elif not cleaned.get("follows_urgent_advice") and (
                unfollowed := services.urgent_advice_unfollowed(self.instance, answer)
            ):
                self.add_error("follows_urgent_advice", unfollowed)
        return cleaned


class TransitionInline(admin.TabularInline):
    """A submission's history: each step, who made it, when and why."""

    model = Transition
    verbose_name = "step"
    verbose_name_plural = "history"
    fields = ["at", "from_state", "to", "made_by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "submission")

    @admin.display(description="to state")
    def to(self, obj):
        if not obj.to_state:
            return "unchanged"
        # The steps that send the answer privately close the question: closing an answered one
        # unpublished (answered → answered), and answering one its asker keeps private.
        private = obj.from_state == State.ANSWERED or not obj.submission.consent_to_publish
        if obj.to_state == State.ANSWERED and private:
            return ANSWERED_PRIVATELY
        return obj.get_to_state_display()

    @admin.display(description="by")
    def made_by(self, obj):
        # Not the `by` column itself: it is empty for the asker and for a removed editor alike.
        return obj.made_by

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# What the asker sent and where it stands: shown, never edited.
QUESTION_FIELDS = [
    "reference",
    state,
    "editor",
    "received",
    "warning_signs",
    "question",
    "asker",
    "emails_to_the_asker",
    "consents",
]


@admin.register(Submission)
class SubmissionAdmin(RefusesStaleSaves, admin.ModelAdmin):
    form = SubmissionAdminForm
    # The step buttons (submit_line.html) above the form too, where an editor starts.
    save_on_top = True

    class Media:
        js = ["js/confirm-moves.js"]

    list_display = [
        "reference_and_urgency",
        "short_question",
        "body_area",
        state,
        "age",
        "editor",
    ]
    list_display_links = ["reference_and_urgency", "short_question"]
    list_filter = [
        WaitingFirstStateFilter,
        EditorFilter,
        "urgent",
        ("category", admin.RelatedOnlyFieldListFilter),
        AgeFilter,
        EmailDeliveryFilter,
    ]
    list_select_related = ["category__parent__parent", "assigned_to"]
    search_fields = ["reference", "question", "title", "name", "email"]
    search_help_text = (
        "Search by reference, words of the question or title, or the asker's name or e-mail."
    )
    ordering = ["-urgent", "created_at", "id"]
    list_per_page = 50
    actions = ["assign_to_me", "assign_to_chosen_editor", "reject_selected", "send_emails_again"]
    action_form = AssignActionForm
    autocomplete_fields = ["duplicate_of", "factsheets", "linked_questions"]
    inlines = [TransitionInline]
    readonly_fields = [
        *QUESTION_FIELDS,
        "claims_in_the_answer",
        "mentioned_factsheets",
        "similar_answers",
        "published_as",
        "address_when_published",
    ]

    def get_fieldsets(self, request, obj=None):
        answer_fields = list(ANSWER_FIELDS)
        if obj and obj.is_open and obj.answer:
            answer_fields.insert(answer_fields.index("answer") + 1, "claims_in_the_answer")
        # Only to whoever may send or publish: to anyone else it would be an empty read-only box.
        if obj and obj.is_open and obj.red_flags and self.has_change_permission(request, obj):
            answer_fields.insert(answer_fields.index("factsheets"), "follows_urgent_advice")
        if obj and obj.is_open and obj.consent_to_publish:
            answer_fields.insert(answer_fields.index("title") + 1, "address_when_published")
        if obj and obj.state == State.IN_REVIEW:
            answer_fields.insert(answer_fields.index("factsheets") + 1, "mentioned_factsheets")
            answer_fields.append("similar_answers")
        the_answer = {"fields": answer_fields}
        if obj is None or obj.is_open:
            the_answer["description"] = (
                "Assign the question to yourself, write the answer, then mark it answered. Before "
                "publishing, remove from the title and question anything that could identify the "
                "asker."
            )
        fieldsets = [
            ("The question", {"fields": QUESTION_FIELDS}),
            ("The answer", the_answer),
        ]
        if obj and obj.state == State.PUBLISHED:
            fieldsets.append(("Published", {"fields": ["published_as"]}))
        if obj and obj.state in Submission.WAITING_STATES:
            fieldsets.append(
                (
                    "Closing without a new answer",
                    {
                        "fields": ["duplicate_of"],
                        "description": "If a published Q&A already answers it, choose that Q&A "
                        "and press “Close as a duplicate”. The asker is sent its link.",
                    },
                )
            )
        # No note box on a closed question: its only steps erase the notes or write their own.
        if obj is None or obj.is_open:
            next_step = ["note"]
            if self._holder(request, obj):
                next_step.append("checked_with_holder")
            fieldsets.append(("Next step", {"fields": next_step}))
        return self.with_opened_as(request, obj, fieldsets)

    def get_readonly_fields(self, request, obj=None):
        if obj and not obj.is_open:
            return [*self.readonly_fields, *ANSWER_FIELDS]
        return self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.holder = self._holder(request, obj)
        for name in ("category", "duplicate_of", "factsheets", "linked_questions"):
            if name in form.base_fields:
                widget = form.base_fields[name].widget
                widget.can_add_related = widget.can_change_related = False
                widget.can_delete_related = widget.can_view_related = False
        return form

    def _holder(self, request, obj):
        """The colleague who holds `obj`, when this user, who may change it, is not them."""
        if obj is None or not self.has_change_permission(request, obj):
            return None
        return obj.held_by_another(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            # Each option names its whole path, e.g. "Muscles and bones › Back / spine".
            kwargs["queryset"] = Category.objects.select_related("parent__parent")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False  # submissions come only from the public form

    # The list

    def _listing_undelivered(self, request):
        return request.GET.get(EmailDeliveryFilter.parameter_name) == "undelivered"

    def get_list_display(self, request):
        # Filtered to "E-mail not delivered": which e-mail, since when, and whether still tried.
        if self._listing_undelivered(request):
            return [*self.list_display, "undelivered_email"]
        return self.list_display

    def get_queryset(self, request):
        # Whether each asker can be e-mailed (the list's "No e-mail"), in its one query.
        queryset = super().get_queryset(request).with_reachability()
        if not self._listing_undelivered(request):
            return queryset
        # Its oldest undelivered e-mail and how many there are, in the list's one query.
        undelivered = OutgoingEmail.objects.awaiting_editors().filter(submission=OuterRef("pk"))
        oldest = undelivered.order_by("created_at", "pk")[:1]
        return queryset.annotate(
            undelivered_subject=Subquery(oldest.values("subject")),
            undelivered_since=Subquery(oldest.values("created_at")),
            undelivered_next_attempt=Subquery(oldest.values("next_attempt_at")),
            undelivered_count=Subquery(
                undelivered.order_by().values("submission").annotate(n=Count("pk")).values("n")
            ),
        )

    @admin.display(description="e-mail not delivered")
    def undelivered_email(self, obj):
        subject = getattr(obj, "undelivered_subject", None)
        if subject is None:
            return "–"
        since = obj.undelivered_since
        more = (obj.undelivered_count or 1) - 1
        return format_html(
            "“{}”{}<br>not delivered since {} ({} ago); {}",
            subject,
            f" and {more} more" if more else "",
            _day(since),
            how_long_ago(since),
            "given up" if obj.undelivered_next_attempt is None else "still being tried",
        )

    @admin.display(description="reference", ordering="reference")
    def reference_and_urgency(self, obj):
        # A labelled badge under the reference: urgency must not rest on colour or weight alone.
        urgent = mark_safe('<br><span class="badge-urgent">Urgent</span>') if obj.urgent else ""
        return format_html("{}{}{}", obj.reference, urgent, no_email(obj))

    @admin.display(description="question")
    def short_question(self, obj):
        # Two lines at most in the list (see admin.css); the whole text is on its page.
        return format_html(
            '<span class="queue-question">{}</span>', Truncator(obj.question).chars(200)
        )

    @admin.display(description="body area", ordering="category__name")
    def body_area(self, obj):
        return obj.category.name if obj.category else "–"

    @admin.display(description="received", ordering="created_at")
    def age(self, obj):
        return how_long_ago(obj.created_at)

    @admin.display(description="editor", ordering="assigned_to__username")
    def editor(self, obj):
        if obj.assigned_to is None:
            return "–"
        return name_of(obj.assigned_to)

    @admin.action(description="Assign the selected questions to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        self._each(
            request,
            self._not_held_by_others(request, queryset, editor=request.user),
            lambda s: services.assign(submission=s, editor=request.user),
            lambda done: f"Assigned {_questions(done)} to you.",
        )

    def _not_held_by_others(self, request, queryset, *, editor):
        """The selected questions less those in review with a colleague other than `editor`,
        each named in a warning: taking one over is a step on their question, which its own page
        takes only once the editor says they checked with them."""
        held = [
            s
            for s in queryset
            if s.state == State.IN_REVIEW and s.assigned_to_id not in (editor.pk, request.user.pk)
        ]
        for submission in held:
            self.message_user(
                request,
                f"{submission}: {self.editor(submission)} holds it; open it to take it over.",
                messages.WARNING,
            )
        return queryset.exclude(pk__in=[s.pk for s in held])

    @admin.action(
        description=ASSIGN_TO_CHOSEN,
        permissions=["change"],
    )
    def assign_to_chosen_editor(self, request, queryset):
        try:
            editor = AssignActionForm().fields["editor"].clean(request.POST.get("editor"))
        except ValidationError:
            editor = None
        if editor is None:
            self.message_user(
                request,
                "Choose the editor to assign them to. The “Editor” box is to the right of the "
                "action box, before Go.",
                messages.ERROR,
            )
            return
        name = name_of(editor)
        self._each(
            request,
            self._not_held_by_others(request, queryset, editor=editor),
            lambda s: services.assign(submission=s, editor=editor, by=request.user),
            lambda done: f"Assigned {_questions(done)} to {name}.",
        )

    @admin.action(description="Reject the selected questions (e.g. spam)", permissions=["change"])
    def reject_selected(self, request, queryset):
        """Reject the selected questions once the editor confirms, on a page listing them (as
        Django's "Delete selected" asks): a rejected question cannot be reopened."""
        if request.POST.get("post") != "yes":
            return self._confirm_reject(request, queryset)
        note = self._note(request)
        told = []  # for each question rejected, whether its asker is e-mailed

        def reject(submission):
            can_receive_email = submission.can_receive_email
            services.reject(submission=submission, by=request.user, note=note)
            told.append(can_receive_email)

        self._each(
            request,
            queryset,
            reject,
            lambda done: f"Rejected {_questions(done)}; {_askers_told(sum(told), done)}.",
        )

    @admin.action(description=SEND_AGAIN, permissions=["change"])
    def send_emails_again(self, request, queryset):
        emails = OutgoingEmail.objects.filter(submission__in=queryset)
        _sent_again(self, request, emails)

    def _confirm_reject(self, request, queryset):
        """The page that asks before reject_selected acts; None (back to the list) when none of
        the selected questions can be rejected."""
        rejectable = queryset.filter(state__in=services.MOVES["reject"].sources)
        if not rejectable:
            self.message_user(
                request,
                "None of the selected questions can be rejected: only new questions and "
                "questions in review can.",
                messages.WARNING,
            )
            return None
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": "Reject these questions?",
            "opts": self.opts,
            # Each with the colleague who holds it, named: rejecting it here is a step on
            # their question, which this page's "Yes" confirms (as the question's own page asks).
            "to_reject": [
                (submission, holder and name_of(holder))
                for submission in rejectable.select_related("assigned_to")
                for holder in [submission.held_by_another(request.user)]
            ],
            "left_alone": [
                (submission, state_in_words(submission))
                for submission in queryset.exclude(pk__in=rejectable.values("pk"))
            ],
            "erase_after_days": settings.ASK_ERASE_AFTER_DAYS,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "back_to_list": request.get_full_path(),
            "media": self.media,
        }
        return TemplateResponse(
            request, "admin/ask/submission/reject_selected_confirmation.html", context
        )

    def _each(self, request, queryset, move, said):
        """Make `move` on each question, saying why any is not done, then what was done:
        `said(how many)`."""
        done = 0
        for submission in queryset:
            try:
                move(submission)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{submission}: {_message(error)}", messages.ERROR)
        if done:
            self.message_user(request, said(done), messages.SUCCESS)

    # A submission's page

    @admin.display(description="received")
    def received(self, obj):
        return f"{_when(obj.created_at)} ({how_long_ago(obj.created_at)} ago)"

    @admin.display(description="warning signs")
    def warning_signs(self, obj):
        if not obj.urgent:
            return "None"
        return format_html_join(
            "",
            "<p><strong>{}</strong> ({})</p>",
            (
                (
                    flag.label,
                    "ticked by the asker"
                    if flag.name in obj.red_flags_ticked
                    else "found in the words",
                )
                for flag in obj.red_flags
            ),
        )

    @admin.display(description="asker")
    def asker(self, obj):
        if obj.personal_data_erased_at:
            return f"Erased on {_day(obj.personal_data_erased_at)}"
        return format_html(
            "{}<br>{}",
            obj.name or "No name given",
            obj.email or "No e-mail address given: the asker cannot be told about the answer",
        )

    @admin.display(description="E-mails to the asker")
    def emails_to_the_asker(self, obj):
        """Each e-mail's subject and whether the mail server took it, never its body (the
        outbox stays the administrators'), so that an editor sees an answer that never arrived."""
        rows = []
        emails = obj.emails.select_related("unreachable_noted_in__by")
        for email in emails.order_by("created_at", "pk"):
            kind, words = _delivery(email, buttons=shows_buttons(obj))
            rows.append((kind, email.subject, words))
        if rows:
            return format_html(
                '<ul class="emails-to-asker">{}</ul>',
                format_html_join("", '<li class="email-{}"><strong>{}</strong>: {}</li>', rows),
            )
        if obj.personal_data_erased_at:
            return "None kept: they are deleted with the asker's details."
        if not obj.email:
            return "None: the asker gave no e-mail address."
        return "None yet."

    @admin.display(description="consents")
    def consents(self, obj):
        if obj.consent_to_publish:
            return "May be published in the archive (without personal details)."
        return "Answer privately only: NOT to be published."

    @admin.display(description="Claims current evidence does not support")
    def claims_in_the_answer(self, obj):
        """What the answer, as last saved, claims that the site knows is not true: published, the
        Q&A would carry a note saying so, and the asker's e-mail would not."""
        if not obj.outdated_claims:
            return "None found in the answer as last saved."
        return format_html(
            "<p>{} Please rewrite it before you mark it answered: until then it is neither sent "
            "nor published. What is known now:</p>{}",
            services.UNTRUE_ANSWER,
            format_html_join("", "<p>“{}”</p>", ((c.now,) for c in obj.outdated_claims)),
        )

    @admin.display(description="factsheets the question names")
    def mentioned_factsheets(self, obj):
        mentioned = Factsheet.objects.mentioned_in(obj.question).values_list("condition", flat=True)
        if not mentioned:
            return "None: search for one under “Factsheets” if the answer should link to it."
        them = "it" if len(mentioned) == 1 else "them"
        return f"{', '.join(mentioned)}: choose {them} under “Factsheets” to link the answer."

    @admin.display(description="similar answered questions")
    def similar_answers(self, obj):
        similar = obj.similar_questions()
        if not similar:
            return "No similar answered questions found."
        return format_html(
            '<ul class="similar-answers">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}" target="_blank" rel="noopener">{}</a> '
                "{}<details><summary>Read its answer</summary>{}</details></li>",
                (
                    (
                        q.get_absolute_url(),
                        q.title,
                        _start_from_button(obj, q) if shows_buttons(obj) else "",
                        linebreaks(q.answer, autoescape=True),
                    )
                    for q in similar
                ),
            ),
        )

    @admin.display(description="published as")
    def published_as(self, obj):
        # Its page for readers, and where editors correct it once published.
        question = obj.published_question
        if question is None:
            return "Deleted from the archive by an administrator."
        return format_html(
            '<a href="{}">{}</a> (<a href="{}">correct it under Archive › Questions</a>)',
            question.get_absolute_url(),
            question.title,
            reverse("admin:archive_question_change", args=[question.pk]),
        )

    @admin.display(description="address when published")
    def address_when_published(self, obj):
        # Made from the title at publishing and kept for good: seen while the title can change.
        return format_html(
            "<code>{}</code><br>Made from the title as saved when it is published; it never "
            "changes after that. Take out of the title anything that should not stay in the "
            "address (a place, an age), and save, before publishing.",
            services.address_when_published(obj),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            # Its read-only boxes' buttons post the page as a change: see shows_buttons.
            obj.shows_buttons = self.has_change_permission(request, obj)
        if obj is not None and not obj.is_open:
            # Every box of a closed question is read-only: a save would change nothing and say it
            # changed it. Its steps (erasing the asker's details) keep their buttons.
            context["show_save"] = context["show_save_and_continue"] = False
        context["held_by"] = self._held_by(request, obj)
        form = context["adminform"].form
        context["can_preview"] = obj is not None and "answer" in form.fields
        # Each page drawn has its own token, sent with its buttons (see _sent_before).
        context["page_token"] = secrets.token_urlsafe(16)
        # The note typed before a step that was not taken (see _back_to_page), back in its box.
        carried_note = getattr(request, "carried_note", "")
        if carried_note and "note" in form.fields:
            form.initial["note"] = carried_note
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _held_by(self, request, obj):
        """(editor, since) when another editor holds this question, for a warning, with what
        this user can do about it: take it over (`takes_over`: “Assign to me” is offered), or
        change it. The warning says only that: a view-only account, offered neither, reads
        who holds it and since when."""
        if obj is None or obj.held_by_another(request.user) is None:
            return None
        return {
            "editor": self.editor(obj),
            "since": obj.assigned_at or obj.updated_at,
            # As the button is drawn (services.moves_offered): not to a view-only account, nor
            # on an answered question (one is assigned only while new or in review).
            "takes_over": services.MOVES["assign"].offered(obj, request.user),
        }

    def get_urls(self):
        return [
            path(
                "<path:object_id>/change/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="ask_submission_preview",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def preview_view(self, request, object_id):
        """The Q&A page built from the change form's unsaved answer; nothing is saved."""
        submission = self.get_object(request, unquote(object_id))
        if submission is None:
            raise Http404("No such question.")
        if not self.has_change_permission(request, submission):
            raise PermissionDenied
        form = self.get_form(request, submission, change=True)(request.POST, instance=submission)
        form.refuse_stale = form.refuse_note_without_step = False
        if "answer" not in form.fields:
            raise PermissionDenied("This question is closed: there is no answer to preview.")
        if form.is_valid():
            for name in ("category", "title", "answer"):
                if not form.cleaned_data[name]:
                    form.add_error(name, "Fill this in to see the preview.")
        if form.errors:
            return preview_errors(self, request, form, "This answer cannot be previewed yet")
        data = form.cleaned_data
        question = Question(
            title=data["title"],
            category=data["category"],
            question=data["edited_question"],
            answer=data["answer"],
            status=Question.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        return render_question(
            request,
            question,
            factsheets=data["factsheets"],
            linked=data["linked_questions"].select_related("category"),
            preview=True,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        moves = [] if obj is None else services.moves_offered(obj, request.user)
        # Each button's words and question for this submission (publishing names its address).
        moves = [
            replace(move, button=move.button_for(obj), confirm=move.confirm_for(obj))
            for move in moves
        ]
        extra_context = (extra_context or {}) | {"moves": moves}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # Through the services, under the row lock; only the fields the editor changed. The
        # many-to-many links (factsheets, Q&As) are saved by save_related, as usual.
        own = {field.name for field in Submission._meta.concrete_fields}
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in own}
        if fields:
            services.save_draft(submission=obj, by=request.user, **fields)
        # See response_change: a title a colleague changed since the page opened is new to
        # this editor too.
        obj.title_changed = "title" in form.changed_data or "title" in form.kept_theirs
        obj.follows_urgent_advice = form.cleaned_data.get("follows_urgent_advice", False)

    def response_change(self, request, obj):
        steps = ("_send_again", "_unreachable", "_start_from", "_transition")
        if any(name in request.POST for name in steps) and self._sent_before(request):
            self.message_user(request, SENT_BEFORE, messages.WARNING)
            return self._back_to_page(request, obj)
        if "_send_again" in request.POST:
            return self._send_again(request, obj, request.POST["_send_again"])
        if "_unreachable" in request.POST:
            return self._note_unreachable(request, obj, request.POST["_unreachable"])
        if "_start_from" in request.POST:
            return self._start_from(request, obj, request.POST["_start_from"])
        move = request.POST.get("_transition")
        if move is None:
            return super().response_change(request, obj)
        if move == "publish" and getattr(obj, "title_changed", False):
            # The address the editor was shown came from the title before this change.
            self.message_user(request, _new_address(obj), messages.ERROR)
            return self._back_to_page(request, obj)
        # Read before a withdrawal erases the address.
        mail = "sent" if obj.can_receive_email else "unsendable" if obj.email else "none"
        try:
            services.make_move(
                move,
                submission=obj,
                by=request.user,
                note=self._note(request),
                follows_urgent_advice=getattr(obj, "follows_urgent_advice", False),
            )
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, _not_done(move, error), messages.ERROR)
            return self._back_to_page(request, obj)
        self.message_user(request, _step_done(move, obj, mail), messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def _sent_before(self, request):
        """Whether a step (or "Send it again") comes from a page sent before: a reload of the
        page drawn after a step not taken (_back_to_page), which is the answer to a POST, sends
        it again, and the step must not be tried twice (the title saved by then, a publish
        refused for it would go through). Each page drawn carries a token of its own; the
        session keeps those of the last pages sent, and nothing else: not the note, which may
        quote the asker. A post without a token (a page drawn before tokens) is tried."""
        token = request.POST.get(PAGE_FIELD, "")
        if not token:
            return False
        tried = request.session.get(TRIED_PAGES, [])
        if token in tried:
            return True
        request.session[TRIED_PAGES] = [*tried, token][-TRIED_PAGES_KEPT:]
        return False

    def _note(self, request):
        # Read as its box reads it (the confirmation of "Reject the selected questions" has one
        # too): its line breaks one character each, as the box counted them. Validated with the
        # Transition it goes in.
        return SubmissionAdminForm.base_fields["note"].to_python(request.POST.get("note", ""))

    def _back_to_page(self, request, obj):
        """The question's page again after a step not taken (or "Send it again"). What the
        editor typed in the other boxes is saved by then (save_model), but the note is saved
        only with a step: so the page, otherwise drawn afresh from the question as saved, comes
        back with the note still in its box. Drawn in this response, not kept in the session for
        a redirect: a note may quote the asker."""
        note = request.POST.get("note", "")
        if not note.strip():
            return HttpResponseRedirect(request.path)
        again = copy(request)  # the same user, messages and CSRF token; read as a fresh GET
        again.method = "GET"
        again.carried_note = note
        return self.change_view(again, str(obj.pk))

    def _send_again(self, request, obj, email_id):
        """The button beside a given-up e-mail: it goes back in the outbox, as with the queue's
        action (the same _sent_again)."""
        emails = obj.emails.filter(pk=email_id) if email_id.isdigit() else obj.emails.none()
        _sent_again(
            self,
            request,
            emails,
            none="Not sent again: that e-mail is no longer given up (it has been sent, or is "
            "already being tried again).",
        )
        return self._back_to_page(request, obj)

    def _note_unreachable(self, request, obj, email_id):
        """The button beside a given-up e-mail: the asker cannot be reached at its address."""
        email = obj.emails.filter(pk=email_id).first() if email_id.isdigit() else None
        try:
            if email is None:
                raise ValidationError("That e-mail is not one of this question's.")
            services.note_unreachable(email=email, by=request.user, note=self._note(request))
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, f"Not done: {_message(error)}", messages.ERROR)
            return self._back_to_page(request, obj)
        self.message_user(
            request,
            f"{obj.reference}: noted in its history that the asker cannot be reached at this "
            f"address; “{email.subject}” no longer counts among the e-mails not delivered.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    def _start_from(self, request, obj, question_id):
        question = (
            Question.objects.published().filter(pk=question_id).first()
            if question_id.isdigit()
            else None
        )
        try:
            if question is None:
                raise ValidationError("That answer cannot be used here.")
            # The editor's note goes into the history with the step, after what the step was.
            note = " ".join(
                filter(None, [f"Started the answer from “{question.title}”.", self._note(request)])
            )
            services.start_from_answer(
                submission=obj, by=request.user, question=question, note=note
            )
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, f"Not done: {_message(error)}", messages.ERROR)
            return self._back_to_page(request, obj)
        self.message_user(
            request,
            f"The answer now starts from “{question.title}”. Edit it for this asker.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)


def shows_buttons(submission):
    """Whether the buttons inside a question's read-only boxes (“Send it again”, “The asker
    cannot be reached at this address”, “Start from this answer”) are shown: only to whoever may
    change the question, as each posts the page as a change, which the server refuses anyone
    else (a view-only account). Set as its page is drawn (SubmissionAdmin.render_change_form);
    never shown where it was not."""
    return getattr(submission, "shows_buttons", False)


def _start_from_button(submission, question):
    """ "Start from this answer" beside a similar answered `question` on `submission`'s page."""
    # Replacing a written draft asks first (confirm-moves.js): data-confirm while the box holds
    # text as the page is drawn, kept up to date as the editor types or clears it.
    confirm = format_html(' data-confirm="{}"', REPLACES_DRAFT) if submission.answer.strip() else ""
    return format_html(
        '<button type="submit" name="_start_from" value="{}" class="button" '
        'data-replaces="id_answer" data-replaces-confirm="{}"{}>'
        'Start from this answer<span class="visually-hidden">, “{}”,</span> '
        "(replaces your draft)</button>",
        question.pk,
        REPLACES_DRAFT,
        confirm,
        question.title,
    )


def _new_address(obj):
    """Why a publish pressed with a changed title was not done: the address changed with it."""
    return (
        "Not published: the title changed, and the address is made from it. This Q&A will be "
        f"published at {services.address_when_published(obj)}; its address never changes. "
        "Check it, then publish."
    )


def _not_done(move, error):
    """Why a step was refused. "Close as a duplicate" with no published Q&A chosen (or one
    readers cannot open) says where the chooser is, and links to it."""
    if move == "duplicate" and "duplicate_of" in getattr(error, "error_dict", {}):
        return format_html(
            'Not done: {} in the <a href="#id_duplicate_of">“{}”</a> box, under “{}”, then press '
            "“{}” again.",
            " ".join(error.message_dict["duplicate_of"]).removesuffix("."),
            "Already answered by",
            "Closing without a new answer",
            services.MOVES["duplicate"].button,
        )
    return f"Not done: {_message(error)}"


def _questions(count):
    """ "1 question", "2 questions"."""
    return f"{count} question{pluralize(count)}"


def _askers_told(told, rejected):
    """Which askers of `rejected` questions are e-mailed that theirs could not be answered:
    `told` of them, those with an address that can receive e-mail."""
    if rejected == 1:
        if told:
            return "its asker is e-mailed that it could not be answered"
        return "its asker left no address that can receive e-mail, so is not told"
    if told == rejected:
        return "their askers are e-mailed that they could not be answered"
    if not told:
        return "none of their askers left an address that can receive e-mail, so none is told"
    return (
        f"{told} of their askers {'is' if told == 1 else 'are'} e-mailed that theirs could not be "
        "answered (the others left no address that can receive e-mail)"
    )


def _step_done(move, obj, mail):
    """What a step did, for the message after it: said from the move made, since the state
    alone may not have changed ("Erase the asker's details now" leaves it "Published")."""

    def emailed(what):
        if mail == "sent":
            return f"the asker is e-mailed {what}"
        if mail == "unsendable":
            return f"the asker's address cannot receive e-mail, so is not sent {what}"
        return f"the asker gave no e-mail address, so is not sent {what}"

    ref = obj.reference
    match move:
        case "assign":
            return f"{ref} is assigned to you: In review."
        case "answer" if obj.is_open and obj.can_receive_email:
            return (
                f"{ref}: Answered. Publish it in the archive, or close it without publishing to "
                "e-mail the answer to the asker."
            )
        case "answer" if obj.is_open:
            return (
                f"{ref}: Answered. Publish it in the archive: the asker left no address that can "
                "receive the answer, so they can read it only there."
            )
        case "answer" | "close_unpublished":
            return f"{ref}: {ANSWERED_PRIVATELY}, not published: {emailed('the answer')}."
        case "publish":
            return f"{ref}: Published in the archive as “{obj.title}”; {emailed('its link')}."
        case "duplicate":
            return f"{ref}: Closed as a duplicate of “{obj.duplicate_of}”; {emailed('its link')}."
        case "reject":
            return (
                f"{ref}: Rejected, closed without an answer; "
                f"{emailed('that it could not be answered')}."
            )
        case "withdraw":
            return (
                f"{ref}: Withdrawn at the asker's request; their name, e-mail address and "
                "question, and the notes in its history, are erased."
            )
        case "erase":
            return (
                f"{ref}: the asker's name, e-mail address and question, and the notes in its "
                f"history, are erased; the question stays “{state_in_words(obj)}”."
            )
    return f"{ref}: {state_in_words(obj)}."


def _delivery(email, *, buttons):
    """(kind, words): whether the mail server took an e-mail to the asker, for editors; with,
    for a given-up one, its buttons when `buttons` (see shows_buttons)."""
    if email.sent_at is not None:
        return "sent", f"sent at {_when(email.sent_at)}"
    if not email.attempts:
        return "waiting", "waiting (not tried yet)"
    tries = f"{email.attempts} attempt{'' if email.attempts == 1 else 's'}"
    # The mail server's refusal may quote the address, in whatever form (see ask.models).
    error = Truncator(email.error_for_editors()).chars(300)
    last_error = f", last error: {error}" if error else ""
    if email.given_up:
        noted = email.unreachable_noted_in
        words = format_html("given up ({}{}): the asker has not received it.", tries, last_error)
        if noted:
            words = format_html("{} {}", words, noted_unreachable(noted))
        if buttons:
            words = format_html("{} {}", words, _given_up_buttons(email, noted))
        return "unreachable" if noted else "given-up", words
    return "failing", (
        f"waiting ({tries}{last_error}), next attempt {_when(email.next_attempt_at)}, "
        f"tried until {_when(email.retry_until)}"
    )


def _given_up_buttons(email, noted):
    """Beside a given-up e-mail: “Send it again”, after, unless an editor `noted` it already,
    the button that notes that the asker cannot be reached at its address (which takes it out of
    the e-mails not delivered)."""
    return format_html(
        '{}<button type="submit" name="_send_again" value="{}" class="button">Send it again'
        '<span class="visually-hidden">, “{}”,</span></button> (it is then tried for {} '
        "more days; for several questions at once, tick them in the list and choose “{}”)",
        "" if noted else _unreachable_button(email),
        email.pk,
        email.subject,
        RETRY_FOR.days,
        SEND_AGAIN,
    )


def _unreachable_button(email):
    return format_html(
        '<button type="submit" name="_unreachable" value="{}" class="button">The asker cannot '
        'be reached at this address<span class="visually-hidden">, “{}”,</span></button> '
        "(no longer counted as waiting; noted in the history) or ",
        email.pk,
        email.subject,
    )


def noted_unreachable(noted):
    """Who noted that the asker cannot be reached at the address of a given-up e-mail, and when
    (`noted`: that step of the question's history, its `unreachable_noted_in`): the same words
    on the question's page and in the outbox."""
    return (
        f"{noted.made_by} noted on {_when(noted.at)} that the asker cannot be reached at this "
        "address."
    )


def _when(moment):
    """`moment` in the site's time zone and format, as admin writes the dates of its own fields
    and of the history ("7 December 2026, 14:05")."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _day(moment):
    """The day of `moment`, in the site's time zone and format ("7 December 2026")."""
    return date_format(timezone.localtime(moment))


def _sent_again(model_admin, request, emails, none="None of these has a given-up e-mail."):
    """Put the given-up e-mails among `emails` back in the outbox, and say so (`none` when there
    was none)."""
    count = emails.send_again()
    if count:
        days = RETRY_FOR.days
        model_admin.message_user(
            request,
            f"{count} given-up e-mail{pluralize(count)} will be tried again within minutes, "
            f"and for {days} days if the mail server refuses {pluralize(count, 'it,them')}.",
            messages.SUCCESS,
        )
    else:
        model_admin.message_user(request, none, messages.WARNING)


def _message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not do this."


class GivenUpFilter(admin.SimpleListFilter):
    """The e-mails no longer tried: each an asker not told something."""

    title = "given up"
    parameter_name = "given_up"

    def lookups(self, request, model_admin):
        return [("yes", "Given up")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.given_up()
        return queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """For administrators: which e-mails to askers went, and which are still failing."""

    list_display = [
        "subject",
        "created_at",
        "sent_at",
        "attempts",
        "next_attempt",
        "last_failure",
        "error",
    ]
    list_select_related = ["unreachable_noted_in__by"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), GivenUpFilter]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Send the selected given-up e-mails again")
    def send_again(self, request, queryset):
        _sent_again(self, request, queryset)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="next attempt at", ordering="next_attempt_at")
    def next_attempt(self, email):
        """When it is tried next; for a given-up e-mail, that it is given up and, once an editor
        noted that its asker cannot be reached at its address, who and when. In the column a
        given-up e-mail leaves empty, not one more: the list fits a laptop screen."""
        if not email.given_up:
            return email.next_attempt_at
        noted = email.unreachable_noted_in
        return f"Given up. {noted_unreachable(noted)}" if noted else "Given up."

    @admin.display(description="last error")
    def error(self, email):
        # Its start: each row stays a few lines high; the e-mail's page has all of it.
        return Truncator(email.last_error).chars(200)


class SavedReplyForm(forms.ModelForm):
    """A saved reply's page: its text as typed in its box (MultiLineText)."""

    class Meta:
        model = SavedReply
        fields = ["title", "text"]
        field_classes = {"text": MultiLineText}


@admin.register(SavedReply)
class SavedReplyAdmin(admin.ModelAdmin):
    """Passages editors insert into answers with one click, kept by the editors themselves."""

    form = SavedReplyForm

    list_display = ["title", "text"]
    search_fields = ["title", "text"]
