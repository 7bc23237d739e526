"""Section text is plain text: lists and paragraphs become HTML, nothing else does."""

from django.template import Context, Template


def render(text):
    return Template("{% load factsheet_tags %}{{ text|paragraphs_and_lists }}").render(
        Context({"text": text})
    )


def test_dash_lines_become_one_list_and_blank_lines_separate_paragraphs():
    text = "Symptoms include:\n- back pain\n\n- tingling\n\nOften worse\nat night."
    assert render(text) == (
        "<p>Symptoms include:</p>\n"
        "<ul><li>back pain</li><li>tingling</li></ul>\n"
        "<p>Often worse at night.</p>"
    )


def test_markup_in_the_text_is_shown_not_run():
    html = render("<script>alert(1)</script>\n- <b>bold</b> & co")
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>&lt;b&gt;bold&lt;/b&gt; &amp; co</li>" in html
