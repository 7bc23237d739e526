"""The synthetic Q&As the benchmarks and load runs fill their databases with: written as the site
writes a Q&A, red-flag signs stored with it."""

import signal

import numpy
import pytest
from django.core.management import call_command

from archive import red_flags
from archive.models import Question
from tools.synthetic import TextGenerator, fill, synthetic_category, worker_pool


@pytest.fixture
def generator(transactional_db):
    """A text generator drawing on the seed archive, loaded into a database that commits."""
    call_command("seed", verbosity=0)
    return TextGenerator.from_archive(numpy.random.default_rng(1))


def test_synthetic_questions_carry_the_signs_their_words_show(generator):
    category = synthetic_category()
    fill(category, 30, generator)
    filled = Question.objects.filter(category=category)
    assert filled.count() == 30
    for question in filled:
        assert question.red_flags_key == red_flags.finding_key(question.question)
        assert question.red_flags_found == red_flags.found_in(question.question)
    assert Question.objects.store_red_flags() == (0, 0)


def test_a_fill_to_the_size_there_already_is_adds_and_rebuilds_nothing(generator):
    category = synthetic_category()
    assert fill(category, 5, generator) > 0
    assert synthetic_category() == category
    assert fill(category, 5, generator) == 0
    assert Question.objects.filter(category=category).count() == 5


def test_the_fill_workers_end_on_sigterm_whatever_this_process_does_with_it():
    # The pool ends its workers with SIGTERM: a handler they inherited (the one
    # config.embedded_db installs) once left a worker, and the pool's exit, hanging.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        with worker_pool() as pool:
            assert pool.apply(signal.getsignal, (signal.SIGTERM,)) == signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, previous)
