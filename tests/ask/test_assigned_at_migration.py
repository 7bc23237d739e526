"""Migration ask/0016, which dates each question held when it came in as the page dated it
before: its last step into review."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps

from ask import services
from ask.models import Submission
from tests.ask.conftest import make_editor, make_submission

pytestmark = pytest.mark.django_db

migration = importlib.import_module("ask.migrations.0016_submission_assigned_at")


def test_held_questions_are_dated_by_their_last_step_into_review_and_others_not():
    held = services.assign(submission=make_submission(), editor=make_editor())
    step = held.history.get(to_state=Submission.State.IN_REVIEW)
    step.at -= timedelta(days=2)
    step.save(update_fields=["at"])
    free = make_submission()
    Submission.objects.update(assigned_at=None)
    migration.date_held_questions(apps, None)
    held.refresh_from_db()
    free.refresh_from_db()
    assert (held.assigned_at, free.assigned_at) == (step.at, None)
