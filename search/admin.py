"""Search in Django admin, for editors: the synonym list, and the searches that found little or
missed words."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse

from search.models import FEW_RESULTS, SearchGap, Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["lay_term", "clinical_terms"]
    search_fields = ["lay_term", "clinical_terms"]


@admin.register(SearchGap)
class SearchGapAdmin(admin.ModelAdmin):
    """What patients looked for and did not find (all of it, or some of their words), most
    searched first: where new answers and synonyms come from. The counts are made by searches,
    never by hand."""

    per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        page = Paginator(SearchGap.objects.most_frequent(), self.per_page).get_page(
            request.GET.get("p")
        )
        search = reverse("search:search")
        add_synonym = reverse("admin:search_synonym_add")
        for row in page:
            row["run_url"] = f"{search}?{urlencode({'q': row['query']})}"
            # A synonym for the word no page mentions, when the others found pages.
            missing = row["missed"]
            lay_term = missing if missing and "," not in missing else row["query"]
            row["synonym_for"] = lay_term
            row["synonym_url"] = f"{add_synonym}?{urlencode({'lay_term': lay_term})}"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Searches that found little",
            "page": page,
            "few_results": FEW_RESULTS,
            "keep_days": settings.SEARCH_GAPS_KEEP_DAYS,
            "can_add_synonym": request.user.has_perm("search.add_synonym"),
        }
        return TemplateResponse(request, "admin/search/searchgap/change_list.html", context)
