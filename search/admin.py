"""The synonym list in Django admin, for editors."""

from django.contrib import admin

from search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["lay_term", "clinical_terms"]
    search_fields = ["lay_term", "clinical_terms"]
