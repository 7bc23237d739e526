"""Urgent advice worded for the right situation: a 999 sign is 999 whatever else, a sign whose
advice is NHS 111 is never listed under 999, and the fall rule's two kinds of accident are told
apart wherever the site sums the signs up."""

import re

import pytest
from django.utils.html import escape

from archive.red_flags import BY_NAME, EMERGENCY, emergency_signs, other_urgent_signs
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db

CALL_999 = 'Call <a href="tel:999">999</a> or go to A&amp;E now</strong> if you have'
CALL_111 = 'Call <a href="tel:111">NHS 111</a> or ask for an urgent GP appointment today</strong>'
SERIOUS_ACCIDENT = "Back pain after a serious accident, such as a car crash"


def list_after(html, intro):
    """The items of the first list after the paragraph holding `intro`."""
    start = html.index(intro)
    items = re.search(r"<ul>(.*?)</ul>", html[start:], re.S)[1]
    return [
        re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", items, re.S)
    ]


def box(client):
    question = make_question(make_category("Back / spine"), title="Stiff in the mornings")
    html = client.get(question.get_absolute_url()).content.decode()
    return html[html.index('<aside class="warning urgent-help-box"') :].split("</aside>")[0]


@pytest.mark.parametrize("page", ["box", "/urgent-help/", "/ask/"])
def test_the_999_list_stands_on_its_own_not_only_with_back_pain(client, page):
    html = box(client) if page == "box" else client.get(page).content.decode()
    assert f"{CALL_999}:</p>" in html or f"{CALL_999} any of these:</p>" in html
    assert "back pain or sciatica and" not in html
    shown = list_after(html, CALL_999)
    # Chest pain, a sudden severe headache, breathlessness: 999 whatever else (the urgent-help
    # page gives each its own advice after it).
    for flag in emergency_signs():
        assert any(item.startswith(escape(flag.label)) for item in shown), flag.name


def test_the_box_tells_a_serious_accident_from_a_fall_as_the_fall_rule_does(client):
    advice = BY_NAME["fall_or_accident"].advice
    assert "serious accident, such as a car crash, call 999" in advice
    assert "After a fall or a smaller accident, call NHS 111" in advice
    html = box(client)
    assert SERIOUS_ACCIDENT in list_after(html, CALL_999)
    others = list_after(html, CALL_111)
    fall = others[[flag.name for flag in other_urgent_signs()].index("fall_or_accident")]
    assert 'a car crash, call <a href="tel:999">999</a>' in fall
    assert 'After a fall or a smaller accident, call <a href="tel:111">NHS 111</a>' in fall
    assert "fall or injury" not in html


def test_the_box_lists_every_sign_that_needs_help_today_as_the_rules_have_them(client):
    # From the rules themselves: a sign added to them is never left out of the box.
    others = list_after(box(client), CALL_111)
    assert len(others) == len(other_urgent_signs())
    for item, flag in zip(others, other_urgent_signs(), strict=True):
        assert item.startswith(escape(flag.label))


def test_the_urgent_help_page_lists_a_serious_accident_under_999(client):
    html = client.get("/urgent-help/").content.decode()
    assert SERIOUS_ACCIDENT in list_after(html, CALL_999)


def test_the_ask_page_puts_only_999_signs_under_999_and_the_others_under_nhs_111(client):
    html = client.get("/ask/").content.decode()
    emergency = list_after(html, CALL_999)
    assert emergency == [escape(flag.label) for flag in emergency_signs()]
    others = list_after(html, "or ask your GP surgery for an urgent appointment today</strong>")
    assert len(others) == len(other_urgent_signs())
    for item, flag in zip(others, other_urgent_signs(), strict=True):
        assert item.startswith(escape(flag.label))
        assert not flag.advice.startswith(EMERGENCY)
    # The fall rule's advice sends a serious accident to 999: it is said beside the sign.
    fall = others[[flag.name for flag in other_urgent_signs()].index("fall_or_accident")]
    assert 'a car crash, call <a href="tel:999">999</a>' in fall


@pytest.mark.parametrize("page", ["/urgent-help/", "/ask/"])
def test_the_nhs_111_list_stands_on_its_own_too(client, page):
    # Blood in the pee or an infected needle site needs help whether or not the back hurts.
    html = client.get(page).content.decode()
    intro = html[html.index('<a href="tel:111">NHS 111</a> or') :].split("</p>")[0]
    assert intro.endswith("if you have any of these:")
    label = escape(BY_NAME["blood_in_urine"].label)
    assert any(item.startswith(label) for item in list_after(html, intro))
