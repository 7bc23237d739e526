"""The archive in Django admin, for editors."""

from django.contrib import admin
from django.db import transaction

from archive.lexicon import refresh_lexicon
from archive.models import Category, Question


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "published_at"]
    list_filter = ["status", "category", "question_preserved"]
    list_select_related = ["category"]
    search_fields = ["title", "question", "answer"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category"]}),
        ("Question and answer", {"fields": ["question", "question_preserved", "answer"]}),
        (
            "Publishing",
            {"fields": ["status", "published_at", "source", "created_at", "updated_at"]},
        ),
    ]

    # Saving or deleting changes the words search knows (typo correction, word weights).
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(refresh_lexicon, robust=True)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(refresh_lexicon, robust=True)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(refresh_lexicon, robust=True)
