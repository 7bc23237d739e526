"""A patient on a phone: urgent advice on the first screen, nothing that scrolls sideways, and
pages that still work with the text made twice as large."""

import pytest

from archive.models import Category
from tests.factories import make_question

pytestmark = pytest.mark.usefixtures("archive")

PHONE = {"width": 360, "height": 740}
# A title as askers write them: long, with a web address in it.
TITLE = (
    "Legs weak since my acupuncture at "
    "https://www.example-acupuncture-clinic.co.uk/treatments/sciatica-and-back-pain: is it normal?"
)
LONG_WORD = "pneumonoultramicroscopicsilicovolcanoconiosiss"  # 46 letters


def question_with_a_warning_sign():
    return make_question(
        Category.objects.get(slug="lower-back-pain"),
        title=TITLE,
        question="Since acupuncture both my legs are so painful. Is this normal?",
    )


def sideways(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_warning_signs_advice_is_on_a_phones_first_screen(page):
    url = question_with_a_warning_sign().get_absolute_url()
    page.set_viewport_size(PHONE)
    page.goto(url)
    heading = page.get_by_role("heading", name="If you have this too, get medical help now")
    box = heading.bounding_box()
    assert 0 <= box["y"] < PHONE["height"] - box["height"], box
    # The breadcrumb leaves out the page's own crumb (the heading says it), and its separators
    # are drawn, not read out.
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    assert not crumbs.locator("[aria-current=page]").is_visible()
    assert crumbs.get_by_role("link", name="Lower back pain").is_visible()
    assert "›" not in crumbs.aria_snapshot()
    assert sideways(page) <= 0


def test_long_words_and_twice_the_text_size_never_make_a_phone_page_scroll_sideways(page):
    qa = question_with_a_warning_sign().get_absolute_url()
    page.set_viewport_size(PHONE)
    for url in [qa, "/archive/lower-back-pain/", f"/search/?q=sciatica+{LONG_WORD}"]:
        page.goto(url)
        assert sideways(page) <= 0, url
    # The reader's text size at 200% (Chromium's own setting, which em media queries follow).
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    for url in [qa, "/factsheets/sciatica/", "/search/?q=sciatica"]:
        page.goto(url)
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "32px"
        assert sideways(page) <= 0, url
        if url == qa:
            # Who answered, when, reviewed: each value as wide as the text, not squeezed beside
            # its term.
            widths = page.locator(".provenance dd").evaluate_all(
                "dds => dds.map(dd => dd.getBoundingClientRect().width)"
            )
            text = page.locator("article h1").bounding_box()["width"]
            assert min(widths) >= text * 0.9, widths
    select = page.get_by_label("Body area").bounding_box()
    assert select["x"] + select["width"] <= PHONE["width"]


# The width a select needs to show its chosen option whole: a copy holding only that option (as
# the box shows it: its label, which is its text unless it has one of its own), at its natural
# width.
NEEDED_WIDTH = """select => {
    const copy = select.cloneNode(false);
    copy.removeAttribute("id");
    copy.style.width = "auto";
    copy.style.maxWidth = "none";
    copy.append(new Option(select.selectedOptions[0].label));
    select.after(copy);
    const width = copy.getBoundingClientRect().width;
    copy.remove();
    return width;
}"""


def test_the_search_pages_body_area_box_shows_its_choice_whole_on_a_phone(page):
    for width in [PHONE["width"], 390]:
        page.set_viewport_size({**PHONE, "width": width})
        page.goto("/search/")
        select = page.get_by_label("Body area")
        assert select.bounding_box()["width"] >= select.evaluate(NEEDED_WIDTH), width
