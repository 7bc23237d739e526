"""Pages for browsing the archive: the tree, a category, a Q&A."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render

from archive import red_flags
from archive.caching import public_page
from archive.filters import QuestionFilter
from archive.models import Category, Question, RetiredSlug
from config.personal_data import sends_no_referrer

QUESTIONS_PER_PAGE = 10


@public_page
def home(request):
    return render(
        request,
        "archive/home.html",
        {
            "tree": Category.objects.tree(),
            # A list: the heading reads the first one's date, which a queryset would fetch again.
            "newest": list(Question.objects.published().newest_first().listed()[:5]),
        },
    )


@sends_no_referrer
@public_page
def category_detail(request, slug):
    """A body area's Q&As, a page at a time, counted from the remembered totals unless title
    words narrow them: a category of 100,000 is not counted again on every view. Title words
    that describe a red-flag sign get its urgent advice, as a search's do."""
    try:
        category = Category.objects.node(slug)
    except Category.DoesNotExist:
        raise Http404("No such body area.") from None
    questions = Question.objects.published().in_category(category).newest_first()
    question_filter = QuestionFilter(request.GET, queryset=questions.listed())
    paginator = Paginator(question_filter.qs, QUESTIONS_PER_PAGE)
    if not question_filter.narrows:
        paginator.count = category.total
    signs = red_flags.signs_shown(request.GET.get("words", "")[: red_flags.SIGNS_READ_LENGTH])
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        # Not a page of this list (?page=0, ?page=abc, or past the last): showing another page
        # under its address would make a copy of that page. Title words describing a sign still
        # get its advice.
        if signs:
            return render(request, "404.html", {"warning_signs": signs}, status=404)
        raise Http404("No such page of this body area.") from None
    return render(
        request,
        "archive/category.html",
        {
            "canonical_url": list_address(request, page, question_filter.is_usual_view),
            "category": category,
            "subcategories": category.children,
            "filter": question_filter,
            "page": page,
            "warning_signs": signs,
        },
    )


def list_address(request, page, usual_view):
    """The canonical address of a page of a list: page 2 on of its usual view are pages of their
    own to search engines, not copies of the first. A page narrowed by title words or sorted
    otherwise is a view of the list, whose address is its first page's (its page 2 is not the
    usual page 2)."""
    address = request.build_absolute_uri(request.path)
    return address if page.number == 1 or not usual_view else f"{address}?page={page.number}"


# What a Q&A page reads of its Q&A, built once (as a class-based view's `queryset` is): its
# annotations cost more to build on every visit than the query costs to run. Each visit takes a
# copy narrowed to what is published at that moment. Its body area comes from the remembered tree.
QUESTION_PAGE = Question.objects.defer("search_vector").with_list_flags()


@public_page
def question_detail(request, slug):
    """A Q&A's page; at the address of a deleted one, a page that says it was removed (410)."""
    question = QUESTION_PAGE.published().filter(slug=slug).first()
    if question is None:
        if RetiredSlug.objects.filter(slug=slug).exists():
            return render(request, "archive/removed.html", status=410)
        raise Http404("No such Q&A.")
    question.category = Category.objects.node(pk=question.category_id)
    return render_question(
        request,
        question,
        factsheets=question.factsheets.only("condition", "slug", "summary")
        if question.has_factsheets
        else [],
        linked=question.linked_questions.published().listed() if question.has_linked else [],
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
            # The body areas above it, from the remembered tree: no query per level.
            "trail": question.category.as_node().ancestry(),
            "factsheets": factsheets,
            "linked": linked,
            "preview": preview,
            "structured_data": structured_data,
        },
    )
