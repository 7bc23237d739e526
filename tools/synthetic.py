"""A synthetic archive for benchmarks and load tests: Q&As written from the seed archive's own
words and frequencies, in their own clearly named category."""

import io
import multiprocessing
import signal
import time
from datetime import UTC, datetime

from django.db import DatabaseError, connection

from archive import red_flags
from archive.models import Category, Question
from search import index
from search.query import WORD
from tools.bench.common import progress

SYNTHETIC_SLUG = "synthetic-benchmark"
# Each synthetic Q&A takes most of its words from one seed Q&A (its topic) and the rest from
# the whole seed archive, so that words keep the company they keep in real answers.
TOPIC_SHARE = 0.7
QUESTION_WORDS = (20, 150)
ANSWER_WORDS = (200, 650)
COPY_BATCH = 5000
COLUMNS = [
    "title", "slug", "category_id", "question", "question_preserved", "answer", "status",
    "published_at", "created_at", "updated_at", "source", "marked_for_review",
    "red_flags_found", "red_flags_key",
]  # fmt: skip


# Vacuumed after a fill: the ranking reads the postings by index only, which needs the
# visibility map up to date.
ANALYZED = [
    "archive_question", "search_corpus", "search_document", "search_term", "search_posting",
    "search_word", "search_tier",
]  # fmt: skip


class SyntheticDataError(Exception):
    """The database holds nothing to build synthetic Q&As from."""


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
            raise SyntheticDataError("The database has no seed Q&As: run `seed` first.")
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


def synthetic_category():
    """The category the synthetic Q&As are filed in, created when missing. Nothing empties it:
    benchmarks fill a database they create afresh, and load runs top theirs up (`fill`)."""
    category, _ = Category.objects.get_or_create(
        slug=SYNTHETIC_SLUG, defaults={"name": "Synthetic benchmark data"}
    )
    return category


def worker_pool():
    """A pool of workers forked from this process, so that they start with Django set up as it
    is here. SIGTERM has its default action in them: the pool ends its workers with SIGTERM, and
    a handler inherited from here could leave a worker waiting for the pool's queue lock, and the
    pool's exit waiting for that worker, for ever. Both callers' processes have one:
    config.embedded_db.exit_cleanly_on_sigterm's (benchmarks, tests, load runs)."""
    return multiprocessing.get_context("fork").Pool(
        initializer=signal.signal, initargs=(signal.SIGTERM, signal.SIG_DFL)
    )


def fill(category, size, generator):
    """Top the synthetic Q&As up to `size` with COPY, rebuild the search index once (see
    search.index.bulk_load) and refresh statistics. Returns the rebuild's seconds (none when
    there were `size` already)."""
    have = Question.objects.filter(category=category).count()
    if have >= size:
        return 0.0
    now = datetime.now(UTC).isoformat()
    started = time.monotonic()
    with index.bulk_load(), worker_pool() as pool:
        for start in range(have, size, COPY_BATCH):
            buffer = io.StringIO()
            numbers = range(start, min(start + COPY_BATCH, size))
            texts = [generator.question(n) for n in numbers]
            # Their red-flag signs, as saving a Q&A stores them (Question.save): on every core,
            # as matching the patterns costs more than writing the texts.
            findings = pool.map(red_flag_finding, [question for _, question, _ in texts], 250)
            for n, (title, question, answer), finding in zip(numbers, texts, findings, strict=True):
                values = [title, f"synthetic-{n}", str(category.pk), question, "t", answer]
                values += ["published", now, now, now, "synthetic benchmark data", "f", *finding]
                buffer.write("\t".join(v.replace("\\", "\\\\") for v in values) + "\n")
            buffer.seek(0)
            with connection.cursor() as cursor:
                cursor.copy_expert(
                    f"COPY archive_question ({', '.join(COLUMNS)}) FROM STDIN", buffer
                )
            done = min(start + COPY_BATCH, size)
            progress(f"  {done:,}/{size:,} synthetic Q&As ({time.monotonic() - started:.0f} s)")
        progress(f"Rebuilding the search index for {size:,} Q&As")
        rebuilt = time.monotonic()
    build_seconds = time.monotonic() - rebuilt
    progress(f"  rebuilt in {build_seconds:.0f} s; refreshing statistics")
    with connection.cursor() as cursor:
        for table in ANALYZED:
            cursor.execute(f"VACUUM ANALYZE {table}")
    write_out_changes()
    progress(f"  ready in {time.monotonic() - started:.0f} s")
    return build_seconds


def red_flag_finding(question):
    """A question's red-flag signs and their key, as COPY text for `red_flags_found` and
    `red_flags_key`."""
    return "{" + ",".join(red_flags.found_in(question)) + "}", red_flags.finding_key(question)


def write_out_changes():
    """A checkpoint, so that the server writing out the fill does not overlap the timing (it
    needs a superuser or pg_checkpoint; without, the timing may be noisier)."""
    with connection.cursor() as cursor:
        try:
            cursor.execute("CHECKPOINT")
        except DatabaseError as error:
            progress(f"  no checkpoint ({error}); timings may include the server writing")
