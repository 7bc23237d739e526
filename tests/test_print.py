"""Printing a Q&A or a factsheet gives its text, without navigation, with absolute link targets."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = Path(settings.BASE_DIR, "static", "css", "site.css").read_text()


def print_rules():
    return CSS.split("@media print {")[1].split("\n}\n")[0]


def test_print_hides_navigation_and_forms():
    hidden = print_rules().split("{ display: none !important; }")[0]
    for selector in [
        ".site-header",
        ".breadcrumb",
        ".site-footer nav",
        ".contents",
        ".helpful",
        "form",
    ]:
        assert selector in hidden


def test_print_shows_only_absolute_link_targets():
    rules = print_rules()
    assert 'main a[href^="http"]::after { content: " (" attr(href) ")";' in rules
    assert 'a[href^="/"]' not in rules  # a bare path on paper leads nowhere


def links_in(html, start, end="</article>"):
    part = html.split(start, 1)[1].split(end, 1)[0]
    return re.findall(r'<a href="([^"]*)"', part)


@pytest.mark.parametrize(
    ("url", "printed_from"),
    [
        ("/questions/i-ve-got-pain-in-my-back-l4-l5/", '<article class="qa">'),
        # The factsheet's contents list is navigation, hidden in print; what follows it prints.
        ("/factsheets/sciatica/", '<section id="what_it_is"'),
    ],
)
def test_every_link_a_qa_or_factsheet_prints_is_absolute(client, seeded, url, printed_from):
    html = client.get(url).content.decode()
    links = links_in(html, printed_from)
    assert len(links) >= 2
    assert all(link.startswith("http://testserver/") for link in links), links
