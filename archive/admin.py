"""The archive in Django admin, for editors."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.widgets import AdminTextareaWidget
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.text import capfirst, get_text_list

from archive import outdated_claims as claims_known
from archive import red_flags, urgent_advice
from archive.forms import RefuseStaleSavesForm
from archive.models import Category, Question, RetiredSlug
from config.personal_data import personal_data_in


class TitleBox(AdminTextareaWidget):
    """The box a title is written or corrected in (a Q&A's, a visitor's question's): the whole
    title in view, not admin's narrow 20em box (admin.css), wrapping, as titles run to 200
    characters. Its form reads the title with OneLineText."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 2, "class": "vLargeTextField title-box", **(attrs or {})})


class OneLineText(forms.CharField):
    """A title from a TitleBox: the box wraps, so a line break typed in it is a space, as a
    title is one line; before its length is checked, as a browser sends a line break as two
    characters."""

    def to_python(self, value):
        return " ".join(super().to_python(value).split())


def outdated_claims_box(*boxes):
    """The read-only box of a change page that says what readers of a Q&A or factsheet are
    told, above it, about its claims that current evidence or guidance does not support
    (archive.outdated_claims), each with the label of the text box that makes it, so that the
    editor knows where to edit it out (which removes the note). `boxes`: (field name, label) of
    each text the page's `outdated_claims` reads."""

    @admin.display(description="Claims current evidence does not support")
    def outdated_claims(page):
        claims = page.outdated_claims if page else []
        if not claims:
            return "None found: readers see no such note."
        # A sentence never runs from one box into the next, so each claim is in one box or more.
        made_in = [(label, claims_known.found_in(getattr(page, name))) for name, label in boxes]
        return format_html_join(
            "",
            "<p>Readers are told: “{}”{}</p>",
            ((claim.now, _made_in(claim, made_in)) for claim in claims),
        )

    return outdated_claims


def _made_in(claim, made_in):
    labels = [f"“{label}”" for label, found in made_in if claim in found]
    return f" The claim is in {get_text_list(labels, 'and')}." if labels else ""


outdated_claims = outdated_claims_box(("title", "Title"), ("answer", "Answer"))


# Why no review is recorded for a page still making a claim current evidence does not support:
# "Last reviewed <today>" beside the note that it says what evidence does not support would tell
# its readers the review found it current, which is untrue.
REVIEW_OF_OUTDATED_CLAIMS = (
    "correct the claim first (see “Claims current evidence does not support” on its page), then "
    "record the review: a review dated beside the note that the page says what current evidence "
    "does not support would say the page was found current."
)


def mark_reviewed_today(model_admin, request, queryset, *, fields, reviewer, called, then=""):
    """The action "Mark the selected … as reviewed today" of Q&As and factsheets, in one query:
    each is reviewed today as its model's `mark_reviewed` says, saving `fields`, and its
    `reviewer` emptied. Readers see "Reviewed <today> by <reviewer>": whoever checked it before
    did not check it today, and the action does not know who did (the editor who ticks it may
    only record a review the panel made). `called`: what the message calls one, e.g. "Q&A";
    `then`: what the message adds after "reviewed today". Those still making a claim
    archive.outdated_claims notes are left as they are, and a second message names them."""
    model = queryset.model
    selected = list(queryset)
    noted = [obj for obj in selected if obj.outdated_claims]
    objects = [obj for obj in selected if obj not in noted]
    # A save sets auto_now dates (a Q&A's updated_at); bulk_update does not.
    stamped = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    now = timezone.now()
    for obj in objects:
        obj.mark_reviewed()
        setattr(obj, reviewer, "")
        for name in stamped:
            setattr(obj, name, now)
    if objects:
        model._default_manager.bulk_update(objects, [*fields, reviewer, *stamped])
        label = capfirst(model._meta.get_field(reviewer).verbose_name)
        model_admin.message_user(
            request,
            f"{len(objects)} {called}{pluralize(len(objects))} marked as reviewed today{then}. "
            f"To name who reviewed one, fill in “{label}” on its page.",
            messages.SUCCESS,
        )
    if noted:
        names = get_text_list([f"“{obj}”" for obj in noted], "and")
        model_admin.message_user(
            request,
            f"Not marked as reviewed, as still saying what current evidence does not support: "
            f"{names}. For each, {REVIEW_OF_OUTDATED_CLAIMS}",
            messages.WARNING,
        )


def visitors_question(question):
    """The visitor's question (ask.Submission) a saved Q&A was published from, else None: read
    by the name of the reverse relation of its `published_question`, as archive, below the ask
    app, never imports it."""
    return getattr(question, "submission", None) if question and question.pk else None


def duplicates_answered(question):
    """The visitors' questions (ask.Submission) closed as duplicates of a saved Q&A, whose
    askers were sent its link (ask.services.close_as_duplicate) if they gave an address: read by
    the name of the reverse relation of their `duplicate_of`, and their state by the related
    model's own State (reached through that relation), as archive never imports ask. One chosen
    in the box but not yet closed was sent nothing."""
    if not question or not question.pk or not hasattr(question, "duplicate_submissions"):
        return []
    submissions = question.duplicate_submissions
    closed = submissions.model.State.CLOSED_DUPLICATE
    return list(submissions.filter(state=closed).order_by("closed_at", "pk"))


def sent_its_link(question):
    """Why a saved Q&A's address must keep opening, in words, else "": the askers who were
    e-mailed it (`asker_has_link`), as the one it was published from or as the answer to a
    duplicate question of theirs."""
    said = []
    submission = visitors_question(question)
    if submission and submission.asker_has_link:
        said.append(
            f"published from a visitor's question ({submission.reference}), whose asker was "
            "e-mailed its address"
        )
    duplicates = [d.reference for d in duplicates_answered(question) if d.asker_has_link]
    if duplicates:
        whose = "whose asker was" if len(duplicates) == 1 else "whose askers were"
        said.append(
            f"sent as the answer to {_closed_as_duplicates(duplicates)}, {whose} e-mailed its "
            "address"
        )
    return ", and ".join(said)


def sent_their_links(questions):
    """[(Q&A, what `sent_its_link` says of it)] for each of `questions` whose address askers
    were e-mailed: what a page that deletes them says first, one Q&A or several alike
    (templates/admin/archive/question/sent_their_links.html)."""
    return [(question, sent) for question in questions if (sent := sent_its_link(question))]


def _closed_as_duplicates(references):
    """ "a visitor's question (Q-1) closed as a duplicate of it", or several visitors'."""
    kind = "a duplicate" if len(references) == 1 else "duplicates"
    return f"{_visitors_questions(references)} closed as {kind} of it"


def _visitors_questions(references):
    """ "a visitor's question (Q-1)", "2 visitors' questions (Q-1, Q-2)"."""
    if len(references) == 1:
        return f"a visitor's question ({references[0]})"
    return f"{len(references)} visitors' questions ({', '.join(references)})"


class QuestionForm(RefuseStaleSavesForm):
    """A Q&A's change form: one whose address was e-mailed to an asker (published from their
    question, or sent as the answer to their question closed as a duplicate of it) is taken out
    of readers' reach (set to draft, or to a later publication date) only once the editor
    confirms it, as the link that asker was e-mailed stops opening."""

    unpublish_confirmed = forms.BooleanField(
        required=False,
        label="I understand the asker's link will not open until it is published again",
        help_text="Needed only to set this Q&A back to draft, or to a later publication date, "
        "while readers can open it.",
    )

    class Meta:
        field_classes = {"title": OneLineText}
        widgets = {"title": TitleBox}

    # The boxes readers see, each checked for personal data as the editor changes it.
    PUBLIC_TEXT = ("title", "question", "answer")
    # What an editor is told when the answer tells readers not to get the help the page sends
    # them to, above it, for a warning sign its question describes.
    URGENT_ADVICE_CONTRADICTED = (
        "This Q&A's question describes {signs}, and its page gives the urgent advice before the "
        "answer: {advice}. The answer says {words}, which tells the reader not to get that help, "
        "or to wait. Change those words to tell them to follow the advice."
    )

    def clean(self):
        """Refuse a title, question or answer the editor changed to hold an e-mail address, a
        phone or NHS number, a home address, a postcode, or the name of the asker it was published
        from while their details are kept, as publishing from the queue does (ask.services): a
        Q&A is public, and an edit made here later (a line pasted from the asker's e-mail) reaches
        no other check."""
        cleaned = super().clean()
        submission = visitors_question(self.instance)
        asker = {"name": submission.name, "email": submission.email} if submission else {}
        changed = [name for name in self.PUBLIC_TEXT if name in self.changed_data]
        for field in changed:
            if field in cleaned and (what := personal_data_in(cleaned[field], **asker)):
                self.add_error(
                    field, f"This contains personal data ({what}). Edit it out: the Q&A is public."
                )
        if set(changed) and "question" in cleaned:
            self._refuse_words_against_urgent_advice(cleaned)
        return cleaned

    def _refuse_words_against_urgent_advice(self, cleaned):
        """Under the advice of a warning sign its question describes, refuse an answer that
        tells readers not to get help, or to wait and see, as the queue refuses it
        (ask.services.urgent_advice_contradicted): no note before the answer sets that right;
        and a title that says not to worry, or to wait, listed where no advice comes first."""
        signs = red_flags.signs_shown(cleaned["question"])
        if "answer" in cleaned and (
            contradicted := urgent_advice.message(
                self.URGENT_ADVICE_CONTRADICTED,
                signs,
                urgent_advice.contradicting_words(cleaned["answer"]),
            )
        ):
            self.add_error("answer", contradicted)
        if "title" in cleaned and (
            against := urgent_advice.title_against_advice(cleaned["title"], signs)
        ):
            self.add_error("title", against)

    def clean_slug(self):
        """Refuse the address of a deleted Q&A, whose links say it was removed (as a taken one
        is refused), and suggest a free one."""
        slug = self.cleaned_data["slug"]
        if RetiredSlug.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                "A deleted Q&A had this address, and its links say it was removed: it is never "
                f"given to another. Choose another, such as “{Question.objects.free_slug(slug)}”. "
                f"“{_retired_slugs_in_admin()}” lists them."
            )
        return slug

    def _post_clean(self):
        # After the stale-save check has merged in what a colleague saved meanwhile (and locked
        # the row): the instance then holds what this save would write.
        super()._post_clean()
        note_a_review_recorded(self, "reviewed_by")
        self._refuse_relabelled_visitors_qa()
        sent = sent_its_link(self.instance)
        if not sent:
            return
        if self.cleaned_data.get("unpublish_confirmed"):
            return
        if self.has_error("status") or self.has_error("published_at"):
            return
        was_open = Question.objects.published().filter(pk=self.instance.pk).exists()
        if was_open and not self.instance.is_open_to_readers:
            self.add_error(
                "unpublish_confirmed",
                f"This Q&A was {sent}: that link will not open while it is a draft or scheduled "
                "for later. Tick this box to save it all the same, or keep it published.",
            )

    def _refuse_relabelled_visitors_qa(self):
        """Refuse marking a Q&A published from a visitor's question as from the earlier archive,
        or dating it before that question was received: its page would say the earlier
        service's panel answered it, and when it was added, untruly."""
        submission = visitors_question(self.instance)
        if submission is None:
            return
        published_from = (
            f"This Q&A was published from a visitor's question ({submission.reference})"
        )
        if self.instance.from_archive and not self.has_error("from_archive"):
            self.add_error(
                "from_archive",
                f"{published_from}: its answer is this site's panel's, not the earlier "
                "archive's. Leave this unticked.",
            )
        # To the minute, as the message gives the time: a date and time from then on passes.
        received = submission.created_at.replace(second=0, microsecond=0)
        published_at = self.instance.published_at
        if published_at and published_at < received and not self.has_error("published_at"):
            when = date_format(timezone.localtime(submission.created_at), "DATETIME_FORMAT")
            self.add_error(
                "published_at",
                f"{published_from}, received {when}: it cannot have been published before it "
                "was asked. Give a date and time from then on.",
            )


def note_a_review_recorded(form, reviewer):
    """After a Q&A's or factsheet's change `form` is cleaned: a review it records (its date or
    `reviewer` changed in this save, not kept as a colleague saved it meanwhile) checked the
    texts as saved with it (archive.models.ReviewedText). It is refused while those texts still
    make a claim archive.outdated_claims notes."""
    recorded = [
        name
        for name in ("last_reviewed", reviewer)
        if name not in form.kept_theirs and form.cleaned_data.get(name) != form.initial.get(name)
    ]
    if not (recorded and form.instance.last_reviewed):
        return
    # Emptying the reviewer's name records no review to refuse.
    reviewed = "last_reviewed" in recorded or getattr(form.instance, reviewer)
    if reviewed and form.instance.outdated_claims:
        form.add_error(
            "last_reviewed",
            "This page still says what current evidence does not support: "
            + REVIEW_OF_OUTDATED_CLAIMS,
        )
        return
    form.instance.note_reviewed_text()


def _retired_slugs_in_admin():
    """Where admin lists the addresses of deleted Q&As, as its menu names it."""
    opts = RetiredSlug._meta
    return f"{opts.app_config.verbose_name} › {capfirst(opts.verbose_name_plural)}"


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ViewOnly:
    """A ModelAdmin mixin for rows the site writes itself: seen in admin, never added, changed
    or deleted there, by anyone."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetiredSlug)
class RetiredSlugAdmin(ViewOnly, admin.ModelAdmin):
    """The addresses of deleted Q&As, newest first, for the editor whose new Q&A's address is
    refused as one of them. Seen only: PostgreSQL writes each as a Q&A is deleted, and keeps it
    for good (migration archive/0016), so no one adds, changes or deletes one here, a superuser
    neither: a freed address would let an old link open another answer."""

    list_display = ["slug", "retired_at"]
    search_fields = ["slug"]
    search_help_text = (
        "Finds the addresses that contain every word, e.g. “tired after”: the address of a "
        "deleted Q&A is never given to another."
    )
    date_hierarchy = "retired_at"
    ordering = ["-retired_at", "slug"]


class RefusesStaleSaves:
    """A ModelAdmin mixin: a change page refuses a save from a page someone else has saved since
    it was opened (archive.forms.RefuseStaleSavesForm, which the admin's form must be)."""

    form = RefuseStaleSavesForm

    def get_fieldsets(self, request, obj=None):
        return self.with_opened_as(request, obj, super().get_fieldsets(request, obj))

    def with_opened_as(self, request, obj, fieldsets):
        """`fieldsets` with the form's hidden record of what the page was opened with, in the
        last fieldset (one of its own would show as an empty box); left out where nothing is
        saved: a new object, or a page its reader may only view."""
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        *others, (name, options) = fieldsets
        return [*others, (name, {**options, "fields": [*options["fields"], "opened_as"]})]


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Due for review"), ("never", "Never reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_review()
        if self.value() == "never":
            return queryset.filter(last_reviewed__isnull=True)
        return queryset


@admin.register(Question)
class QuestionAdmin(RefusesStaleSaves, admin.ModelAdmin):
    form = QuestionForm
    # Review before the date, and the category by its own name, not its whole path ("Muscles and
    # bones › Back / spine › Lower back pain"): the list fits a laptop screen without scrolling.
    list_display = ["title", "category_name", "status", "review", "published_at"]
    list_filter = [ReviewFilter, "status", "category", "question_preserved"]
    list_select_related = ["category"]
    search_fields = ["title", "question", "answer"]
    search_help_text = (
        "Finds Q&As whose title, question or answer contains every word; put a phrase in quotes, "
        "e.g. “NICE guideline”. Then tick them all and mark them for review."
    )
    # Django's "Delete selected" first, as on every list, but this admin's own (see below).
    actions = ["delete_selected", "mark_for_review", "mark_reviewed"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = [
        "original_title",
        "created_at",
        "updated_at",
        "urgent_advice",
        outdated_claims,
        "factsheets_linking_here",
        "from_visitors_question",
    ]
    autocomplete_fields = ["linked_questions"]
    fieldsets = [
        (None, {"fields": ["title", "original_title", "slug", "category"]}),
        (
            "Question and answer",
            {
                "fields": [
                    "question",
                    "question_preserved",
                    "answer",
                    "linked_questions",
                    "factsheets_linking_here",
                ]
            },
        ),
        (
            "Keeping it current",
            {
                "description": "While a Q&A is marked for review or past its review-by date, "
                "readers see a note that it is due for review. “Mark as reviewed today” in the "
                "list clears both.",
                "fields": [
                    "urgent_advice",
                    outdated_claims,
                    "last_reviewed",
                    "reviewed_by",
                    "review_by",
                    "marked_for_review",
                ],
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "from_archive",
                    "source",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        """With, for a Q&A published from a visitor's question or sent as the answer to ones
        closed as its duplicates, a line that says so above its status, and the box that
        confirms taking it out of readers' reach below its date."""
        fieldsets = super().get_fieldsets(request, obj)
        if visitors_question(obj) is None and not duplicates_answered(obj):
            return fieldsets
        confirm = bool(sent_its_link(obj)) and self.has_change_permission(request, obj)
        changed = []
        for name, options in fieldsets:
            fields = list(options["fields"])
            if "status" in fields:
                fields.insert(fields.index("status"), "from_visitors_question")
                if confirm:
                    fields.insert(fields.index("published_at") + 1, "unpublish_confirmed")
            changed.append((name, {**options, "fields": fields}))
        return changed

    def render_delete_form(self, request, context):
        # Whoever deletes a Q&A whose address askers were e-mailed is told so first.
        context["sent_their_links"] = sent_their_links([context["object"]])
        return super().render_delete_form(request, context)

    @admin.action(description=django_delete_selected.short_description, permissions=["delete"])
    def delete_selected(self, request, queryset):
        """Django's "Delete selected", whose page that asks first says which of the selected
        Q&As askers were e-mailed the address of, as a Q&A's own delete page does: deleted
        together, their links say the answer was removed all the same."""
        response = django_delete_selected(self, request, queryset)
        if response is not None:  # None once deleted: back to the list
            response.context_data["sent_their_links"] = sent_their_links(queryset)
        return response

    def get_readonly_fields(self, request, obj=None):
        """With the address (slug) once the Q&A has been published: it never changes after."""
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "slug"] if obj and obj.has_been_published else fields

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only slug is no box for the title to fill.
        if obj and obj.has_been_published:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # Admin's date and time boxes carry no label of their own: name each for screen readers.
        if "published_at" in form.base_fields:
            date, time = form.base_fields["published_at"].widget.widgets
            date.attrs["aria-label"] = "Published: date"
            time.attrs["aria-label"] = "Published: time"
        return form

    @admin.display(description="Factsheets linking here")
    def factsheets_linking_here(self, question):
        """The factsheets that list this Q&A; each factsheet's page chooses them."""
        factsheets = question.factsheets.order_by("condition") if question.pk else []
        if not factsheets:
            return "None: a factsheet lists it when chosen on the factsheet's page."
        return format_html_join(
            "",
            '<p><a href="{}">{}</a></p>',
            (
                (reverse("admin:factsheets_factsheet_change", args=[f.pk]), f.title)
                for f in factsheets
            ),
        )

    @admin.display(description="Visitor's question")
    def from_visitors_question(self, question):
        lines = [self._published_from(question), *_duplicates_in_words(question)]
        lines = [line for line in lines if line]
        if not lines:
            return "None: not published from a visitor's question."
        if len(lines) == 1:
            return lines[0]
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines))

    def _published_from(self, question):
        submission = visitors_question(question)
        if submission is None:
            return ""
        if not submission.asker_has_link:
            return (
                f"Published from a visitor's question ({submission.reference}), whose asker "
                "gave no e-mail address: no one was sent this page's address."
            )
        return (
            f"Published from a visitor's question ({submission.reference}): its asker was "
            "e-mailed this page's address."
        )

    @admin.display(description="category", ordering="category__name")
    def category_name(self, question):
        return question.category.name

    @admin.display(description="Urgent advice shown before the answer")
    def urgent_advice(self, question):
        """The advice of the warning signs its question describes, which its page gives before
        the answer: the answer must not contradict it (a Q&A that gains a sign when the rules
        change is marked for review for that: `store_red_flags`)."""
        signs = question.red_flags if question else []
        if not signs:
            return "None: its question describes no warning sign."
        return format_html_join("", "<p>{}. {}</p>", ((sign.label, sign.advice) for sign in signs))

    @admin.display(description="review")
    def review(self, question):
        if question.is_due_for_review():
            return "Due"
        if question.last_reviewed:
            edited = ", edited since" if question.edited_since_review else ""
            return f"Reviewed {date_format(question.last_reviewed)}{edited}"
        return "Never reviewed"

    @admin.action(description="Mark the selected Q&As for review", permissions=["change"])
    def mark_for_review(self, request, queryset):
        count = queryset.update(marked_for_review=True, updated_at=timezone.now())
        self.message_user(
            request,
            f"{count} Q&A{pluralize(count)} marked for review: readers see a note until you "
            "review them.",
            messages.SUCCESS,
        )

    @admin.action(description="Mark the selected Q&As as reviewed today", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        mark_reviewed_today(
            self,
            request,
            queryset,
            fields=["last_reviewed", "reviewed_text_key", "marked_for_review", "review_by"],
            reviewer="reviewed_by",
            called="Q&A",
        )


def _duplicates_in_words(question):
    """The lines of "Visitor's question" for the visitors' questions closed as duplicates of
    `question`: those whose askers were e-mailed its address, and those who gave none."""
    duplicates = duplicates_answered(question)
    sent = [d.reference for d in duplicates if d.asker_has_link]
    unsent = [d.reference for d in duplicates if not d.asker_has_link]
    lines = []
    if sent:
        whose = "its asker was" if len(sent) == 1 else "their askers were"
        lines.append(
            f"Sent as the answer to {_closed_as_duplicates(sent)}: {whose} e-mailed this page's "
            "address."
        )
    if unsent:
        whose = "whose asker" if len(unsent) == 1 else "whose askers"
        lines.append(
            f"Chosen as the answer to {_closed_as_duplicates(unsent)}, {whose} gave no e-mail "
            "address: no one was sent this page's address."
        )
    return lines
