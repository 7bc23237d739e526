"""Search latency through the full Django view, over N synthetic Q&As in a separate database."""

import io
import re
import time
from datetime import UTC, datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.test import Client, override_settings

from archive.benchmarks import BENCH_DATABASE, bench_database, percentile, progress
from archive.models import Category, Question
from archive.search import WORD, refresh_lexicon

SYNTHETIC_SLUG = "synthetic-benchmark"
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
# Each synthetic Q&A takes most of its words from one seed Q&A (its topic) and the rest from
# the whole seed archive, so that words keep the company they keep in real answers.
TOPIC_SHARE = 0.7
QUESTION_WORDS = (20, 150)
ANSWER_WORDS = (200, 650)
COPY_BATCH = 5000
COLUMNS = [
    "title", "slug", "category_id", "question", "question_preserved", "answer", "status",
    "published_at", "created_at", "updated_at", "source",
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Fill a separate benchmark database with N synthetic Q&As (marked synthetic: their "
        "own category and source) for each size, and report /search/ latency p50/p95 for 1-, "
        "2- and 4-word queries, as Markdown on stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=BENCH_DATABASE)
        parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
        parser.add_argument("--queries", type=int, default=150, help="timed per query length")
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args, database, sizes, queries, seed, **options):
        try:
            import numpy
        except ImportError as error:
            raise CommandError("Needs the dev extra: pip install -e '.[dev]'") from error
        rng = numpy.random.default_rng(seed)
        rows = []
        with bench_database(database):
            call_command("seed", verbosity=0)
            generator = TextGenerator.from_archive(rng)
            missing = [t for t in QUERY_TERMS if t.lower() not in generator.vocabulary]
            if missing:
                raise CommandError(f"Query terms missing from the seed archive: {missing}")
            category = reset_synthetic_data()
            for size in sorted(sizes):
                fill(category, size, generator)
                client = Client(HTTP_HOST="localhost")
                for words in WORDS_PER_QUERY:
                    texts = [
                        " ".join(rng.choice(QUERY_TERMS, words, replace=False))
                        for _ in range(queries)
                    ]
                    rows.append((size, words, *time_queries(client, texts, size)))
            version = postgres_version()
        self.stdout.write(report(rows, queries, version))


class TextGenerator:
    """Synthetic Q&A text from the seed archive's own words and frequencies."""

    def __init__(self, rng, topics, vocabulary, overall):
        self.rng = rng
        self.topics = topics  # per seed Q&A: its word probabilities
        self.vocabulary = vocabulary
        self.words = list(vocabulary)
        self.overall = overall

    @classmethod
    def from_archive(cls, rng):
        seed = list(Question.objects.published().exclude(category__slug=SYNTHETIC_SLUG))
        if not seed:
            raise CommandError("The benchmark database has no seed Q&As: run `seed` first.")
        vocabulary, counts = {}, []
        for question in seed:
            ids = [
                vocabulary.setdefault(w, len(vocabulary))
                for w in WORD.findall(f"{question.question} {question.answer}".lower())
            ]
            counts.append(ids)
        topics = [rng_free_distribution(ids, len(vocabulary)) for ids in counts]
        overall = rng_free_distribution([i for ids in counts for i in ids], len(vocabulary))
        return cls(rng, topics, vocabulary, overall)

    def text(self, topic, low, high):
        size = int(self.rng.integers(low, high))
        from_topic = int(size * TOPIC_SHARE)
        ids = [
            *self.rng.choice(len(self.words), from_topic, p=topic),
            *self.rng.choice(len(self.words), size - from_topic, p=self.overall),
        ]
        self.rng.shuffle(ids)
        sentences = [ids[i : i + 16] for i in range(0, len(ids), 16)]
        return " ".join(
            " ".join(self.words[i] for i in sentence).capitalize() + "." for sentence in sentences
        )

    def question(self, n):
        """Title, question and answer; the title is the question's start, as on the site."""
        topic = self.topics[int(self.rng.integers(len(self.topics)))]
        question = self.text(topic, *QUESTION_WORDS)
        title = " ".join(question.split()[: int(self.rng.integers(6, 14))]).rstrip(".")
        return f"[Synthetic {n}] {title}", question, self.text(topic, *ANSWER_WORDS)


def rng_free_distribution(ids, size):
    """Word probabilities from word occurrences (a tiny floor keeps every word possible)."""
    import numpy

    counts = numpy.bincount(ids, minlength=size).astype(float) + 0.01
    return counts / counts.sum()


def reset_synthetic_data():
    category, _ = Category.objects.get_or_create(
        slug=SYNTHETIC_SLUG, defaults={"name": "Synthetic benchmark data"}
    )
    Question.objects.filter(category=category).delete()
    return category


def fill(category, size, generator):
    """Top the synthetic Q&As up to `size` with COPY, then refresh statistics and lexicon."""
    have = Question.objects.filter(category=category).count()
    now = datetime.now(UTC).isoformat()
    started = time.monotonic()
    for start in range(have, size, COPY_BATCH):
        buffer = io.StringIO()
        for n in range(start, min(start + COPY_BATCH, size)):
            title, question, answer = generator.question(n)
            values = [title, f"synthetic-{n}", str(category.pk), question, "t", answer]
            values += ["published", now, now, now, "synthetic benchmark data"]
            buffer.write("\t".join(v.replace("\\", "\\\\") for v in values) + "\n")
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY archive_question ({', '.join(COLUMNS)}) FROM STDIN", buffer)
        done = min(start + COPY_BATCH, size)
        progress(f"  {done:,}/{size:,} synthetic Q&As ({time.monotonic() - started:.0f} s)")
    progress(f"Refreshing statistics and the search lexicon for {size:,} Q&As")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE archive_question")
    refresh_lexicon()
    write_out_changes()
    progress(f"  ready in {time.monotonic() - started:.0f} s")


def write_out_changes():
    """A checkpoint, so that the server writing out the fill does not overlap the timing (it
    needs a superuser or pg_checkpoint; without, the timing may be noisier)."""
    with connection.cursor() as cursor:
        try:
            cursor.execute("CHECKPOINT")
        except DatabaseError as error:
            progress(f"  no checkpoint ({error}); timings may include the server writing")


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
            raise CommandError(f"/search/?q={text} answered {response.status_code}")
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
