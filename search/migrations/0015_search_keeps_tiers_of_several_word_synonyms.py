"""The tiers of every synonym of several words are kept like a stem's, so that two words, one
of them with such a synonym, are read as pairs of tiers too. Rankings are unchanged.

A synonym of several words ("lumbar spine" for "lumbar", "spinal stenosis" for "stenosis")
counts only on a page holding all its stems. Migration 0014 read pairs of tiers only when every
alternative was one stem: with a synonym of several words a search took migration 0012's path,
which needs a first k-th score, walks one concept's blocks (intersecting every tier of a stem
with every tier of the other stems of its synonym, search_blocks()) and orders the candidates
by their tiers (search_most()). On make bench's two-word searches these were the slowest tenth.

Now search_phrase holds the stems of every synonym term of several words (sorted, as
search_synonym_phrases() reads them from the synonym list) and search_phrase_tier the pages
holding them all, by the tier of each stem there and by chunk of page ids, as search_tier does
for one stem. Such a tier is worth each stem's weight x its tier's top, summed: at least what
any of its pages scores for the synonym; a synonym's tiers within PHRASE_STEP of each other's
worth make one block. Search_top's pairs of blocks take them beside the stems' tiers, read as
migration 0014 reads the others. An alternative whose stems are not in search_phrase (a word of
the query with several stems, a synonym of more than six) still takes migration 0012's path.

Kept in the same transaction as every write, as search_tier is: statement-level triggers on
search_posting add a page to the synonyms whose stems it holds, and take it out when one of
those stems leaves; a trigger on search_synonym adds the terms editors add (their pages read
from the postings) and drops those they remove. search_rebuild() builds the tiers at its end.

Measured against migration 0014, alternately, on make bench's searches (PostgreSQL 15, 100,000
Q&As, medians of 3), with the same top ten and count for every one. 100 two-word searches: p95
14.4 to 3.7 ms, mean 3.3 to 2.4 ms, p50 2.0 to 2.1 ms; the slowest, "stenosis spine", 20.1 to
8.0 ms. Another 100 (seed 7): p95 9.9 to 4.4 ms. The same two-word searches within the
97,000-page body area: p95 38.4 to 26.8 ms. One word: "stenosis" 11.0 to 3.9 ms. Four words
(the pool) unchanged.
"""

import importlib

from django.db import migrations

SEVEN = importlib.import_module("search.migrations.0007_search_tiers")
FOURTEEN = importlib.import_module(
    "search.migrations.0014_search_reads_pairs_without_a_first_bound"
)
PAIRS = FOURTEEN.TWELVE.PAIRS

PHRASES = r"""
-- The stems of every synonym term of two to six stems, sorted: its words as search.query reads
-- them (runs of letters and digits), each stemmed alone.
CREATE FUNCTION search_synonym_phrases() RETURNS TABLE (lexemes text[])
LANGUAGE sql STABLE AS $$
    SELECT DISTINCT l.lexemes
    FROM search_synonym AS s,
    unnest(array_prepend(s.lay_term::text, string_to_array(s.clinical_terms, ','))) AS term,
    LATERAL (SELECT array_agg(DISTINCT x ORDER BY x) AS lexemes
             FROM regexp_matches(lower(term), '[[:alnum:]]+', 'g') AS word,
             unnest(tsvector_to_array(to_tsvector('english', word[1]))) AS x) AS l
    WHERE cardinality(l.lexemes) BETWEEN 2 AND 6
$$;

CREATE TABLE search_phrase (
    id serial PRIMARY KEY,
    lexemes text[] NOT NULL UNIQUE
);

-- The pages holding every stem of a phrase, by the tier of each stem there and by chunk of
-- page ids, as search_tier holds one stem's. `tiers` packs the stems' tiers (0 to 22) five bits
-- each, the first lexeme's lowest: one key, looked up many at a time.
CREATE TABLE search_phrase_tier (
    phrase_id int NOT NULL REFERENCES search_phrase ON DELETE CASCADE,
    tiers int NOT NULL,
    chunk int NOT NULL,
    documents int[] NOT NULL,
    PRIMARY KEY (phrase_id, tiers, chunk)
);
ALTER TABLE search_phrase_tier ALTER COLUMN documents SET STORAGE EXTERNAL;

-- Sorted int arrays that share no element, as one sorted array: a page is in one tier of a
-- phrase, so a block's tiers are joined and sorted once (search_union sorts at every row).
CREATE AGGREGATE search_concat(int[]) (SFUNC = array_cat, STYPE = int[], INITCOND = '{}');

-- The tiers of phrases `phrases` worked out from the postings.
CREATE FUNCTION search_phrase_tiers_fill(phrases int[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_phrase_tier (phrase_id, tiers, chunk, documents)
    SELECT phrase_id, tiers, document_id >> 16, sort(array_agg(document_id)) FROM (
        SELECT ph.id AS phrase_id, p.document_id,
               sum(search_tier_of(p.impact)::int << (5 * (s.n::int - 1)))::int AS tiers
        FROM search_phrase AS ph, unnest(ph.lexemes) WITH ORDINALITY AS s(lexeme, n)
        JOIN search_term AS t ON t.lexeme = s.lexeme
        JOIN search_posting AS p ON p.term_id = t.id
        WHERE ph.id = ANY(phrases)
        GROUP BY ph.id, p.document_id HAVING count(*) = max(cardinality(ph.lexemes))
    ) AS pages GROUP BY 1, 2, 3;
$$;

-- The synonym list changed: its phrases follow. Pages indexed meanwhile would not see a new
-- phrase, so they wait (SHARE blocks writes to the postings, not reads).
CREATE FUNCTION search_synonym_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    added int[];
BEGIN
    LOCK TABLE search_posting IN SHARE MODE;
    DELETE FROM search_phrase WHERE lexemes NOT IN (SELECT lexemes FROM search_synonym_phrases());
    WITH inserted AS (
        INSERT INTO search_phrase (lexemes) SELECT lexemes FROM search_synonym_phrases()
        ON CONFLICT (lexemes) DO NOTHING RETURNING id
    )
    SELECT array_agg(id) INTO added FROM inserted;
    PERFORM search_phrase_tiers_fill(added);
    RETURN NULL;
END
$$;

-- Postings added: their pages join the phrases whose stems they now all hold.
CREATE FUNCTION search_posting_phrases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('search.rebuilding', true) = 'on' THEN
        RETURN NULL;
    END IF;
    INSERT INTO search_phrase_tier AS t (phrase_id, tiers, chunk, documents)
    SELECT phrase_id, tiers, document_id >> 16, sort(array_agg(document_id)) FROM (
        SELECT c.phrase_id, c.document_id,
               sum(search_tier_of(p.impact)::int << (5 * (s.n::int - 1)))::int AS tiers
        FROM (SELECT DISTINCT ph.id AS phrase_id, ph.lexemes, n.document_id
              FROM new_rows AS n JOIN search_term AS term ON term.id = n.term_id
              JOIN search_phrase AS ph ON term.lexeme = ANY(ph.lexemes)) AS c
        CROSS JOIN LATERAL unnest(c.lexemes) WITH ORDINALITY AS s(lexeme, n)
        JOIN search_term AS term ON term.lexeme = s.lexeme
        JOIN search_posting AS p ON (p.term_id, p.document_id) = (term.id, c.document_id)
        GROUP BY c.phrase_id, c.document_id, c.lexemes HAVING count(*) = cardinality(c.lexemes)
    ) AS pages GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (phrase_id, tiers, chunk) DO UPDATE SET documents = t.documents | excluded.documents;
    RETURN NULL;
END
$$;

-- Postings removed: their pages leave the phrases whose stems they held, at the tiers they
-- held them (a removed posting's impact from the removed rows, the others' from the table).
CREATE FUNCTION search_posting_phrases_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_phrase_tier AS t SET documents = t.documents - o.documents
    FROM (SELECT phrase_id, tiers, document_id >> 16 AS chunk, sort(array_agg(document_id)) AS documents
          FROM (
              SELECT c.phrase_id, c.document_id,
                     sum(search_tier_of(coalesce(g.impact, p.impact))::int << (5 * (s.n::int - 1)))::int AS tiers
              FROM (SELECT DISTINCT ph.id AS phrase_id, ph.lexemes, o.document_id
                    FROM old_rows AS o JOIN search_term AS term ON term.id = o.term_id
                    JOIN search_phrase AS ph ON term.lexeme = ANY(ph.lexemes)) AS c
              CROSS JOIN LATERAL unnest(c.lexemes) WITH ORDINALITY AS s(lexeme, n)
              JOIN search_term AS term ON term.lexeme = s.lexeme
              LEFT JOIN old_rows AS g ON (g.term_id, g.document_id) = (term.id, c.document_id)
              LEFT JOIN search_posting AS p ON (p.term_id, p.document_id) = (term.id, c.document_id)
              GROUP BY c.phrase_id, c.document_id, c.lexemes
              HAVING count(coalesce(g.impact, p.impact)) = cardinality(c.lexemes)
          ) AS pages GROUP BY 1, 2, 3) AS o
    WHERE (t.phrase_id, t.tiers, t.chunk) = (o.phrase_id, o.tiers, o.chunk);
    RETURN NULL;
END
$$;

CREATE TRIGGER search_posting_phrases_inserted AFTER INSERT ON search_posting
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_posting_phrases_inserted();
CREATE TRIGGER search_posting_phrases_deleted AFTER DELETE ON search_posting
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_posting_phrases_deleted();
-- Named to fire after search_synonym_content_version, as the page triggers fire after their
-- tables' content version: every writer takes the version's row first, so none waits in a circle.
CREATE TRIGGER search_synonym_phrases AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_synonym
FOR EACH STATEMENT EXECUTE FUNCTION search_synonym_changed();

-- The most a page in a phrase's tier `tiers` can score for it: each stem's weight x its tier's
-- top, summed (written out for six stems: a plain expression, which PostgreSQL inlines).
CREATE FUNCTION search_phrase_top(tiers int, weights float8[]) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(weights[1] * search_tier_top(((tiers >> 0) & 31)::smallint), 0)
         + coalesce(weights[2] * search_tier_top(((tiers >> 5) & 31)::smallint), 0)
         + coalesce(weights[3] * search_tier_top(((tiers >> 10) & 31)::smallint), 0)
         + coalesce(weights[4] * search_tier_top(((tiers >> 15) & 31)::smallint), 0)
         + coalesce(weights[5] * search_tier_top(((tiers >> 20) & 31)::smallint), 0)
         + coalesce(weights[6] * search_tier_top(((tiers >> 25) & 31)::smallint), 0)
$$;

-- Each alternative of several stems of a search, as the phrase holding its stems (NULL when
-- none does), with its stems' weights in the phrase's order.
CREATE FUNCTION search_phrases_of(
    stems int[], stem_weights float8[], stem_concepts int[], stem_alternatives int[], stem_sizes int[]
) RETURNS TABLE (concept int, phrase_id int, weights float8[]) LANGUAGE sql STABLE AS $$
    SELECT a.concept, ph.id, a.weights FROM (
        SELECT q.concept, q.alternative, array_agg(t.lexeme ORDER BY t.lexeme) AS lexemes,
               array_agg(q.weight ORDER BY t.lexeme) AS weights
        FROM unnest(stems, stem_weights, stem_concepts, stem_alternatives, stem_sizes)
            AS q(term_id, weight, concept, alternative, size)
        JOIN search_term AS t ON t.id = q.term_id
        WHERE q.size > 1 GROUP BY 1, 2
    ) AS a LEFT JOIN search_phrase AS ph ON ph.lexemes = a.lexemes
$$;

INSERT INTO search_phrase (lexemes) SELECT lexemes FROM search_synonym_phrases();
SELECT search_phrase_tiers_fill(ARRAY(SELECT id FROM search_phrase));
"""

DROP_PHRASES = """
DROP TRIGGER search_synonym_phrases ON search_synonym;
DROP TRIGGER search_posting_phrases_inserted ON search_posting;
DROP TRIGGER search_posting_phrases_deleted ON search_posting;
DROP FUNCTION search_synonym_changed, search_posting_phrases_inserted,
    search_posting_phrases_deleted, search_phrase_tiers_fill, search_phrases_of, search_phrase_top,
    search_synonym_phrases;
DROP TABLE search_phrase_tier, search_phrase;
DROP AGGREGATE search_concat(int[]);
"""

# search_rebuild() as migration 0007 left it: the phrases' tiers are emptied with the others
# and built at the end from the postings.
REBUILD_CHANGES = [
    (
        "    TRUNCATE search_posting, search_document, search_term, search_word, search_tier;",
        "    TRUNCATE search_posting, search_document, search_term, search_word, search_tier,\n"
        "        search_phrase_tier;",
    ),
    (
        "    UPDATE search_corpus SET rebuilt_averages = final;",
        "    PERFORM search_phrase_tiers_fill(ARRAY(SELECT id FROM search_phrase));\n"
        "    UPDATE search_corpus SET rebuilt_averages = final;",
    ),
]

# A phrase's tiers whose worth lies within this much of each other's (in score units; a stem's
# tier spans 0.1 x its idf, about 0.2 to 0.9) are one block: a little looser a bound than each
# alone, for far fewer pairs to sort (a phrase of three stems has hundreds of tiers).
PHRASE_STEP = 0.25

# Migration 0014's pairs of tiers, with blocks of phrases beside the stems' tiers.
RANKING_CHANGES = [
    (
        "        IF (SELECT max(size) FROM unnest(sizes) AS u(size)) = 1 THEN\n"
        "            -- Every alternative one stem: a block is a stem's tier, worth its top, and the pairs\n",
        # One-stem alternatives need no look-up of phrases (most two-word searches).
        "        IF (SELECT max(size) FROM unnest(sizes) AS u(size)) = 1\n"
        "           OR NOT EXISTS (SELECT FROM search_phrases_of(terms, weights, term_concepts,\n"
        "                                                        term_alternatives, sizes)\n"
        "                          WHERE phrase_id IS NULL) THEN\n"
        "            -- Every alternative one stem or a kept phrase: a block is a stem's tier, worth its\n"
        "            -- top, or a phrase's pages by the tier of each stem, worth their tops; the pairs\n",
    ),
    (
        """\
                    SELECT row_number() OVER (ORDER BY q.weight * search_tier_top(s.tier) DESC) AS i,
                           q.concept, q.term_id, s.tier, q.weight * search_tier_top(s.tier) AS worth
                    FROM unnest(terms, weights, term_concepts) AS q(term_id, weight, concept)
                    JOIN (SELECT DISTINCT term_id, tier FROM search_tier WHERE term_id = ANY(terms)) AS s
                        USING (term_id)
""",
        """\
                    SELECT row_number() OVER (ORDER BY worth DESC) AS i, * FROM (
                        SELECT q.concept, q.term_id, s.tier, NULL::int AS phrase_id,
                               NULL::int[] AS keys, q.weight * search_tier_top(s.tier) AS worth
                        FROM unnest(terms, weights, term_concepts, sizes) AS q(term_id, weight, concept, size)
                        JOIN (SELECT DISTINCT term_id, tier FROM search_tier WHERE term_id = ANY(terms)) AS s
                            USING (term_id)
                        WHERE q.size = 1
                        UNION ALL
                        -- A phrase's tiers of about the same worth (each stem's weight x its
                        -- tier's top, summed) make one block, worth the most of them.
                        SELECT a.concept, NULL, NULL, a.phrase_id, array_agg(s.tiers), max(s.worth)
                        FROM search_phrases_of(terms, weights, term_concepts, term_alternatives, sizes) AS a,
                        LATERAL (SELECT s.tiers, search_phrase_top(s.tiers, a.weights) AS worth
                                 FROM (SELECT DISTINCT s.tiers FROM search_phrase_tier AS s
                                       WHERE s.phrase_id = a.phrase_id) AS s) AS s
                        GROUP BY a.concept, a.phrase_id, floor(s.worth / PHRASE_STEP)
                    ) AS b
""".replace("PHRASE_STEP", str(PHRASE_STEP)),
    ),
    (
        """\
                    SELECT b.i, (SELECT search_union(s.documents) FROM search_tier AS s
                                 WHERE s.term_id = b.term_id AND s.tier = b.tier) AS documents
""",
        """\
                    SELECT b.i, CASE WHEN b.phrase_id IS NULL
                        THEN (SELECT search_union(s.documents) FROM search_tier AS s
                              WHERE s.term_id = b.term_id AND s.tier = b.tier)
                        ELSE (SELECT sort(search_concat(s.documents)) FROM search_phrase_tier AS s
                              WHERE s.phrase_id = b.phrase_id AND s.tiers = ANY(b.keys)) END AS documents
""",
    ),
]


def previous_changes():
    return [*FOURTEEN.previous_changes(), *FOURTEEN.RANKING_CHANGES]


def create_phrase_tiers(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(PHRASES)
        cursor.execute(SEVEN.rebuild_function([*SEVEN.REBUILD_CHANGES, *REBUILD_CHANGES]))
        cursor.execute(PAIRS.ranking([*previous_changes(), *RANKING_CHANGES]))


def drop_phrase_tiers(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(PAIRS.ranking(previous_changes()))
        cursor.execute(SEVEN.rebuild_function(SEVEN.REBUILD_CHANGES))
        cursor.execute(DROP_PHRASES)


class Migration(migrations.Migration):
    dependencies = [("search", "0014_search_reads_pairs_without_a_first_bound")]

    operations = [migrations.RunPython(create_phrase_tiers, drop_phrase_tiers)]
