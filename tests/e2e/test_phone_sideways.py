"""A phone held sideways: a screen hardly taller than the site's header. The urgent advice for a
warning sign a question describes still starts on the first screen, and the header keeps every
part of it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_phone import question_with_a_warning_sign
from tests.e2e.test_phone_layout import HEADER

pytestmark = pytest.mark.usefixtures("archive")

SIDEWAYS = [{"width": 844, "height": 390}, {"width": 740, "height": 360}]
# Where the advice already started on the first screen: it must stay there.
UPRIGHT_AND_LAPTOP = [{"width": 390, "height": 844}, {"width": 1366, "height": 768}]

# The bottoms of the advice's heading and of the first line under it, and the box's top.
ADVICE = """box => {
    const text = box.querySelector("p").firstChild, line = document.createRange();
    line.selectNodeContents(text);
    return {
        top: box.getBoundingClientRect().top,
        heading: box.querySelector("h2").getBoundingClientRect().bottom,
        first_line: line.getClientRects()[0].bottom,
    };
}"""


def test_a_warning_signs_advice_starts_on_the_first_screen_of_a_phone_held_sideways(page):
    question = question_with_a_warning_sign()
    page.goto(question.get_absolute_url())
    advice = page.get_by_role("alert", name="If you have this too, get medical help now")
    for screen in SIDEWAYS + UPRIGHT_AND_LAPTOP:
        page.set_viewport_size(screen)
        where = advice.evaluate(ADVICE)
        assert 0 < where["top"] < where["heading"] < where["first_line"] <= screen["height"], (
            screen,
            where,
        )
        # Nothing is lost to make room: the header's parts are all there, none on another, and
        # the title is given whole, in the heading and to a screen reader in the breadcrumb.
        assert page.evaluate(HEADER) == {"outside": [], "covering": [], "cut": [], "sideways": 0}
        assert page.get_by_text("Search the answers", exact=True).is_visible()
        assert page.get_by_role("heading", level=1, name=question.title).is_visible()
        crumbs = page.get_by_role("navigation", name="Breadcrumb")
        if screen in SIDEWAYS:
            assert question.title in crumbs.aria_snapshot()
    # The skip link is still the first stop, shown on the screen, and takes focus to the page.
    page.set_viewport_size(SIDEWAYS[-1])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport(ratio=1)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
