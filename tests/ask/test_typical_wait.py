"""What askers are told about waiting: how long recent questions took to be answered, from the
queue's own history, and nothing when it has too few answers to say."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ask import services
from ask.models import WAIT_SAMPLE, Submission
from ask.views import thanks_url
from tests.ask.conftest import links, make_submission, receipt

pytestmark = pytest.mark.django_db


def answer_after(editor, days, answered_days_ago=1):
    """A question answered `days` after it arrived, `answered_days_ago` days ago."""
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    services.mark_answered(submission=submission, by=editor, answer="Rest, then gentle walks.")
    answered_at = timezone.now() - timedelta(days=answered_days_ago)
    submission.history.filter(to_state=Submission.State.ANSWERED).update(at=answered_at)
    Submission.objects.filter(pk=submission.pk).update(
        created_at=answered_at - timedelta(days=days)
    )


def test_half_of_the_recent_answers_came_within_the_typical_wait(editor):
    for days in [2, 3, 11, 30, 0.2]:
        answer_after(editor, days)
    assert Submission.objects.typical_wait() == 3
    answer_after(editor, 40, answered_days_ago=200)  # too long ago to count
    assert Submission.objects.typical_wait() == 3
    answer_after(editor, 12)
    assert Submission.objects.typical_wait() == 7  # between 3 and 11 days: the 7th day


def test_too_few_answers_say_nothing_about_the_wait(editor):
    for _ in range(WAIT_SAMPLE - 1):
        answer_after(editor, 5)
    make_submission()  # waiting: not answered, so not counted
    assert Submission.objects.typical_wait() is None


def test_the_receipt_and_status_page_give_the_wait_only_when_it_is_known(client, editor):
    silent = make_submission()
    assert "answered within" not in receipt(silent).body
    assert "few weeks" not in receipt(silent).body
    status = client.get("/" + links(silent)[0]).text
    assert (
        "Questions that show a warning sign are answered first, then the others in the order they arrive."
        in status
    )
    assert "answered within" not in status
    for days in [4, 6, 9, 20, 25]:
        answer_after(editor, days)
    told = make_submission()
    sentence = (
        "Half of the questions answered in the last six months were answered within 9 days of "
        "arriving."
    )
    assert sentence in receipt(told).body
    assert sentence in client.get("/" + links(told)[0]).text
    assert sentence in client.get(thanks_url(told)).text
