"""Exact scores read each page's stems and impacts from one row of its own, not from a b-tree
look-up per page and stem. Rankings are unchanged.

search_exact_scores() gives the exact BM25F score of a set of pages for the query's stems: the
pages that searches of two concepts or more, and those within a small body area or holding a
quoted phrase, pick to score. It looked up each page's impact for each stem in
search_posting_by_document: a b-tree descent per page and stem (k + 40 pages x 4 to 10 stems
for four words; every page of a body area of up to 2,000).

search_document_terms now holds, per indexed page, the ids of the stems it holds in order and
their impacts in the same order: search_posting read by page rather than by stem. A page's
impact for a stem is then found in its own row (intarray's idx(), in C), one row per page.
Statement-level triggers on search_posting keep it, in the same transaction as every write, as
they keep search_tier: a page's postings added, removed or all emptied (a rebuild) add, remove
or empty its row's entries.

Measured against migration 0030, interleaved with tantivy (PostgreSQL 18, 100,000 Q&As, the
bench's 100 four-word searches, medians of 3 passes, load average about 1): p50 7.7 to 7.2 ms,
p95 12.1 to 11.0 ms (x6.0 to x5.6 and x6.4 to x5.8 tantivy), the same top ten for every one.
The scores alone, for random pages and six stems: 50 pages 1.9 to 1.5 ms, 500 pages 26.5 to
8.0 ms, 2,000 pages 53 to 27 ms. The table takes 131 MB at 100,000 Q&As (the index: 1.7 GB).
"""

from django.db import migrations

TERMS = """
CREATE TABLE search_document_terms (
    document_id int PRIMARY KEY,
    -- Ascending, each once; impacts[n] is the page's impact for stem_ids[n].
    stem_ids int[] NOT NULL,
    impacts real[] NOT NULL
);

INSERT INTO search_document_terms (document_id, stem_ids, impacts)
SELECT document_id, array_agg(term_id ORDER BY term_id), array_agg(impact ORDER BY term_id)
FROM search_posting GROUP BY document_id;

-- Sorted by page, so that concurrent writers lock rows in one order and never deadlock.
CREATE FUNCTION search_posting_terms_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_document_terms AS t (document_id, stem_ids, impacts)
    SELECT document_id, array_agg(term_id ORDER BY term_id), array_agg(impact ORDER BY term_id)
    FROM new_rows GROUP BY document_id ORDER BY document_id
    ON CONFLICT (document_id) DO UPDATE SET (stem_ids, impacts) = (
        SELECT array_agg(term_id ORDER BY term_id), array_agg(impact ORDER BY term_id)
        FROM (SELECT * FROM unnest(t.stem_ids, t.impacts)
              UNION ALL
              SELECT * FROM unnest(excluded.stem_ids, excluded.impacts)) AS merged(term_id, impact));
    RETURN NULL;
END $$;

CREATE FUNCTION search_posting_terms_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_document_terms AS t SET (stem_ids, impacts) = (
        SELECT coalesce(array_agg(k.term_id ORDER BY k.term_id), '{}'),
               coalesce(array_agg(k.impact ORDER BY k.term_id), '{}')
        FROM unnest(t.stem_ids, t.impacts) AS k(term_id, impact)
        WHERE k.term_id <> ALL(gone.stem_ids))
    FROM (SELECT document_id, array_agg(term_id) AS stem_ids FROM old_rows
          GROUP BY document_id) AS gone
    WHERE t.document_id = gone.document_id;
    DELETE FROM search_document_terms WHERE stem_ids = '{}'
        AND document_id IN (SELECT document_id FROM old_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION search_posting_terms_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE search_document_terms;
    RETURN NULL;
END $$;

CREATE TRIGGER search_posting_terms_inserted AFTER INSERT ON search_posting
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_posting_terms_inserted();
CREATE TRIGGER search_posting_terms_deleted AFTER DELETE ON search_posting
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_posting_terms_deleted();
CREATE TRIGGER search_posting_terms_truncated AFTER TRUNCATE ON search_posting
    FOR EACH STATEMENT EXECUTE FUNCTION search_posting_terms_truncated();
"""

DROP_TERMS = """
DROP TRIGGER search_posting_terms_inserted ON search_posting;
DROP TRIGGER search_posting_terms_deleted ON search_posting;
DROP TRIGGER search_posting_terms_truncated ON search_posting;
DROP FUNCTION search_posting_terms_inserted, search_posting_terms_deleted,
    search_posting_terms_truncated;
DROP TABLE search_document_terms;
"""

# Per page, alternative and concept as before (migration 0017); the impact of each stem is the
# page's own entry, where it holds the stem (idx() is 0 where it does not).
EXACT_SCORES = """
CREATE OR REPLACE FUNCTION search_exact_scores(ids int[], terms int[], weights float8[],
    concepts int[], alternatives int[], sizes int[], questions_only boolean)
RETURNS TABLE (id int, score float8) LANGUAGE sql STABLE AS $$
    SELECT id, sum(best) FROM (
        SELECT id, concept, max(score) AS best FROM (
            SELECT d.id, q.concept, sum(q.weight * {impact}) AS score
            FROM search_document AS d
            {page_terms}
            CROSS JOIN unnest(terms, weights, concepts, alternatives, sizes)
                AS q(term_id, weight, concept, alternative, size)
            {join}
            WHERE d.id = ANY(ids) AND d.published_at <= statement_timestamp()
              AND (NOT questions_only OR d.question_id IS NOT NULL){held}
            GROUP BY d.id, q.concept, q.alternative, q.size HAVING count(*) = q.size
        ) AS per_alternative GROUP BY id, concept
    ) AS per_concept GROUP BY id HAVING sum(best) > 0
$$;
"""
FROM_PAGE_ROWS = EXACT_SCORES.format(
    impact="t.impacts[n.at]",
    page_terms="JOIN search_document_terms AS t ON t.document_id = d.id",
    join="CROSS JOIN LATERAL (SELECT idx(t.stem_ids, q.term_id) AS at) AS n",
    held=" AND n.at > 0",
)
FROM_POSTINGS = EXACT_SCORES.format(
    impact="p.impact",
    page_terms="",
    join="JOIN search_posting AS p ON p.term_id = q.term_id AND p.document_id = d.id",
    held="",
)


class Migration(migrations.Migration):
    dependencies = [("search", "0030_search_several_concepts_pool_by_their_strong_alternatives")]

    operations = [
        migrations.RunSQL(TERMS, DROP_TERMS),
        migrations.RunSQL(FROM_PAGE_ROWS, FROM_POSTINGS),
    ]
