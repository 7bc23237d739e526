"""Readers' answers to “Was this helpful?” in admin: the least helpful pages first."""

from django.contrib import admin
from django.utils.html import format_html

from feedback.models import LEAST_HELPFUL_FIRST, DailyFeedback, FeedbackPage


class DailyFeedbackInline(admin.TabularInline):
    model = DailyFeedback
    fields = ["day", "helpful", "not_helpful"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FeedbackPage)
class FeedbackPageAdmin(admin.ModelAdmin):
    list_display = ["page", "helpful", "not_helpful", "not_helpful_share"]
    search_fields = ["path"]
    fields = ["path"]
    readonly_fields = ["path"]
    inlines = [DailyFeedbackInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    def get_ordering(self, request):
        return LEAST_HELPFUL_FIRST

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Page", ordering="path")
    def page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.path, obj.path)

    @admin.display(description="Helpful", ordering="helpful")
    def helpful(self, obj):
        return obj.helpful

    @admin.display(description="Not helpful", ordering="not_helpful")
    def not_helpful(self, obj):
        return obj.not_helpful

    @admin.display(description="Share not helpful", ordering="not_helpful_share")
    def not_helpful_share(self, obj):
        return "—" if obj.not_helpful_share is None else f"{obj.not_helpful_share:.0%}"
