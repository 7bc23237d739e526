"""The thanks and status pages, and the receipt: symptoms getting worse quickly are a 999 sign,
and an urgent asker's page still has its <h1> before any <h2>."""

import re
import time
from types import SimpleNamespace

import pytest
from django.core import signing

from archive.red_flags import BY_NAME, EMERGENCY
from ask.views import thanks_url
from tests.ask.conftest import links, make_submission, receipt

pytestmark = pytest.mark.django_db

QUICKLY_999 = (
    'If your symptoms get worse quickly, call <a href="tel:999">999</a> or go to A&amp;E now. '
    'If they get worse slowly, talk to your doctor or call <a href="tel:111">NHS 111</a>.'
)
URGENT_QUESTION = "I have numbness around my genitals since yesterday"


def headings(html):
    return re.findall(r"<h([1-6])\b", html.split("<main", 1)[1])


def test_worse_quickly_is_999_as_the_rule_says():
    assert BY_NAME["rapidly_worsening"].advice.startswith(EMERGENCY)


def test_the_thanks_and_status_pages_send_quickly_worsening_symptoms_to_999(client):
    submission = make_submission()
    for url in (thanks_url(submission), "/" + links(submission)[0]):
        html = client.get(url).content.decode()
        assert QUICKLY_999 in html, url
        assert "If your symptoms get worse, talk to your doctor" not in html


def test_an_urgent_askers_pages_end_with_do_not_wait_not_with_leave_to_wait(client):
    # "If they get worse slowly, talk to your doctor" after "Call 999 now" reads as leave to
    # wait: the pages of a question that showed a sign close with "do not wait" instead.
    submission = make_submission(question=URGENT_QUESTION)
    for url in (thanks_url(submission), "/" + links(submission)[0]):
        html = client.get(url).content.decode()
        assert "worse slowly" not in html and "In the meantime" not in html, url
        do_not_wait = html.index("<strong>Do not wait for our answer:</strong>")
        assert html.index("Get medical help now") < do_not_wait, url


def test_the_receipt_sends_quickly_worsening_symptoms_to_999():
    body = receipt(make_submission()).body
    assert "If your symptoms get worse quickly, call 999 or go to A&E now." in body
    assert "If your symptoms get worse, talk to your doctor" not in body


def test_an_urgent_askers_receipt_never_says_they_may_wait():
    body = receipt(make_submission(question=URGENT_QUESTION)).body
    assert "worse slowly" not in body
    assert "do not wait for ours before getting the help at the top of this e-mail" in body
    assert body.index(BY_NAME["saddle_numbness"].advice) < body.index("do not wait for ours")


def test_an_urgent_thanks_page_starts_with_its_h1_and_the_urgent_advice_leads(client):
    html = client.get(thanks_url(make_submission(question=URGENT_QUESTION))).content.decode()
    levels = headings(html)
    assert levels[0] == "1" and levels.count("1") == 1
    assert re.search(r"<h1 id=\"urgent-heading\">Get medical help now", html)
    assert html.index("Get medical help now") < html.index("Thank you")


def test_a_calm_thanks_page_has_one_h1_first(client):
    html = client.get(thanks_url(make_submission())).content.decode()
    levels = headings(html)
    assert levels[0] == "1" and levels.count("1") == 1
    assert "<h1>Thank you: your question has been sent</h1>" in html


def thanks_url_sent(submission, hours_ago, monkeypatch):
    """The thank-you link as it was made `hours_ago` hours ago."""
    then = time.time() - hours_ago * 3600
    with monkeypatch.context() as patched:
        patched.setattr(signing, "time", SimpleNamespace(time=lambda: then))
        return thanks_url(submission)


def test_an_expired_thanks_link_says_the_question_was_received_not_mistyped(client, monkeypatch):
    submission = make_submission(question=URGENT_QUESTION)
    assert client.get(thanks_url_sent(submission, 23, monkeypatch)).status_code == 200
    response = client.get(thanks_url_sent(submission, 25, monkeypatch))
    html = response.content.decode()
    assert response.status_code == 410
    assert "<h1>Your question was received</h1>" in html
    assert "This thank-you page's link has expired" in html
    assert "the receipt we e-mailed you has a link to see where your question stands" in html
    assert "mistyped" not in html
    # The expiry keeps the question private: nothing of it is shown any more.
    assert submission.reference not in html and "Get medical help now" not in html


def test_a_forged_thanks_link_is_still_not_found(client):
    assert client.get(thanks_url(make_submission())[:-3] + "xx/").status_code == 404


def test_the_thanks_page_says_when_an_asker_who_agreed_to_publishing_hears_again(client):
    html = client.get(thanks_url(make_submission(consent_to_publish=True))).text
    assert "when the expert panel has answered" not in html
    assert (
        "We will e-mail you again once your question is published, with its link, or closed "
        "without publishing, with the panel's answer" in html
    )
    private = client.get(thanks_url(make_submission(consent_to_publish=False))).text
    assert "We will e-mail you again once your question is closed: with the panel's answer" in (
        private
    )


def test_an_asker_without_an_address_is_not_promised_the_archive(client):
    submission = make_submission(email="", consent_to_publish=True)
    html = client.get(thanks_url(submission)).text
    assert "Once it is, you will find it in the archive" not in html
    assert "If the panel answers it and it is published, you will find it in the archive" in html
    assert "Not every question is published" in html


def test_the_form_says_details_are_erased_after_the_question_is_closed(client):
    html = client.get("/ask/").text
    assert "days after your question is answered or closed" not in html
    assert (
        "We erase your name, e-mail address and question 90 days after your question is closed"
        in (html)
    )
