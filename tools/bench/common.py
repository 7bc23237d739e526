"""Shared pieces of the search benchmarks (`python -m tools.bench`). They run in a database of
their own, never the archive's."""

import statistics
import sys
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import connections

from archive.models import Question, RetiredSlug
from factsheets.models import Factsheet

BENCH_DATABASE = "archive_bench"


class BenchError(Exception):
    """A benchmark cannot run as asked."""


@contextmanager
def bench_database(name=BENCH_DATABASE, *, fresh=False):
    """Point the default connection at database `name` on the same server, creating (afresh
    if `fresh`) and migrating it first, and back at the real one afterwards."""
    connection = connections["default"]
    real_name = connection.settings_dict["NAME"]
    if real_name == name:
        raise BenchError(f"The site's own database is called {name!r}; pick another name.")
    with connection.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            progress(f"Creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        call_command("migrate", verbosity=0)
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = real_name


def load_seed_archive(database):
    """The seed archive alone in the benchmark database `database`, as `make run` loads it."""
    progress(f"Loading the seed archive into {database}")
    Question.objects.all().delete()
    # Deleting retires their addresses, which `seed` would then leave out: a benchmark's
    # database is its own, and loads the whole seed afresh.
    RetiredSlug.objects.all().delete()
    Factsheet.objects.all().delete()
    call_command("seed", verbosity=0)
    # Weighed afresh whatever the drift: seed weighs afresh only when the averages moved from
    # the last rebuild's, and those the benchmark's own pages left may be near enough to the
    # seed's, whose pages were each weighed by the few loaded before them.
    call_command("rebuild_search_index", verbosity=0, stdout=StringIO())


def progress(message):
    """Progress goes to stderr, so that stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


def percentile(values, fraction):
    """The value below which `fraction` of `values` fall (inclusive method)."""
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def stem_words(text):
    """Lower-cased, Snowball-stemmed words, as the BM25 baseline sees a text."""
    import snowballstemmer

    from search.query import WORD

    return snowballstemmer.stemmer("english").stemWords(WORD.findall(text.lower()))
