"""Search speed and exactness against tantivy, over N synthetic Q&As in a separate database.

For each size, the same queries go, interleaved, to four things: the site's full `/search/`
request (Django's test client: middleware, view, template), the site's ranking statement alone
(`search.results.ranked`: top 10 and the capped count, the query already prepared), the search
page's statement with its hits built (`search.results.Results`: the ranking, count and snippets
of the first page, as the view gets them), the site's trivial response (`/robots.txt` through
the same client and middleware: the reference the request is measured against), and tantivy
(the `tantivy` package: BM25 over the same three fields, with the same field weights as boosts,
any word, top 10 and its count). Each figure is the median of `repeats` passes over the queries;
the load average is taken at the start of each pass.

Recall@10 is the share of the exact BM25F top 10 that a ranking lists in its own top 10. The
exact ranking is worked out here in numpy, from each page's own term frequencies (read from its
stored search vector) and field lengths, with the formula of search/index.py, for the same
prepared query (typo corrections and synonym alternatives included): it checks the index's
impacts and the threshold algorithm's pruning together.
"""

import os
import re
import statistics
import tempfile
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from search import index
from search.models import Synonym
from search.query import prepare
from search.results import MAX_COUNTED, Results, ranked
from tools.bench.common import BenchError, bench_database, percentile, progress
from tools.synthetic import (
    ANSWER_WORDS,
    QUESTION_WORDS,
    TOPIC_SHARE,
    TextGenerator,
    fill,
    synthetic_category,
)

# Words patients search for, all found in the seed archive; queries draw 1, 2 or 4 of them.
QUERY_TERMS = [
    "sciatica", "stenosis", "needles", "dizziness", "bruises", "spasm", "epidural", "diabetes",
    "fusions", "balance", "vertigo", "inflammation", "degeneration", "disc", "nerve", "muscles",
    "osteopaths", "chiropractors", "MRI", "steroid", "injection", "pregnancy", "weight",
    "headache", "tiredness", "knee", "foot", "toes", "leg", "ligaments", "session", "practitioner",
    "chronic", "symptoms", "worse", "stairs", "spine", "lumbar", "insulin", "glucose",
    "impingement", "bacteria", "GP", "NICE", "vertebrae", "haematoma", "stiffness", "migraines",
]  # fmt: skip
WORDS_PER_QUERY = [1, 2, 4]
# Three words, which the targets do not name, are measured too: ranked like four (a pool scored
# exactly), with fewer words to pool by. Drawn with a generator of their own, so that the other
# rows' queries and the synthetic Q&As stay the ones the targets were set on.
THREE_WORDS = 3
# A row of queries that are each a synonym term of several words ("back pain", "side effects"),
# drawn from the synonym list: one concept whose alternative needs all its words on a page.
SYNONYMS = "synonym"
DEPTH = 10
FIELDS = list(index.FIELD_WEIGHTS)
# Targets at the largest size.
REQUEST_P95_MS = 20
SQL_TO_TANTIVY = 5
RECALL = 0.9


def run(*, database, sizes, queries, repeats, seed):
    """Fill the benchmark database to each size in turn and return the Markdown report."""
    import numpy

    rng = numpy.random.default_rng(seed)
    texts = {words: drawn(rng, words, queries) for words in WORDS_PER_QUERY}
    texts[THREE_WORDS] = drawn(numpy.random.default_rng([seed, THREE_WORDS]), THREE_WORDS, queries)
    rows, builds = [], []
    with bench_database(database, fresh=True):
        call_command("seed", verbosity=0)
        synonym_terms = several_word_terms()
        texts[SYNONYMS] = list(rng.choice(synonym_terms, queries))
        generator = TextGenerator.from_archive(rng)
        missing = [t for t in QUERY_TERMS if t.lower() not in generator.vocabulary]
        if missing:
            raise BenchError(f"Query terms missing from the seed archive: {missing}")
        category = synthetic_category()
        for size in sorted(sizes):
            build_seconds = fill(category, size, generator)
            with tempfile.TemporaryDirectory() as directory:
                engine, tantivy_seconds = Tantivy.build(directory)
                builds.append((size, build_seconds, tantivy_seconds, index_megabytes()))
                exact = ExactBM25F.load([prepare(t) for ts in texts.values() for t in ts])
                for words, batch in texts.items():
                    progress(f"  N={size:,}, {kind(words)}")
                    rows.append(measure(size, words, batch, engine, exact, repeats))
        version = postgres_version()
    return report(sorted(rows, key=in_report_order), builds, queries, repeats, version,
                  len(synonym_terms))  # fmt: skip


def drawn(rng, words, queries):
    """`queries` queries of `words` different terms each."""
    return [" ".join(rng.choice(QUERY_TERMS, words, replace=False)) for _ in range(queries)]


def in_report_order(row):
    """Rows by size, then by words per query (`words_order`)."""
    return row.size, words_order(row.words)


def words_order(words):
    """Fewer words first, the synonym row last."""
    return (1, 0) if words == SYNONYMS else (0, words)


def several_word_terms():
    """Every term of the synonym list with more than one word, each once."""
    return sorted({term for synonym in Synonym.objects.all() for term in synonym.terms()
                   if len(term.split()) > 1})  # fmt: skip


def kind(words):
    """How a row's queries are described: their number of words, or a synonym's."""
    return "synonyms of several words" if words == SYNONYMS else f"{words}-word queries"


@dataclass
class Row:
    size: int
    words: int | str  # words per query, or SYNONYMS
    request: tuple  # (p50, p95) ms, medians of the repeats
    sql: tuple
    page: tuple  # the search page's statement and its hits (Results)
    trivial: tuple  # /robots.txt through the same client
    tantivy: tuple
    ratio: tuple  # SQL / tantivy, p50 and p95
    stems: tuple  # tantivy searching the site's stems
    stems_ratio: tuple
    recall: float
    tantivy_recall: float
    stems_recall: float
    load: tuple  # load averages (1 min) seen at the start of each repeat
    counted: int  # median count the site reports (MAX_COUNTED + 1 for "more than")


# The rendered-page cache is off: each request is ranked and rendered afresh, as a search no one
# has made before would be (the same queries repeat across passes). The content version is read
# at most once a second, as in production (config/settings.py), not on every request.
@override_settings(
    DEBUG=False,
    CONTENT_VERSION_SECONDS=1,
    CACHES={**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
)
def measure(size, words, texts, engine, exact, repeats):
    """Time every query on the three paths, interleaved, `repeats` times over."""
    client = Client(HTTP_HOST="localhost")
    prepared = [prepare(text) for text in texts]
    for text, query in zip(texts[:10], prepared[:10], strict=True):  # warm-up
        client.get("/search/", {"q": text})
        ranked(query, k=DEPTH, count_up_to=MAX_COUNTED)
        Results(query)
        engine.search(text)
        engine.search_stems(query)
    passes, loads = [], []
    for _ in range(repeats):
        loads.append(os.getloadavg()[0])
        timings = {name: [] for name in ("request", "sql", "page", "trivial", "tantivy", "stems")}
        for n, (text, query) in enumerate(zip(texts, prepared, strict=True)):
            steps = [
                ("request", lambda text=text: search(client, text)),
                ("sql", lambda query=query: ranked(query, k=DEPTH, count_up_to=MAX_COUNTED)),
                ("page", lambda query=query: Results(query)),
                ("trivial", lambda: check(client.get("/robots.txt"), "/robots.txt")),
                ("tantivy", lambda text=text: engine.search(text)),
                ("stems", lambda query=query: engine.search_stems(query)),
            ]
            turn = n % len(steps)
            for name, step in steps[turn:] + steps[:turn]:  # each goes first in turn
                started = time.perf_counter()
                step()
                timings[name].append((time.perf_counter() - started) * 1000)
        passes.append(timings)
    site = [ranked(query, k=DEPTH, count_up_to=MAX_COUNTED) for query in prepared]
    best = [exact.top(query) for query in prepared]
    theirs = [engine.search(text)[0] for text in texts]
    theirs_by_stems = [engine.search_stems(query)[0] for query in prepared]
    ours = [[(q, f) for q, f, _ in rows] for rows, _ in site]

    def figure(name):
        return tuple(
            statistics.median(percentile(p[name], fraction) for p in passes)
            for fraction in (0.5, 0.95)
        )

    sql, tantivy, stems = figure("sql"), figure("tantivy"), figure("stems")
    return Row(
        size=size,
        words=words,
        request=figure("request"),
        sql=sql,
        page=figure("page"),
        trivial=figure("trivial"),
        tantivy=tantivy,
        ratio=(sql[0] / tantivy[0], sql[1] / tantivy[1]),
        stems=stems,
        stems_ratio=(sql[0] / stems[0], sql[1] / stems[1]),
        recall=recall(ours, best),
        tantivy_recall=recall(theirs, best),
        stems_recall=recall(theirs_by_stems, best),
        load=tuple(loads),
        counted=int(statistics.median(total for _, total in site)),
    )


def search(client, text):
    check(client.get("/search/", {"q": text}), f"/search/?q={text}")


def check(response, address):
    if response.status_code != 200:
        raise BenchError(f"{address} answered {response.status_code}")


def recall(rankings, exact):
    """Mean share of each exact top 10 found in the ranking's top 10 (queries with hits)."""
    shares = [
        len(set(mine[:DEPTH]) & set(best)) / len(best)
        for mine, best in zip(rankings, exact, strict=True)
        if best
    ]
    return sum(shares) / len(shares)


class Tantivy:
    """A tantivy index of the same pages: title, question and answer (a factsheet's title and
    condition, summary, sections), English-stemmed, searched with the same field weights."""

    def __init__(self, index):
        self.index = index
        self.searcher = index.searcher()
        self.schema = index.schema

    @classmethod
    def build(cls, directory):
        import tantivy

        schema = tantivy.SchemaBuilder()
        schema.add_integer_field("question_id", stored=True)
        schema.add_integer_field("factsheet_id", stored=True)
        for name in FIELDS:
            schema.add_text_field(name, tokenizer_name="en_stem")
        engine = tantivy.Index(schema.build(), path=directory)
        started = time.monotonic()
        writer = engine.writer(heap_size=256_000_000)
        for question_id, factsheet_id, *texts in pages():
            writer.add_document(
                tantivy.Document(
                    question_id=question_id or 0,
                    factsheet_id=factsheet_id or 0,
                    **dict(zip(FIELDS, texts, strict=True)),
                )
            )
        writer.commit()
        writer.wait_merging_threads()
        engine.reload()
        return cls(engine), time.monotonic() - started

    def search(self, text):
        """The top 10 as (question id, factsheet id) and the count of matches."""
        query = self.index.parse_query(
            re.sub(r"[^\w\s]", " ", text), FIELDS, field_boosts=index.FIELD_WEIGHTS
        )
        return self.top(query)

    def search_stems(self, prepared):
        """`search` for the stems the site ranks by: each concept is its best alternative
        (synonyms, corrections), an alternative of several stems needs them all, and each stem
        is looked for in every field with its weight. The same work as the site's, where
        `search` looks for the typed words alone."""
        import tantivy

        def stem(lexeme):
            return tantivy.Query.boolean_query(
                [
                    (
                        tantivy.Occur.Should,
                        tantivy.Query.boost_query(
                            tantivy.Query.term_query(self.schema, field, lexeme), weight
                        ),
                    )
                    for field, weight in index.FIELD_WEIGHTS.items()
                ]
            )

        def alternative(lexemes):
            stems = [stem(lexeme) for lexeme in lexemes]
            if len(stems) == 1:
                return stems[0]
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in stems])

        concepts = [
            tantivy.Query.disjunction_max_query([alternative(a) for a in concept.alternatives])
            for concept in prepared.concepts
        ]
        return self.top(tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in concepts]))

    def top(self, query):
        found = self.searcher.search(query, DEPTH, count=True)
        hits = []
        for _, address in found.hits:
            doc = self.searcher.doc(address)
            hits.append((doc["question_id"][0] or None, doc["factsheet_id"][0] or None))
        return hits, found.count


def pages():
    """Every published Q&A and factsheet: ids, then the three fields' text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, NULL, title, question, answer FROM archive_question "
            "WHERE status = 'published' UNION ALL "
            "SELECT NULL, id, concat_ws(' ', title, condition), summary, concat_ws(' ', "
            'what_it_is, symptoms, causes, how_acupuncture_may_help, evidence, "references") '
            "FROM factsheets_factsheet"
        )
        yield from cursor


# Each page's term frequency per field (weights A, B, C of its stored vector) for some stems.
TF_SQL = """
SELECT p.question_id, p.factsheet_id, u.lexeme,
       count(*) FILTER (WHERE w = 'A'), count(*) FILTER (WHERE w = 'B'),
       count(*) FILTER (WHERE w = 'C')
FROM (SELECT id AS question_id, NULL::bigint AS factsheet_id, search_vector FROM archive_question
      WHERE status = 'published'
      UNION ALL SELECT NULL, id, search_vector FROM factsheets_factsheet) AS p,
     unnest(p.search_vector) AS u, unnest(u.weights) AS w
WHERE u.lexeme = ANY(%s)
GROUP BY 1, 2, 3
"""


class ExactBM25F:
    """BM25F computed page by page for every page, no index, no pruning."""

    def __init__(self, keys, lengths, postings):
        import numpy

        self.keys = keys
        self.position = {key: n for n, key in enumerate(keys)}
        averages = lengths.mean(axis=0)
        b = index.B
        self.norms = (1 - b + b * lengths / numpy.maximum(averages, 1)).T  # per field, page
        self.postings = postings  # stem: (pages, tf per field)

    @classmethod
    def load(cls, queries):
        import numpy

        progress("  reading term frequencies for the exact ranking")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT question_id, factsheet_id, title_length, question_length, "
                "answer_length FROM search_document ORDER BY id"
            )
            documents = cursor.fetchall()
            keys = [(q, f) for q, f, *_ in documents]
            lengths = numpy.array([row[2:] for row in documents], dtype=float)
            stems = sorted({s for query in queries for s in query.terms()[0]})
            cursor.execute(TF_SQL, [stems])
            rows = cursor.fetchall()
        exact = cls(keys, lengths, {})
        by_stem = {}
        for question_id, factsheet_id, stem, *tf in rows:
            by_stem.setdefault(stem, []).append((exact.position[question_id, factsheet_id], tf))
        for stem, found in by_stem.items():
            exact.postings[stem] = (
                numpy.array([n for n, _ in found]),
                numpy.array([tf for _, tf in found], dtype=float).T,
            )
        return exact

    def impact(self, stem):
        """(pages, idf x BM25F weight) for a stem."""
        import numpy

        pages, tf = self.postings.get(stem, (numpy.array([], dtype=int), numpy.zeros((3, 0))))
        weighted = sum(
            index.FIELD_WEIGHTS[field] * tf[n] / self.norms[n][pages]
            for n, field in enumerate(FIELDS)
        )
        k1 = index.K1
        idf = numpy.log(1 + (len(self.keys) - len(pages) + 0.5) / (len(pages) + 0.5))
        return pages, idf * weighted * (k1 + 1) / (k1 + weighted)

    def top(self, query):
        """The 10 best pages' keys for a prepared query (the concepts' best alternatives)."""
        import numpy

        total = numpy.zeros(len(self.keys))
        for concept in query.concepts:
            best = numpy.zeros(len(self.keys))
            for stems in concept.alternatives:
                # An alternative counts only in pages holding all its stems.
                score, holding = numpy.zeros(len(self.keys)), numpy.zeros(len(self.keys))
                for stem in dict.fromkeys(stems):
                    pages, impact = self.impact(stem)
                    score[pages] += impact
                    holding[pages] += 1
                best = numpy.maximum(best, numpy.where(holding == len(set(stems)), score, 0))
            total += best
        order = numpy.argsort(-total, kind="stable")[:DEPTH]
        return [self.keys[n] for n in order if total[n] > 0]


def index_megabytes():
    """The search index's tables on disk, with their indexes and TOAST, in MB."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(pg_total_relation_size(c)) / 1e6 FROM unnest(ARRAY['search_posting', "
            "'search_document', 'search_document_terms', 'search_term', 'search_word', 'search_tier', "
            "'search_phrase', 'search_phrase_tier']::regclass[]) AS c"
        )
        return float(cursor.fetchone()[0])


def postgres_version():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def report(rows, builds, queries, repeats, version, synonym_terms):
    lines = [
        "## Speed and exactness against tantivy",
        "",
        f"PostgreSQL {version} on the same machine as the benchmark; tantivy in-process. "
        f"Each row: {queries} queries of that many words drawn at random from "
        f"{len(QUERY_TERMS)} terms (three words, which no target names, by a generator of their "
        "own, so that the other queries stay the ones the targets were set on); the row "
        f"“synonym”: {queries} drawn from the synonym list's {synonym_terms} terms of several "
        "words, such as “back pain” (a concept whose words must all be on a page). The same "
        "queries at every size. Every query goes, "
        "interleaved, to the full `/search/` request (Django's test client, DEBUG off, the "
        "rendered-page cache off, the content version read at most once a second as in "
        "production), to the site's ranking statement alone (top 10 and the count up to "
        "1,000, the query prepared), to the search page's statement with its hits built (the "
        "ranking, the count and the first page's snippets, as the view gets them), to the "
        "site's trivial response (`/robots.txt` through the same client and middleware: what "
        "the request's time is measured against, as this machine's speed varies) and to "
        "tantivy (top 10 and its count) twice: for the typed "
        "words, and for the stems the site ranks by (synonyms and corrections, each concept "
        "its best alternative: the same work). Each time is the "
        f"median of {repeats} passes; the load average (1 minute) at the start of each pass is shown "
        "beside it. Synthetic Q&As are built from the seed archive's words "
        f"({int(TOPIC_SHARE * 100)}% from one seed Q&A, the rest from all), "
        f"{QUESTION_WORDS[0]}–{QUESTION_WORDS[1]}-word questions and "
        f"{ANSWER_WORDS[0]}–{ANSWER_WORDS[1]}-word answers.",
        "",
        "Recall@10: the share of the exact BM25F top 10 (computed page by page in numpy, see "
        "`tools/bench/speed.py`) listed in the ranking's own top 10. tantivy's BM25 is per "
        "field with field boosts (not BM25F) and its field lengths are stored coarsely, so its "
        "recall shows how far a different BM25 lands, not a target. The targets take tantivy "
        "on the typed words, as the issue that set them measured it.",
        "",
        "| Q&As | Words | Request p50 / p95 (ms) | Ranking SQL p50 / p95 (ms) | tantivy p50 / p95 "
        "(ms) | SQL ÷ tantivy p50 / p95 | tantivy, the site's stems, p50 / p95 (ms) "
        "| SQL ÷ that p50 / p95 | Recall@10 site | Recall@10 tantivy, words / stems "
        "| Median count | Load average |",
        "| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --- |",
    ]
    for row in rows:
        count = "> 1,000" if row.counted > MAX_COUNTED else f"{row.counted:,}"
        lines.append(
            f"| {row.size:,} | {row.words} | {row.request[0]:.1f} / {row.request[1]:.1f} "
            f"| {row.sql[0]:.1f} / {row.sql[1]:.1f} | {row.tantivy[0]:.2f} / {row.tantivy[1]:.2f} "
            f"| ×{row.ratio[0]:.1f} / ×{row.ratio[1]:.1f} "
            f"| {row.stems[0]:.2f} / {row.stems[1]:.2f} "
            f"| ×{row.stems_ratio[0]:.1f} / ×{row.stems_ratio[1]:.1f} | {row.recall:.3f} "
            f"| {row.tantivy_recall:.3f} / {row.stems_recall:.3f} | {count} "
            f"| {', '.join(f'{x:.1f}' for x in row.load)} |"
        )
    lines += [
        "",
        "Index builds (the site: `search_rebuild()` after the synthetic Q&As were copied in; "
        "tantivy: one writer, committed):",
        "",
        "| Q&As | Site rebuild (s) | Site index size (MB) | tantivy build (s) |",
        "| --: | --: | --: | --: |",
    ]
    for size, site_seconds, tantivy_seconds, megabytes in builds:
        lines.append(
            f"| {size:,} | {site_seconds:.0f} | {megabytes:,.0f} | {tantivy_seconds:.0f} |"
        )
    largest = [row for row in rows if row.size == max(r.size for r in rows)]
    lines += ["", f"Targets at {largest[0].size:,} Q&As:", ""]
    lines += [outcome(row) for row in largest]
    lines += [
        "",
        f"Where a request's time goes at {largest[0].size:,} Q&As (ms at p50; each part the "
        "difference of two medians, so a guide rather than an exact sum):",
        "",
    ]
    lines += [breakdown(row) for row in largest]
    sizes = sorted({row.size for row in rows})
    if len(sizes) > 1:
        lines += ["", f"Growth from {sizes[0]:,} to {sizes[-1]:,} Q&As (p50 / p95, ms):", ""]
        for words in sorted({row.words for row in rows}, key=words_order):
            by_size = {row.size: row for row in rows if row.words == words}
            steps = " → ".join(
                f"{by_size[s].request[0]:.1f} / {by_size[s].request[1]:.1f}" for s in sizes
            )
            sql = " → ".join(f"{by_size[s].sql[0]:.1f} / {by_size[s].sql[1]:.1f}" for s in sizes)
            lines.append(f"- {kind(words)}: request {steps}; ranking SQL {sql}.")
    return "\n".join(lines) + "\n"


def outcome(row):
    """A row's figures at the largest size, against the targets where they are set."""
    targeted = row.words != THREE_WORDS

    def against(target, met):
        return f" (target {target}: {verdict(met)})" if targeted else ""

    return (
        f"- {kind(row.words)}{'' if targeted else ' (no target set)'}: "
        f"request p95 {row.request[1]:.1f} ms, ×{row.request[1] / row.trivial[1]:.0f} the "
        f"trivial response's {row.trivial[1]:.2f} ms"
        f"{against(f'< {REQUEST_P95_MS}', row.request[1] < REQUEST_P95_MS)}; "
        f"ranking SQL ×{row.ratio[1]:.1f} tantivy at p95, ×{row.ratio[0]:.1f} at p50"
        f"{against(f'≤ ×{SQL_TO_TANTIVY}', max(row.ratio) <= SQL_TO_TANTIVY)}, "
        f"×{row.stems_ratio[1]:.1f} / ×{row.stems_ratio[0]:.1f} against tantivy on the site's "
        f"stems; recall@10 {row.recall:.3f}{against(f'≥ {RECALL}', row.recall >= RECALL)}."
    )


def breakdown(row):
    """A row's request at p50, split into the ranking, the rest of the page's statement with its
    hits, and the form, view, template and middleware."""
    page, request = row.page[0] - row.sql[0], row.request[0] - row.page[0]
    return (
        f"- {kind(row.words)}: ranking {row.sql[0]:.1f}; the page's count, snippets and hits "
        f"{page:.1f}; the form, view, template and middleware {request:.1f}; the request "
        f"{row.request[0]:.1f}, ×{row.request[0] / row.trivial[0]:.0f} the trivial response "
        f"(`/robots.txt`, {row.trivial[0]:.2f})."
    )


def verdict(met):
    return "met" if met else "**missed**"
