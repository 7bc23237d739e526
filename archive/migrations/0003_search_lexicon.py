"""The search lexicon: the words of the published archive, for typo correction and ranking.

Three materialized views, derived entirely from the published Q&As and the factsheets and
refreshed by `archive.search.refresh_lexicon()` whenever those change:

- archive_search_word: every word (3+ letters, as written, lower-cased) with the number of
  documents holding it. Misspelt query words are corrected towards these (pg_trgm).
- archive_search_stem: every English stem of the stored search vectors, with its document count,
  so that ranking can weigh rare words above common ones (ts_rank alone has no IDF).
- archive_search_corpus: how many documents there are, for that weighing.

Views rather than tables: they can only ever hold what the archive says (nothing to keep in
step by hand, nothing from drafts), and REFRESH ... CONCURRENTLY swaps in a new version without
blocking searches.

ts_stat runs its query text at refresh time, and PostgreSQL 17+ refreshes with a search_path of
pg_catalog only: the tables in that text are therefore named with their schema.
"""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension
from django.db import migrations

# The refresh statement's own time (now() would be its transaction's start).
PUBLISHED = "status = 'published' AND published_at <= statement_timestamp()"
FACTSHEET_TEXT = (
    "concat_ws(' ', title, condition, summary, what_it_is, symptoms, causes, "
    'how_acupuncture_may_help, evidence, "references")'
)

CREATE = """
CREATE MATERIALIZED VIEW archive_search_word AS
SELECT word, ndoc AS documents FROM ts_stat($$
    SELECT to_tsvector('simple', concat_ws(' ', title, question, answer))
      FROM {schema}.archive_question WHERE {published}
    UNION ALL
    SELECT to_tsvector('simple', {factsheet_text}) FROM {schema}.factsheets_factsheet
$$)
WHERE word ~ '^[[:alpha:]]{{3,}}$';
CREATE UNIQUE INDEX archive_search_word_word ON archive_search_word (word);
-- Typo correction: the known words that look like a query word (word % 'sciatca').
CREATE INDEX archive_search_word_trigram ON archive_search_word USING gin (word gin_trgm_ops);

CREATE MATERIALIZED VIEW archive_search_stem AS
SELECT word, ndoc AS documents FROM ts_stat($$
    SELECT search_vector FROM {schema}.archive_question WHERE {published}
    UNION ALL
    SELECT search_vector FROM {schema}.factsheets_factsheet
$$);
-- Ranking: the document count of each stem in a query.
CREATE UNIQUE INDEX archive_search_stem_word ON archive_search_stem (word);

CREATE MATERIALIZED VIEW archive_search_corpus AS
SELECT 1 AS id,
       (SELECT count(*) FROM {schema}.archive_question WHERE {published})
       + (SELECT count(*) FROM factsheets_factsheet) AS documents;
-- REFRESH ... CONCURRENTLY needs a unique index.
CREATE UNIQUE INDEX archive_search_corpus_id ON archive_search_corpus (id);
"""

DROP = """
DROP MATERIALIZED VIEW archive_search_corpus;
DROP MATERIALIZED VIEW archive_search_stem;
DROP MATERIALIZED VIEW archive_search_word;
"""


def create_views(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = schema_editor.quote_name(cursor.fetchone()[0])
        cursor.execute(
            CREATE.format(schema=schema, published=PUBLISHED, factsheet_text=FACTSHEET_TEXT)
        )


def drop_views(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_question_search_vector_and_synonyms"),
        ("factsheets", "0002_factsheet_search_vector"),
    ]

    operations = [
        TrigramExtension(),
        CreateExtension("fuzzystrmatch"),
        migrations.RunPython(create_views, drop_views),
    ]
