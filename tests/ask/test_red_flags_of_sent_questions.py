"""Questions sent before the red-flag rules improved gain the signs today's rules find in them
(`store_submission_red_flags`), and never lose one."""

import pytest
from django.core.management import call_command

from ask import services
from ask.models import Submission
from tests.ask.conftest import links, make_submission

pytestmark = pytest.mark.django_db
State = Submission.State

# A typo the rules read as chest pain, which older rules missed.
CHEST_PAIM = "I have had a chest paim since my acupuncture session yesterday, is that normal?"
CALM = "Is it normal to feel tired after acupuncture for my lower back?"


def sent_under_older_rules(**fields):
    """A submission stored as rules that found no sign in its words would have stored it."""
    submission = make_submission(question=CHEST_PAIM, **fields)
    Submission.objects.filter(pk=submission.pk).update(red_flags_in_text=[], urgent=False)
    submission.refresh_from_db()
    return submission


def store():
    call_command("store_submission_red_flags", verbosity=0)


def test_an_open_question_gains_its_sign_comes_first_and_its_asker_gets_the_advice(client):
    calm = make_submission(question=CALM)  # sent first: the queue's first until the refresh
    submission = sent_under_older_rules()
    assert (submission.urgent, submission.red_flags) == (False, [])
    assert Submission.objects.waiting().queue().first() == calm

    store()

    submission.refresh_from_db()
    assert submission.red_flags_in_text == ["chest_pain"]
    assert submission.urgent
    assert Submission.objects.waiting().queue().first() == submission
    html = client.get("/" + links(submission)[0]).content.decode()
    assert html.index('Call <a href="tel:999">999</a>') < html.index("Received.")
    calm.refresh_from_db()
    assert (calm.urgent, calm.red_flags_in_text) == (False, [])


def test_a_closed_question_not_yet_erased_gains_its_sign_too(editor):
    submission = sent_under_older_rules()
    services.reject(submission=submission, by=editor)
    store()
    submission.refresh_from_db()
    assert (submission.state, submission.urgent) == (State.REJECTED, True)
    assert submission.red_flags_in_text == ["chest_pain"]


def test_an_erased_question_is_left_as_it_is(editor):
    submission = sent_under_older_rules()
    services.withdraw(submission=submission)
    before = Submission.objects.values().get(pk=submission.pk)
    store()
    assert Submission.objects.values().get(pk=submission.pk) == before


def test_a_question_erased_after_it_was_read_is_not_written():
    read = sent_under_older_rules()
    services.withdraw(submission=Submission.objects.get(pk=read.pk))
    assert read.store_red_flags_found() is False
    read.refresh_from_db()
    assert (read.urgent, read.red_flags_in_text) == (False, [])


def test_no_sign_ticked_or_found_before_is_ever_removed():
    submission = make_submission(question=CHEST_PAIM, red_flags_ticked=["fever"])
    # Found by older rules in words today's rules read otherwise: it stays all the same.
    Submission.objects.filter(pk=submission.pk).update(red_flags_in_text=["cauda_equina"])
    store()
    submission.refresh_from_db()
    assert submission.red_flags_ticked == ["fever"]
    assert submission.red_flags_in_text == ["cauda_equina", "chest_pain"]
    assert submission.urgent


def test_running_it_again_changes_nothing(capsys):
    sent_under_older_rules()
    make_submission(question=CALM)
    call_command("store_submission_red_flags")
    first = list(Submission.objects.order_by("pk").values())
    call_command("store_submission_red_flags")
    assert list(Submission.objects.order_by("pk").values()) == first
    out, err = capsys.readouterr()
    assert "for 1 of 2 questions" in out and "for 0 of 2 questions" in out
    assert "2/2 questions looked at" in err  # progress
