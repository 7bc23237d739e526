"""The privacy page speaks to patients in plain words, and its periods are SECURITY.md's: the plain
words and the developers' table below them (both in SECURITY.md) give the same ones."""

import re
from datetime import timedelta

import pytest

from pages.privacy import personal_data_html, personal_data_sections

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400}
# "90 days", "an hour", "two weeks", and the table's "`SETTING` (default 90) days".
PERIOD = re.compile(
    r"\b(\d+|" + "|".join(NUMBERS) + r")\)?\s+(" + "|".join(UNITS) + r")s?\b", re.IGNORECASE
)
# What patients need to know of each thing kept.
LABELS = ["**What it is.**", "**Why.**", "**When it ends.**"]


def periods(text):
    """Every period the text gives, as lengths of time."""
    return {
        timedelta(seconds=int(NUMBERS.get(number.lower(), number)) * UNITS[unit.lower()])
        for number, unit in PERIOD.findall(text)
    }


def test_the_plain_words_and_the_developers_table_give_the_same_periods():
    plain, developers = personal_data_sections()
    assert periods(plain) == periods(developers)
    assert {timedelta(days=270), timedelta(days=90), timedelta(days=180)} <= periods(plain)


def test_a_period_changed_in_one_part_only_is_caught():
    plain, developers = personal_data_sections()
    changed = developers.replace("`SEARCH_GAPS_KEEP_DAYS` (default 180)", "(default 120)")
    assert changed != developers
    assert periods(plain) != periods(changed)
    assert periods("kept at most a day and an hour") == {timedelta(days=1), timedelta(hours=1)}


def test_each_thing_kept_says_what_it_is_why_and_when_it_ends():
    plain, _ = personal_data_sections()
    things = plain.split("\n### ")[1:]
    assert len(things) >= 10
    for thing in things:
        title = thing.splitlines()[0]
        if title != "Cookies":
            assert all(label in thing for label in LABELS), title


def test_the_plain_words_name_no_database_or_setting():
    html = personal_data_html()
    assert "<table>" not in html and "<code>" not in html
    assert not re.search(r"\b[a-z]+_[a-z_]+\b|[A-Z]+_[A-Z_]+", html)


@pytest.mark.django_db
def test_the_page_shows_the_plain_words_and_folds_the_table_for_developers(client):
    html = client.get("/about/privacy/").content.decode()
    plain, table = html.split('<details class="storage">')
    assert "<h3>Your first name and e-mail address</h3>" in plain
    assert "<strong>When it ends.</strong> They are erased 90 days after" in plain
    assert "<table>" not in plain and "ask_submission" not in plain
    assert "<summary>For developers: where each is stored</summary>" in table
    assert "<table>" in table and "ASK_ERASE_AFTER_DAYS" in table
    assert "For developers" not in html.replace("<summary>For developers", "", 1)
    # The page's own intro points to what follows, not to a table.
    assert "the table below" not in plain
