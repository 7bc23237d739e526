"""A worried patient asks a question, with JavaScript on and with it off."""

import pytest

from ask.models import Submission

pytestmark = pytest.mark.usefixtures("archive")

QUESTION = (
    "I have had two sessions of acupuncture for sciatica and my leg aches more the next day. "
    "Is this normal, and should I carry on?"
)
URGENT_QUESTION = (
    "Since yesterday I have numbness around my genitals and I cannot control when I pee. "
    "Can acupuncture help my back?"
)


def fill_and_send(page, question):
    page.goto("/ask/")
    page.get_by_label("Your question").fill(question)
    page.get_by_label("I agree to Acupuncture Answers keeping my question").check()
    page.get_by_role("button", name="Send my question").click()


def test_a_question_is_sent_and_gets_a_reference_with_javascript_on(page):
    fill_and_send(page, QUESTION)
    reference = page.locator(".reference strong").inner_text()
    submission = Submission.objects.get(reference=reference)
    assert submission.question == QUESTION
    assert not submission.urgent
    assert "Get medical help now" not in page.locator("main").inner_text()


def test_a_question_is_sent_with_javascript_off(page_without_javascript):
    page = page_without_javascript
    fill_and_send(page, QUESTION)
    reference = page.locator(".reference strong").inner_text()
    assert Submission.objects.filter(reference=reference, question=QUESTION).exists()


def test_similar_answers_appear_as_you_type(page):
    page.goto("/ask/")
    page.get_by_label("Your question").press_sequentially(
        "Can acupuncture make me dizzy and unsteady after treatment for lower back pain?", delay=5
    )
    similar = page.locator("#similar-answers")
    similar.get_by_role(
        "link", name="Can acupuncture for lower back pain cause imbalance"
    ).wait_for()


def test_similar_answers_without_javascript_keep_the_typed_text(page_without_javascript):
    page = page_without_javascript
    page.goto("/ask/")
    typed = "Can acupuncture make me dizzy and unsteady after treatment for lower back pain?"
    page.get_by_label("Your question").fill(typed)
    page.get_by_role("button", name="Check for similar answers").click()
    assert page.get_by_label("Your question").input_value() == typed
    assert (
        page.locator("#similar-answers")
        .get_by_role("link", name="Can acupuncture for lower back pain cause imbalance")
        .is_visible()
    )


@pytest.mark.parametrize("fixture", ["page", "page_without_javascript"])
def test_an_urgent_question_gets_emergency_advice_at_once(request, fixture):
    page = request.getfixturevalue(fixture)
    fill_and_send(page, URGENT_QUESTION)
    alert = page.get_by_role("alert")
    assert "Get medical help now" in alert.inner_text()
    assert "Call 999 or go to A&E now" in alert.inner_text()
    reference = page.locator(".reference strong").inner_text()
    assert Submission.objects.get(reference=reference).urgent


def test_a_missing_consent_stops_the_send_and_keeps_the_text(page):
    page.goto("/ask/")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send my question").click()
    consent = page.get_by_label("I agree to Acupuncture Answers keeping my question")
    assert consent.evaluate("box => box.validity.valueMissing")
    assert page.get_by_label("Your question").input_value() == QUESTION
    assert not Submission.objects.exists()
