"""An address whose domain is a near miss of a common one ("jane@gmial.com") is not sent until the
asker chooses the suggestion or the address as typed: the receipt and the answer would go to a
stranger or nowhere. Any other domain passes as typed."""

import re

import pytest

from ask.email_typos import COMMON_DOMAINS, suggestion
from ask.models import Submission
from tests.ask.test_form_wording import summary_links
from tests.ask.test_views import good

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("jane@gmial.com", "jane@gmail.com"),  # two letters swapped
        ("jane@hotmail.co", "jane@hotmail.com"),  # the ending cut short
        ("jane@yahoo.co.ukk", "jane@yahoo.co.uk"),  # a letter too many in the ending
        ("jane@outlok.com", "jane@outlook.com"),  # a letter missing
        ("jane@hotmial.co.uk", "jane@hotmail.co.uk"),
        ("jane@hotmail.couk", "jane@hotmail.co.uk"),
        ("jane@gmail.con", "jane@gmail.com"),
        ("jane@btinterent.com", "jane@btinternet.com"),
        ("jane@virginmedai.com", "jane@virginmedia.com"),
        ("jane@talktalk.nte", "jane@talktalk.net"),
        ("jane@nhs.ner", "jane@nhs.net"),
        ("jane@proton.m", "jane@proton.me"),
        ("jane@sky.cm", "jane@sky.com"),
        ("jane@hotmial.co", "jane@hotmail.com"),  # two slips, one in each part
        ("Jane.Doe@GMIAL.com", "Jane.Doe@gmail.com"),  # the name before the "@" as typed
    ],
)
def test_a_near_miss_of_a_common_domain_gets_the_nearest_as_suggestion(typed, suggested):
    assert suggestion(typed) == suggested


@pytest.mark.parametrize(
    "address",
    [
        *(f"jane@{domain}" for domain in COMMON_DOMAINS),
        "jane@Gmail.COM",
        # Anyone's own domain, however near a listed one it is not.
        "jane@example.org",
        "jane@acme.co.uk",
        "jane@leedsth.nhs.uk",
        "jane@nhs.uk",
        # Real domains a slip away from a listed one: of a short name, of a first letter, or of
        # an ending that is another country's.
        "jane@mac.com",
        "jane@ge.com",
        "jane@ao.com",
        "jane@ms.com",
        "jane@mail.com",
        "jane@ymail.com",
        "jane@cloud.com",
        "jane@hotmail.ca",
        "jane@yahoo.co.in",
        "jane@live.co.za",
        "jane@hotmail.fr",
        "jane@protonmail.ch",
        "jane@aol.co.uk",
    ],
)
def test_a_listed_domain_or_any_other_passes(address):
    assert suggestion(address) is None


def test_a_near_miss_is_not_sent_and_the_form_asks_did_you_mean(client):
    response = client.post("/ask/", good(email="jane@gmial.com"))
    html = response.content.decode()
    assert response.status_code == 200
    assert not Submission.objects.exists()
    # In the error summary, as every other error, linking to the address box, and by the box.
    assert summary_links(html) == [("#id_email", "E-mail address: Did you mean jane@gmail.com?")]
    errors = re.search(r'<ul class="errorlist"[^>]* id="id_email_error">(.*?)</ul>', html)[1]
    assert errors == "<li>Did you mean jane@gmail.com?</li>"
    assert 'data-focus="error-summary"' in html
    # Both ways on, neither chosen for the asker.
    choices = re.findall(r'<input type="radio" name="email_choice"[^>]*>', html)
    assert [re.search(r'value="([^"]*)"', choice)[1] for choice in choices] == [
        "jane@gmail.com",
        "jane@gmial.com",
    ]
    assert not any("checked" in choice for choice in choices)
    assert "Keep the address as I typed it: jane@gmial.com" in html


def test_nothing_typed_is_lost_on_the_form_shown_again(client, area):
    data = good(
        email="jane@gmial.com",
        name="Jane",
        category=area.pk,
        consent_to_publish="on",
        red_flags_ticked="fever",
    )
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert f'id="id_question">\n{data["question"]}</textarea>' in html
    assert 'name="email" value="jane@gmial.com"' in html  # as typed, not put right unasked
    assert 'name="name" value="Jane"' in html
    assert re.search(rf'<option value="{area.pk}" selected>', html)
    assert re.search(r'name="consent_to_publish"[^>]*checked', html)
    assert re.search(r'name="consent_to_store"[^>]*checked', html)
    assert re.search(r'value="fever"[^>]*checked', html)
    token = re.search(r'name="form_token" value="([^"]+)"', html)[1]
    assert token == data["form_token"]  # the same page: sent twice, it stores one question


def test_keeping_the_address_as_typed_sends_it(client):
    data = good(email="jane@gmial.com", email_choice="jane@gmial.com")
    assert client.post("/ask/", data).status_code == 302
    assert Submission.objects.get().email == "jane@gmial.com"


def test_choosing_the_suggestion_sends_it(client):
    data = good(email="jane@gmial.com", email_choice="jane@gmail.com")
    assert client.post("/ask/", data).status_code == 302
    assert Submission.objects.get().email == "jane@gmail.com"


def test_the_suggestion_chosen_fills_the_box_when_something_else_stops_the_question(client):
    data = good(email="jane@gmial.com", email_choice="jane@gmail.com", consent_to_store="")
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert 'name="email" value="jane@gmail.com"' in html
    assert "Did you mean" not in html and 'type="radio" name="email_choice"' not in html


def test_keeping_it_stays_chosen_when_something_else_stops_the_question(client):
    data = good(email="jane@gmial.com", email_choice="jane@gmial.com", consent_to_store="")
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert "Did you mean" not in html
    assert re.search(
        r'<input type="radio" name="email_choice" value="jane@gmial.com"[^>]* checked', html
    )
    assert client.post("/ask/", data | {"consent_to_store": "on"}).status_code == 302
    assert Submission.objects.get().email == "jane@gmial.com"


def test_a_choice_made_for_one_address_is_not_taken_for_another(client):
    # Kept "gmial.com", then the box changed to another near miss: asked again.
    data = good(email="jane@gmal.com", email_choice="jane@gmial.com")
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert "Did you mean jane@gmail.com?" in html


def test_an_address_put_right_in_the_box_sends_as_typed(client):
    data = good(email="jane.doe@gmail.com", email_choice="jane@gmial.com")
    assert client.post("/ask/", data).status_code == 302
    assert Submission.objects.get().email == "jane.doe@gmail.com"


@pytest.mark.parametrize("address", ["jane@gmail.com", "jane@example.org", "jane@mail.com"])
def test_a_listed_or_unrelated_domain_is_sent_at_once(client, address):
    assert client.post("/ask/", good(email=address)).status_code == 302
    assert Submission.objects.get().email == address


def test_a_choice_kept_through_checking_for_similar_answers_is_sent_with_it(client):
    data = good(email="jane@gmial.com", email_choice="jane@gmial.com", action="check")
    html = client.post("/ask/", data).content.decode()
    assert 'name="email_choice" value="jane@gmial.com"' in html
    assert client.post("/ask/", data | {"action": "send"}).status_code == 302


def test_urgent_advice_still_leads_the_page_above_the_question_about_the_address(client):
    question = "My legs keep giving way and I have numbness around my back passage since today"
    html = client.post("/ask/", good(question=question, email="jane@gmial.com")).content.decode()
    assert not Submission.objects.exists()
    order = [
        "<h1>Ask the expert panel</h1>",
        "Get medical help now",
        'id="error-summary"',
        "Did you mean jane@gmail.com?",
        "Is this an emergency?",
    ]
    assert [html.index(part) for part in order] == sorted(html.index(part) for part in order)
    assert 'Call <a href="tel:999">999</a>' in html[: html.index('id="error-summary"')]
    assert "data-focus=" not in html  # focus stays at the top, on the advice
