"""An address whose domain is a mistyped common one ("jane@gmial.com", "jane@gmail.com.com",
"jane@gmail.co.uk") is not sent until the asker chooses the suggestion or the address as typed:
the receipt and the answer would go to a stranger or nowhere. One mail cannot be sent to at all
("jane@gmail", "jane@gmailcom") gets the suggestion in place of Django's "Please check your e-mail
address", and the choice of it or correcting it. Any other domain passes as typed."""

import re

import pytest

from ask.email_typos import suggestion
from ask.models import Submission
from config.personal_data import COMMON_MAIL_DOMAINS
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
        *(f"jane@{domain}" for domain in COMMON_MAIL_DOMAINS),
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


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("jane@gmail", "jane@gmail.com"),
        ("jane@hotmail", "jane@hotmail.com"),  # the first listed of hotmail.com, hotmail.co.uk
        ("jane@nhs", "jane@nhs.net"),
        ("jane@gmial", "jane@gmail.com"),  # a slip in the name too
        ("jane@yahoo.", "jane@yahoo.com"),
        ("jane@gmail.com.", "jane@gmail.com"),
        ("jane@gmailcom", "jane@gmail.com"),
        ("jane@hotmailcouk", "jane@hotmail.co.uk"),
        ("jane@talktalknet", "jane@talktalk.net"),
        ("jane@protonme", "jane@proton.me"),
        ("jane@gmail,com", "jane@gmail.com"),
        ("jane@yahoo,co,uk", "jane@yahoo.co.uk"),
        ("Jane@GMAILCOM", "Jane@gmail.com"),
    ],
)
def test_an_ending_left_off_or_its_dot_left_out_gets_the_common_domain(typed, suggested):
    assert suggestion(typed) == suggested


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("jane@gmail.com.com", "jane@gmail.com"),
        ("jane@gmail.comcom", "jane@gmail.com"),
        ("jane@hotmail.co.uk.co.uk", "jane@hotmail.co.uk"),
        ("jane@hotmail.co.uk.com", "jane@hotmail.co.uk"),
        ("jane@talktalk.net.com", "jane@talktalk.net"),
        ("jane@gmail.com.uk", "jane@gmail.com"),
        ("jane@outlook.com.uk", "jane@outlook.com"),
        # A .co.uk service's own, one slip away, before the .com with a stray ".uk".
        ("jane@hotmail.com.uk", "jane@hotmail.co.uk"),
    ],
)
def test_an_ending_doubled_or_a_stray_one_added_gets_the_common_domain(typed, suggested):
    assert suggestion(typed) == suggested


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("jane@gmail.co.uk", "jane@gmail.com"),
        ("jane@gmail.co", "jane@gmail.com"),
        ("jane@gmailcouk", "jane@gmail.com"),
    ],
)
def test_a_domain_typed_for_gmail_that_is_not_googles_gets_gmail_com(typed, suggested):
    assert suggestion(typed) == suggested


@pytest.mark.parametrize(
    "address",
    [
        # Other countries' real domains of the listed services, a stray ending away from them.
        "jane@yahoo.com.au",
        "jane@yahoo.com.sg",
        "jane@hotmail.com.ar",
        "jane@hotmail.com.br",
        "jane@live.com.au",
        "jane@outlook.com.au",
        # Longer than a listed domain, not an ending added to it.
        "jane@gmail.company",
        "jane@me.company.com",
        # No dot, and nothing like a listed one's name: as typed, to be put right by the asker.
        "jane@localhost",
        "jane@acme",
        "jane@com",
        "jane@",
    ],
)
def test_a_real_domain_or_one_unlike_any_listed_passes(address):
    assert suggestion(address) is None


def radio_choices(html):
    """(value, label, checked) of each choice of email_choice on the page."""
    found = re.findall(
        r'<input type="radio" name="email_choice" value="([^"]*)"([^>]*)>\s*(.*?)</label>', html
    )
    return [(value, label, "checked" in attrs) for value, attrs, label in found]


def email_errors(html):
    """The address box's errors."""
    errors = re.search(r'<ul class="errorlist"[^>]* id="id_email_error">(.*?)</ul>', html)[1]
    return re.findall(r"<li>(.*?)</li>", errors)


UNSENDABLE = [
    ("jane@gmail", "jane@gmail.com"),
    ("jane@gmailcom", "jane@gmail.com"),
    ("jane@hotmailcouk", "jane@hotmail.co.uk"),
    ("jane@yahoo.", "jane@yahoo.com"),
    ("jane@gmail,com", "jane@gmail.com"),
]


@pytest.mark.parametrize(("typed", "suggested"), UNSENDABLE)
def test_an_address_mail_cannot_be_sent_to_is_asked_did_you_mean_in_place_of_check_it(
    client, typed, suggested
):
    html = client.post("/ask/", good(email=typed)).content.decode()
    assert not Submission.objects.exists()
    assert summary_links(html) == [("#id_email", f"E-mail address: Did you mean {suggested}?")]
    assert email_errors(html) == [f"Did you mean {suggested}?"]
    assert f'name="email" value="{typed}"' in html
    # The suggestion, or putting it right: no keeping an address no mail can reach.
    assert radio_choices(html) == [
        (suggested, f"Use {suggested}", False),
        (typed, "I will correct it myself in the box above", False),
    ]
    assert "Keep the address as I typed it" not in html


@pytest.mark.parametrize(("typed", "suggested"), UNSENDABLE)
def test_choosing_the_suggestion_for_an_address_mail_cannot_be_sent_to_sends_it(
    client, typed, suggested
):
    data = good(email=typed, email_choice=suggested)
    assert client.post("/ask/", data).status_code == 302
    assert Submission.objects.get().email == suggested


def test_choosing_to_correct_it_but_not_doing_so_asks_again(client):
    data = good(email="jane@gmail", email_choice="jane@gmail")
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert email_errors(html) == ["Did you mean jane@gmail.com?"]
    assert [checked for _, _, checked in radio_choices(html)] == [False, True]


def test_an_address_corrected_in_the_box_is_sent_as_typed(client):
    data = good(email="jane.doe@gmail.com", email_choice="jane@gmail")
    assert client.post("/ask/", data).status_code == 302
    assert Submission.objects.get().email == "jane.doe@gmail.com"


def test_the_suggestion_chosen_for_an_unsendable_address_fills_the_box_if_the_question_stops(
    client,
):
    data = good(email="jane@gmailcom", email_choice="jane@gmail.com", consent_to_store="")
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert 'name="email" value="jane@gmail.com"' in html
    assert 'id="id_email_error"' not in html and "Did you mean" not in html
    assert "Please check your e-mail address" not in html and radio_choices(html) == []
    assert client.post("/ask/", data | {"consent_to_store": "on"}).status_code == 302
    assert Submission.objects.get().email == "jane@gmail.com"


@pytest.mark.parametrize(
    "address",
    [
        "jane@example",  # no ending, but no listed name
        "jane doe@gmail",  # put right after the "@", still wrong before it
        "jane@@gmail",
    ],
)
def test_an_address_with_no_suggestion_that_passes_is_asked_to_be_checked_as_before(
    client, address
):
    html = client.post("/ask/", good(email=address)).content.decode()
    assert not Submission.objects.exists()
    assert email_errors(html) == ["Please check your e-mail address, e.g. name@example.com."]
    assert radio_choices(html) == []


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("jane@gmail.com.com", "jane@gmail.com"),
        ("jane@gmail.comcom", "jane@gmail.com"),
        ("jane@hotmail.co.uk.com", "jane@hotmail.co.uk"),
        ("jane@gmail.com.uk", "jane@gmail.com"),
        ("jane@gmail.co.uk", "jane@gmail.com"),
    ],
)
def test_a_stray_ending_or_gmail_co_uk_is_asked_about_and_the_suggestion_sent_if_chosen(
    client, typed, suggested
):
    html = client.post("/ask/", good(email=typed)).content.decode()
    assert not Submission.objects.exists()
    assert summary_links(html) == [("#id_email", f"E-mail address: Did you mean {suggested}?")]
    assert radio_choices(html) == [
        (suggested, f"Use {suggested}", False),
        (typed, f"Keep the address as I typed it: {typed}", False),
    ]
    data = good(email=typed, email_choice=suggested)
    assert client.post("/ask/", data).status_code == 302
    assert Submission.objects.get().email == suggested


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


@pytest.mark.parametrize(
    "address",
    [
        "jane@gmail.com",
        "jane@example.org",
        "jane@mail.com",
        "jane@hotmail.co.uk",
        "jane@yahoo.co.uk",
        "jane@live.co.uk",
        "jane@hotmail.ca",
        "jane@yahoo.com.au",
        "jane@yahoo.co.in",
    ],
)
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
