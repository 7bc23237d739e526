"""Search in Django admin, for editors: the synonym list, and the searches that found little or
missed words."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseBase, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from archive.admin import ViewOnly
from search.models import FEW_RESULTS, SearchGap, Synonym, split_terms

# The list's one filter: the searches still waiting (the default), or those dealt with.
SHOWN = "dealt_with"
SHOWN_CHOICES = [("", "Waiting"), ("yes", "Dealt with")]


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["lay_term", "clinical_terms"]
    search_fields = ["lay_term", "clinical_terms"]


@admin.register(SearchGap)
class SearchGapAdmin(ViewOnly, admin.ModelAdmin):
    """What patients looked for and did not find (all of it, or some of their words), most
    searched first: where new answers and synonyms come from. The counts are made by searches,
    never by hand; editors only mark a search dealt with, which a new search of it undoes."""

    per_page = 50
    actions = ["mark_dealt_with"]

    def has_deal_with_permission(self, request):
        """Whoever can deal with a search that found little (add a synonym for its words, or a
        Q&A) may mark it dealt with; seeing the list alone is not enough."""
        return request.user.has_perm("search.add_synonym") or request.user.has_perm(
            "archive.add_question"
        )

    @admin.action(description="Mark the selected searches as dealt with", permissions=["deal_with"])
    def mark_dealt_with(self, request, queryset):
        # `queryset`: every day's rows of the selected searches, as the list sums them.
        count = queryset.mark_dealt_with()
        if not count:
            self.message_user(
                request, "None of the selected searches was still waiting.", messages.WARNING
            )
            return
        self.message_user(
            request,
            f"{count} search{'' if count == 1 else 'es'} marked as dealt with: "
            "searched again, a search comes back to this list.",
            messages.SUCCESS,
        )

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self.take_action(request)
        shown = request.GET.get(SHOWN, "")
        if shown not in dict(SHOWN_CHOICES):
            shown = ""
        gaps = SearchGap.objects.dealt_with() if shown else SearchGap.objects.waiting()
        page = Paginator(gaps.most_frequent(), self.per_page).get_page(request.GET.get("p"))
        search = reverse("search:search")
        add_synonym = reverse("admin:search_synonym_add")
        for row in page:
            row["run_url"] = f"{search}?{urlencode({'q': row['query']})}"
            # A synonym for the words no page mentions, when the others found pages.
            lay_term = " ".join(split_terms(row["missed"])) or row["query"]
            row["synonym_for"] = lay_term
            row["synonym_url"] = f"{add_synonym}?{urlencode({'lay_term': lay_term})}"
        actions = self.get_action_choices(request, default_choices=[]) if not shown else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Searches that found little",
            "page": page,
            "shown": shown,
            "filters": [
                (label, f"?{urlencode({SHOWN: value})}" if value else "?", value == shown)
                for value, label in SHOWN_CHOICES
            ],
            "page_query": urlencode({SHOWN: shown}) + "&" if shown else "",
            "actions": actions,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "few_results": FEW_RESULTS,
            "keep_days": settings.SEARCH_GAPS_KEEP_DAYS,
            "can_add_synonym": request.user.has_perm("search.add_synonym"),
        }
        return TemplateResponse(request, "admin/search/searchgap/change_list.html", context)

    def take_action(self, request):
        """Run the action chosen on the searches ticked (each a normalised query, standing for
        all its days' rows), as Django's own list does, then back to the list."""
        actions = self.get_actions(request)
        action = request.POST.get("action", "")
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if action not in actions:
            self.message_user(request, "No action selected.", messages.WARNING)
        elif not selected:
            self.message_user(
                request, "Tick the searches to act on. Nothing was changed.", messages.WARNING
            )
        else:
            func = actions[action][0]
            response = func(self, request, SearchGap.objects.filter(query__in=selected))
            if isinstance(response, HttpResponseBase):
                return response
        return HttpResponseRedirect(request.get_full_path())
