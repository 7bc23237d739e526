"""A page of search results is read through a function, so that PostgreSQL keeps the plan of the
statement that ranks, joins and makes snippets instead of planning it on every search. The same
rows come back, in the same order.

The search page sent its statement whole with every search and PostgreSQL planned it each time
(about 0.24 ms of planning per search). In a PL/pgSQL function its plan is made once per
connection and kept (a generic plan: its cost does not depend on the values), as migration 0024
did for a Q&A page's similar questions. The statement is the one search/results.py sent; the
factsheet's text is its summary and sections in the order readers see them
(factsheets.models.SECTIONS, written out here as a migration must): a change to the sections
needs a migration replacing this function.

Measured alternately against the statement sent whole (PostgreSQL 18, 100,000 Q&As, make
loadtest's 32 searches, first page, medians of 7): 3.39 to 3.02 ms a search, the same rows for
every one.
"""

from django.db import migrations

SEARCH_PAGE = r"""
CREATE FUNCTION search_page(
    lexemes text[], concepts int[], alternatives int[], k int, categories bigint[],
    questions_only boolean, must tsquery, count_up_to int,
    highlight tsquery, options text, per_page int, page int, max_counted int)
RETURNS TABLE(n bigint, total int, score float8,
              question_id bigint, question_title text, question_slug text,
              question_review_by date, question_marked_for_review boolean,
              category_id bigint, category_name text, category_slug text,
              factsheet_id bigint, factsheet_title text, factsheet_slug text,
              factsheet_last_reviewed date, factsheet_next_review date, snippet text)
LANGUAGE plpgsql STABLE
SET plan_cache_mode TO 'force_generic_plan'
AS $$
BEGIN
    -- The page asked for, or the last one when that lies past the end; snippets are made for
    -- its rows alone. A snippet: the sentences of the first text that holds the query's words,
    -- marked (search_snippet, migrations 0002 and 0013); or the first sentence of the page's
    -- first text when none does (the words were in the title alone).
    RETURN QUERY
    SELECT top.n, top.total, top.score, q.id, q.title::text, q.slug::text, q.review_by,
           q.marked_for_review, c.id, c.name::text, c.slug::text, f.id, f.title::text,
           f.slug::text, f.last_reviewed, f.next_review,
           CASE WHEN q.id IS NOT NULL THEN coalesce(
               search_snippet(q.question, highlight, options),
               search_snippet(q.answer, highlight, options),
               substring(coalesce(nullif(q.question, ''), q.answer) from '^[^.!?]*[.!?]?'))
           ELSE coalesce(
               search_snippet(concat_ws(chr(10), f.summary, f.what_it_is, f.symptoms, f.causes,
                                        f.how_acupuncture_may_help, f.evidence, f."references"),
                              highlight, options),
               substring(f.summary from '^[^.!?]*[.!?]?'))
           END
    FROM search_top(lexemes, concepts, alternatives, k, categories, questions_only, must,
                    count_up_to)
        WITH ORDINALITY AS top(document_id, question_id, factsheet_id, score, total, n)
    LEFT JOIN archive_question AS q ON q.id = top.question_id
    LEFT JOIN archive_category AS c ON c.id = q.category_id
    LEFT JOIN factsheets_factsheet AS f ON f.id = top.factsheet_id
    WHERE (top.n - 1) / per_page + 1
          = least(page, (least(top.total, max_counted) + per_page - 1) / per_page)
    ORDER BY top.n;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0024_search_similar_to_question")]

    operations = [
        migrations.RunSQL(
            SEARCH_PAGE,
            "DROP FUNCTION search_page(text[], int[], int[], int, bigint[], boolean, tsquery,"
            " int, tsquery, text, int, int, int)",
        ),
    ]
