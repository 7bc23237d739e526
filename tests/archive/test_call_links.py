"""999, NHS 111 and 116 123 become tap-to-call links wherever the site's text names them."""

import pytest
from django.utils.safestring import mark_safe

from archive.templatetags.call_links import call_links
from tests.factories import make_category, make_factsheet, make_question


def test_plain_text_is_escaped_and_its_numbers_linked():
    assert call_links("Call 999 <now> or NHS 111 & wait") == (
        'Call <a href="tel:999">999</a> &lt;now&gt; or <a href="tel:111">NHS 111</a> &amp; wait'
    )


def test_numbers_inside_tags_or_existing_links_are_left_alone():
    html = mark_safe('<p title="999">Ring <a href="tel:999">999</a>, then 999.</p>')
    assert call_links(html) == (
        '<p title="999">Ring <a href="tel:999">999</a>, then <a href="tel:999">999</a>.</p>'
    )


def test_samaritans_number_is_linked_without_its_space():
    assert call_links("Samaritans on 116 123") == 'Samaritans on <a href="tel:116123">116 123</a>'


@pytest.mark.parametrize("text", ["in 1999", "9999 steps", "NHS 1111", "0999", "116 1234"])
def test_other_numbers_are_not_links(text):
    assert "tel:" not in call_links(text)


def test_answers_and_factsheets_link_the_numbers_they_name(client, db):
    question = make_question(make_category("Knee"), answer="If it gets worse, call NHS 111.")
    factsheet = make_factsheet("Migraine", what_it_is="Sudden, severe headache: call 999.")
    html = client.get(question.get_absolute_url()).content.decode()
    assert 'If it gets worse, call <a href="tel:111">NHS 111</a>.' in html
    html = client.get(factsheet.get_absolute_url()).content.decode()
    assert 'Sudden, severe headache: call <a href="tel:999">999</a>.' in html
