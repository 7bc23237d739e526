"""What the ask form says: its error summary reads cleanly and links to the box to fix, and what
it says about erasing is true of a published question too."""

import re

import pytest

from tests.ask.test_views import good

pytestmark = pytest.mark.django_db


def summary_links(html):
    """(href, text) of each link in the error summary."""
    summary = re.search(r'<div id="error-summary".*?</ul>', html, re.S)[0]
    return re.findall(r'<a href="([^"]*)">(.*?)</a>', summary, re.S)


def test_no_address_and_no_publishing_links_to_the_address_box_and_names_it_plainly(client):
    html = client.post("/ask/", good(email="")).content.decode()
    [(href, text)] = summary_links(html)
    assert href == "#id_email"
    assert text.startswith("E-mail address: With no e-mail address and no permission to publish")
    assert "tick “Send it anyway”" in text  # the other way out is still named


def test_every_summary_entry_is_a_short_name_then_the_message(client):
    data = good(question="Too short", email="not an address", consent_to_store="")
    html = client.post("/ask/", data).content.decode()
    entries = summary_links(html)
    assert [href for href, _ in entries] == ["#id_question", "#id_email", "#id_consent_to_store"]
    texts = [text for _, text in entries]
    assert texts[0].startswith("Your question: Please tell us a little more")
    assert texts[1] == "E-mail address: Please check your e-mail address, e.g. name@example.com."
    assert texts[2] == "Consent: Please tick this box so that we may keep your question."
    assert not any(".:" in text for text in texts)


def test_the_form_says_a_published_question_stays_edited_and_without_name_or_address(
    client, settings
):
    settings.ASK_ERASE_AFTER_DAYS = 45
    html = client.get("/ask/").content.decode()
    erasing = (
        "We erase your name, e-mail address and question 45 days after your question is closed."
    )
    assert erasing in html
    assert (
        "If it is published, an edited copy stays on the site with its answer: editors take out "
        "anything that could identify you, and your name and e-mail address are never in it."
    ) in html


def test_the_form_says_every_question_still_open_is_closed_in_time(client, settings):
    # The retention closes answered questions that wait for publishing too, not only unanswered.
    settings.ASK_CLOSE_AFTER_DAYS = 30
    html = client.get("/ask/").content.decode()
    assert "We close any question still open after 30 days, answered or not." in html


def test_a_period_of_one_day_is_said_in_the_singular(client, settings):
    settings.ASK_ERASE_AFTER_DAYS = 1
    settings.ASK_CLOSE_AFTER_DAYS = 1
    html = client.get("/ask/").content.decode()
    assert "question 1 day after your question is closed" in html
    assert "still open after 1 day, answered or not" in html
    assert "1 days" not in html
