"""Migration ask/0014, which empties what questions erased before it kept of their askers'
health, and nothing of questions not erased."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from ask.models import Submission
from tests.ask.conftest import make_submission
from tests.factories import make_factsheet

pytestmark = pytest.mark.django_db

migration = importlib.import_module("ask.migrations.0014_erased_questions_keep_no_signs")
URGENT = "I had cancer and now my back hurts at night"


def test_questions_erased_before_lose_their_signs_and_links_and_others_keep_theirs():
    erased, kept = (make_submission(question=URGENT) for _ in range(2))
    factsheet = make_factsheet("Sciatica")
    for submission in (erased, kept):
        submission.factsheets.add(factsheet)
    # Withdrawn and erased as before: the details blanked, the signs and links left.
    now = timezone.now()
    Submission.objects.filter(pk=erased.pk).update(
        state=Submission.State.WITHDRAWN, closed_at=now, name="", email="", question="",
        personal_data_erased_at=now,
    )  # fmt: skip
    migration.forget(apps, None)
    erased.refresh_from_db()
    kept.refresh_from_db()
    assert (erased.red_flags_in_text, erased.urgent, erased.factsheets.exists()) == (
        [],
        False,
        False,
    )
    assert kept.red_flags_in_text and kept.urgent and kept.factsheets.exists()
