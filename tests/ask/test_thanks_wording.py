"""The thanks and status pages, and the receipt: symptoms getting worse quickly are a 999 sign,
and an urgent asker's page still has its <h1> before any <h2>."""

import re

import pytest

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
