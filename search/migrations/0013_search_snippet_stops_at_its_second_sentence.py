"""A snippet stops reading its text at the second sentence that holds the query's words.

search_snippet() (migration 0002) made a tsvector of every sentence of the text, sorted the
matching ones to drop repeats, then kept the first two. Making a tsvector is the cost (about
0.75 ms for a 400-word answer, a tenth of that for splitting it into sentences), and a results
page makes up to ten snippets: most of the words it parsed were after the sentences it showed.
The function now reads the sentences in order and returns at the second one that matches and
differs from the first; the snippet is the same.

Measured alternately on make loadtest's 32 searches (PostgreSQL 15, 100,000 Q&As, first page,
medians of 5): the same snippets for every hit; the page's statement 15.7 to 14.7 ms a search
on average, of which the snippets 3.0 to 2.0 ms. Checked equal on 2,400 texts and queries of
every kind (one stem, synonyms, `or`, a phrase, two words).
"""

import importlib

from django.db import migrations

INDEX = importlib.import_module("search.migrations.0002_bm25f_index")

# A list item's leading dash, and where sentences end: as migration 0002's function reads them.
SNIPPET = r"""
-- Up to two sentences of `body` holding the query's words, in text order, each whole and with
-- every matching word marked (`options`: ts_headline's, with HighlightAll); NULL when none
-- does. Sentences end at . ! ? and line breaks; a list item's dash is dropped, and a sentence
-- said twice (a summary repeated in the text) is shown once. Sentences after the second shown
-- are never parsed.
CREATE OR REPLACE FUNCTION search_snippet(body text, query tsquery, options text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    sentence text;
    first text;
BEGIN
    FOR sentence IN
        SELECT regexp_replace(btrim(part), '^[-*•–]\s+', '')
        FROM regexp_split_to_table(body, '(?<=[.!?])\s+|
+') AS part
    LOOP
        CONTINUE WHEN sentence = '' OR sentence = first
            OR NOT to_tsvector('english', sentence) @@ query;
        IF first IS NOT NULL THEN
            RETURN ts_headline('english', first, query, options) || ' … '
                || ts_headline('english', sentence, query, options);
        END IF;
        first := sentence;
    END LOOP;
    RETURN ts_headline('english', first, query, options);
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0012_search_reads_tier_pairs_and_groups_less")]

    operations = [
        migrations.RunSQL(
            SNIPPET,
            # Migration 0002's function, as it was: CREATE OR REPLACE keeps its grants.
            INDEX.SNIPPETS.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
        )
    ]
