"""Factsheets in Django admin, for editors: sections in page order, review dates, linked Q&As,
suggested links and a preview of unsaved edits."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, When
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from archive import urgent_advice
from archive.admin import (
    OneLineText,
    RefusesStaleSaves,
    TitleBox,
    mark_reviewed_today,
    note_a_review_recorded,
    outdated_claims_box,
)
from archive.forms import RefuseStaleSavesForm
from archive.models import EXPERT_PANEL, Question
from factsheets.models import REVIEW_NOTICE_DAYS, SECTIONS, Factsheet
from factsheets.views import render_factsheet

# The texts Factsheet.outdated_claims reads, under the labels editors see them by.
outdated_claims = outdated_claims_box(("summary", "Summary"), *SECTIONS)


def preview_errors(model_admin, request, form, title):
    """The page that says what to fix in the editing tab before a preview can be shown."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "form": form,
    }
    return TemplateResponse(request, "factsheets/admin/preview_errors.html", context, status=400)


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("due", f"Due in the next {REVIEW_NOTICE_DAYS} days"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "due":
            return queryset.due_for_review()
        return queryset


class SuggestedQuestionsField(forms.ModelMultipleChoiceField):
    # Admin's class for its own lists of choices: without it, each choice's label is 160 px wide,
    # as a field's label is, and a Q&A's title wraps a word or two a line.
    widget = forms.CheckboxSelectMultiple(attrs={"class": "radiolist"})

    def label_from_instance(self, question):
        return format_html(
            '{} ({}) <a href="{}" target="_blank" rel="noopener">read it in a new tab</a>',
            question.title,
            question.category.name,
            question.get_absolute_url(),
        )


class FactsheetForm(RefuseStaleSavesForm):
    link_suggested = SuggestedQuestionsField(
        queryset=Question.objects.none(),
        required=False,
        label="Suggested Q&As",
        help_text="Published Q&As that mention this condition but are not linked yet, best match "
        "first. Tick the ones about this condition to link them when you save.",
    )

    class Meta:
        model = Factsheet
        fields = [
            "condition",
            "title",
            "slug",
            "summary",
            *(name for name, _ in SECTIONS),
            "author",
            "reviewer",
            "last_reviewed",
            "next_review",
            "questions",
            "source",
        ]
        # Titles run to 200 characters: the whole of one in view, wrapping, as a Q&A's.
        field_classes = {"title": OneLineText}
        widgets = {"title": TitleBox}
        # Editors see each section under the heading readers will see.
        labels = dict(SECTIONS) | {"questions": "Linked Q&As"}
        help_texts = {
            "author": "Who wrote the factsheet, as readers should see it: a person's name, or "
            f"“{EXPERT_PANEL}”.",
            "reviewer": "Who last checked it against current evidence: a person's name, or "
            f"“{EXPERT_PANEL}”.",
            "last_reviewed": "When it was last checked against current evidence. Leave empty "
            "if it never was: readers are then told it has not been reviewed.",
            "next_review": "When it must be checked again, usually within a year. After this "
            "date readers see a warning that it is overdue.",
            "questions": "Shown on the factsheet under “Questions others asked”; each Q&A's "
            "page links back here. Type to search the archive.",
            "source": "Where the text came from, e.g. an archived page.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [question.pk for question in self.instance.suggested_questions()]
        field = self.fields["link_suggested"]
        if ids:
            best_first = Case(*(When(pk=pk, then=rank) for rank, pk in enumerate(ids)))
            field.queryset = (
                Question.objects.filter(pk__in=ids).select_related("category").order_by(best_first)
            )
        else:
            field.help_text = "No other published Q&A mentions this condition."

    # The boxes readers see that may describe a warning sign.
    PUBLIC_TEXT = ("title", "summary", *(name for name, _ in SECTIONS))

    def clean(self):
        """Refuse text changed to say a warning sign is nothing to worry about, or not to get
        help for it (archive.urgent_advice.said_against_signs): the page gives the sign's urgent
        advice beside it, and its summary is listed with no advice at all."""
        cleaned = super().clean()
        for field in self.PUBLIC_TEXT:
            changed = field in self.changed_data and field in cleaned
            if changed and (said := urgent_advice.said_against_signs(cleaned[field])):
                self.add_error(field, said)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        note_a_review_recorded(self, "reviewer")


@admin.register(Factsheet)
class FactsheetAdmin(RefusesStaleSaves, admin.ModelAdmin):
    form = FactsheetForm
    change_form_template = "factsheets/admin/change_form.html"
    list_display = [
        "condition",
        "title",
        "review_status",
        "last_reviewed",
        "next_review",
        "linked_questions",
    ]
    list_filter = [ReviewFilter]
    actions = ["mark_reviewed"]
    prepopulated_fields = {"slug": ["condition"]}
    search_fields = ["condition", "title", "summary"]
    autocomplete_fields = ["questions"]
    readonly_fields = [outdated_claims]
    fieldsets = [
        (None, {"fields": ["condition", "title", "slug", "summary"]}),
        (
            "Sections, in the order readers see them",
            {
                "description": "Empty sections are left out of the page. Plain text: start a "
                "line with '- ' for a bulleted list; leave a blank line between paragraphs.",
                "fields": [name for name, _ in SECTIONS],
            },
        ),
        (
            "Authorship and review",
            {
                "description": "A factsheet never reviewed, or past its next review date, "
                "warns readers that it may be out of date. “Mark the selected factsheets as "
                "reviewed today” in the list sets both dates and empties Reviewer.",
                "fields": [outdated_claims, "author", "reviewer", "last_reviewed", "next_review"],
            },
        ),
        ("Q&As about this condition", {"fields": ["questions", "link_suggested"]}),
        ("Source", {"fields": ["source"]}),
    ]

    def get_queryset(self, request):
        # A count keeps no default order: give it back for autocomplete's pages.
        return (
            super()
            .get_queryset(request)
            .annotate(question_count=Count("questions"))
            .order_by(*self.model._meta.ordering)
        )

    def get_readonly_fields(self, request, obj=None):
        """A factsheet's address is kept once made, as a Q&A's is: readers' bookmarks and other
        sites' links to it keep working."""
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "slug"] if obj else fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else super().get_prepopulated_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # nothing to suggest before the factsheet exists
            return [
                (
                    name,
                    {**options, "fields": [f for f in options["fields"] if f != "link_suggested"]},
                )
                for name, options in fieldsets
            ]
        return fieldsets

    @admin.display(description="review")
    def review_status(self, factsheet):
        if factsheet.is_review_overdue():
            return "Overdue"
        if factsheet.is_due_for_review():
            return "Due soon"
        return "Up to date, edited since" if factsheet.edited_since_review else "Up to date"

    @admin.action(
        description="Mark the selected factsheets as reviewed today", permissions=["change"]
    )
    def mark_reviewed(self, request, queryset):
        next_review = Factsheet.next_review_after(timezone.localdate())
        mark_reviewed_today(
            self,
            request,
            queryset,
            fields=["last_reviewed", "reviewed_text_key", "next_review"],
            reviewer="reviewer",
            called="factsheet",
            then=f", next review by {date_format(next_review)}",
        )

    @admin.display(description="linked Q&As", ordering="question_count")
    def linked_questions(self, factsheet):
        return factsheet.question_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.questions.add(*form.cleaned_data.get("link_suggested", []))

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("add/preview/", preview, name="factsheets_factsheet_preview_add"),
            path("<path:object_id>/change/preview/", preview, name="factsheets_factsheet_preview"),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def preview_view(self, request, object_id=None):
        """The public page built from the change form's unsaved values; nothing is saved."""
        factsheet = self.get_object(request, object_id) if object_id else None
        if object_id and factsheet is None:
            raise Http404("No such factsheet.")
        allowed = (
            self.has_change_permission(request, factsheet)
            if factsheet
            else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        form = self.get_form(request, factsheet, change=factsheet is not None)(
            request.POST, instance=factsheet
        )
        form.refuse_stale = False
        if not form.is_valid():
            return preview_errors(self, request, form, "This factsheet cannot be previewed yet")
        chosen = [*form.cleaned_data["questions"], *form.cleaned_data.get("link_suggested", [])]
        questions = (
            Question.objects.filter(pk__in=[q.pk for q in chosen])
            .published()
            .newest_first()
            .select_related("category")
        )
        return render_factsheet(request, form.save(commit=False), questions, preview=True)
