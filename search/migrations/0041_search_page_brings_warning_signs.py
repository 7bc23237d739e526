"""A page of search results brings each Q&A's question and its stored finding of warning signs
with it (archive.models.Question.red_flags), so that a result whose question describes a sign
shows no line of its answer, which was written under that sign's urgent advice and may reassure
(“don't panic”), with no more statements than before. Otherwise migration 0025's function, whose
rows it returns in the same order; a function's columns cannot change in place, so it is dropped
and made again.
"""

from django.db import migrations

DROP = (
    "DROP FUNCTION search_page(text[], int[], int[], int, bigint[], boolean, tsquery, int, "
    "tsquery, text, int, int, int)"
)

SEARCH_PAGE = r"""
CREATE FUNCTION search_page(
    lexemes text[], concepts int[], alternatives int[], k int, categories bigint[],
    questions_only boolean, must tsquery, count_up_to int,
    highlight tsquery, options text, per_page int, page int, max_counted int)
RETURNS TABLE(n bigint, total int, score float8,
              question_id bigint, question_title text, question_slug text,
              question_review_by date, question_marked_for_review boolean,
              question_question text, question_red_flags_found varchar(40)[],
              question_red_flags_key varchar(64),
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
           q.marked_for_review, q.question, q.red_flags_found, q.red_flags_key, c.id,
           c.name::text, c.slug::text, f.id, f.title::text, f.slug::text, f.last_reviewed,
           f.next_review,
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


def previous_search_page():
    """Migration 0025's function, made again when this one is reversed."""
    from importlib import import_module

    return import_module("search.migrations.0025_search_page").SEARCH_PAGE


class Migration(migrations.Migration):
    dependencies = [("search", "0040_search_estimates_repeats_per_chunk_unshown_pages_at_once")]

    operations = [
        migrations.RunSQL(
            [DROP, SEARCH_PAGE],
            [DROP, previous_search_page()],
        ),
    ]
