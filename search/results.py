"""Ranking a prepared search over the published Q&As and the factsheets: a page of hits with
highlighted snippets and how many there are. The one ranking path of the site: the search page,
the ask form's similar questions and the tests all go through `ranked`.

The ranking itself is `search_top()` in PostgreSQL (migration search/0002): exact BM25F over
each page's whole text, from impact-ordered posting lists with a threshold algorithm.
"""

import re

from django.core.paginator import Page, Paginator
from django.db.models import Case, TextField, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.models import Question
from factsheets.models import SECTIONS, Factsheet
from search.query import prepare, reading_connection

RESULTS_PER_PAGE = 10
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
# Start and stop marks for highlighted words: characters no text holds, so that the snippet can
# be escaped first and the marks then turned into <mark> tags.
MARK_START, MARK_STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = f"HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_STOP}"
# A snippet's sentences are cut to about this many words each.
SNIPPET_WORDS = 30
FRAGMENT_DELIMITER = " … "
# Where a phrase ends inside a sentence: a snippet that cannot start at its sentence's start
# starts after one of these.
PHRASE_END = re.compile(r"[,;:)]$|^[–—-]$")

# search_top is a set-returning PL/pgSQL function: Django has no expression for calling one.
TOP_SQL = """
SELECT question_id, factsheet_id, score, total
FROM search_top(%s::text[], %s::int[], %s::int[], %s, %s::bigint[], %s, %s::tsquery, %s)
"""


def ranked(prepared, *, k, categories=None, questions_only=False, count_up_to=0):
    """The `k` best pages for a prepared search, best first, as (question id, factsheet id,
    score) rows, and how many pages match, counted up to `count_up_to` + 1 (0: not counted).
    With `categories` (ids), only Q&As filed in them; with `questions_only`, no factsheets."""
    if prepared.is_empty:
        return [], 0
    lexemes, concepts, alternatives = prepared.terms()
    arguments = [lexemes, concepts, alternatives, k, categories, questions_only, prepared.must()]
    with reading_connection().cursor() as cursor:
        cursor.execute(TOP_SQL, [*arguments, count_up_to])
        rows = cursor.fetchall()
    return [row[:3] for row in rows], (rows[0][3] or 0) if rows else 0


def in_order(queryset, ids):
    """The rows of `queryset` with these ids, in the ids' order."""
    if not ids:
        return []
    order = Case(*(When(pk=pk, then=n) for n, pk in enumerate(ids)))
    return list(queryset.filter(pk__in=ids).order_by(order))


def similar_questions(text, *, limit=5):
    """Published Q&As sharing words with a longer text (a new question), best match first, as
    whole Q&As with their categories. Quotes and minus signs are plain text here."""
    rows, _ = ranked(prepare(text, syntax=False), k=limit, questions_only=True)
    ids = [question_id for question_id, _, _ in rows]
    return in_order(Question.objects.select_related("category"), ids)


# A Q&A's most distinctive words: those of its title and question (weights A and B of its
# vector) in the fewest other pages. Its similar Q&As are ranked by those words, each a concept
# of its own (summed, as in a search), by search_top: Django has no expression for calling it.
SIMILAR_TO_QUESTION_SQL = """
WITH distinctive AS (
    SELECT u.lexeme, row_number() OVER (ORDER BY t.documents, u.lexeme) - 1 AS n
    FROM archive_question AS q, unnest(q.search_vector) AS u
    JOIN search_term AS t ON t.lexeme = u.lexeme
    WHERE q.id = %(id)s AND u.weights && '{A,B}'::text[] AND t.documents > 1
    ORDER BY t.documents, u.lexeme LIMIT %(words)s
), query AS (
    SELECT array_agg(lexeme ORDER BY n) AS lexemes, array_agg(0) AS concepts,
           array_agg(n::int ORDER BY n) AS alternatives
    FROM distinctive
)
SELECT top.question_id FROM query,
    search_top(query.lexemes, query.concepts, query.alternatives, %(k)s, NULL, true) AS top
WHERE top.question_id <> %(id)s
"""
DISTINCTIVE_WORDS = 4


def similar_to_question(question, *, limit=5):
    """Other published Q&As most like `question` by text (whatever their body area), best
    first: ranked by the few words of its title and question that the fewest pages hold."""
    with reading_connection().cursor() as cursor:
        cursor.execute(
            SIMILAR_TO_QUESTION_SQL,
            {"id": question.pk, "words": DISTINCTIVE_WORDS, "k": limit + 1},
        )
        ids = [question_id for (question_id,) in cursor.fetchall()][:limit]
    # A list shows titles and dates: the long texts and the vector stay in the database.
    listed = Question.objects.published().select_related("category")
    return in_order(listed.defer("question", "answer", "search_vector"), ids)


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
    rows of a page come from the ranking."""
    return Paginator(range(min(count, MAX_COUNTED)), RESULTS_PER_PAGE)


class Hit:
    """One search result: a Q&A or a factsheet, with its score and highlighted snippet."""

    def __init__(self, obj, score):
        self.object = obj
        self.score = score
        self.is_factsheet = isinstance(obj, Factsheet)
        self.snippet = highlighted(obj.snippet or "")

    @property
    def label(self):
        return "Factsheet" if self.is_factsheet else self.object.category.name


def highlighted(text):
    """Escape a snippet, cut its sentences short, and turn its marks into <mark> tags."""
    fragments = [trimmed(fragment) for fragment in text.split(FRAGMENT_DELIMITER)]
    html = escape(FRAGMENT_DELIMITER.join(fragments))
    html = html.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped on the line above


def trimmed(sentence):
    """A sentence cut to about SNIPPET_WORDS words, kept from its start when its first marked
    word is near enough, else from the end of the phrase before that word."""
    words = sentence.split()
    if len(words) <= SNIPPET_WORDS:
        return sentence
    first_mark = next((n for n, word in enumerate(words) if MARK_START in word), 0)
    start = 0
    if first_mark >= SNIPPET_WORDS * 2 // 3:
        ends = [n + 1 for n, word in enumerate(words[:first_mark]) if PHRASE_END.search(word)]
        start = ends[-1] if ends else 0
    kept = words[start : start + SNIPPET_WORDS]
    if MARK_START not in " ".join(kept):
        kept = words[start : first_mark + 1]
    return " ".join(kept).rstrip(",;:") + ("…" if start + len(kept) < len(words) else "")


def snippet(*sources, highlight_query, fallback):
    """The sentences of the first source (columns joined by line breaks) that holds the query's
    words, marked; or the first sentence of `fallback` when none does (the words were in the
    title alone). Raw SQL: search_snippet is a function of the search migration."""
    parts = []
    for columns in sources:
        quoted = ", ".join(f'"{column}"' for column in columns)
        text = f"concat_ws(chr(10), {quoted})" if len(columns) > 1 else quoted
        parts.append(f"search_snippet({text}, %s::tsquery, %s)")
    sql = f"coalesce({', '.join(parts)}, substring({fallback} from '^[^.!?]*[.!?]?'))"
    params = [highlight_query, HEADLINE_OPTIONS] * len(sources)
    return RawSQL(sql, params, TextField())  # noqa: S611 - values are parameters


class Results:
    """Page `page` of the published Q&As (in `categories`, when given) and factsheets (unless
    `factsheets` is False) matching a prepared search, best first, and how many there are."""

    def __init__(self, prepared, *, categories=None, factsheets=True, page=1):
        self.prepared = prepared
        number = page_number(page)
        rows, self.count = ranked(
            prepared,
            k=number * RESULTS_PER_PAGE,
            categories=categories,
            questions_only=not factsheets,
            count_up_to=MAX_COUNTED,
        )
        paginator = pages(self.count)
        # Past the end: the last page, whose rows were ranked too.
        number = min(number, paginator.num_pages)
        shown = rows[(number - 1) * RESULTS_PER_PAGE : number * RESULTS_PER_PAGE]
        self.page = Page(self.hits(shown), number, paginator)

    @property
    def more_than_counted(self):
        return self.count > MAX_COUNTED

    def hits(self, rows):
        """The rows' Q&As and factsheets with their snippets: one query for each kind."""
        words = self.prepared.highlight_query()
        questions = in_order(
            Question.objects.select_related("category")
            .only("title", "slug", "category__name", "category__slug")
            .annotate(
                snippet=snippet(
                    ("question",),
                    ("answer",),
                    highlight_query=words,
                    fallback="""coalesce(nullif("question", ''), "answer")""",
                )
            ),
            [question_id for question_id, _, _ in rows if question_id],
        )
        factsheets = in_order(
            Factsheet.objects.only("title", "slug").annotate(
                snippet=snippet(
                    ("summary", *(name for name, _ in SECTIONS)),
                    highlight_query=words,
                    fallback='"summary"',
                )
            ),
            [factsheet_id for _, factsheet_id, _ in rows if factsheet_id],
        )
        found = {("q", q.pk): q for q in questions} | {("f", f.pk): f for f in factsheets}
        return [
            Hit(found["q", question_id] if question_id else found["f", factsheet_id], score)
            for question_id, factsheet_id, score in rows
        ]
