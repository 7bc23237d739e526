"""Factsheets in Django admin, for editors."""

from django.contrib import admin

from factsheets.models import Factsheet


@admin.register(Factsheet)
class FactsheetAdmin(admin.ModelAdmin):
    list_display = ["condition", "title"]
    prepopulated_fields = {"slug": ["condition"]}
    search_fields = ["condition", "title", "summary"]
