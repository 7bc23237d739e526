"""Migration factsheets/0004, which forgets the author an earlier importer guessed for the seed
factsheet, and nothing else."""

import importlib

import pytest
from django.apps import apps

from tests.factories import make_factsheet

pytestmark = pytest.mark.django_db

migration = importlib.import_module("factsheets.migrations.0004_forget_guessed_author")


def test_the_guessed_author_is_forgotten_where_it_is_still_the_guess():
    guessed = make_factsheet("Sciatica", source=migration.SOURCE, author=migration.GUESSED)
    named = make_factsheet("Back pain", source=migration.SOURCE, author="Dr Ann Named")
    other = make_factsheet("Stenosis", source="005_other.txt", author=migration.GUESSED)
    migration.forget(apps, None)
    for factsheet in (guessed, named, other):
        factsheet.refresh_from_db()
    assert guessed.author == ""
    assert named.author == "Dr Ann Named"  # an editor's own
    assert other.author == migration.GUESSED  # another page's, not this guess
