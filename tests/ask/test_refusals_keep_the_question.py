"""Every way the ask form can refuse a question, or fail to store it, gives back what was typed
(or says exactly how to get it back), the urgent advice its words call for, and says plainly that
nothing was sent and what to do next."""

import html as html_module
import re

import pytest
from django.db import OperationalError, connection
from django.test import Client

from archive import red_flags
from ask.models import Submission
from tests.ask.test_views import good

pytestmark = pytest.mark.django_db

URGENT = "I can't feel my bottom and can't pee"
SHOWN = html_module.escape(URGENT)  # as the page shows it: "can&#x27;t"
ADVICE = "Get medical help now"


def assert_kept_with_advice_first(html, said):
    """The typed words are on the page, the advice leads, and `said` (what happened) follows."""
    assert SHOWN in html
    assert html.index(ADVICE) < html.index(said)
    assert 'data-sign="saddle_numbness"' in html
    assert not Submission.objects.exists()


def test_over_the_hourly_allowance(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 0
    response = client.post("/ask/", good(question=URGENT))
    html = response.content.decode()
    assert response.status_code == 429
    assert_kept_with_advice_first(html, "Your question has not been sent yet")
    assert "Please send this one again in" in html


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"question": URGENT + " " + "x" * 5000}, "5,000 characters or fewer"),
        ({"consent_to_store": ""}, "so that we may keep your question"),
        ({"email": ""}, "tick “Send it anyway”"),
        ({"form_token": "made-up"}, "open for too long"),
    ],
    ids=["too long", "no consent", "send it anyway", "form token expired"],
)
def test_sent_back_for_something_to_put_right(client, changes, said):
    response = client.post("/ask/", good(question=URGENT) | changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert_kept_with_advice_first(html, "Your question has not been sent yet")
    assert said in html


def test_a_form_token_used_already_shows_the_question_sent_with_its_advice(client):
    data = good(question=URGENT)
    client.post("/ask/", data)
    again = client.post("/ask/", data, follow=True)
    html = again.content.decode()
    assert Submission.objects.count() == 1
    assert html.index(ADVICE) < html.index("your question has been sent")


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_a_csrf_token_that_does_not_match_the_cookie(strict_client):
    strict_client.get("/ask/")  # the cookie
    response = strict_client.post("/ask/", good(question=URGENT, csrfmiddlewaretoken="x" * 32))
    html = response.content.decode()
    assert response.status_code == 403
    assert_kept_with_advice_first(html, "Your question has not been sent yet")
    assert "This form needs cookies" in html and "CSRF" not in html


@pytest.mark.parametrize(
    "how",
    [{"headers": {"Origin": "https://elsewhere.example"}}, {"secure": True}],
    ids=["from another site", "over https with no referer"],
)
def test_a_question_refused_for_where_it_came_from(strict_client, how):
    response = strict_client.post(
        "/ask/", good(question=URGENT, email="x@elsewhere.example"), **how
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert not Submission.objects.exists()
    # Never ready to send again: not the form, not the words or the address.
    assert 'name="question"' not in html and "x@elsewhere.example" not in html
    assert "<h1>Please try again</h1>" in html
    assert html.index(ADVICE) < html.index("so it has not been sent")
    assert "Back button: what you typed should still be in the form" in html  # how to get it back
    assert "CSRF" not in html and "reload the page" not in html


def database_down(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


def test_the_database_down_on_sending(client):
    with connection.execute_wrapper(database_down):
        response = client.post("/ask/", good(question=URGENT))
    html = response.content.decode()
    assert response.status_code == 503
    assert SHOWN + "</textarea>" in html
    assert html.index(ADVICE) < html.index("nothing has been sent yet")
    assert "Please wait a minute, then press “Send my question again”" in html


def test_the_try_again_page_sends_it_once_the_database_is_back(client):
    with connection.execute_wrapper(database_down):
        html = client.post("/ask/", good(question=URGENT, name="Ann")).content.decode()
    form_token = html.split('name="form_token" value="')[1].split('"')[0]
    assert form_token
    response = client.post(
        "/ask/",
        {
            "question": URGENT,
            "name": "Ann",
            "email": "ann@example.org",
            "consent_to_store": "on",
            "form_token": form_token,
            "action": "send",
        },
    )
    assert response.status_code == 302
    assert Submission.objects.get().name == "Ann"


def test_line_breaks_count_once_as_the_browser_counts_them(client):
    # A person counts a line break as one character, but a browser sends it as two (CR LF): a
    # question of 5,000 characters as typed must not be refused as too long.
    lines = ["I can't feel my bottom and can't pee."] + ["Since this morning."] * 300
    typed = "\n".join(lines)
    text = typed[:5000]
    assert len(text) == 5000
    response = client.post("/ask/", good(question=text.replace("\n", "\r\n")))
    assert response.status_code == 302, response.content.decode()
    assert Submission.objects.get().question == text.strip()


def test_the_database_down_on_checking_for_similar_answers(client):
    # They asked to see similar answers, not to send: the page neither says a question could not
    # be saved nor offers to send it.
    with connection.execute_wrapper(database_down):
        response = client.post("/ask/", {"question": URGENT, "action": "check"})
    html = response.content.decode()
    assert response.status_code == 503
    assert SHOWN + "</textarea>" in html
    assert "Sorry, we could not look for similar answers just now" in html
    assert html.index(ADVICE) < html.index("nothing has been sent yet")
    assert 'name="action" value="check"' in html
    assert "save your question" not in html and "Send my question again" not in html


# Over the longest accepted (a long paste), its sign only after character 5,000.
FILLER = "My lower back has ached since I lifted a heavy box in the spring. " * 80
TOO_LONG = FILLER + URGENT
SIGN = html_module.escape(red_flags.BY_NAME["saddle_numbness"].label)


def test_the_question_box_takes_a_paste_longer_than_a_question(client):
    # A browser would cut it short at a maxlength unseen, with a warning sign at its end.
    box = re.search(r"<textarea [^>]*>", client.get("/ask/").content.decode())[0]
    assert 'name="question"' in box and "maxlength" not in box


def test_a_question_refused_as_too_long_gets_the_advice_of_a_sign_past_the_limit(client):
    assert TOO_LONG.index(URGENT) > 5000 and not red_flags.found_in(FILLER)
    html = client.post("/ask/", good(question=TOO_LONG)).content.decode()
    assert "5,000 characters or fewer" in html
    assert_kept_with_advice_first(html, "Your question has not been sent yet")
    assert html_module.escape(TOO_LONG) + "</textarea>" in html


def test_checking_a_too_long_question_gives_the_advice_of_a_sign_past_the_limit(client):
    html = client.post("/ask/", {"question": TOO_LONG, "action": "check"}).content.decode()
    assert 'data-sign="saddle_numbness"' in html  # the advice, not the box to tick


def test_a_too_long_question_refused_for_where_it_came_from_gets_its_advice(strict_client):
    response = strict_client.post("/ask/", good(question=TOO_LONG), secure=True)
    assert response.status_code == 403
    assert SIGN in response.content.decode()


def test_the_database_down_keeps_all_of_a_too_long_question_with_its_advice(client):
    with connection.execute_wrapper(database_down):
        response = client.post("/ask/", good(question=TOO_LONG))
    html = response.content.decode()
    assert response.status_code == 503
    assert html_module.escape(TOO_LONG) + "</textarea>" in html  # cut, the rest would be lost
    assert html.index(ADVICE) < html.index("nothing has been sent yet")
    assert SIGN in html


def test_the_rules_read_a_huge_post_only_so_far(client, monkeypatch):
    # A body may be 2.5 MB (DATA_UPLOAD_MAX_MEMORY_SIZE); read whole, it would hold a worker.
    read = []
    monkeypatch.setattr(red_flags, "found_in", lambda text: read.append(len(text)) or [])
    client.post("/ask/", good(question="x" * 2_000_000))
    assert read and max(read) == red_flags.SIGNS_READ_LENGTH
