"""A question sent, then its form page opened again with the browser's Back button and sent
again. The browser may show the page as it was (keeping its one-time token) or ask the site for it
again (a new token), refilling the boxes itself: either way the same words store one question,
and other words (a corrected address) store a new one."""

import re

import pytest
from django.core.management import call_command

from ask import services
from ask.models import SENT_AGAIN_WITHIN, Submission

pytestmark = pytest.mark.django_db

FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
FILLED = {
    "question": "Is it normal to feel very tired the day after acupuncture for sciatica?",
    "email": "ann@gmial.com",
    "email_choice": "ann@gmial.com",  # asked "Did you mean ann@gmail.com?", kept as typed
    "consent_to_store": "on",
    "action": "send",
}


def send_from_a_fresh_page(client):
    """Open the form (the site gives it a new token) and send it filled in."""
    token = FORM_TOKEN.search(client.get("/ask/").content.decode())[1]
    return client.post("/ask/", FILLED | {"form_token": token})


def test_the_same_words_sent_again_from_a_page_opened_again_store_one_question(client):
    first = send_from_a_fresh_page(client)
    again = send_from_a_fresh_page(client)  # Back: the page asked for again, a new token
    submission = Submission.objects.get()
    assert first.status_code == again.status_code == 302
    page = client.get(again.headers["Location"]).content.decode()
    assert submission.reference in page


def test_a_page_kept_by_the_browser_and_sent_with_a_corrected_address_stores_a_new_question(
    client,
):
    token = FORM_TOKEN.search(client.get("/ask/").content.decode())[1]
    client.post("/ask/", FILLED | {"form_token": token})
    # Back: the page as it was, its token too; the address corrected, then sent again.
    corrected = client.post("/ask/", FILLED | {"form_token": token, "email": "ann@gmail.com"})
    again = client.post("/ask/", FILLED | {"form_token": token, "email": "ann@gmail.com"})
    assert sorted(Submission.objects.values_list("email", flat=True)) == [
        "ann@gmail.com",
        "ann@gmial.com",
    ]
    new = Submission.objects.get(email="ann@gmail.com")
    for response in (corrected, again):  # its double click is the same question again
        assert new.reference in client.get(response.headers["Location"]).content.decode()


def test_the_same_words_from_another_browser_are_another_askers_question(client):
    send_from_a_fresh_page(client)
    client.cookies.clear()  # another browser: no cookie of the first
    send_from_a_fresh_page(client)
    assert Submission.objects.count() == 2


def test_the_same_words_after_the_first_was_withdrawn_store_a_new_question(client):
    send_from_a_fresh_page(client)
    first = Submission.objects.get()
    assert first.browser
    services.withdraw(submission=first)
    first.refresh_from_db()
    assert first.browser == ""  # erased with the asker's details
    send_from_a_fresh_page(client)
    assert Submission.objects.count() == 2


def test_the_daily_retention_run_forgets_the_browser_once_it_can_find_nothing(client):
    # Kept longer, the key would tie together every question one browser sent.
    send_from_a_fresh_page(client)
    yesterday = Submission.objects.get()
    Submission.objects.update(created_at=yesterday.created_at - SENT_AGAIN_WITHIN)
    client.cookies.clear()  # another browser, which sends a question today
    send_from_a_fresh_page(client)
    today = Submission.objects.exclude(pk=yesterday.pk).get()
    call_command("erase_personal_data")
    yesterday.refresh_from_db()
    today.refresh_from_db()
    assert yesterday.browser == "" and yesterday.personal_data_erased_at is None
    assert today.browser  # still finds a question sent again today with Back
    send_from_a_fresh_page(client)
    assert Submission.objects.count() == 2
