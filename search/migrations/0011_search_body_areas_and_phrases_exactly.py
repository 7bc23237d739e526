"""Searches within a body area, and searches with a quoted phrase, rank exactly: any words in
an area of few pages or for a phrase in few pages, one or two concepts in a larger area.

A search narrowed to a body area took migration 0005's path whenever it had more than one
concept, or a phrase or minus words: the pages with the most impacts read at the top of the
lists, kept if in the body area, scored exactly. The best pages of a small body area usually lie
far down every list, below pages of other areas, and were missed when a few of the area's pages
with one word alone stood higher. A quoted phrase took the same path, reading ever deeper (up to
3.4 s at 100,000 Q&As) and still missing pages.

Now the pages a search may show are scored exactly, every one, when they are few: those of a
body area (with the areas under it) of at most FEW_PAGES pages, read through a new index on the
pages' body area, or those holding a quoted phrase when at most PHRASE_PAGES do, found by the
text search index (GIN) on the Q&As' and factsheets' own vectors, where the words' places are.
Phrases and minus words are checked on a small area's pages that score. The ranking and the
count are exact, at a cost bounded by those numbers: a page's exact score is one index look-up
per stem.

In a larger body area, a search of one or two concepts with no phrase or minus word now takes
migration 0010's exact path (one concept took an exact path already): the first k-th score is
taken from the area's pages alone, and only the area's candidates are scored. With three or more
concepts, or with a phrase or minus words, a larger area takes migration 0005's path as before.

The count of matches, where no shortcut gives it, no longer reads whole posting lists and
groups them: each stem's pages come from its tiers as sorted arrays (unions and intersections
in C), and are looked up only until enough are found that show now and pass the filters.

Measured on PostgreSQL 15 at 100,000 Q&As against migration 0010, counted up to 1,000. Quoted
phrases: "lower back pain" 3,358 to 550 ms, "pins and needles" 312 to 122 ms, "sciatica pain"
600 to 264 ms, "how many sessions" 758 to 266 ms; '"back pain" needles', whose phrase 4,062
pages hold, 519 to 655 ms, exact now. Body areas, p50 of 30 searches each: in the area holding
all of them, one word 31 to 9 ms, two 86 to 24 ms (the old top ten was the exact one for 11 in
30), four 149 to 35 ms; in an area of 1,997 of them, one word 140 to 20 ms, two 522 to 37 ms and
four 687 to 57 ms (the old top ten was the exact one for 1 in 30 of two or four words).
Searches with neither a body area nor a phrase rank as before, in the same time (two words,
same run).

The query's stems are looked up one at a time by index: in a small archive a generic plan
hashed the whole of search_term twice instead. At 1,000 Q&As, one word 2.79 to 1.80 ms and two
words 7.47 to 6.33 ms (p50, same run); at 100,000 unchanged.

Each change is an exact replacement in migration 0010's function, checked to apply.
"""

import importlib

from django.db import migrations

PAIRS = importlib.import_module("search.migrations.0008_search_pairs_read_less")
SEVERAL = importlib.import_module("search.migrations.0009_search_several_concepts_by_tiers")
SEVERAL_WORD = importlib.import_module(
    "search.migrations.0010_search_several_word_synonyms_exactly"
)

# A body area with at most this many pages has all of them scored exactly.
FEW_PAGES = 2000
# So has a quoted phrase in at most this many pages: finding them costs more than scoring them
# (each page holding its words is checked for the phrase).
PHRASE_PAGES = 10000

BODY_AREA_INDEX = """
-- The pages of a body area (search_top's search within a small one).
CREATE INDEX search_document_category ON search_document (category_id)
    WHERE category_id IS NOT NULL;
"""

FEW = """    -- The pages a search may show, when they are few: those of a small body area, or those
    -- holding a quoted phrase (found by the text search index: the phrase's words alone may be
    -- in many pages, and where they stand is only in each page's own vector). Every one of them
    -- is scored exactly, so the ranking and the count are exact.
    IF categories IS NOT NULL THEN
        shown := ARRAY(SELECT d.id FROM search_document AS d WHERE d.category_id = ANY(categories)
                       LIMIT {few_pages} + 1);
        few := cardinality(shown) <= {few_pages};
    END IF;
    -- A phrase operator (<-> or <N>) in what of `must` an index can look up: a quoted phrase.
    IF NOT few AND strpos(querytree(must)::text, '<') > 0 THEN
        shown := ARRAY(
            SELECT d.id FROM archive_question AS q JOIN search_document AS d ON d.question_id = q.id
            WHERE q.search_vector @@ must
            UNION ALL
            SELECT d.id FROM factsheets_factsheet AS f
            JOIN search_document AS d ON d.factsheet_id = f.id WHERE f.search_vector @@ must
            LIMIT {phrase_pages} + 1);
        few := cardinality(shown) <= {phrase_pages};
        phrased := few;
    END IF;
    IF few THEN
        WITH scored AS (
            SELECT s.id, s.score FROM search_exact_scores(
                shown, terms, weights, term_concepts, term_alternatives, sizes, questions_only) AS s
            JOIN search_document AS d ON d.id = s.id
            WHERE (categories IS NULL OR d.category_id = ANY(categories))
              AND (must IS NULL OR phrased OR search_admits(d.question_id, d.factsheet_id,
                                                            d.category_id, categories,
                                                            questions_only, must))
        ), best AS (
            SELECT id, score FROM scored ORDER BY score DESC, id DESC LIMIT k
        )
        SELECT (SELECT array_agg(id ORDER BY score DESC, id DESC) FROM best),
               (SELECT array_agg(score ORDER BY score DESC, id DESC) FROM best),
               (SELECT count(*) FROM scored)
        INTO ranked, scores, seen;
        complete := true;
    ELSIF single THEN
""".replace("{few_pages}", str(FEW_PAGES)).replace("{phrase_pages}", str(PHRASE_PAGES))

# A larger body area with one or two concepts and no phrase or minus word takes migration 0010's
# path: its first k-th score comes from pages of the area alone, and only they are scored (the
# candidates are kept in their order, filtered once: a sub-select among search_exact_scores()'s
# arguments would keep PostgreSQL from inlining it).
IN_AREAS = """        IF categories IS NOT NULL THEN
            SELECT array_agg(o.id ORDER BY o.n), array_agg(o.most ORDER BY o.n) INTO ordered, mosts
            FROM unnest(ordered, mosts) WITH ORDINALITY AS o(id, most, n)
            JOIN search_document AS d ON d.id = o.id WHERE d.category_id = ANY(categories);
        END IF;
"""

# The count: the pages holding a whole alternative, from the tiers rather than the postings.
COUNT = """        -- Pages holding every stem of some alternative of some concept, from the tiers
        -- (each stem's pages as sorted arrays: unions and intersections in C), looked up one
        -- by one only until enough are found that show now and pass the filters.
        SELECT count(*) INTO counted FROM (
            SELECT 1 FROM unnest((
                SELECT search_union(ids) FROM (
                    SELECT search_intersection(ids) AS ids FROM (
                        SELECT q.concept, q.alternative, search_union(s.documents) AS ids
                        FROM unnest(terms, term_concepts, term_alternatives)
                            AS q(term_id, concept, alternative)
                        JOIN search_tier AS s USING (term_id)
                        GROUP BY q.concept, q.alternative, q.term_id
                    ) AS per_stem GROUP BY concept, alternative
                ) AS per_alternative)) AS match(document_id)
            JOIN search_document AS d ON d.id = match.document_id
            -- The filters search_admits() applies, written out: a call per page costs more than
            -- the look-up; it is called only for phrases and minus words.
            WHERE d.published_at <= statement_timestamp()
              AND (categories IS NULL OR d.category_id = ANY(categories))
              AND (NOT questions_only OR d.question_id IS NOT NULL)
              AND (must IS NULL OR search_admits(d.question_id, d.factsheet_id, d.category_id,
                                                 categories, questions_only, must))
"""

# The query's stems, looked up one at a time by index. In a small archive a generic plan hashes
# the whole of search_term twice instead (a join and an anti-join), which cost ~1 ms of the 2-3
# ms a one-word search took at 1,000 Q&As; LIMIT and a scalar sub-select keep each a look-up.
STEMS = """    CROSS JOIN LATERAL (SELECT t.id, t.documents FROM search_term AS t
                        WHERE t.lexeme = q.lexeme AND t.documents > 0 LIMIT 1) AS t
    CROSS JOIN search_corpus AS c
    WHERE NOT EXISTS (
        SELECT FROM unnest(lexemes, concepts, alternatives) AS o(lexeme, concept, alternative)
        WHERE (o.concept, o.alternative) = (q.concept, q.alternative)
          AND coalesce((SELECT u.documents FROM search_term AS u WHERE u.lexeme = o.lexeme),
                       0) = 0);
"""

RANKING_CHANGES = [
    (
        "    several boolean;\n",
        "    several boolean;\n    few boolean := false;\n    shown int[];\n"
        "    phrased boolean := false;\n",
    ),
    ("    IF single THEN\n", FEW),
    (
        SEVERAL_WORD.between(
            "    JOIN search_term AS t ON t.lexeme = q.lexeme CROSS JOIN search_corpus AS c\n",
            "    IF terms IS NULL THEN",
        ),
        STEMS,
    ),
    (
        "    pair := NOT single AND categories IS NULL AND must IS NULL\n",
        "    pair := NOT single AND must IS NULL\n",
    ),
    (
        "            SELECT document_id FROM lowest ORDER BY score DESC LIMIT 2 * k) AS first;",
        """            SELECT l.document_id FROM lowest AS l
            WHERE categories IS NULL OR (SELECT d.category_id FROM search_document AS d
                                         WHERE d.id = l.document_id) = ANY(categories)
            ORDER BY l.score DESC LIMIT 2 * k) AS first;""",
    ),
    (
        "        END IF;\n        ranked := '{{}}';\n",
        "        END IF;\n" + IN_AREAS + "        ranked := '{{}}';\n",
    ),
    (
        SEVERAL_WORD.between(
            "        -- Pages holding every stem",
            "            LIMIT count_up_to + 1) AS counted;",
        ),
        COUNT,
    ),
]


def previous_changes():
    return [*SEVERAL.RANKING_CHANGES, *SEVERAL_WORD.RANKING_CHANGES]


def create_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(BODY_AREA_INDEX)
        cursor.execute(PAIRS.ranking([*previous_changes(), *RANKING_CHANGES]))


def restore_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(PAIRS.ranking(previous_changes()))
        cursor.execute("DROP INDEX search_document_category")


class Migration(migrations.Migration):
    dependencies = [("search", "0010_search_several_word_synonyms_exactly")]

    operations = [migrations.RunPython(create_search_top, restore_search_top)]
