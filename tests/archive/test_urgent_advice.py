"""The words of an answer that go against a warning sign's urgent advice (archive.urgent_advice),
and archive's own Q&A form, which refuses an answer telling readers not to get help under the
advice of a sign its question describes, as the queue refuses it before publishing."""

import pytest

from archive import urgent_advice
from archive.models import Question
from tests.archive.test_admin import LIST, form_data
from tests.factories import make_category, make_question

REASSURING = (
    "This is a normal reaction after treatment and nothing to worry about. Wait a few days and "
    "it will settle."
)
FOLLOWS = (
    "Please call 999 or go to A&E now, as the advice above says. Once you have been seen, "
    "tiredness after a session is common."
)
# An editor's answer to cauda equina signs, as it was written in a trial of the site.
TRIAL_ANSWER = (
    "Don't worry, this is a normal reaction to treatment and will settle in a few days. There "
    "is no need to see a doctor."
)


@pytest.mark.parametrize(
    "text",
    [
        "This is a normal reaction.",
        "It's perfectly normal after a session.",
        "There is nothing to worry about.",
        "Don’t worry.",
        "No need to worry.",
        "Wait a few days.",
        "I would wait a couple of weeks and see.",
        "Wait and see how it goes.",
        "It will settle.",
        "It’ll pass.",
        "It should soon go away.",
        "The soreness usually wears off.",
        "Give it time.",
        "Give it a little time.",
        "This is very common after acupuncture.",
        "It's common to feel this way.",
        # As an answer was written to saddle numbness in a trial of the site.
        "Don't panic.",
        "This is a positive sign that the treatment is working.",
        "There is nothing to be worried about.",
        "No cause for concern.",
        "It should clear up within 48 hours.",
        "It will ease off.",
        "This is perfectly fine.",
        "You'll be fine.",
        "It's harmless.",
    ],
)
def test_words_that_say_not_to_worry_or_to_wait_are_found(text):
    assert urgent_advice.reassuring_words(text)


@pytest.mark.parametrize(
    "text, words",
    [
        (TRIAL_ANSWER, ["no need to see a doctor"]),
        ("You don't need to see your GP.", ["don't need to see your GP"]),
        ("You don’t really need to see a doctor.", ["don't really need to see a doctor"]),
        ("There's no need to worry about it, wait and see.", ["wait and see"]),
        ("No need to go to A&E.", ["No need to go to A&E"]),
        ("There is no need for a doctor.", ["no need for a doctor"]),
        ("It's not necessary to call 111.", ["not necessary to call 111"]),
        ("You needn't call 999.", ["needn't call 999"]),
        ("Do not go to A&E unless it gets worse.", ["Do not go to A&E"]),
        ("There is no need to get it checked.", ["no need to get it checked"]),
        ("There is no need to seek medical advice.", ["no need to seek medical advice"]),
        ("Let's see how it goes.", ["see how it goes"]),
        # As an answer was written to saddle numbness in a trial of the site.
        ("Please don't rush to A&E.", ["don't rush to A&E"]),
        ("There is no reason to see a doctor.", ["no reason to see a doctor"]),
        ("Hold off on seeing your GP until your next session.", ["Hold off on seeing your GP"]),
        ("You don't need a doctor.", ["don't need a doctor"]),
        ("There's no point calling 999.", ["no point calling 999"]),
        ("I would delay seeing your GP.", ["delay seeing your GP"]),
        ("Wait a week before seeing your GP.", ["Wait a week before seeing your GP"]),
    ],
)
def test_words_that_say_not_to_get_help_are_found(text, words):
    assert urgent_advice.contradicting_words(text) == words
    assert set(words) <= set(urgent_advice.reassuring_words(text))


@pytest.mark.parametrize(
    "text",
    [
        REASSURING,
        FOLLOWS,
        "Don't wait and see: call 999.",
        "Do not wait; go to A&E now.",
        "Don't delay seeing a doctor.",
        "Don't hesitate to call 999.",
        "You need to see a doctor today.",
        "Please don't wait to see your GP.",
        "There is no need to stop acupuncture for good.",
        "There is no need to see your acupuncturist again.",
        "There is no need to worry about your next session.",
        "Do not put off calling 999.",
        "Please don't wait before calling 999.",
        "Don't rush: read the advice, then call 999.",
    ],
)
def test_words_that_do_not_say_not_to_get_help_are_not_found(text):
    assert urgent_advice.contradicting_words(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Go back to your normal activities once you have been seen.",
        "Your normal daily routine can wait.",
        "This is not normal: call 999.",
        "This isn’t normal.",
        "An abnormal feeling needs checking.",
        "You may be on a waiting list for physiotherapy.",
        "Do not wait a few days: go now.",
        "Don't wait and see.",
        "If you cannot pass urine, call 999.",
        "It will not settle by itself.",
        "If you feel you will pass out, lie down.",
        "Use common sense.",
        "This is uncommon.",
        "Call 999 or go to A&E now.",
        "It is not a good sign: call 999.",
        "We use fine needles.",
        "It will not clear up by itself.",
    ],
)
def test_words_that_are_no_leave_to_wait_are_not_found(text):
    assert urgent_advice.reassuring_words(text) == []


URGENT_QUESTION = "My bum is numb and i cant pee properly since my acupuncture yesterday."


@pytest.fixture
def urgent_qa(db):
    question = make_question(
        make_category("Lower back pain"),
        question=URGENT_QUESTION,
        answer="Please call 999 now, as the advice above says.",
    )
    return question, f"{LIST}{question.pk}/change/"


@pytest.mark.parametrize(
    "changes",
    [
        {"answer": TRIAL_ANSWER},
        {"answer": "Rest. You don't need to see your GP."},
    ],
)
def test_an_edit_telling_readers_not_to_get_help_under_urgent_advice_is_refused(
    editor_client, urgent_qa, changes
):
    question, url = urgent_qa
    response = editor_client.post(url, form_data(editor_client.get(url), **changes))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["answer"]
    assert error.startswith("This Q&A's question describes warning signs")
    assert "“Call 999 or go to A&E now.”" in error
    assert error.endswith("Change those words to tell them to follow the advice.")
    assert Question.objects.get(pk=question.pk).answer == question.answer


def test_a_question_edited_to_describe_a_sign_under_such_an_answer_is_refused(editor_client):
    question = make_question(
        make_category("Lower back pain"),
        question="Is it normal to ache after my session?",
        answer="It usually passes. There is no need to see a doctor.",
    )
    url = f"{LIST}{question.pk}/change/"
    page = editor_client.get(url)
    response = editor_client.post(url, form_data(page, question=URGENT_QUESTION))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["answer"]
    assert "“no need to see a doctor”" in error
    # Without a sign, the same answer saves: the rule is about the advice above it.
    response = editor_client.post(url, form_data(editor_client.get(url), title="Aching"))
    assert response.status_code == 302


@pytest.mark.parametrize("answer", [FOLLOWS, REASSURING])
def test_an_answer_that_follows_the_advice_or_only_reassures_saves(
    editor_client, urgent_qa, answer
):
    # Reassurance is met by the note before every such answer on its page.
    question, url = urgent_qa
    response = editor_client.post(url, form_data(editor_client.get(url), answer=answer))
    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).answer == answer


def test_a_title_edited_to_say_not_to_worry_above_a_sign_is_refused(editor_client, urgent_qa):
    question, url = urgent_qa
    title = "Numb after acupuncture is normal"
    response = editor_client.post(url, form_data(editor_client.get(url), title=title))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["title"]
    assert "The title says “normal”, and it is listed where that advice is not" in error
    assert Question.objects.get(pk=question.pk).title == question.title
