"""The public form: what a worried asker, a robot and a careless paste each get."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import override_settings

from ask.models import Submission
from ask.views import thanks_url
from tests.ask.conftest import make_submission
from tests.factories import make_question

pytestmark = pytest.mark.django_db

GOOD = {
    "question": "Is it normal to feel very tired the day after acupuncture for sciatica?",
    "consent_to_store": "on",
    "action": "send",
}


def test_the_form_opens_with_emergency_guidance(client):
    html = client.get("/ask/").content.decode()
    assert html.index("Is this an emergency?") < html.index('name="question"')
    assert "Call 999 or go to A&amp;E" in html


def test_a_good_question_is_stored_and_the_thank_you_page_gives_its_reference(client, area):
    response = client.post("/ask/", GOOD | {"category": area.pk, "consent_to_publish": "on"})
    submission = Submission.objects.get()
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).content.decode()
    assert submission.reference in page
    assert "Get medical help now" not in page
    assert (submission.category, submission.consent_to_publish) == (area, True)


def test_an_urgent_question_gets_urgent_advice_at_once_and_is_marked_urgent(client):
    question = "My legs keep giving way and I have numbness around my back passage since today"
    response = client.post("/ask/", GOOD | {"question": question}, follow=True)
    html = response.content.decode()
    assert "Get medical help now" in html
    assert "Call 999 or go to A&amp;E now" in html
    assert Submission.objects.get().red_flags_in_text == ["saddle_numbness", "both_legs"]


def test_a_ticked_sign_alone_gets_the_advice(client):
    response = client.post("/ask/", GOOD | {"red_flags_ticked": "fever"}, follow=True)
    assert "Back pain with a fever can be a sign of an infection" in response.content.decode()
    assert Submission.objects.get().urgent


def test_checking_for_similar_answers_keeps_the_text_and_warns_without_sending(client, area):
    make_question(area, title="Tiredness after acupuncture", question="Tired after acupuncture?")
    question = "I felt tired after acupuncture and I have a fever <b>now</b>"
    response = client.post("/ask/", {"question": question, "name": "Ann", "action": "check"})
    html = response.content.decode()
    assert "Tiredness after acupuncture</a>" in html
    assert "I felt tired after acupuncture and I have a fever &lt;b&gt;now&lt;/b&gt;" in html
    assert 'value="Ann"' in html
    assert "Back pain with a fever" in html
    assert "errorlist" not in html  # nothing is missing yet: they have not tried to send
    assert not Submission.objects.exists()


def test_the_similar_answers_fragment_for_the_script(client, area):
    make_question(area, title="Needles and sciatica", question="Do needles help sciatica?")
    response = client.get("/ask/similar/", {"q": "sciatica needles"})
    assert "Needles and sciatica</a>" in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("question", "Too short", "at least 20 characters"),
        ("question", "x" * 5001, "5000 characters or fewer"),
        ("question", "Is this normal\x00 after acupuncture?", "Null characters are not allowed"),
        ("question", "Is this normal\x1b[31m after acupuncture?", "invisible control characters"),
        ("name", "Ann\x07", "invisible control characters"),
        ("email", "not-an-address", "check your e-mail address"),
        ("consent_to_store", "", "so that we may keep your question"),
    ],
)
def test_bad_input_gets_a_clear_message_by_the_field_and_keeps_the_text(
    client, field, value, message
):
    response = client.post("/ask/", GOOD | {field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert "feel very tired the day after" in html or field == "question"
    assert not Submission.objects.exists()


def test_html_is_stored_as_typed_and_shown_escaped(client):
    question = "<script>alert(1)</script> Is acupuncture safe for my back?"
    client.post("/ask/", GOOD | {"question": question, "name": "<b>Ann</b>"})
    submission = Submission.objects.get()
    assert submission.question == question
    page = client.get(thanks_url(submission)).content.decode()
    assert "<script>alert" not in page and "<b>Ann" not in page


def test_the_honeypot_catches_robots_without_telling_them(client):
    response = client.post("/ask/", GOOD | {"website": "http://spam.example"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_client_sending_too_many_questions_is_asked_to_wait_and_keeps_the_text(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        assert client.post("/ask/", GOOD).status_code == 302
    response = client.post("/ask/", GOOD)
    assert response.status_code == 429
    assert "Please wait an hour" in response.content.decode()
    assert GOOD["question"] in response.content.decode()
    assert Submission.objects.count() == 2
    other = client.post("/ask/", GOOD, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


REDIS_DOWN = settings.CACHES | {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_when_the_cache_fails_questions_are_still_accepted(client, caplog):
    with override_settings(CACHES=REDIS_DOWN):
        response = client.post("/ask/", GOOD)
    assert response.status_code == 302
    assert Submission.objects.count() == 1
    assert "Rate limit for ask not checked" in caplog.text


def test_when_the_database_is_down_the_asker_gets_a_try_again_page_holding_their_text(client, area):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    data = GOOD | {
        "question": "Is <this> normal after acupuncture? I fell off a ladder",
        "name": "Ann",
    }
    with connection.execute_wrapper(database_down):
        response = client.post("/ask/", data | {"category": area.pk})
    html = response.content.decode()
    assert response.status_code == 503
    assert "we could not save your question just now" in html
    assert "Is &lt;this&gt; normal after acupuncture? I fell off a ladder</textarea>" in html
    assert '<input type="hidden" name="name" value="Ann">' in html
    assert f'<input type="hidden" name="category" value="{area.pk}">' in html
    assert "After a fall or a smaller accident" in html
    assert not Submission.objects.exists()


def test_a_thank_you_link_cannot_be_forged_from_a_reference(client):
    submission = make_submission()
    assert client.get(f"/ask/thanks/{submission.reference}/").status_code == 404
    assert client.get(thanks_url(submission)).status_code == 200


def test_the_thank_you_page_never_shows_the_askers_name_or_address(client):
    submission = make_submission(name="Zebedee Unique", email="zebedee@example.org")
    html = client.get(thanks_url(submission)).content.decode()
    assert "Zebedee" not in html and "zebedee@" not in html


def test_the_form_refuses_other_methods(client):
    assert client.put("/ask/").status_code == 405


def test_behind_a_proxy_the_limit_counts_by_the_address_the_proxy_saw(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR, settings.TRUSTED_PROXY_COUNT = 1, 1
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.5"}
    assert client.post("/ask/", GOOD, **first).status_code == 302
    spoofed = {"HTTP_X_FORWARDED_FOR": "198.51.100.99, 203.0.113.5"}
    assert client.post("/ask/", GOOD, **spoofed).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    assert client.post("/ask/", GOOD, **other).status_code == 302


def test_an_oversized_body_gets_a_clear_page_not_a_server_error(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/ask/", GOOD | {"question": "x" * 20_000})
    assert response.status_code == 400
    assert "shorten it to 5,000 characters" in response.content.decode()
    assert not Submission.objects.exists()
