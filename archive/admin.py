"""The archive in Django admin, for editors."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join

from archive.forms import RefuseStaleSavesForm
from archive.models import Category, Question


@admin.display(description="Claims current evidence does not support")
def outdated_claims(page):
    """What readers of a Q&A or factsheet are told, above it, about its claims that current
    evidence or guidance does not support (archive.outdated_claims): editing them out removes
    the note."""
    claims = page.outdated_claims if page else []
    if not claims:
        return "None found: readers see no such note."
    return format_html_join("", "<p>Readers are told: “{}”</p>", ((c.now,) for c in claims))


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


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
    actions = ["mark_for_review", "mark_reviewed"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = [
        "original_title",
        "created_at",
        "updated_at",
        outdated_claims,
        "factsheets_linking_here",
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # The whole title in view, not admin's narrow 20em box (admin.css): editors correct its
        # spelling here.
        if "title" in form.base_fields:
            form.base_fields["title"].widget.attrs["class"] = "vTextField title-box"
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

    @admin.display(description="category", ordering="category__name")
    def category_name(self, question):
        return question.category.name

    @admin.display(description="review")
    def review(self, question):
        if question.is_due_for_review():
            return "Due"
        if question.last_reviewed:
            return f"Reviewed {question.last_reviewed:%d %b %Y}"
        return "Never reviewed"

    @admin.action(description="Mark the selected Q&As for review", permissions=["change"])
    def mark_for_review(self, request, queryset):
        count = queryset.update(marked_for_review=True, updated_at=timezone.now())
        self.message_user(
            request,
            f"{count} Q&A(s) marked for review: readers see a note until you review them.",
            messages.SUCCESS,
        )

    @admin.action(description="Mark the selected Q&As as reviewed today", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        questions = list(queryset)
        for question in questions:
            question.mark_reviewed()
            # Readers see "Reviewed <today> by <reviewed_by>": whoever checked it before did not
            # check it today, and the action does not know who did.
            question.reviewed_by = ""
            question.updated_at = timezone.now()
        Question.objects.bulk_update(
            questions,
            ["last_reviewed", "reviewed_by", "marked_for_review", "review_by", "updated_at"],
        )
        self.message_user(
            request,
            f"{len(questions)} Q&A(s) marked as reviewed today. To name who reviewed one, fill "
            "in “Reviewed by” on its page.",
            messages.SUCCESS,
        )
