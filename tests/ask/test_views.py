"""The public form: what a worried asker, a robot and a careless paste each get."""

import logging
import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.utils import timezone

from ask import services, views
from ask.forms import new_form_token
from ask.models import QUESTION_MAX_LENGTH, RateLimitCount, Submission
from ask.views import thanks_url
from tests.ask.conftest import links, make_submission
from tests.factories import make_question

pytestmark = pytest.mark.django_db

GOOD = {
    "question": "Is it normal to feel very tired the day after acupuncture for sciatica?",
    "email": "ann@example.org",
    "consent_to_store": "on",
    "action": "send",
}


def good(**changes):
    """The form as a browser sends it from a freshly opened page: GOOD with a new form token."""
    return GOOD | {"form_token": new_form_token()} | changes


def test_the_form_opens_with_emergency_guidance(client):
    html = client.get("/ask/").content.decode()
    assert html.index("Is this an emergency?") < html.index('name="question"')
    guidance = html[html.index("Is this an emergency?") : html.index('name="question"')]
    assert 'Call <a href="tel:999">999</a> or go to A&amp;E' in guidance
    assert '<a href="tel:111">NHS 111</a>' in guidance


def test_a_good_question_is_stored_and_the_thank_you_page_gives_its_reference(client, area):
    response = client.post("/ask/", good() | {"category": area.pk, "consent_to_publish": "on"})
    submission = Submission.objects.get()
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).content.decode()
    assert submission.reference in page
    assert "Get medical help now" not in page
    assert (submission.category, submission.consent_to_publish) == (area, True)


def test_an_urgent_question_gets_urgent_advice_at_once_and_is_marked_urgent(client):
    question = "My legs keep giving way and I have numbness around my back passage since today"
    response = client.post("/ask/", good() | {"question": question}, follow=True)
    html = response.content.decode()
    assert "Get medical help now" in html
    assert 'Call <a href="tel:999">999</a> or go to A&amp;E now' in html
    # The urgent advice leads the page, above the thanks.
    assert html.index("Get medical help now") < html.index("Thank you")
    assert Submission.objects.get().red_flags_in_text == ["saddle_numbness", "both_legs"]


def test_a_ticked_sign_alone_gets_the_advice(client):
    response = client.post("/ask/", good() | {"red_flags_ticked": "fever"}, follow=True)
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
    response = client.post("/ask/similar/", {"question": "sciatica needles"})
    assert "Needles and sciatica</a>" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_a_similar_answer_being_reviewed_says_so(client, area):
    make_question(area, title="Needles and sciatica", question="Do needles help sciatica?")
    make_question(
        area, title="NICE and sciatica", question="Sciatica needles?", marked_for_review=True
    )
    html = client.post("/ask/similar/", {"question": "sciatica needles"}).content.decode()
    meta = dict(re.findall(r'>([^<]+)</a> <span class="meta">(.*?)</span>', html))
    assert meta == {
        "Needles and sciatica": area.name,
        "NICE and sciatica": f"{area.name} · <strong>answer due for review</strong>",
    }


def test_a_similar_answer_whose_title_makes_a_claim_says_what_is_known_now(client, area):
    make_question(area, title="Needles for sciatica have no side effects", question="Safe?")
    make_question(area, title="Needles and sciatica", question="Do needles help sciatica?")
    html = client.post("/ask/similar/", {"question": "sciatica needles"}).content.decode()
    items = dict(re.findall(r">([^<]+)</a> (.*?)</li>", html))
    note = '<span class="claim-note"><strong>Note:</strong> Acupuncture is not free of risk'
    assert note in items["Needles for sciatica have no side effects"]
    assert "Note:" not in items["Needles and sciatica"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("question", "Too short", "at least 20 characters"),
        ("question", "x" * 5001, "5,000 characters or fewer"),
        ("question", "Is this normal\x00 after acupuncture?", "Null characters are not allowed"),
        ("question", "Is this normal\x1b[31m after acupuncture?", "invisible control characters"),
        ("name", "Ann\x07", "invisible control characters"),
        ("name", "Ann\nBcc: victim@example.org", "write this on one line"),
        ("name", "Ann\u202eelpmaxe", "invisible formatting characters"),
        ("name", "An\u200bn", "invisible formatting characters"),
        (
            "question",
            "Is this normal \u2066after\u2069 acupuncture for my back?",
            "invisible formatting",
        ),
        ("email", "not-an-address", "check your e-mail address"),
        ("consent_to_store", "", "so that we may keep your question"),
    ],
)
def test_bad_input_gets_a_clear_message_by_the_field_and_keeps_the_text(
    client, field, value, message
):
    response = client.post("/ask/", good() | {field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert "feel very tired the day after" in html or field == "question"
    assert not Submission.objects.exists()


def test_html_is_stored_as_typed_and_shown_escaped(client):
    question = "<script>alert(1)</script> Is acupuncture safe for my back?"
    client.post("/ask/", good() | {"question": question, "name": "<b>Ann</b>"})
    submission = Submission.objects.get()
    assert submission.question == question
    page = client.get(thanks_url(submission)).content.decode()
    assert "<script>alert" not in page and "<b>Ann" not in page


def test_a_filled_trap_box_stores_nothing_says_so_and_a_second_press_sends_it(client):
    # Robots fill every box, but a person's browser may fill the hidden one: never a thank-you
    # for a question that was not kept, and the advice its words call for comes with the form.
    question = "I cannot control my bladder since my back pain got worse, what should I do?"
    data = good() | {"question": question, "website": "http://spam.example"}
    response = client.post("/ask/", data)
    html = response.content.decode()
    assert response.status_code == 200 and not Submission.objects.exists()
    assert "Thank you" not in html
    assert "Your question has not been sent yet." in html
    assert question in html and 'name="website" value=' not in html
    assert html.index("Get medical help now") < html.index("Your question has not been sent yet.")
    assert client.post("/ask/", data | {"website": ""}).status_code == 302
    assert Submission.objects.get().question == question


def test_a_question_sent_back_for_a_mistake_still_shows_its_advice(client):
    data = good() | {"question": "I have numbness around my genitals", "consent_to_store": ""}
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert "Get medical help now" in html


def test_a_client_sending_too_many_questions_is_asked_to_wait_and_keeps_the_text(
    client, settings, monkeypatch
):
    settings.ASK_SUBMISSIONS_PER_HOUR = 2
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 1, 12, 40, 0, tzinfo=UTC))
    for _ in range(2):
        assert client.post("/ask/", good()).status_code == 302
    response = client.post("/ask/", good())
    assert response.status_code == 429
    # Said of the address, which others may share, with when it may be sent: the count starts
    # again on the hour (12:40 here: 20 minutes).
    assert "sent from your internet address this hour" in response.content.decode()
    assert "Please send this one again in 20 minutes;" in response.content.decode()
    assert GOOD["question"] in response.content.decode()
    assert Submission.objects.count() == 2
    other = client.post("/ask/", good(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


REDIS_DOWN = settings.CACHES | {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_with_the_cache_down_questions_are_accepted_and_the_allowance_still_holds(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 1
    with override_settings(CACHES=REDIS_DOWN):
        assert client.post("/ask/", good()).status_code == 302
        assert client.post("/ask/", good()).status_code == 429
    assert Submission.objects.count() == 1


def test_when_the_database_is_down_the_asker_gets_a_try_again_page_holding_their_text(client, area):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    data = good() | {
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


def test_opening_the_form_while_the_database_is_down_says_so_and_where_to_get_help(client):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_down):
        response = client.get("/ask/")
        from_a_search = client.get("/ask/", {"question": "back pain and a fever"})
    html = response.content.decode()
    assert response.status_code == from_a_search.status_code == 503
    # Nothing was typed, so nothing is said to be kept or unsaved.
    assert "kept below" not in html and "could not save your question" not in html
    assert "Please try again in a minute" in html
    assert 'call <a href="tel:999">999</a> or go to A&amp;E now' in html
    assert "Back pain with a fever" in from_a_search.content.decode()


def test_a_thank_you_link_cannot_be_forged_from_a_reference(client):
    submission = make_submission()
    assert client.get(f"/ask/thanks/{submission.reference}/").status_code == 404
    assert client.get(thanks_url(submission)).status_code == 200


def test_the_thank_you_page_shows_the_address_given_masked_and_never_the_askers_name(
    client, caplog
):
    # Enough to catch a mistyped domain; the page may be opened by someone else within the day.
    submission = make_submission(name="Zebedee Unique", email="zebedee@gmial.com")
    caplog.set_level(logging.DEBUG)
    # One link: a link made a second later carries another time in its signature.
    url = thanks_url(submission)
    response = client.get(url)
    html = response.content.decode()
    assert "<strong>z•••@gmial.com</strong>" in html
    assert "Zebedee" not in html and "zebedee@" not in html
    assert "send your question again with the right address" in html
    # Its own withdraw link, which ends with the page's (test_asker_links), not the receipt's.
    assert f'href="{url}withdraw/"' in html
    assert services.withdraw_url(submission) not in html
    assert "gmial" not in caplog.text
    # Kept by no cache, shared or the browser's own.
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}


def test_no_page_but_the_thank_you_page_shows_the_address_even_masked(client):
    submission = make_submission(email="zebedee@gmial.com")
    status, withdraw = links(submission)
    for path in ("/" + status, "/" + withdraw):
        assert "gmial" not in client.get(path).content.decode(), path
    services.withdraw(submission=submission)
    assert "gmial" not in client.get(thanks_url(submission)).content.decode()


def test_the_form_refuses_other_methods(client):
    assert client.put("/ask/").status_code == 405


def test_behind_a_proxy_the_limit_counts_by_the_address_the_proxy_saw(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR, settings.TRUSTED_PROXY_COUNT = 1, 1
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.5"}
    assert client.post("/ask/", good(), **first).status_code == 302
    spoofed = {"HTTP_X_FORWARDED_FOR": "198.51.100.99, 203.0.113.5"}
    assert client.post("/ask/", good(), **spoofed).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    assert client.post("/ask/", good(), **other).status_code == 302


def test_an_oversized_body_gets_a_clear_page_not_a_server_error(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/ask/", good() | {"question": "x" * 20_000})
    assert response.status_code == 400
    assert "shorten it to 5,000 characters" in response.content.decode()
    assert not Submission.objects.exists()


URGENT_TEXT = (
    "I suddenly can't control my bladder and have numbness around my bottom, with sciatica in "
    "both legs. Can acupuncture help my back pain?"
)


def test_the_live_box_puts_urgent_advice_first_and_never_says_they_need_not_send(client, area):
    make_question(
        area, title="Acupuncture for back pain", question="Can acupuncture help back pain?"
    )
    html = client.post("/ask/similar/", {"question": URGENT_TEXT}).content.decode()
    assert 'role="alert"' in html
    assert html.index("Get medical help now") < html.index("Acupuncture for back pain</a>")
    assert '<a href="tel:999">999</a>' in html
    assert "need not send" not in html and "Already answered" not in html


def test_the_live_box_reads_a_sign_through_its_typos(client, area):
    make_question(area, title="Back pain", answer="Chest pain needs a doctor first.")
    html = client.post(
        "/ask/similar/", {"question": "I have chest pian and back ache"}
    ).content.decode()
    assert html.index("Get medical help now") < html.index("Back pain</a>")
    assert "Chest pain with back pain" in html


def test_the_live_box_gives_the_advice_of_a_ticked_box_too(client):
    html = client.post("/ask/similar/", {"question": "", "red_flags_ticked": "chest_pain"}).content
    assert "Chest pain with back pain" in html.decode()


def test_the_live_box_still_gives_urgent_advice_when_the_search_fails(client):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_down):
        response = client.post("/ask/similar/", {"question": URGENT_TEXT})
    assert response.status_code == 200
    assert "Get medical help now" in response.content.decode()


def test_the_live_box_is_posted_never_asked_for_with_the_words_in_its_address(client):
    # A URL's query is logged by any proxy or CDN in front; a GET or HEAD is refused.
    for method in (client.get, client.head):
        assert method("/ask/similar/", {"question": URGENT_TEXT}).status_code == 405
    assert client.post("/ask/similar/", {"question": URGENT_TEXT}).status_code == 200


def test_the_live_box_needs_no_cookie_or_token():
    # A browser that blocks cookies gets its advice as it types; the box stores nothing.
    response = Client(enforce_csrf_checks=True).post("/ask/similar/", {"question": URGENT_TEXT})
    assert response.status_code == 200
    assert "Get medical help now" in response.content.decode()


def test_the_live_box_answer_is_kept_by_no_cache(client):
    # A POST's answer is not cached by default; its headers tell every browser and proxy so too.
    response = client.post("/ask/similar/", {"question": URGENT_TEXT})
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}
    assert "public" not in response["Cache-Control"]


CALM = "My lower back aches after a long day sitting at my desk. "  # no warning sign


@pytest.mark.parametrize("start", [1_000, 4_000])
def test_the_live_box_gives_the_advice_of_a_sign_far_into_a_long_question(client, area, start):
    make_question(area, title="Needles and sciatica", question="Do needles help sciatica?")
    text = ("Do needles help sciatica? " + CALM * 80)[:start] + " Now I have chest pain too."
    html = client.post("/ask/similar/", {"question": text}).content.decode()
    assert html.index("Chest pain with back pain") < html.index("Needles and sciatica</a>")


@pytest.mark.parametrize(
    "asked", [("/ask/similar/", {}), ("/ask/", {"action": "check"})], ids=["live", "check"]
)
def test_similar_answers_are_ranked_on_the_start_of_the_question_only(client, monkeypatch, asked):
    # The same start whether the live box or "Check for similar answers" asks: the same list.
    ranked = []
    monkeypatch.setattr(views, "prepare_question", lambda text: ranked.append(text) or text)
    monkeypatch.setattr(views, "similar_questions", lambda query, limit: [])
    path, extra = asked
    client.post(path, {"question": CALM * 80} | extra)
    assert ranked == [(CALM * 80)[: views.SIMILAR_RANKED_LENGTH]]


def test_the_live_box_reads_signs_as_far_as_the_box_holds_and_no_further(client):
    # Posted by anyone, counted by no allowance: the rules read no more than the box can hold.
    sign = "I have numbness in my groin."
    within = CALM * 80 + sign  # ends before QUESTION_MAX_LENGTH
    beyond = CALM * 90 + sign
    assert len(within) <= QUESTION_MAX_LENGTH < len(beyond) - len(sign)
    html = client.post("/ask/similar/", {"question": within}).content.decode()
    assert "Get medical help now" in html
    html = client.post("/ask/similar/", {"question": beyond}).content.decode()
    assert "Get medical help now" not in html


def test_a_calm_question_still_hears_it_need_not_be_sent(client, area):
    make_question(area, title="Needles and sciatica", question="Do needles help sciatica?")
    html = client.post("/ask/similar/", {"question": "do needles help sciatica"}).content.decode()
    assert "you need not send it" in html
    assert "Get medical help now" not in html


def test_checking_without_javascript_puts_urgent_advice_first_and_never_says_need_not_send(
    client, area
):
    make_question(
        area, title="Acupuncture for back pain", question="Can acupuncture help back pain?"
    )
    response = client.post("/ask/", {"question": URGENT_TEXT, "action": "check"})
    html = response.content.decode()
    assert html.index('role="alert"') < html.index("Acupuncture for back pain</a>")
    assert html.index("Get medical help now") < html.index("Is this an emergency?")
    assert "need not send" not in html


def test_a_question_nobody_could_answer_is_held_back_before_it_is_sent(client):
    response = client.post("/ask/", good(email=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "we have no way to give you the answer" in html
    assert GOOD["question"] in html
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [{"email": "ann@example.org"}, {"consent_to_publish": "on"}, {"send_without_reply": "on"}],
    ids=["an address", "publishing allowed", "sent anyway"],
)
def test_a_question_with_a_way_to_the_answer_or_sent_knowingly_is_stored(client, changes):
    response = client.post("/ask/", good(email="") | changes)
    assert response.status_code == 302
    assert Submission.objects.count() == 1


def test_the_warning_about_no_answer_is_on_the_form_before_sending(client):
    html = client.get("/ask/").content.decode()
    assert "we will have no way to give you the answer" in html
    assert 'name="send_without_reply"' in html


def test_the_same_form_posted_twice_stores_one_question_and_shows_one_reference(client):
    data = good()
    first = client.post("/ask/", data)
    again = client.post("/ask/", data)
    assert first.status_code == again.status_code == 302
    assert Submission.objects.count() == 1
    reference = Submission.objects.get().reference
    for response in (first, again):
        assert reference in client.get(response.headers["Location"]).content.decode()


def test_a_repeated_post_does_not_use_up_the_allowance(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 1
    data = good()
    for _ in range(3):
        assert client.post("/ask/", data).status_code == 302
    assert RateLimitCount.objects.get().count == 1


@pytest.mark.parametrize("token", ["", "made-up", "Zm9v:1abc:forged"])
def test_a_form_without_a_token_we_issued_is_kept_and_given_a_fresh_one(client, token):
    response = client.post("/ask/", good(form_token=token))
    html = response.content.decode()
    assert "open for too long" in html
    assert GOOD["question"] in html
    fresh = re.search(r'name="form_token" value="([^"]+)"', html)[1]
    assert client.post("/ask/", good(form_token=fresh)).status_code == 302
    assert Submission.objects.count() == 1


def test_the_allowance_is_counted_in_the_database(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 2
    for _ in range(3):
        client.post("/ask/", good())
    assert RateLimitCount.objects.get().count == 3
    assert Submission.objects.count() == 2


def test_head_works_wherever_get_does(client, db):
    for url in ("/ask/", "/urgent-help/"):
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b""


def page_title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S)[1]


def test_a_failed_send_puts_its_errors_first_focusable_and_says_error_in_the_title(client):
    question = "Groin numbness"  # too short, and a warning sign
    response = client.post("/ask/", good(question=question, consent_to_store=""))
    html = response.content.decode()
    assert page_title(html) == (
        "Get help now – urgent advice shown – Error: Ask the expert panel · Acupuncture Answers"
    )
    summary = re.search(r'<div id="error-summary" class="error-summary"[^>]*>', html)[0]
    assert 'tabindex="-1"' in summary and 'role="alert"' in summary
    # After the title and the advice its words call for, before the general emergency box and
    # the form: the first thing read and seen after what matters most.
    order = [
        "<h1>Ask the expert panel</h1>",
        "Get medical help now",
        'id="error-summary"',
        "Is this an emergency?",
        '<form method="post"',
    ]
    assert [html.index(part) for part in order] == sorted(html.index(part) for part in order)
    # Focus stays at the top, on the advice: the summary comes straight after it.
    assert "data-focus=" not in html
    calm = client.post("/ask/", good(question="Too short", consent_to_store="")).content.decode()
    assert 'data-focus="error-summary"' in calm  # the form's script focuses it


def test_a_fields_errors_are_read_as_a_list_though_drawn_without_bullets(client):
    html = client.post("/ask/", good(question="Too short", consent_to_store="")).content.decode()
    lists = re.findall(r'<ul class="errorlist"[^>]*>', html)
    assert len(lists) == 2  # the question, the consent
    assert all('role="list"' in tag for tag in lists)
    assert '<ul class="errorlist" role="list" id="id_question_error">' in html


def test_checking_for_similar_answers_says_so_in_the_title_and_focuses_them(client, area):
    make_question(area, title="Needles and sciatica", question="Do needles help sciatica?")
    checking = {"question": "Do needles help sciatica in the leg?", "action": "check"}
    html = client.post("/ask/", checking).content.decode()
    assert page_title(html) == "1 similar answer found: Ask the expert panel · Acupuncture Answers"
    assert '<h2 id="similar-answers-heading" tabindex="-1">Already answered' in html
    assert 'data-focus="similar-answers-heading"' in html
    html = client.post("/ask/", checking | {"question": "Zebras are stripy animals"}).content
    html = html.decode()
    assert page_title(html).startswith("No similar answers found: Ask the expert panel")
    assert '<h2 id="similar-answers-heading" tabindex="-1">No answered questions' in html


def test_similar_answers_claim_only_that_they_may_answer_the_question(client, area):
    make_question(area, title="Needles and sciatica", question="Do needles help sciatica?")
    checking = {"question": "Do needles help sciatica in the leg?", "action": "check"}
    html = client.post("/ask/", checking).content.decode()
    assert "Many people find" not in html  # nothing counts who found what
    assert "These answers may already answer your question. If one does, you need not" in html


def test_checking_an_urgent_question_leaves_focus_on_the_advice_at_the_top(client, area):
    html = client.post("/ask/", {"question": URGENT_TEXT, "action": "check"}).content.decode()
    assert "data-focus=" not in html
    assert html.index("Get medical help now") < html.index('<form method="post"')


def test_the_live_box_says_only_a_short_status_line_and_lists_outside_it(client, area):
    make_question(area, title="Needles and sciatica", question="Do needles help sciatica?")
    html = client.post("/ask/similar/", {"question": "sciatica needles"}).content.decode()
    status = re.search(r'<p id="similar-status"[^>]*>(.*?)</p>', html)
    assert 'role="status"' in status[0] and 'aria-atomic="true"' in status[0]
    assert status[1] == "1 answered question like yours below"
    # The list is outside the status line, and the page's box is no live region as a whole.
    assert html.index("</p>", status.start()) < html.index("Needles and sciatica</a>")
    page = client.get("/ask/").content.decode()
    box = re.search(r'<div id="similar-answers"[^>]*>', page)[0]
    assert "aria-live" not in box
    # Nor a landmark, empty as it is until something is typed.
    assert "aria-label" not in box and '<section id="similar-answers"' not in page


def test_the_live_box_status_for_an_urgent_question_does_not_invite_not_sending(client, area):
    make_question(
        area, title="Acupuncture for back pain", question="Can acupuncture help back pain?"
    )
    html = client.post("/ask/similar/", {"question": URGENT_TEXT}).content.decode()
    status = re.search(r'<p id="similar-status"[^>]*>(.*?)</p>', html)[1]
    assert status == "1 answered question on similar subjects below"


def test_each_box_of_advice_on_the_ask_page_has_its_own_heading_id(client):
    page = client.get("/ask/", {"question": "numbness in my groin"}).content.decode()
    live = client.post(
        "/ask/similar/", {"question": "numbness in my groin and more"}
    ).content.decode()
    page_ids = re.findall(r' id="([^"]+)"', page)
    live_ids = re.findall(r' id="([^"]+)"', live)
    assert "urgent-heading" in page_ids and "similar-urgent-heading" in live_ids
    assert not set(page_ids) & set(live_ids) - {"similar-urgent", "similar-status", "similar-list"}
    # Each sign is named, so that the script shows each sign's advice only once.
    assert 'data-sign="saddle_numbness"' in page and 'data-sign="saddle_numbness"' in live


def test_the_withdraw_page_says_question_withdrawn_once_it_is(client):
    _, withdraw = links(make_submission())
    asking = client.get("/" + withdraw).content.decode()
    assert page_title(asking).startswith("Withdraw your question")
    done = client.post("/" + withdraw).content.decode()
    assert page_title(done) == "Question withdrawn · Acupuncture Answers"
    assert "<h1>Question withdrawn</h1>" in done
    assert "Withdraw your question" not in done


def test_a_question_too_long_is_told_its_length_with_numbers_as_the_site_writes_them(client):
    html = client.post("/ask/", good(question="x" * 14000)).content.decode()
    assert not Submission.objects.exists()
    assert "Please shorten your question to 5,000 characters or fewer (it has 14,000)." in html
