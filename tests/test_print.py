"""Printing a Q&A or a factsheet gives its text, without navigation, with absolute link targets."""

import re
from pathlib import Path

from django.conf import settings

from archive.models import Question
from factsheets.models import Factsheet

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


def test_every_link_a_qa_prints_is_absolute(client, seeded):
    question = Question.objects.get(slug="i-ve-got-pain-in-my-back-l4-l5")
    html = client.get(question.get_absolute_url()).content.decode()
    links = links_in(html, '<article class="qa">')
    assert len(links) >= 3
    assert all(link.startswith("http://testserver/") for link in links), links


def test_every_link_a_factsheet_prints_is_absolute(client, seeded):
    factsheet = Factsheet.objects.get(slug="sciatica")
    html = client.get(factsheet.get_absolute_url()).content.decode()
    # The contents list is navigation, hidden in print; what follows it prints.
    links = links_in(html, '<section id="what_it_is"')
    assert len(links) >= 2
    assert all(link.startswith("http://testserver/") for link in links), links
