"""The search index: BM25F over each published Q&A's and factsheet's whole text, kept by
PostgreSQL itself in the same transaction as every write.

Tables (no Django models: only the functions below write them, and only `search.ranking` and
`search.query` read them):

- search_document: one row per indexed page (published Q&A or factsheet), with its category,
  publication time and the length of its three fields (title, question, answer; for a
  factsheet: title and condition, summary, sections).
- search_term: every English stem with the number of indexed pages holding it (its df).
- search_posting: per stem and page, the page's BM25F term weight (its "impact": the
  field-weighted, length-normalised term frequency, saturated by k1). Two b-trees: by impact
  within a stem (the top of a stem's list) and by page within a stem (one page's weight).
- search_word: every word as written (3+ letters) with its page count, for typo correction.
- search_corpus: the number of pages and the total length of each field (averages for BM25F),
  and those averages at the last full rebuild.

A score is the sum over query words of idf(word) x impact. Impacts use the average field
lengths of the moment they were written; as pages come and go the averages drift a little, and
`search_rebuild()` (`manage.py rebuild_search_index`) writes every impact afresh. idf is worked
out at query time from df and the number of pages, so it never drifts.

Statement-level triggers with transition tables keep the index: one set-based pass per INSERT,
UPDATE or DELETE statement however many rows it touches (admin saves, publishing, loaddata, a
COPY of thousands of rows); TRUNCATE rebuilds. Only published Q&As are indexed; one published
for a later time is indexed but left out of results until then.

`search_top()` is the ranking: a threshold algorithm over the impact-ordered lists.
"""

import importlib

from django.db import migrations

# BM25F: k1, b, and each field's weight (title, question, answer). search.index holds the
# same numbers for the benchmark's tantivy index (a test checks they agree).
K1, B = 1.2, 0.75
WEIGHTS = {"title": 3.0, "question": 1.5, "answer": 1.0}
# search_top: how deep each stem's list is read at first, and how many candidates beyond the
# k asked for are scored exactly.
TOP_DEPTH, RESCORED = 1000, 200

POSTING_INDEXES = """
-- The top of a word's list, best first (search_top's first look at each word).
CREATE INDEX search_posting_by_impact ON search_posting (term_id, impact DESC) INCLUDE (document_id);
-- One page's weight for a word (search_top's exact scores; removing a page).
CREATE UNIQUE INDEX search_posting_by_document ON search_posting (term_id, document_id) INCLUDE (impact);
"""

TABLES = """
CREATE TABLE search_corpus (
    id int PRIMARY KEY CHECK (id = 1),
    documents int NOT NULL DEFAULT 0,
    title_length bigint NOT NULL DEFAULT 0,
    question_length bigint NOT NULL DEFAULT 0,
    answer_length bigint NOT NULL DEFAULT 0,
    rebuilt_averages float8[] NOT NULL DEFAULT '{{0,0,0}}'
);
INSERT INTO search_corpus (id) VALUES (1);

CREATE TABLE search_document (
    id serial PRIMARY KEY,
    question_id bigint UNIQUE,
    factsheet_id bigint UNIQUE,
    category_id bigint,
    published_at timestamptz NOT NULL,
    title_length int NOT NULL,
    question_length int NOT NULL,
    answer_length int NOT NULL,
    CONSTRAINT search_document_is_one_page CHECK ((question_id IS NULL) <> (factsheet_id IS NULL))
);
-- Counting results: pages not visible yet (published for a later time).
CREATE INDEX search_document_published_at ON search_document (published_at);

CREATE TABLE search_term (
    id serial PRIMARY KEY,
    lexeme text NOT NULL UNIQUE,
    documents int NOT NULL
);

CREATE TABLE search_posting (
    term_id int NOT NULL,
    document_id int NOT NULL,
    impact real NOT NULL
);
{posting_indexes}

CREATE TABLE search_word (
    word text PRIMARY KEY,
    documents int NOT NULL
);
-- Typo correction: the known words that look like a query word (word % 'sciatca').
CREATE INDEX search_word_trigram ON search_word USING gin (word gin_trgm_ops);

-- A page to index: its key, filters, its English vector (weights A, B, C for its three fields)
-- and its words as written.
CREATE TYPE search_page AS (
    question_id bigint,
    factsheet_id bigint,
    category_id bigint,
    published_at timestamptz,
    vector tsvector,
    words text[]
);
"""

FUNCTIONS = """
CREATE FUNCTION search_impact(
    tf_title bigint, tf_question bigint, tf_answer bigint,
    title_length int, question_length int, answer_length int, averages float8[]
) RETURNS real LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (tf * ({k1}::float8 + 1) / ({k1}::float8 + tf))::real FROM (SELECT
        {title}::float8 * tf_title / (1 - {b} + {b} * title_length / greatest(averages[1], 1))
        + {question}::float8 * tf_question / (1 - {b} + {b} * question_length / greatest(averages[2], 1))
        + {answer}::float8 * tf_answer / (1 - {b} + {b} * answer_length / greatest(averages[3], 1))
        AS tf) AS weighted
$$;

-- The page's words as written, for typo correction.
CREATE FUNCTION search_words(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(word), '{{}}') FROM unnest(tsvector_to_array(to_tsvector('simple', $1))) AS word
    WHERE word ~ '^[[:alpha:]]{{3,}}$'
$$;

-- Index pages. Impacts use the corpus's average field lengths with these pages counted, or
-- `averages` when given (a full rebuild passes the final ones).
CREATE FUNCTION search_learn(pages search_page[], averages float8[] DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(pages) = 0 THEN
        RETURN;
    END IF;
    WITH page AS (
        SELECT * FROM unnest(pages) WITH ORDINALITY AS p(question_id, factsheet_id,
            category_id, published_at, vector, words, n)
    ), tf AS (
        SELECT page.n, u.lexeme,
               count(*) FILTER (WHERE weight = 'A') AS a,
               count(*) FILTER (WHERE weight = 'B') AS b,
               count(*) FILTER (WHERE weight = 'C') AS c
        FROM page, unnest(page.vector) AS u(lexeme, positions, weights), unnest(u.weights) AS weight
        GROUP BY page.n, u.lexeme
    ), lengths AS (
        SELECT page.n, coalesce(sum(a), 0)::int AS a, coalesce(sum(b), 0)::int AS b,
               coalesce(sum(c), 0)::int AS c
        FROM page LEFT JOIN tf USING (n) GROUP BY page.n
    ), corpus AS (
        UPDATE search_corpus SET
            documents = documents + (SELECT count(*) FROM lengths),
            title_length = title_length + (SELECT sum(a) FROM lengths),
            question_length = question_length + (SELECT sum(b) FROM lengths),
            answer_length = answer_length + (SELECT sum(c) FROM lengths)
        RETURNING coalesce(averages, ARRAY[title_length::float8 / documents,
            question_length::float8 / documents, answer_length::float8 / documents]) AS averages
    ), document AS (
        INSERT INTO search_document (question_id, factsheet_id, category_id, published_at,
            title_length, question_length, answer_length)
        SELECT page.question_id, page.factsheet_id, page.category_id, page.published_at,
               lengths.a, lengths.b, lengths.c
        FROM page JOIN lengths USING (n)
        RETURNING id, question_id, factsheet_id, title_length, question_length, answer_length
    ), term AS (
        INSERT INTO search_term AS t (lexeme, documents)
        SELECT lexeme, count(*) FROM tf GROUP BY lexeme
        ON CONFLICT (lexeme) DO UPDATE SET documents = t.documents + excluded.documents
        RETURNING id, lexeme
    ), posting AS (
        INSERT INTO search_posting (term_id, document_id, impact)
        SELECT term.id, document.id,
               search_impact(tf.a, tf.b, tf.c, document.title_length, document.question_length,
                             document.answer_length, corpus.averages)
        FROM tf JOIN page USING (n)
        -- One key for both kinds of page, so that the join can hash.
        JOIN document ON coalesce(document.question_id, -document.factsheet_id)
                         = coalesce(page.question_id, -page.factsheet_id)
        JOIN term USING (lexeme) CROSS JOIN corpus
    )
    INSERT INTO search_word AS w (word, documents)
    SELECT word, count(*) FROM page, unnest(page.words) AS word GROUP BY word
    ON CONFLICT (word) DO UPDATE SET documents = w.documents + excluded.documents;
END
$$;

-- Unindex pages, given as they were indexed (pages never indexed, such as drafts, are passed over).
CREATE FUNCTION search_forget(pages search_page[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(pages) = 0 THEN
        RETURN;
    END IF;
    WITH page AS (
        SELECT d.id, d.title_length, d.question_length, d.answer_length, p.vector, p.words
        FROM unnest(pages) AS p
        JOIN search_document AS d ON d.question_id = p.question_id OR d.factsheet_id = p.factsheet_id
    ), lexeme AS (
        SELECT page.id, l.lexeme FROM page, unnest(tsvector_to_array(page.vector)) AS l(lexeme)
    ), term AS (
        UPDATE search_term AS t SET documents = t.documents - c.n
        FROM (SELECT lexeme, count(*) AS n FROM lexeme GROUP BY lexeme) AS c
        WHERE t.lexeme = c.lexeme
        RETURNING t.id, t.lexeme
    ), posting AS (
        DELETE FROM search_posting AS p USING lexeme JOIN term USING (lexeme)
        WHERE p.term_id = term.id AND p.document_id = lexeme.id
    ), word AS (
        UPDATE search_word AS w SET documents = w.documents - c.n
        FROM (SELECT word, count(*) AS n FROM page, unnest(page.words) AS word GROUP BY word) AS c
        WHERE w.word = c.word
    ), corpus AS (
        UPDATE search_corpus SET
            documents = documents - (SELECT count(*) FROM page),
            title_length = title_length - (SELECT coalesce(sum(title_length), 0) FROM page),
            question_length = question_length - (SELECT coalesce(sum(question_length), 0) FROM page),
            answer_length = answer_length - (SELECT coalesce(sum(answer_length), 0) FROM page)
    )
    DELETE FROM search_document WHERE id IN (SELECT id FROM page);
    DELETE FROM search_word WHERE documents <= 0;
END
$$;

CREATE FUNCTION search_question_page(q archive_question) RETURNS search_page
LANGUAGE sql STABLE AS $$
    -- An answer from the earlier archive whose date was never recorded is visible since ever.
    SELECT ROW(q.id, NULL, q.category_id, coalesce(q.published_at, '-infinity'), q.search_vector,
               search_words(concat_ws(' ', q.title, q.question, q.answer)))::search_page
$$;

-- Factsheets are always public: visible since ever, in no category.
CREATE FUNCTION search_factsheet_page(f factsheets_factsheet) RETURNS search_page
LANGUAGE sql STABLE AS $$
    SELECT ROW(NULL, f.id, NULL, '-infinity', f.search_vector,
               search_words(concat_ws(' ', f.title, f.condition, f.summary, f.what_it_is,
                   f.symptoms, f.causes, f.how_acupuncture_may_help, f.evidence, f."references")))::search_page
$$;

-- Everything afresh, in batches, every impact with the final average field lengths. The
-- postings' indexes are built once at the end, from sorted rows: much faster than row by row.
CREATE FUNCTION search_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    final float8[];
    pages bigint;
    last bigint := 0;
    batch bigint[];
BEGIN
    SET LOCAL maintenance_work_mem = '256MB';
    TRUNCATE search_posting, search_document, search_term, search_word;
    DROP INDEX search_posting_by_impact, search_posting_by_document;
    UPDATE search_corpus SET documents = 0, title_length = 0, question_length = 0, answer_length = 0;
    SELECT ARRAY[coalesce(sum(a), 0), coalesce(sum(b), 0), coalesce(sum(c), 0)]::float8[]
    INTO final FROM (
        SELECT (weight = 'A')::int AS a, (weight = 'B')::int AS b, (weight = 'C')::int AS c
        FROM (SELECT search_vector FROM archive_question WHERE status = 'published'
              UNION ALL SELECT search_vector FROM factsheets_factsheet) AS p,
        unnest(p.search_vector) AS u, unnest(u.weights) AS weight
    ) AS positions;
    pages := (SELECT count(*) FROM archive_question WHERE status = 'published')
             + (SELECT count(*) FROM factsheets_factsheet);
    final := ARRAY[final[1] / greatest(pages, 1), final[2] / greatest(pages, 1),
                   final[3] / greatest(pages, 1)];
    LOOP
        SELECT array_agg(id) INTO batch FROM (
            SELECT id FROM archive_question WHERE status = 'published' AND id > last
            ORDER BY id LIMIT 5000) AS next;
        EXIT WHEN batch IS NULL;
        PERFORM search_learn(ARRAY(
            SELECT search_question_page(q) FROM archive_question AS q WHERE q.id = ANY(batch)), final);
        last := batch[cardinality(batch)];
    END LOOP;
    PERFORM search_learn(ARRAY(
        SELECT search_factsheet_page(f) FROM factsheets_factsheet AS f), final);
    {posting_indexes}
    UPDATE search_corpus SET rebuilt_averages = final;
END
$$;
"""

# Per table: a trigger function for each statement kind; an update forgets and learns again
# only the rows whose words or status changed, and moves the others' category and date.
TRIGGERS = """
CREATE FUNCTION search_{table}_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_learn(ARRAY(
        SELECT search_{kind}_page(n) FROM new_rows AS n WHERE {indexed}));
    RETURN NULL;
END
$$;

CREATE FUNCTION search_{table}_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_forget(ARRAY(SELECT search_{kind}_page(o) FROM old_rows AS o));
    RETURN NULL;
END
$$;

CREATE FUNCTION search_{table}_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_forget(ARRAY(
        SELECT search_{kind}_page(o) FROM old_rows AS o JOIN new_rows AS n USING (id)
        WHERE {changed}));
    PERFORM search_learn(ARRAY(
        SELECT search_{kind}_page(n) FROM new_rows AS n JOIN old_rows AS o USING (id)
        WHERE {changed} AND {indexed}));
    {follow}
    RETURN NULL;
END
$$;

CREATE FUNCTION search_{table}_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_rebuild();
    RETURN NULL;
END
$$;

CREATE TRIGGER search_{table}_inserted AFTER INSERT ON {table}
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_{table}_inserted();
CREATE TRIGGER search_{table}_updated AFTER UPDATE ON {table}
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION search_{table}_updated();
CREATE TRIGGER search_{table}_deleted AFTER DELETE ON {table}
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_{table}_deleted();
CREATE TRIGGER search_{table}_truncated AFTER TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION search_{table}_truncated();
"""
PAGES = [
    {
        "table": "archive_question",
        "kind": "question",
        "indexed": "n.status = 'published'",
        "changed": "(n.search_vector, n.status) IS DISTINCT FROM (o.search_vector, o.status)",
        "follow": """UPDATE search_document AS d
    SET category_id = n.category_id, published_at = coalesce(n.published_at, '-infinity')
    FROM new_rows AS n
    WHERE d.question_id = n.id
      AND (d.category_id, d.published_at)
          IS DISTINCT FROM (n.category_id, coalesce(n.published_at, '-infinity'));""",
    },
    {
        "table": "factsheets_factsheet",
        "kind": "factsheet",
        "indexed": "true",
        "changed": "n.search_vector IS DISTINCT FROM o.search_vector",
        "follow": "",
    },
]

RANKING = """
-- Whether a page passes the search's filters other than time: in the categories (if any), a
-- Q&A (if only those are wanted), and matching `must` (quoted phrases, minus words), read from
-- the page's own vector.
CREATE FUNCTION search_admits(
    question_id bigint, factsheet_id bigint, category_id bigint,
    categories bigint[], questions_only boolean, must tsquery
) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT (categories IS NULL OR category_id = ANY(categories))
       AND (NOT questions_only OR question_id IS NOT NULL)
       AND (must IS NULL OR CASE WHEN question_id IS NOT NULL
            THEN (SELECT q.search_vector @@ must FROM archive_question AS q WHERE q.id = question_id)
            ELSE (SELECT f.search_vector @@ must FROM factsheets_factsheet AS f WHERE f.id = factsheet_id)
            END)
$$;

-- The k best pages for a query, and (when count_up_to > 0) how many pages match it, counted
-- up to count_up_to + 1.
--
-- The query is a list of concepts, each a list of alternatives (a word and its synonyms, or
-- words joined by `or`), each a list of English stems that must all be in a page for the
-- alternative to count (a synonym of several words). A page's score is the sum over concepts
-- of its best alternative's sum of idf(stem) x impact(stem, page): plain BM25F when every
-- concept is one word.
--
-- Candidates come from the top of each stem's impact-ordered list (`depth` postings, by index
-- only): the impacts seen there give a page a first score, and the `rescored` best by that
-- score are scored exactly (their impact for every stem, by index) and ranked. For one word
-- that is exact; for several, a page of the true top k with only middling impacts for each
-- word can be missed, the more so the longer the lists: `make bench` measures how often
-- (recall@10 against exact BM25F, docs/benchmarks.md). Each list's last impact
-- read bounds what an unseen page can score: when the k-th exact score is at least that
-- bound (`proven`), the top k is exact. While filters (body area, phrases, minus words) leave
-- fewer than k candidates, the lists are read four times deeper, to their end if need be.
CREATE FUNCTION search_top(
    lexemes text[], concepts int[], alternatives int[], k int,
    categories bigint[] DEFAULT NULL, questions_only boolean DEFAULT false,
    must tsquery DEFAULT NULL, count_up_to int DEFAULT 0
) RETURNS TABLE (document_id int, question_id bigint, factsheet_id bigint, score float8, total int)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
    terms int[];
    weights float8[];
    term_concepts int[];
    term_alternatives int[];
    sizes int[];
    lists int[];
    depth int := greatest(2 * k, {depth});
    rescored int := k + {rescored};
    ranked int[];
    scores float8[];
    seen int;
    bound float8;
    exhausted boolean;
    counted int;
    filtered boolean := categories IS NOT NULL OR questions_only OR must IS NOT NULL;
BEGIN
    -- Stems the index knows, weighed by idf; alternatives with an unknown stem can never count.
    SELECT array_agg(t.id ORDER BY q.n),
           array_agg(ln(1 + (c.documents - t.documents + 0.5) / (t.documents + 0.5)) ORDER BY q.n),
           array_agg(q.concept ORDER BY q.n), array_agg(q.alternative ORDER BY q.n),
           array_agg(q.size ORDER BY q.n)
    INTO terms, weights, term_concepts, term_alternatives, sizes
    FROM (SELECT *, count(*) OVER (PARTITION BY concept, alternative) AS size
          FROM unnest(lexemes, concepts, alternatives) WITH ORDINALITY AS q(lexeme, concept, alternative, n)) AS q
    JOIN search_term AS t ON t.lexeme = q.lexeme CROSS JOIN search_corpus AS c
    WHERE t.documents > 0;
    IF terms IS NULL THEN
        RETURN;
    END IF;
    lists := ARRAY(SELECT DISTINCT unnest(terms));
    LOOP
        WITH q AS (
            SELECT * FROM unnest(terms, weights, term_concepts, term_alternatives, sizes)
                AS q(term_id, weight, concept, alternative, size)
        ), top AS (
            SELECT l.term_id, p.document_id, p.impact FROM unnest(lists) AS l(term_id),
            LATERAL (SELECT p.document_id, p.impact FROM search_posting AS p
                     WHERE p.term_id = l.term_id ORDER BY p.impact DESC LIMIT depth) AS p
        ), floor AS (
            SELECT term_id, CASE WHEN count(*) < depth THEN 0 ELSE min(impact) END AS impact
            FROM top GROUP BY term_id
        ), first AS (
            -- A first score from the impacts seen, an alternative counting for the share of
            -- its stems seen.
            SELECT document_id, sum(score) AS score FROM (
                SELECT document_id, concept, max(score) AS score FROM (
                    SELECT top.document_id, q.concept,
                           sum(q.weight * top.impact) * count(*) / q.size AS score
                    FROM top JOIN q USING (term_id)
                    GROUP BY top.document_id, q.concept, q.alternative, q.size
                ) AS per_alternative GROUP BY document_id, concept
            ) AS per_concept GROUP BY document_id
        ), candidate AS (
            SELECT d.id FROM first JOIN search_document AS d ON d.id = first.document_id
            WHERE d.published_at <= statement_timestamp()
              AND (NOT filtered OR search_admits(d.question_id, d.factsheet_id, d.category_id,
                                                 categories, questions_only, must))
            ORDER BY first.score DESC LIMIT rescored
        ), part AS (
            SELECT c.id, q.concept, sum(q.weight * p.impact) AS score
            FROM candidate AS c CROSS JOIN q
            JOIN search_posting AS p ON p.term_id = q.term_id AND p.document_id = c.id
            GROUP BY c.id, q.concept, q.alternative, q.size HAVING count(*) = q.size
        ), scored AS (
            SELECT id, sum(score) AS score
            FROM (SELECT id, concept, max(score) AS score FROM part GROUP BY 1, 2) AS per_concept
            GROUP BY id
        ), best AS (
            SELECT id, score FROM scored ORDER BY score DESC, id DESC LIMIT k
        )
        SELECT (SELECT array_agg(id ORDER BY score DESC, id DESC) FROM best),
               (SELECT array_agg(score ORDER BY score DESC, id DESC) FROM best),
               (SELECT count(*) FROM scored),
               (SELECT coalesce(sum(score), 0) FROM (
                    SELECT max(score) AS score FROM (
                        SELECT q.concept,
                               CASE WHEN min(f.impact) = 0 THEN 0 ELSE sum(q.weight * f.impact) END AS score
                        FROM q JOIN floor AS f USING (term_id) GROUP BY q.concept, q.alternative
                    ) AS per_alternative GROUP BY concept) AS per_concept),
               (SELECT bool_and(impact = 0) FROM floor)
        INTO ranked, scores, seen, bound, exhausted;
        EXIT WHEN exhausted OR seen >= k OR bound = 0;
        depth := depth * 4;
        rescored := rescored * 4;
    END LOOP;
    IF count_up_to <= 0 THEN
        counted := NULL;
    ELSIF (exhausted OR bound = 0) AND seen < rescored THEN
        -- Every page that can score was seen, and scored.
        counted := least(seen, count_up_to + 1);
    ELSIF NOT filtered AND (SELECT max(documents) FROM search_term WHERE id = ANY(lists))
          - (SELECT count(*) FROM search_document WHERE published_at > statement_timestamp())
          > count_up_to THEN
        -- One stem alone is in more visible pages than are counted.
        counted := count_up_to + 1;
    ELSE
        -- Pages holding every stem of some alternative of some concept, from the postings (by
        -- index only: each list here is short, or the filters cut it down page by page).
        SELECT count(*) INTO counted FROM (
            SELECT 1 FROM (
                SELECT DISTINCT p.document_id FROM (
                    SELECT p.document_id, q.concept, q.alternative, q.size
                    FROM unnest(terms, term_concepts, term_alternatives, sizes)
                        AS q(term_id, concept, alternative, size)
                    JOIN search_posting AS p USING (term_id)
                ) AS p GROUP BY p.document_id, p.concept, p.alternative, p.size
                HAVING count(*) = p.size
            ) AS match
            JOIN search_document AS d ON d.id = match.document_id
            WHERE d.published_at <= statement_timestamp()
              AND (NOT filtered OR search_admits(d.question_id, d.factsheet_id, d.category_id,
                                                 categories, questions_only, must))
            LIMIT count_up_to + 1) AS counted;
    END IF;
    RETURN QUERY
        SELECT r.id, d.question_id, d.factsheet_id, r.score, counted
        FROM unnest(ranked, scores) WITH ORDINALITY AS r(id, score, n)
        JOIN search_document AS d ON d.id = r.id ORDER BY r.n;
END
$$;
"""

SNIPPETS = r"""
-- Up to two sentences of `body` holding the query's words, in text order, each whole and with
-- every matching word marked (`options`: ts_headline's, with HighlightAll); NULL when none
-- does. Sentences end at . ! ? and line breaks; a list item's dash is dropped, and a sentence
-- said twice (a summary repeated in the text) is shown once.
CREATE FUNCTION search_snippet(body text, query tsquery, options text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT string_agg(ts_headline('english', sentence, query, options), ' … ' ORDER BY n)
    FROM (
        SELECT sentence, n FROM (
            SELECT DISTINCT ON (sentence) sentence, n FROM (
                SELECT regexp_replace(btrim(part), '^[-*•–]\s+', '') AS sentence, n
                FROM regexp_split_to_table(body, '(?<=[.!?])\s+|
+') WITH ORDINALITY AS s(part, n)
            ) AS sentences
            WHERE sentence <> '' AND to_tsvector('english', sentence) @@ query
            ORDER BY sentence, n
        ) AS matching
        ORDER BY n LIMIT 2
    ) AS shown
$$;
"""

DROP = """
DROP FUNCTION search_top, search_admits, search_snippet;
{drop_triggers}
DROP FUNCTION search_rebuild, search_question_page, search_factsheet_page, search_forget,
    search_learn, search_words, search_impact;
DROP TYPE search_page;
DROP TABLE search_word, search_posting, search_term, search_document, search_corpus;
"""
DROP_TRIGGERS = """
DROP TRIGGER search_{table}_inserted ON {table};
DROP TRIGGER search_{table}_updated ON {table};
DROP TRIGGER search_{table}_deleted ON {table};
DROP TRIGGER search_{table}_truncated ON {table};
DROP FUNCTION search_{table}_inserted, search_{table}_updated, search_{table}_deleted,
    search_{table}_truncated;
"""

# The materialized views typo correction and word weights used before (archive/0003).
OLD_LEXICON = importlib.import_module("archive.migrations.0003_search_lexicon")


def create_index(apps, schema_editor):
    weights = {"k1": K1, "b": B, **WEIGHTS}
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TABLES.format(posting_indexes=POSTING_INDEXES))
        cursor.execute(FUNCTIONS.format(posting_indexes=POSTING_INDEXES, **weights))
        for page in PAGES:
            cursor.execute(TRIGGERS.format(**page))
        cursor.execute(RANKING.format(depth=TOP_DEPTH, rescored=RESCORED))
        cursor.execute(SNIPPETS)
        cursor.execute("SELECT search_rebuild()")
        cursor.execute(OLD_LEXICON.DROP)


def drop_index(apps, schema_editor):
    OLD_LEXICON.create_views(apps, schema_editor)
    with schema_editor.connection.cursor() as cursor:
        triggers = "".join(DROP_TRIGGERS.format(**page) for page in PAGES)
        cursor.execute(DROP.format(drop_triggers=triggers))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_synonym_moved_from_archive"),
        ("factsheets", "0002_factsheet_search_vector"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
