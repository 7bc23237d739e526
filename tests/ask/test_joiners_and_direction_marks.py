"""Emoji made with joiners and right-to-left text with its direction marks are sent as typed;
the red-flag rules read through them, and other invisible formatting is still refused."""

import pytest

from ask.models import Submission
from tests.ask.conftest import make_submission
from tests.ask.test_views import good

pytestmark = pytest.mark.django_db

SHRUG = "\U0001f937\u200d\u2640\ufe0f"  # woman shrugging: 🤷 + ZWJ + ♀ + VS16
MENDING_HEART = "\u2764\ufe0f\u200d\U0001fa79"  # ❤️‍🩹
# Hebrew with a right-to-left mark after the English name of the therapy, and a left-to-right
# mark before a number, as right-to-left keyboards insert them.
HEBREW = "האם דיקור\u200f acupuncture עוזר לכאב גב? כואב לי כבר \u200e3 שבועות"
PERSIAN_NAME = "مهر\u200cناز"  # a Persian name written with a zero-width non-joiner


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("question", f"Is it normal to feel this tired after acupuncture {SHRUG}?"),
        ("question", f"My back is healing after six sessions {MENDING_HEART} is that usual?"),
        ("question", HEBREW),
        ("name", PERSIAN_NAME),
        ("name", f"Ann {SHRUG}"),
    ],
)
def test_joiners_and_direction_marks_are_sent_as_typed(client, field, value):
    response = client.post("/ask/", good(**{field: value}))
    assert response.status_code == 302
    assert getattr(Submission.objects.get(), field) == value


@pytest.mark.parametrize("character", ["\u200b", "\u2060", "\u202e", "\u2066", "\ufeff"])
def test_other_invisible_formatting_is_still_refused(client, character):
    question = f"Is it normal to feel this{character} tired after acupuncture?"
    html = client.post("/ask/", good(question=question)).content.decode()
    assert "invisible formatting characters" in html
    assert not Submission.objects.exists()


HIDDEN_SIGN = "I have had che\u200dst pa\u200cin since my se\u200fssion this morning"


def test_a_sign_with_joiners_inside_its_words_is_still_found_and_marked_urgent():
    submission = make_submission(question=HIDDEN_SIGN)
    assert submission.red_flags_in_text == ["chest_pain"]
    assert submission.urgent


def test_the_form_and_its_live_box_read_a_sign_through_joiners(client):
    html = client.post("/ask/similar/", {"question": HIDDEN_SIGN}).content.decode()
    assert 'data-sign="chest_pain"' in html
    checked = client.post("/ask/", {"question": HIDDEN_SIGN, "action": "check"})
    assert 'data-sign="chest_pain"' in checked.content.decode()


def test_signs_stored_again_read_through_joiners():
    submission = make_submission(question=HIDDEN_SIGN)
    Submission.objects.filter(pk=submission.pk).update(red_flags_in_text=[], urgent=False)
    assert Submission.objects.store_red_flags() == 1
    assert Submission.objects.get().red_flags_in_text == ["chest_pain"]
