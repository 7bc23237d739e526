"""The editors' queue in Django admin: submissions urgent first, then oldest first, with a button
for each move the submission can make next."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.text import Truncator
from django.utils.timesince import timesince

from archive.models import Category, Question
from ask import services
from ask.models import OutgoingEmail, Submission, Transition

State = Submission.State


class WaitingFirstStateFilter(admin.SimpleListFilter):
    """State, showing the submissions still waiting unless another state is chosen."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting (new or in review)"), *State.choices, ("all", "All")]

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
        if value in State.values:
            return queryset.filter(state=value)
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


class SubmissionAdminForm(forms.ModelForm):
    note = forms.CharField(
        label="Note for the history",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: why you rejected it, what you changed… Saved with your next step.",
    )

    class Meta:
        model = Submission
        fields = ["category", "title", "edited_question", "answer", "duplicate_of"]


class TransitionInline(admin.TabularInline):
    model = Transition
    verbose_name = "step"
    verbose_name_plural = "history"
    fields = ["at", "from_state", "to_state", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# What the asker sent and where it stands: shown, never edited.
QUESTION_FIELDS = [
    "reference",
    "state",
    "editor",
    "received",
    "warning_signs",
    "question",
    "asker",
    "consents",
]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    form = SubmissionAdminForm
    list_display = ["reference", "urgency", "short_question", "category", "state", "age", "editor"]
    list_display_links = ["reference", "short_question"]
    list_filter = [
        WaitingFirstStateFilter,
        "urgent",
        ("category", admin.RelatedOnlyFieldListFilter),
        AgeFilter,
    ]
    list_select_related = ["category__parent__parent", "assigned_to"]
    search_fields = ["reference", "question", "title", "name", "email"]
    search_help_text = (
        "Search by reference, words of the question or title, or the asker's name or e-mail."
    )
    ordering = ["-urgent", "created_at", "id"]
    list_per_page = 50
    actions = ["assign_to_me", "reject_selected"]
    autocomplete_fields = ["duplicate_of"]
    inlines = [TransitionInline]
    readonly_fields = [*QUESTION_FIELDS, "similar_answers", "published_as"]

    def get_fieldsets(self, request, obj=None):
        answer_fields = ["category", "title", "edited_question", "answer"]
        if obj and obj.state == State.IN_REVIEW:
            answer_fields.append("similar_answers")
        fieldsets = [
            (
                "The question",
                {"fields": QUESTION_FIELDS},
            ),
            (
                "The answer",
                {
                    "fields": answer_fields,
                    "description": "Assign the question to yourself, write the answer, then "
                    "mark it answered. Before publishing, remove from the title and question "
                    "anything that could identify the asker.",
                },
            ),
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
        fieldsets.append(("Next step", {"fields": ["note"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj and not obj.is_open:
            return [*self.readonly_fields, "category", "title", "edited_question", "answer"]
        return self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        for name in ("category", "duplicate_of"):
            if name in form.base_fields:
                widget = form.base_fields[name].widget
                widget.can_add_related = widget.can_change_related = False
                widget.can_delete_related = widget.can_view_related = False
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            # Each option names its whole path, e.g. "Muscles and bones › Back / spine".
            kwargs["queryset"] = Category.objects.select_related("parent__parent")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False  # submissions come only from the public form

    # The list

    @admin.display(description="urgent", ordering="-urgent")
    def urgency(self, obj):
        return format_html("<strong>{}</strong>", "URGENT") if obj.urgent else ""

    @admin.display(description="question")
    def short_question(self, obj):
        return Truncator(obj.question).chars(90)

    @admin.display(description="received", ordering="created_at")
    def age(self, obj):
        return f"{timesince(obj.created_at)} ago"

    @admin.display(description="editor", ordering="assigned_to__username")
    def editor(self, obj):
        if obj.assigned_to is None:
            return "–"
        return obj.assigned_to.get_full_name() or obj.assigned_to.get_username()

    @admin.action(description="Assign the selected questions to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        self._each(request, queryset, lambda s: services.assign(submission=s, editor=request.user))

    @admin.action(description="Reject the selected questions (e.g. spam)", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._each(request, queryset, lambda s: services.reject(submission=s, by=request.user))

    def _each(self, request, queryset, move):
        done = 0
        for submission in queryset:
            try:
                move(submission)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{submission}: {_message(error)}", messages.ERROR)
        if done:
            self.message_user(request, f"{done} question(s) updated.", messages.SUCCESS)

    # A submission's page

    @admin.display(description="received")
    def received(self, obj):
        received = timezone.localtime(obj.created_at)
        return f"{received:%d %B %Y, %H:%M} ({timesince(obj.created_at)} ago)"

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
            return f"Erased on {timezone.localtime(obj.personal_data_erased_at):%d %B %Y}"
        return format_html(
            "{}<br>{}",
            obj.name or "No name given",
            obj.email or "No e-mail address given: the asker cannot be told about the answer",
        )

    @admin.display(description="consents")
    def consents(self, obj):
        if obj.consent_to_publish:
            return "May be published in the archive (without personal details)."
        return "Answer privately only: NOT to be published."

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
                '<button type="submit" name="_start_from" value="{}" class="button">'
                "Start from this answer (replaces your draft)</button>"
                "<details><summary>Read its answer</summary>{}</details></li>",
                (
                    (q.get_absolute_url(), q.title, q.pk, linebreaks(q.answer, autoescape=True))
                    for q in similar
                ),
            ),
        )

    @admin.display(description="published as")
    def published_as(self, obj):
        question = obj.published_question
        return format_html('<a href="{}">{}</a>', question.get_absolute_url(), question.title)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        moves = [] if obj is None else services.moves_offered(obj, request.user)
        extra_context = (extra_context or {}) | {"moves": moves}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # Through the services, under the row lock; only the fields the editor changed.
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name != "note"}
        if fields:
            services.save_draft(submission=obj, by=request.user, **fields)

    def response_change(self, request, obj):
        if "_start_from" in request.POST:
            return self._start_from(request, obj, request.POST["_start_from"])
        move = request.POST.get("_transition")
        if move is None:
            return super().response_change(request, obj)
        try:
            services.make_move(move, submission=obj, by=request.user, note=self._note(request))
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, f"Not done: {_message(error)}", messages.ERROR)
        else:
            self.message_user(request, f"{obj}: {obj.get_state_display()}.", messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def _note(self, request):
        return request.POST.get("note", "").strip()  # validated with the Transition it goes in

    def _start_from(self, request, obj, question_id):
        question = (
            Question.objects.published().filter(pk=question_id).first()
            if question_id.isdigit()
            else None
        )
        try:
            if question is None:
                raise ValidationError("That answer cannot be used here.")
            services.start_from_answer(submission=obj, by=request.user, question=question)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, f"Not done: {_message(error)}", messages.ERROR)
        else:
            self.message_user(
                request,
                f"The answer now starts from “{question.title}”. Edit it for this asker.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(request.path)


def _message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not do this."


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """For administrators: which e-mails to askers went, and which are still failing."""

    list_display = ["subject", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
