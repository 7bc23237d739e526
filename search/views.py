"""The search page."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from archive import red_flags
from archive.caching import is_staff, public_page
from archive.models import Category
from config.personal_data import sends_no_referrer
from search.forms import SearchForm
from search.models import SearchGap
from search.results import EXAMPLE_SEARCHES, Results


@sends_no_referrer
@public_page(runs_when_unchanged=True)
@require_safe
def search_results(request):
    """Q&As and factsheets matching the visitor's words; help instead when there are none.
    (Words that look like someone's e-mail address or number are kept by no cache: `public_page`
    sees to that for every page.)"""
    form = SearchForm(request.GET)
    query = form.shown_query()
    response, counted = render_search(request, form, query)
    if counted:
        # Kept by no cache, so that every search counted reaches this view and is counted (a few
        # results are cheap to find again).
        add_never_cache_headers(response)
    return response


def render_search(request, form, query):
    """The search page, and whether the search was counted as one that found little."""
    # Words that describe a red-flag sign get its urgent advice above everything else: all the
    # words typed, as a search too long to run may describe one past its limit.
    signs = red_flags.signs_shown(form.typed_text()[: red_flags.SIGNS_READ_LENGTH])
    context = {"form": form, "query": query, "warning_signs": signs}
    if not form.is_valid():
        return render(request, "search/search.html", context | help_context(), status=400), False
    prepared = form.prepared()
    context["prepared"] = prepared
    if prepared.is_empty:
        return render(request, "search/search.html", context | help_context()), False
    categories = form.categories()
    results = Results(
        prepared,
        categories=categories,
        factsheets=categories is None,
        page=request.GET.get("page"),
    )
    if not results.page_exists:
        # As the archive's lists answer (archive.views): showing another page under this
        # address would make a copy of it. The page says how many there are, and links the first.
        context |= {"no_such_page": results.page.paginator}
        return render(request, "search/search.html", context, status=404), False
    context |= {"results": results, "page": results.page, "narrowed": categories is not None}
    # Editors see which whole searches found little or missed words; a body area or a later
    # page is not one.
    counted = categories is None and request.GET.get("page", "1") in ("", "1")
    counted = counted and not is_staff(request)
    counted = counted and SearchGap.objects.record(
        form.cleaned_data["q"], results.count, missing=prepared.missing
    )
    if not results.count:
        context |= help_context()
    return render(request, "search/search.html", context), counted


def help_context():
    """What a searcher who found nothing is offered: example searches and the tree."""
    return {"examples": EXAMPLE_SEARCHES, "tree": Category.objects.tree()}
