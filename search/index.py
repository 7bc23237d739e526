"""The search index's upkeep beyond what PostgreSQL's triggers do on every write (migration
search/0002 holds the index, the triggers and the ranking).

Every impact (a word's BM25F weight in a page) is written with the average field lengths of
that moment. Pages added or removed since move the averages, so impacts drift from what a fresh
index would hold; idf never does (it is worked out at query time). `drift()` says by how much,
and `rebuild()` writes everything afresh: after a bulk load, or when `manage.py
rebuild_search_index --if-drifted` finds the averages moved by more than DRIFT_LIMIT.
"""

import math
from contextlib import contextmanager

from django.db import connection

# BM25F as search_impact() in migration search/0002 computes it (a test checks they agree):
# saturation k1, length normalisation b, and each field's weight.
K1, B = 1.2, 0.75
FIELD_WEIGHTS = {"title": 3.0, "question": 1.5, "answer": 1.0}
# A share by which an average field length may move before a rebuild is due.
DRIFT_LIMIT = 0.05
INSERT_TRIGGER = "search_archive_question_inserted"


def drift():
    """How far the average field lengths have moved since the index was last rebuilt, as the
    largest relative change of the three: infinite when pages were indexed but it was never
    rebuilt (the averages it weighs by are still none)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT documents, ARRAY[title_length, question_length, answer_length], "
            "rebuilt_averages FROM search_corpus"
        )
        documents, lengths, rebuilt = cursor.fetchone()
    if documents and not any(rebuilt):
        return math.inf
    now = [length / documents if documents else 0 for length in lengths]
    return max(abs(a - b) / max(b, 1) for a, b in zip(now, rebuilt, strict=True))


def pages_to_index():
    """How many Q&As and factsheets a rebuild indexes (search_rebuild(): published Q&As, those
    scheduled for later included, and every factsheet)."""
    from archive.models import Question
    from factsheets.models import Factsheet

    return Question.objects.filter(
        status=Question.Status.PUBLISHED
    ).count(), Factsheet.objects.count()


def rebuild():
    """Index every published Q&A and factsheet afresh, with the final average field lengths.
    Searches wait for it (it holds the index's tables); about 4 minutes per 100,000 Q&As on
    two cores (docs/benchmarks.md's index builds)."""
    from archive.models import ContentVersion

    with connection.cursor() as cursor:
        cursor.execute("SELECT search_rebuild()")
    ContentVersion.bump()  # scores move with the averages: cached result pages do too


@contextmanager
def bulk_load():
    """Load many Q&As at once faster: PostgreSQL does not index each inserted Q&A meanwhile (the
    insert trigger is off), and the whole index is rebuilt once at the end. Edits and deletes
    are still followed. Needs the table's owner, as migrations do."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE archive_question DISABLE TRIGGER {INSERT_TRIGGER}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE archive_question ENABLE TRIGGER {INSERT_TRIGGER}")
        rebuild()
