"""A patient reads the privacy page on a phone: plain words that fit the screen, and the
developers' table folded away, scrolling inside its own box when opened, never the page."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps

pytestmark = pytest.mark.usefixtures("archive")

PHONE = {"width": 360, "height": 740}
# What is shown in the page's main part and is wider than its box: a scroll box, or text spilling
# out of one (what a scroll box holds is its own business). Inline elements have no box to compare.
SPILLING = """() => [...document.querySelectorAll("main, main *")]
    .filter(el => el.checkVisibility() && !el.parentElement.closest(".table-scroll"))
    .filter(el => el.clientWidth > 0 && el.scrollWidth > el.clientWidth)
    .map(el => el.className ? `${el.localName}.${el.className}` : el.localName)"""


@pytest.fixture
def privacy(page):
    """The privacy page on a phone, with the intro the migrations leave (the fixture restores
    only the first)."""
    intro = import_module("pages.migrations.0004_privacy_intro_points_to_plain_words")
    intro.point_to_plain_words(django_apps, None)
    page.set_viewport_size(PHONE)
    return page


def sideways(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def read_on_a_phone(page):
    page.goto("/about/privacy/")
    assert sideways(page) <= 0
    assert page.evaluate(SPILLING) == []
    heading = page.get_by_role("heading", name="Your first name and e-mail address")
    assert heading.is_visible()
    assert page.get_by_text("They are erased 90 days after your question is closed").is_visible()
    assert not page.locator(".personal-data table").is_visible()
    page.get_by_text("For developers: where each is stored").click()
    table = page.get_by_role("region", name="Where each is stored")
    assert table.locator("table").is_visible()
    # The table is wider than a phone: only its own box scrolls, by keyboard too.
    assert page.evaluate(SPILLING) == ["div.table-scroll"]
    assert sideways(page) <= 0
    table.focus()
    page.keyboard.press("ArrowRight")
    # The browser may scroll smoothly: wait for the box to move (the wait fails if it never does).
    page.wait_for_function("box => box.scrollLeft > 0", arg=table.element_handle(), timeout=5000)


def test_the_privacy_page_fits_a_phone_and_only_the_developers_table_scrolls(privacy):
    read_on_a_phone(privacy)


def test_the_privacy_page_fits_a_phone_with_the_text_twice_as_large(privacy):
    # The reader's text size at 200% (Chromium's own setting, which em media queries follow).
    cdp = privacy.context.new_cdp_session(privacy)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    read_on_a_phone(privacy)
