"""Pages for browsing and searching the archive: the tree, a category, a Q&A, search."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from archive import search
from archive.caching import public_page
from archive.filters import QuestionFilter, SearchFilter
from archive.forms import SearchForm
from archive.models import Category, Question
from factsheets.models import Factsheet

QUESTIONS_PER_PAGE = 10


@public_page
def home(request):
    return render(
        request,
        "archive/home.html",
        {
            "tree": Category.objects.tree(),
            "newest": Question.objects.published().newest_first().select_related("category")[:5],
        },
    )


@public_page
def category_detail(request, slug):
    """A body area's Q&As, a page at a time, counted from the remembered totals unless title
    words narrow them: a category of 100,000 is not counted again on every view."""
    try:
        category = Category.objects.node(slug)
    except Category.DoesNotExist:
        raise Http404("No such body area.") from None
    questions = Question.objects.published().in_category(category).newest_first()
    question_filter = QuestionFilter(request.GET, queryset=questions.select_related("category"))
    paginator = Paginator(question_filter.qs, QUESTIONS_PER_PAGE)
    if not question_filter.narrows:
        paginator.count = category.total
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "archive/category.html",
        {
            "category": category,
            "subcategories": category.children,
            "filter": question_filter,
            "page": page,
        },
    )


@public_page
def question_detail(request, slug):
    question = get_object_or_404(Question.objects.published().select_related("category"), slug=slug)
    trail = Category.objects.node(question.category.slug).ancestry()
    return render(request, "archive/question.html", {"question": question, "trail": trail})


@public_page
@require_safe
def search_results(request):
    """Q&As and factsheets matching the visitor's words; help instead when there are none."""
    form = SearchForm(request.GET)
    question_filter = SearchFilter(request.GET, queryset=Question.objects.published())
    context = {"form": form, "filter": question_filter, "query": form.shown_query()}
    if not form.is_valid():
        return render(request, "archive/search.html", context | help_context(), status=400)
    prepared = form.prepared()
    context["prepared"] = prepared
    if prepared.is_empty:
        return render(request, "archive/search.html", context | help_context())
    results = search.Results(
        prepared,
        questions=question_filter.qs,
        factsheets=None if question_filter.narrows else Factsheet.objects.all(),
        page=request.GET.get("page"),
    )
    context |= {"results": results, "page": results.page}
    if not results.count:
        context |= help_context()
    return render(request, "archive/search.html", context)


def help_context():
    """What a searcher who found nothing is offered: example searches and the tree."""
    return {"examples": search.EXAMPLE_SEARCHES, "tree": Category.objects.tree()}
