"""Search latency through the full Django view, over N synthetic Q&As in a separate database."""

import re
import time

from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from tools.bench.common import BenchError, bench_database, percentile, progress
from tools.synthetic import (
    ANSWER_WORDS,
    QUESTION_WORDS,
    TOPIC_SHARE,
    TextGenerator,
    fill,
    reset_synthetic_data,
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


def run(*, database, sizes, queries, seed):
    """Fill the benchmark database with N synthetic Q&As for each size and return /search/
    latency p50/p95 for 1-, 2- and 4-word queries, as Markdown."""
    import numpy

    rng = numpy.random.default_rng(seed)
    rows = []
    with bench_database(database):
        call_command("seed", verbosity=0)
        generator = TextGenerator.from_archive(rng)
        missing = [t for t in QUERY_TERMS if t.lower() not in generator.vocabulary]
        if missing:
            raise BenchError(f"Query terms missing from the seed archive: {missing}")
        category = reset_synthetic_data()
        for size in sorted(sizes):
            fill(category, size, generator)
            client = Client(HTTP_HOST="localhost")
            for words in WORDS_PER_QUERY:
                texts = [
                    " ".join(rng.choice(QUERY_TERMS, words, replace=False)) for _ in range(queries)
                ]
                rows.append((size, words, *time_queries(client, texts, size)))
        version = postgres_version()
    return report(rows, queries, version)


@override_settings(DEBUG=False)
def time_queries(client, texts, size):
    """Milliseconds per request for each query text, after one untimed warm-up pass."""
    for text in texts[:20]:
        client.get("/search/", {"q": text})
    timings, results = [], []
    for n, text in enumerate(texts, 1):
        started = time.perf_counter()
        response = client.get("/search/", {"q": text})
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise BenchError(f"/search/?q={text} answered {response.status_code}")
        results.append(shown_count(response.content.decode()))
        if n % 50 == 0:
            progress(f"  N={size:,}, {len(text.split())}-word queries: {n}/{len(texts)}")
    return percentile(timings, 0.5), percentile(timings, 0.95), sorted(results)[len(results) // 2]


def shown_count(html):
    """The result count the page shows (1,001 for "more than 1,000")."""
    if "More than 1,000 results" in html:
        return 1001
    match = re.search(r"(\d+) results?</h2>", html)
    return int(match[1]) if match else 0


def postgres_version():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def report(rows, queries, version):
    lines = [
        "## Speed",
        "",
        f"Full `/search/` requests through Django's test client (middleware, view, template; "
        f"DEBUG off), PostgreSQL {version} on the same machine. Each row: {queries} queries "
        f"of that many words drawn at random from {len(QUERY_TERMS)} terms, after 20 untimed "
        "warm-up requests. Synthetic Q&As are built from the seed archive's words "
        f"({int(TOPIC_SHARE * 100)}% from one seed Q&A, the rest from all), "
        f"{QUESTION_WORDS[0]}–{QUESTION_WORDS[1]}-word questions and "
        f"{ANSWER_WORDS[0]}–{ANSWER_WORDS[1]}-word answers, like the real ones. "
        "Median results is the median count shown on the page (capped at 1,001).",
        "",
        "| Q&As | Words | p50 (ms) | p95 (ms) | Median results |",
        "| --: | --: | --: | --: | --: |",
    ]
    for size, words, p50, p95, median in rows:
        lines.append(f"| {size:,} | {words} | {p50:.1f} | {p95:.1f} | {median:,} |")
    sizes = sorted({row[0] for row in rows})
    if len(sizes) > 1:
        lines += ["", f"Growth from {sizes[0]:,} to {sizes[-1]:,} Q&As:", ""]
        for words in WORDS_PER_QUERY:
            by_size = {row[0]: row for row in rows if row[1] == words}
            small, large = by_size[sizes[0]], by_size[sizes[-1]]
            lines.append(
                f"- {words}-word queries: p50 {small[2]:.1f} → {large[2]:.1f} ms, "
                f"p95 {small[3]:.1f} → {large[3]:.1f} ms "
                f"(×{large[3] / small[3]:.1f} for ×{sizes[-1] // sizes[0]} the Q&As)."
            )
    return "\n".join(lines) + "\n"
