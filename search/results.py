"""Ranking a prepared search over the published Q&As and the factsheets: a page of hits with
highlighted snippets and how many there are. The one ranking path of the site: the search page
(`Results`), the ask form's similar questions and the tests (`ranked`) all call search_top
through `TOP`.

The ranking itself is `search_top()` in PostgreSQL (migrations search/0002, 0005 to 0023, 0030
to 0033 and 0040): BM25F over each page's whole text, from impact-ordered posting lists and
weight tiers. Exact for one word and for two, synonyms of any length included, in any body area,
and for any words within a body area of few pages or with a quoted phrase in few pages (every
such page scored); otherwise, for three words or more or with minus words, the best of a pool
scored exactly, which can miss a page (docs/benchmarks.md measures how often for more words).
"""

import re

from django.core.paginator import Page, Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive import outdated_claims
from archive.models import LISTED_FIELDS, Category, Question
from factsheets.models import Factsheet
from search.query import reading_connection

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
# Its rows come best first; WITH ORDINALITY numbers them so.
TOP = """search_top(%(lexemes)s::text[], %(concepts)s::int[], %(alternatives)s::int[], %(k)s,
    %(categories)s::bigint[], %(questions_only)s, %(must)s::tsquery, %(count_up_to)s)
    WITH ORDINALITY AS top(document_id, question_id, factsheet_id, score, total, n)"""
TOP_SQL = f"SELECT question_id, factsheet_id, score, total FROM {TOP} ORDER BY n"  # noqa: S608 - constants

# One page of a ranking with what the page shows of each hit (title, address, body area,
# snippet, a Q&A's warning signs), from search_page() (migrations search/0025 and 0041, which
# say what it reads): one statement and no queryset to compile, as every search runs it, in a
# function so that PostgreSQL keeps its plan. Django has no expression for calling a set-returning function.
PAGE_SQL = """SELECT * FROM search_page(%(lexemes)s::text[], %(concepts)s::int[],
    %(alternatives)s::int[], %(k)s, %(categories)s::bigint[], %(questions_only)s,
    %(must)s::tsquery, %(count_up_to)s, %(highlight)s::tsquery, %(options)s, %(per_page)s,
    %(page)s, %(max_counted)s)"""


def top_arguments(prepared, *, k, categories, questions_only, count_up_to):
    """search_top's arguments for a prepared search (see `ranked`)."""
    lexemes, concepts, alternatives = prepared.terms()
    return {
        "lexemes": lexemes,
        "concepts": concepts,
        "alternatives": alternatives,
        "k": k,
        "categories": categories,
        "questions_only": questions_only,
        "must": prepared.must(),
        "count_up_to": count_up_to,
    }


def ranked(prepared, *, k, categories=None, questions_only=False, count_up_to=0):
    """The `k` best pages for a prepared search, best first, as (question id, factsheet id,
    score) rows, and how many pages match, counted up to `count_up_to` + 1 (0: not counted).
    With `categories` (ids), only Q&As filed in them; with `questions_only`, no factsheets."""
    if prepared.is_empty:
        return [], 0
    arguments = top_arguments(
        prepared,
        k=k,
        categories=categories,
        questions_only=questions_only,
        count_up_to=count_up_to,
    )
    with reading_connection().cursor() as cursor:
        cursor.execute(TOP_SQL, arguments)
        rows = cursor.fetchall()
    return [row[:3] for row in rows], (rows[0][3] or 0) if rows else 0


def in_order(queryset, ids):
    """The rows of `queryset` with these ids, in the ids' order."""
    # Sorted here: an ORDER BY CASE over the ids costs more to compile than the query to run.
    rows = queryset.in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


def similar_questions(prepared, *, limit=5):
    """Published Q&As sharing words with a longer text (a new question), best match first, as
    whole Q&As with their categories. `prepared` is the text read with
    `prepare_question(text)`: quotes and minus signs are plain text there."""
    rows, _ = ranked(prepared, k=limit, questions_only=True)
    ids = [question_id for question_id, _, _ in rows]
    return in_order(Question.objects.select_related("category"), ids)


# A Q&A's similar Q&As, ranked by its most distinctive words in search_similar_to_question()
# (migration search/0024, which says how; Django has no expression for calling it, and there
# PostgreSQL keeps the statement's plan), each with what a list of Q&As shows
# (`QuestionQuerySet.listed`), so that a Q&A page, rendered on every visit the page cache does
# not answer, costs one statement for them and no queryset.
SIMILAR_TO_QUESTION_SQL = """
SELECT {listed}, c.name
FROM search_similar_to_question(%(id)s, %(words)s, %(limit)s) AS top
JOIN archive_question AS q ON q.id = top.question_id
JOIN archive_category AS c ON c.id = q.category_id
ORDER BY top.n
"""
DISTINCTIVE_WORDS = 4
# The columns `Question.objects.listed()` loads (LISTED_FIELDS, the body area by its key), in
# the model's order, as `Model.from_db` takes them.
LISTED_QUESTION = [
    field.attname
    for field in Question._meta.concrete_fields
    if field.attname in {"id", "category_id", *LISTED_FIELDS}
]
SIMILAR_TO_QUESTION_SQL = SIMILAR_TO_QUESTION_SQL.format(
    listed=", ".join(f"q.{name}" for name in LISTED_QUESTION)
)


def similar_to_question(question, *, limit=5):
    """Other published Q&As most like `question` by text (whatever their body area), best
    first: ranked by the few words of its title and question that the fewest pages hold. Each is
    loaded as `Question.objects.listed()` loads one."""
    connection = reading_connection()
    with connection.cursor() as cursor:
        cursor.execute(
            SIMILAR_TO_QUESTION_SQL,
            {"id": question.pk, "words": DISTINCTIVE_WORDS, "limit": limit},
        )
        rows = cursor.fetchall()
    return [listed_question(connection.alias, row) for row in rows]


def listed_question(db, row):
    """A Q&A from SIMILAR_TO_QUESTION_SQL's row, with its body area's name, built as the ORM
    builds one loaded with only these fields (any other is read from `db` when asked for)."""
    *fields, area = row
    listed = Question.from_db(db, LISTED_QUESTION, fields)
    listed.category = Category.from_db(db, ["id", "name"], [listed.category_id, area])
    return listed


def page_number(text):
    """The page number asked for (1 when none is), or None when it names no page: not a whole
    number, below 1, or past where pages stop (a page past its search's last is found only once
    the search has run: `Results.page_exists`)."""
    if text in (None, ""):
        return 1
    try:
        number = int(text)
    except ValueError:
        return None
    return number if 1 <= number <= MAX_COUNTED // RESULTS_PER_PAGE else None


class Pages(Paginator):
    """The pages of a search's `count` hits, shown up to MAX_COUNTED: only their numbers are used,
    the rows of a page come from the ranking. `capped` when there are more hits than that: how
    many pages they would fill is then not known, so no page may say "of" how many."""

    def __init__(self, count):
        super().__init__(range(min(count, MAX_COUNTED)), RESULTS_PER_PAGE)
        self.capped = count > MAX_COUNTED


class Hit:
    """One search result: a Q&A or a factsheet, with its score, highlighted snippet, and the
    claims that its title and the snippet's sentences make that the site knows are not true
    (the list says what is known now beside them, as the page does before them)."""

    def __init__(self, obj, score, snippet):
        self.object = obj
        self.score = score
        self.is_factsheet = isinstance(obj, Factsheet)
        # A Q&A's answer was written under the urgent advice of the signs its question
        # describes: no line of it is shown where that advice is not.
        self.warning_signs = [] if self.is_factsheet else obj.red_flags
        self.snippet = highlighted(snippet or "")
        plain = (snippet or "").replace(MARK_START, "").replace(MARK_STOP, "")
        self.title_claims = obj.title_claims
        # The title's note is shown with every result: the snippet's says only what it did not.
        self.outdated_claims = [
            claim
            for claim in outdated_claims.found_in(*plain.split(FRAGMENT_DELIMITER))
            if claim not in self.title_claims
        ]

    @property
    def label(self):
        return "Factsheet" if self.is_factsheet else self.object.category.name


def highlighted(text):
    """Escape a snippet, cut its sentences short, and turn its marks into <mark> tags."""
    fragments = [trimmed(fragment) for fragment in text.split(FRAGMENT_DELIMITER)]
    # A fragment cut short ends with "…" already: one mark between it and the next, not two.
    joined = FRAGMENT_DELIMITER.join(fragments).replace("…" + FRAGMENT_DELIMITER, "… ")
    html = escape(joined)
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


class Results:
    """Page `page` of the published Q&As (in `categories`, when given) and factsheets (unless
    `factsheets` is False) matching a prepared search, best first, and how many there are.
    `page_exists` is false when the page asked for is none of the results' (past their end, or
    no page number at all): `page` is then the one shown instead, the last or the first."""

    def __init__(self, prepared, *, categories=None, factsheets=True, page=1):
        self.prepared = prepared
        asked = page_number(page)
        rows, db = self.shown_rows(asked or 1, categories, not factsheets)
        self.count = rows[0][1] if rows else 0
        # The page the rows are on: the last one when the one asked for lies past the end.
        number = (rows[0][0] - 1) // RESULTS_PER_PAGE + 1 if rows else 1
        self.page_exists = asked == number
        self.page = Page([hit(row[2:], db) for row in rows], number, Pages(self.count))

    @property
    def more_than_counted(self):
        return self.count > MAX_COUNTED

    def shown_rows(self, number, categories, questions_only):
        """PAGE_SQL's rows for page `number`, and the database they were read from."""
        connection = reading_connection()
        if self.prepared.is_empty:
            return [], connection.alias
        arguments = top_arguments(
            self.prepared,
            k=number * RESULTS_PER_PAGE,
            categories=categories,
            questions_only=questions_only,
            count_up_to=MAX_COUNTED,
        )
        arguments |= {
            "highlight": self.prepared.highlight_query(),
            "options": HEADLINE_OPTIONS,
            "per_page": RESULTS_PER_PAGE,
            "page": number,
            "max_counted": MAX_COUNTED,
        }
        with connection.cursor() as cursor:
            cursor.execute(PAGE_SQL, arguments)
            return cursor.fetchall(), connection.alias


# What PAGE_SQL reads of a hit's Q&A or factsheet: its link, whether it is due for review, and
# for a Q&A the warning signs its question describes (in the model's order, as `Model.from_db`
# takes them).
HIT_QUESTION_FIELDS = [
    "id",
    "title",
    "slug",
    "question",
    "review_by",
    "marked_for_review",
    "red_flags_found",
    "red_flags_key",
]
HIT_FACTSHEET_FIELDS = ["id", "title", "slug", "last_reviewed", "next_review"]


def hit(row, db):
    """The Hit of a row of PAGE_SQL (from its score on), its Q&A or factsheet built as the ORM
    builds one loaded with only these fields (any other is read from `db` when asked for)."""
    score, question_id, title, slug, review_by, marked, text, found, key, *rest = row
    category_id, area, area_slug, *factsheet, snippet = rest
    if question_id is None:
        page = Factsheet.from_db(db, HIT_FACTSHEET_FIELDS, factsheet)
    else:
        question = [question_id, title, slug, text, review_by, marked, found, key]
        page = Question.from_db(db, HIT_QUESTION_FIELDS, question)
        page.category = Category.from_db(db, ["id", "name", "slug"], [category_id, area, area_slug])
    return Hit(page, score, snippet)
