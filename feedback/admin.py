"""Readers' answers to “Was this helpful?” in admin: the least helpful pages first."""

from django.contrib import admin, messages
from django.utils.html import format_html

from feedback.models import LEAST_HELPFUL_FIRST, UNHELPFUL_SHARE, DailyFeedback, FeedbackPage


class DailyFeedbackInline(admin.TabularInline):
    model = DailyFeedback
    fields = ["day", "helpful", "not_helpful"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class VerdictFilter(admin.SimpleListFilter):
    title = "readers’ verdict"
    parameter_name = "verdict"

    def lookups(self, request, model_admin):
        return [("unhelpful", f"Surely unhelpful to {UNHELPFUL_SHARE:.0%} of readers or more")]

    def queryset(self, request, queryset):
        if self.value() == "unhelpful":
            return queryset.unhelpful()  # the list's own totals, not a second pass over all
        return queryset


@admin.register(FeedbackPage)
class FeedbackPageAdmin(admin.ModelAdmin):
    # The path opens the day-by-day counts; the public page has its own column, as a link
    # inside admin's link to the change page would split it.
    list_display = [
        "path",
        "open_page",
        "votes",
        "helpful",
        "not_helpful",
        "not_helpful_share",
        "counted_from",
    ]
    list_filter = [VerdictFilter]
    search_fields = ["path"]
    fields = ["path", "counted_from"]
    readonly_fields = fields
    actions = ["count_afresh"]
    inlines = [DailyFeedbackInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals().with_removed().with_shown()

    def view_on_site(self, obj):
        """The page's "View on site" link: only to a page readers can open now (see open_page)."""
        return obj.path if obj.shown else None

    def get_ordering(self, request):
        return LEAST_HELPFUL_FIRST

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_count_afresh_permission(self, request):
        """Whoever can change the pages (Q&As or factsheets) may say that one was changed."""
        return request.user.has_perm("archive.change_question") or request.user.has_perm(
            "factsheets.change_factsheet"
        )

    @admin.action(
        description="Count votes afresh from today (the page was changed)",
        permissions=["count_afresh"],
    )
    def count_afresh(self, request, queryset):
        count = queryset.count_afresh()
        self.message_user(
            request,
            f"Votes on {count} page{'' if count == 1 else 's'} counted from today; "
            "the days before stay listed on each page.",
            messages.SUCCESS,
        )

    @admin.display(description="Open page")
    def open_page(self, obj):
        """A link to the page, only where readers can open it now: a deleted Q&A's address says
        only that the answer was removed, and any other's is not found (a factsheet since
        deleted, a Q&A set back to draft or published for later). A page that is no more is
        said to be removed; one an editor can still change, not public now."""
        if obj.shown:
            return format_html(
                '<a href="{}">Open page<span class="visually-hidden"> {}</span></a>',
                obj.path,
                obj.path,
            )
        return obj.removed_in_words if obj.removed else "Not public now"

    @admin.display(description="Votes", ordering="votes")
    def votes(self, obj):
        return obj.votes

    @admin.display(description="Helpful", ordering="helpful")
    def helpful(self, obj):
        return obj.helpful

    @admin.display(description="Not helpful", ordering="not_helpful")
    def not_helpful(self, obj):
        return obj.not_helpful

    @admin.display(description="Share not helpful", ordering="not_helpful_share")
    def not_helpful_share(self, obj):
        return "—" if obj.not_helpful_share is None else f"{obj.not_helpful_share:.0%}"
