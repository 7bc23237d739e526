"""A patient browses the archive in a real browser, on a desktop and on a small phone."""

import pytest

from tests.e2e.conftest import serious_violations


def test_a_patient_browses_the_tree_to_an_answer(page, archive):
    page.goto("/")
    page.get_by_role("link", name="Lower back pain").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lower back pain"
    page.get_by_role("link", name="Pain after acupuncture for lower back pain").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Pain after acupuncture for lower back pain"
    )
    assert "lighter gauge needles" in page.locator("main").inner_text()
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Back / spine"
    ).click()
    assert "Page 1 of 2" in page.locator("main").inner_text()


def test_the_skip_link_is_the_first_stop_for_a_keyboard_user(page, archive):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Main is where reading starts, not a control: no focus ring (outline or shadow) frames it.
    ring = "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.boxShadow]; }"
    assert page.locator("main").evaluate(ring) == ["none", "none"]


def test_pages_fit_a_360_pixel_phone_screen(page, archive):
    page.set_viewport_size({"width": 360, "height": 740})
    for url in ["/", "/archive/back-spine/", "/factsheets/"]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"


def test_pages_still_fit_at_200_percent_zoom(page, archive):
    # 200% zoom on a 1280px window lays the page out as a 640px viewport at twice the scale.
    page.set_viewport_size({"width": 640, "height": 450})
    page.goto("/archive/lower-back-pain/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/archive/back-spine/",
        "/factsheets/",
        "/factsheets/sciatica/",
        "/urgent-help/",
        "/ask/",
        "/about/panel/",
        "/about/privacy/",
    ],
)
def test_main_pages_have_no_serious_accessibility_violations(page, archive, axe, url):
    page.goto(url)
    assert serious_violations(axe, page) == []


def test_a_question_page_has_no_serious_accessibility_violations(page, archive, axe):
    page.goto("/archive/lower-back-pain/")
    page.locator(".question-list a").first.click()
    assert serious_violations(axe, page) == []
