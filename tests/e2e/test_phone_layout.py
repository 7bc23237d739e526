"""A phone's narrow screen, at the usual text size and with the text twice as large: the list's
Order box shows its choice whole, and the site header wraps inside the screen."""

import pytest

from tests.e2e.test_phone import NEEDED_WIDTH, PHONE

pytestmark = pytest.mark.usefixtures("archive")

NEWEST = "Newest first, then the earlier archive"


@pytest.mark.parametrize("width", [320, PHONE["width"], 390])
def test_a_body_areas_order_box_shows_its_choice_whole_on_a_phone(page, width):
    page.set_viewport_size({**PHONE, "width": width})
    for query, chosen in [("", "newest"), ("?sort=title", "title")]:
        page.goto(f"/archive/lower-back-pain/{query}")
        select = page.get_by_label("Order")
        assert select.input_value() == chosen
        box = select.bounding_box()
        assert box["width"] >= select.evaluate(NEEDED_WIDTH), (width, chosen)
        assert box["x"] + box["width"] <= width
    # The box shows the usual order's start; a screen reader hears its whole name, and the note
    # under the form says the rest to everyone.
    assert select.get_by_role("option", name=NEWEST, exact=True).count() == 1
    assert page.get_by_text("from the earlier archive have no recorded date").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


# The header's parts that must not cover one another nor leave its padded box: the site's name,
# each menu link, and the search box's label, field and button.
HEADER = """() => {
    const header = document.querySelector(".site-header .wrap"), s = getComputedStyle(header);
    const box = header.getBoundingClientRect();
    const left = box.left + parseFloat(s.paddingLeft), right = box.right - parseFloat(s.paddingRight);
    const parts = [...header.querySelectorAll(
        ".site-name, nav a, .search-box label, .search-box input, .search-box button")]
        .map(e => ({name: (e.innerText || e.tagName).trim(), r: e.getBoundingClientRect()}));
    const apart = (a, b) => a.right <= b.left + 0.5 || b.right <= a.left + 0.5
        || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
    // A word cut in two shows as a line break inside it.
    const words = [...header.querySelectorAll(".site-name, nav a")].flatMap(e => {
        const text = e.firstChild, found = [];
        for (const m of text.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            if (range.getClientRects().length > 1) found.push(m[0]);
        }
        return found;
    });
    return {
        outside: parts.filter(p => p.r.left < left - 0.5 || p.r.right > right + 0.5)
            .map(p => `${p.name}: ${Math.round(p.r.left)}-${Math.round(p.r.right)}`),
        covering: parts.flatMap((p, n) => parts.slice(n + 1).filter(q => !apart(p.r, q.r))
            .map(q => `${p.name} on ${q.name}`)),
        cut: words,
        sideways: document.documentElement.scrollWidth - innerWidth,
    };
}"""


def at_twice_the_text_size(page, url):
    page.goto(url)
    # Text only, twice as large (the page's content security policy allows no injected
    # stylesheet; a style set from script is no inline style).
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "32px"
    return page.evaluate(HEADER)


@pytest.mark.parametrize("width", [320, PHONE["width"]])
def test_the_site_header_wraps_inside_a_phone_at_twice_the_text_size(page, width):
    page.set_viewport_size({**PHONE, "width": width})
    for url in ["/", "/archive/lower-back-pain/", "/search/?q=sciatica", "/factsheets/"]:
        header = at_twice_the_text_size(page, url)
        assert header == {"outside": [], "covering": [], "cut": [], "sideways": 0}, (width, url)


def test_on_a_narrower_phone_a_header_word_too_long_for_its_line_breaks_inside_the_screen(page):
    page.set_viewport_size({**PHONE, "width": 280})  # a folding phone, folded
    header = at_twice_the_text_size(page, "/")
    assert header["cut"] == ["Acupuncture"]  # 11 letters at 40 px do not fit in 280
    assert (header["outside"], header["covering"], header["sideways"]) == ([], [], 0)
