"""Ranking a prepared search over the published Q&As and the factsheets: a page of hits with
highlighted snippets and how many there are. The one ranking path of the site: the search page,
the ask form's similar questions and the tests all go through `Results`."""

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Case, ExpressionWrapper, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.models import Question
from factsheets.models import SECTIONS
from search.query import prepare, reading_connection

RESULTS_PER_PAGE = 10
# A query that may match more Q&As than this is first looked for in smaller vectors, narrowest
# first (`Results`): the title alone, then the title and question, then all the text.
FOCUS_FROM = 500
VECTORS = ["title_vector", "title_question_vector", "search_vector"]
# What the page says a focused search looked in.
LOOKED_IN = {"title_vector": "title", "title_question_vector": "title or question"}
# Past this many hits the page says "more than 1,000", and pages stop at 100.
MAX_COUNTED = 1000
# Searches offered when a query finds nothing or has no words to look for.
EXAMPLE_SEARCHES = [
    "sciatica",
    "pain after acupuncture",
    "spinal stenosis",
    "dizzy after treatment",
    "slipped disc",
    "pins and needles",
]
KINDS = ["question", "factsheet"]
# Start and stop marks for highlighted words: characters no text holds, so that the snippet can
# be escaped first and the marks then turned into <mark> tags.
MARK_START, MARK_STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = (
    f"StartSel='{MARK_START}', StopSel='{MARK_STOP}', MaxWords=30, MinWords=12, MaxFragments=2, "
    "FragmentDelimiter=' … '"
)


def similar_questions(text, *, limit=5):
    """Published Q&As sharing words with a longer text (a new question), best match first, as
    whole Q&As with their categories. Quotes and minus signs are plain text here."""
    prepared = prepare(text, syntax=False)
    if prepared.is_empty:
        return []
    ranked = Results(prepared, questions=Question.objects.published()).page.object_list
    ids = [hit.object.pk for hit in ranked[:limit]]
    if not ids:
        return []
    best_first = Case(*(When(pk=pk, then=rank) for rank, pk in enumerate(ids)))
    return list(Question.objects.filter(pk__in=ids).select_related("category").order_by(best_first))


def page_number(text):
    """The page number asked for: 1 unless it is a whole number, capped where pages stop."""
    try:
        number = int(text)
    except (TypeError, ValueError):
        return 1
    last = MAX_COUNTED // RESULTS_PER_PAGE
    return last if number < 1 else min(number, last)


def pages(count):
    """A Paginator for `count` hits (shown up to MAX_COUNTED): only its numbers are used, the
    rows of a page come from the query that ranks."""
    return Paginator(range(min(count, MAX_COUNTED)), RESULTS_PER_PAGE)


class Hit:
    """One search result: a Q&A or a factsheet, with its highlighted snippet."""

    def __init__(self, obj, snippet):
        self.object = obj
        self.snippet = snippet
        self.is_factsheet = obj._meta.model_name == "factsheet"

    @property
    def label(self):
        return "Factsheet" if self.is_factsheet else self.object.category.name


def highlighted(text):
    """Escape a ts_headline result, then turn its marks into <mark> tags."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped on the line above


# A page of ranked hits and, from the same query, how many there are in all.
RANKED_PAGE_SQL = """
SELECT pk, kind, count(*) OVER () AS total FROM ({hits}) AS hit
ORDER BY all_words DESC, rank DESC, kind, pk DESC
LIMIT %s OFFSET %s
"""


class Results:
    """A page of the Q&As (and, unless `factsheets` is None, factsheets) matching a prepared
    search, best first, and how many there are.

    All the concepts must match; when fewer than a page of hits do, pages matching some of the
    concepts follow those that match all of them.

    Ranking reads every candidate's search vector, so its cost grows with the number of
    candidates and the size of their vectors. When the lexicon says a query may match more than
    FOCUS_FROM Q&As, candidates are looked for in small vectors first (VECTORS: titles, then
    titles and questions), and the first with a page of hits is used to find and rank them;
    only when none has are all Q&As candidates. Each try is one query that ranks and counts,
    and a try that fails had fewer than a page of candidates, so it was cheap.
    """

    def __init__(self, prepared, *, questions, factsheets=None, page=1):
        self.prepared = prepared
        self.questions = questions
        self.factsheets = factsheets
        number = page_number(page)
        for place in self._places():
            self.all_words, self.broad, self.vector = place
            shown, rows = self._rows(number)
            self.count = rows[0][2] if rows else 0
            if self.count >= RESULTS_PER_PAGE:
                break
        self.page = Page(self.hits(rows), shown, pages(self.count))

    def _places(self):
        """(all words?, broad?, vector) to look in, in order: all the concepts, then any of
        them if there are several; for a broad query, the narrowest vector first."""
        for all_words in [True, False][: 1 + self.prepared.has_several_concepts]:
            broad = self.prepared.most_matches(any_words=not all_words) > FOCUS_FROM
            for vector in VECTORS if broad else VECTORS[-1:]:
                yield all_words, broad, vector

    @property
    def looked_in(self):
        """Where a focused search found its Q&As ("title", "title or question"), else None."""
        return LOOKED_IN.get(self.vector)

    @property
    def more_than_counted(self):
        return self.count > MAX_COUNTED

    def _candidates(self):
        """(queryset, kind, vector found in, vector ranked in) for each source.

        Q&As are ranked in the vector they were found in, but for a broad query found only in
        their whole text: reading each candidate's whole search vector (stored out of line)
        would cost more than the rest of the page, so those are ranked by title and question
        (and then newest first).
        """
        tsquery = self.prepared.tsquery(any_words=not self.all_words)
        whole_text = self.broad and self.vector == "search_vector"
        sources = [
            (self.questions, "question", self.vector, VECTORS[1] if whole_text else self.vector),
            (self.factsheets, "factsheet", "search_vector", "search_vector"),
        ]
        return [
            (qs.filter(**{found_in: tsquery}), kind, found_in, ranked_in)
            for qs, kind, found_in, ranked_in in sources
            if qs is not None
        ]

    def _rows(self, number):
        """(page number, rows): page `number`, or the last page if it is past the end."""
        rows = self._ranked_rows(number)
        if rows or number == 1:
            return number, rows
        first = self._ranked_rows(1)
        if not first:
            return 1, first
        last = pages(first[0][2]).num_pages
        return last, self._ranked_rows(last)

    def _ranked_rows(self, number):
        """Page `number` of the hits as (pk, kind, how many hits in all) rows, best first."""
        parts = [
            qs.order_by().values(
                "pk",
                rank=self.prepared.rank(qs.model, ranked_in),
                kind=Value(kind),
                all_words=self._all(found_in),
            )
            for qs, kind, found_in, ranked_in in self._candidates()
        ]
        union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        hits, params = union.query.sql_with_params()
        offset = (number - 1) * RESULTS_PER_PAGE
        with reading_connection().cursor() as cursor:
            cursor.execute(RANKED_PAGE_SQL.format(hits=hits), [*params, RESULTS_PER_PAGE, offset])
            return cursor.fetchall()

    def _all(self, vector):
        """Whether a candidate holds all the concepts (always so unless any will do)."""
        if self.all_words:
            return Value(True)
        return ExpressionWrapper(Q(**{vector: self.prepared.tsquery()}), BooleanField())

    def hits(self, rows):
        wanted = {kind: [pk for pk, of_kind, _ in rows if of_kind == kind] for kind in KINDS}
        found = {}
        if wanted["question"]:
            for question in (
                self.questions.model.objects.filter(pk__in=wanted["question"])
                .order_by()
                .select_related("category")
                .only("title", "slug", "category__name", "category__slug")
                .annotate(snippet=self._question_snippet())
            ):
                found["question", question.pk] = Hit(question, highlighted(question.snippet))
        if wanted["factsheet"]:
            for factsheet in (
                self.factsheets.model.objects.filter(pk__in=wanted["factsheet"])
                .order_by()
                .only("title", "slug")
                .annotate(snippet=self._snippet("summary", *(name for name, _ in SECTIONS)))
            ):
                found["factsheet", factsheet.pk] = Hit(factsheet, highlighted(factsheet.snippet))
        return [found[kind, pk] for pk, kind, _ in rows]

    def _question_snippet(self):
        """The question's matching words when it has any: parsing the whole answer too would
        cost more than anything else on the page. Otherwise the answer's."""
        question, answer = self._snippet("question"), self._snippet("answer")
        sql = (
            f"CASE WHEN title_question_vector @@ %s::tsquery THEN {question.sql} "
            f"ELSE {answer.sql} END"
        )
        params = [self.prepared.highlight_query(weight="B"), *question.params, *answer.params]
        return RawSQL(sql, params, TextField())  # noqa: S611 - values are parameters

    def _snippet(self, *columns):
        """The columns' text (joined by line breaks) around the query's words, which are
        marked. Raw SQL: it is built for every search, and compiles faster than expressions."""
        quoted = [f'"{column}"' for column in columns]
        text = f"concat_ws(chr(10), {', '.join(quoted)})" if len(quoted) > 1 else quoted[0]
        sql = f"ts_headline('english', {text}, %s::tsquery, %s)"
        params = [self.prepared.highlight_query(), HEADLINE_OPTIONS]
        return RawSQL(sql, params, TextField())  # noqa: S611 - values are parameters
