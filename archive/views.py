"""Pages for browsing the archive: the tree, a category, a Q&A."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from archive.filters import QuestionFilter
from archive.models import EXPERT_PANEL, Category, Question

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
    return render_question(
        request,
        question,
        factsheets=question.factsheets.all(),
        linked=question.linked_questions.published().select_related("category"),
    )


def render_question(request, question, *, factsheets, linked, preview=False):
    """The Q&A page; admin's preview renders an answer not yet published through it too (with no
    address yet, so without structured data)."""
    structured_data = None
    if not preview:
        structured_data = question.structured_data(
            request.build_absolute_uri(question.get_absolute_url())
        )
    return render(
        request,
        "archive/question.html",
        {
            "question": question,
            "factsheets": factsheets,
            "linked": linked,
            "preview": preview,
            "expert_panel": EXPERT_PANEL,
            "structured_data": structured_data,
        },
    )
