"""A Q&A's red-flag signs, found when it is saved and shown from what was stored: never a finding
made of another text or by other rules."""

from io import StringIO

import pytest
from django.core.management import call_command

from archive import red_flags
from archive.models import Question
from tests.factories import make_category, make_question

BOTH_LEGS = "Since acupuncture both my legs are so painful. Is this normal?"
TIRED = "Is it normal to feel tired afterwards?"


@pytest.fixture
def area(db):
    return make_category()


def test_saving_a_question_stores_the_signs_its_words_show(area):
    question = Question.objects.get(pk=make_question(area, question=BOTH_LEGS).pk)
    assert question.red_flags_found == ["both_legs"]
    assert question.red_flags_key == red_flags.finding_key(BOTH_LEGS)


def test_a_page_shows_the_stored_finding_while_it_is_of_this_text_and_these_rules(client, area):
    question = make_question(area, question=TIRED)
    # A finding stored under the right key is what the page shows: the patterns are not run.
    Question.objects.filter(pk=question.pk).update(red_flags_found=["fever"])
    html = client.get(question.get_absolute_url()).content.decode()
    assert red_flags.BY_NAME["fever"].label in html


def test_a_question_changed_without_saving_it_shows_the_signs_of_its_new_words(client, area):
    question = make_question(area, question=TIRED)
    Question.objects.filter(pk=question.pk).update(question=BOTH_LEGS)
    assert Question.objects.get(pk=question.pk).red_flags_found == []
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Pain, weakness or numbness in both legs" in html


def test_a_finding_made_by_other_rules_is_not_shown(client, area):
    question = make_question(area, question=BOTH_LEGS)
    stale = {"red_flags_found": [], "red_flags_key": "made by an earlier version of the rules"}
    Question.objects.filter(pk=question.pk).update(**stale)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Pain, weakness or numbness in both legs" in html


def test_saving_only_the_question_stores_its_new_signs_too(area):
    question = make_question(area, question=TIRED)
    question.question = BOTH_LEGS
    question.save(update_fields=["question"])
    stored = Question.objects.get(pk=question.pk)
    assert stored.red_flags_found == ["both_legs"]
    assert stored.red_flags_key == red_flags.finding_key(BOTH_LEGS)


def test_store_red_flags_stores_only_stale_findings_and_reports_its_progress(area):
    fresh = make_question(area, question=TIRED)
    changed = make_question(area, question=TIRED)
    Question.objects.filter(pk=changed.pk).update(question=BOTH_LEGS)
    reports = []
    stored, _ = Question.objects.store_red_flags(batch=1, report=lambda *r: reports.append(r))
    assert stored == 1
    assert reports == [(1, 0), (2, 1)]
    assert Question.objects.get(pk=changed.pk).red_flags_found == ["both_legs"]
    assert Question.objects.get(pk=fresh.pk).red_flags_key == red_flags.finding_key(TIRED)


def test_the_command_says_how_many_findings_it_stored(area):
    question = make_question(area, question=TIRED)
    Question.objects.filter(pk=question.pk).update(question=BOTH_LEGS)
    out = StringIO()
    call_command("store_red_flags", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == (
        "Red-flag signs stored for 1 of 1 Q&As; 1 published Q&As that gained a sign marked for "
        "review."
    )
    assert Question.objects.get(pk=question.pk).red_flags_found == ["both_legs"]


def test_a_published_qa_that_gains_a_sign_under_new_rules_is_marked_for_review(area):
    # Its answer was written without that sign's advice, which the page now gives before it.
    gains = make_question(area, question=BOTH_LEGS)
    keeps = make_question(area, question=BOTH_LEGS)
    draft = make_question(area, question=BOTH_LEGS, published=False)
    never_stored = make_question(area, question=BOTH_LEGS)
    before = Question.objects.get(pk=gains.pk).updated_at
    old_rules = {"red_flags_key": "made by an earlier version of the rules"}
    Question.objects.filter(pk__in=[gains.pk, draft.pk]).update(red_flags_found=[], **old_rules)
    Question.objects.filter(pk=keeps.pk).update(red_flags_found=["both_legs"], **old_rules)
    Question.objects.filter(pk=never_stored.pk).update(red_flags_found=[], red_flags_key="")
    assert Question.objects.store_red_flags() == (4, 1)
    marked = set(Question.objects.filter(marked_for_review=True).values_list("pk", flat=True))
    assert marked == {gains.pk}
    assert Question.objects.get(pk=gains.pk).updated_at > before
    assert gains in Question.objects.due_for_review()


def test_the_key_changes_with_the_text_and_with_the_rules(monkeypatch):
    key = red_flags.finding_key(BOTH_LEGS)
    assert red_flags.finding_key(BOTH_LEGS + " ") != key
    monkeypatch.setattr(red_flags, "RULES", "other rules")
    assert red_flags.finding_key(BOTH_LEGS) != key


def test_a_question_with_a_typo_in_a_signs_word_shows_the_sign(client, area):
    # A published question is read as typed: the rules put its typos right themselves.
    question = make_question(area, question="I have a chest pian and my back aches")
    assert Question.objects.get(pk=question.pk).red_flags_found == ["chest_pain"]
    html = client.get(question.get_absolute_url()).content.decode()
    assert red_flags.BY_NAME["chest_pain"].advice_html in html
