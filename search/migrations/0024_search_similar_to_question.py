"""A Q&A page's similar questions are ranked by a function, so that PostgreSQL keeps the plan of
the statement that finds them instead of planning it on every page. The same Q&As come back in
the same order.

The statement that picks a Q&A's most distinctive words and ranks the others by them was sent
whole with every Q&A page the page cache did not answer, and planned each time. In a PL/pgSQL
function its plan is made once per connection and kept (a generic plan: its cost does not depend
on the values). The page now sends only the join that loads the Q&As it lists.

Measured alternately against the statement sent whole (PostgreSQL 18, 100,000 Q&As, 300 random
Q&As, medians, three runs): 1.40-1.76 to 0.88-0.93 ms, the same five Q&As for every one.
"""

from django.db import migrations

SIMILAR_TO_QUESTION = r"""
CREATE FUNCTION search_similar_to_question(of_question bigint, words int, shown int)
RETURNS TABLE(question_id bigint, n bigint)
LANGUAGE plpgsql STABLE
SET plan_cache_mode TO 'force_generic_plan'
AS $$
#variable_conflict use_column
BEGIN
    -- A Q&A's most distinctive words: those of its title and question (weights A and B of its
    -- vector) in the fewest other pages. The others are ranked by those words as alternatives of
    -- one concept (as if joined by `or`: a page scores at its best word), which search_top ranks
    -- exactly from the top of each word's list; one more than shown, as the Q&A itself may be
    -- among them. Published Q&As only, best first.
    RETURN QUERY
    WITH distinctive AS (
        SELECT u.lexeme, row_number() OVER (ORDER BY t.documents, u.lexeme) - 1 AS n
        FROM archive_question AS q, unnest(q.search_vector) AS u
        JOIN search_term AS t ON t.lexeme = u.lexeme
        WHERE q.id = of_question AND u.weights && '{A,B}'::text[] AND t.documents > 1
        ORDER BY t.documents, u.lexeme LIMIT words
    ), query AS (
        SELECT array_agg(lexeme ORDER BY n) AS lexemes, array_agg(0) AS concepts,
               array_agg(n::int ORDER BY n) AS alternatives
        FROM distinctive
    )
    SELECT top.question_id, top.n FROM query,
        search_top(query.lexemes, query.concepts, query.alternatives, shown + 1, NULL, true)
            WITH ORDINALITY AS top(document_id, question_id, factsheet_id, score, total, n)
    WHERE top.question_id <> of_question ORDER BY top.n LIMIT shown;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0023_search_several_words_read_less")]

    operations = [
        migrations.RunSQL(
            SIMILAR_TO_QUESTION,
            "DROP FUNCTION search_similar_to_question(bigint, int, int)",
        ),
    ]
