"""Pages for browsing and searching the archive: the tree, a category, a Q&A, search."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from archive import search
from archive.filters import QuestionFilter, SearchFilter
from archive.forms import SearchForm
from archive.models import EXPERT_PANEL, Category, Question
from factsheets.models import Factsheet

QUESTIONS_PER_PAGE = 10


def home(request):
    return render(
        request,
        "archive/home.html",
        {
            "tree": Category.objects.tree(),
            "newest": Question.objects.published().newest_first().select_related("category")[:5],
        },
    )


def category_detail(request, slug):
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    questions = Question.objects.published().in_category(category).newest_first()
    question_filter = QuestionFilter(request.GET, queryset=questions.select_related("category"))
    page = Paginator(question_filter.qs, QUESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "archive/category.html",
        {
            "category": category,
            "subcategories": Category.objects.subtree(category).children,
            "filter": question_filter,
            "page": page,
        },
    )


def question_detail(request, slug):
    question = get_object_or_404(
        Question.objects.published().select_related("category__parent"), slug=slug
    )
    url = request.build_absolute_uri(question.get_absolute_url())
    return render(
        request,
        "archive/question.html",
        {
            "question": question,
            "expert_panel": EXPERT_PANEL,
            "structured_data": question.structured_data(url),
        },
    )


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
