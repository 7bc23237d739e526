"""The public pages with a keyboard only, with a screen reader and on a phone: every Tab stop shows
where focus is, the urgent advice comes before the answer, each page has headings in order and
the page regions, links with the same name go to the same place, and every control outside a
sentence is big enough to tap (WCAG 2.5.8)."""

import itertools

import pytest

pytestmark = pytest.mark.usefixtures("archive")

PHONE = {"width": 360, "height": 740}
QA = "/questions/pain-after-acupuncture-for-lower-back-pain/"  # its question shows a warning sign
PAGES = ["/", "/archive/back-spine/", QA, "/factsheets/", "/factsheets/sciatica/", "/no-such-page/"]

FOCUSED = """() => {
    const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
    return {
        name: (e.innerText || e.id || e.tagName).trim().slice(0, 40),
        body: e === document.body,
        ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
        seen: r.bottom > 0 && r.top < innerHeight && r.left >= 0 && r.right <= innerWidth,
        main: !!e.closest("main"),
        crumb: !!e.closest(".breadcrumb"),
        urgent: !!e.closest(".urgent"),
        answer: !!e.closest(".provenance, .qa-question, .qa-answer"),
    };
}"""

# Levels of the headings shown, and each link's name with the addresses it goes to.
OUTLINE = """() => ({
    levels: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
        .filter(h => h.getClientRects().length).map(h => Number(h.tagName[1])),
    links: Object.entries([...document.querySelectorAll("a[href]")].reduce((names, a) => {
        const name = a.innerText.trim().replace(/\\s+/g, " ");
        (names[name] ||= new Set()).add(a.href);
        return names;
    }, {})).filter(([, hrefs]) => hrefs.size > 1).map(([name, hrefs]) => [name, [...hrefs]]),
})"""

# WCAG 2.5.8: a target under 24 × 24 pixels passes if a 24-pixel circle on its centre touches no
# other target nor another small target's circle; a link inside a sentence is exempt.
CROWDED = """() => {
    const targets = [...document.querySelectorAll("a[href], button, input, select, summary")]
        .filter(e => e.getClientRects().length)
        .map(e => {
            const r = e.getBoundingClientRect();
            return {e, r, x: r.left + r.width / 2, y: r.top + r.height / 2,
                    small: r.width < 24 || r.height < 24};
        });
    const gap = (t, r) => Math.hypot(Math.max(r.left - t.x, 0, t.x - r.right),
                                     Math.max(r.top - t.y, 0, t.y - r.bottom));
    return targets.filter(t => t.small && !t.e.closest("p")).flatMap(t => targets
        .filter(o => o !== t && (o.small ? Math.hypot(t.x - o.x, t.y - o.y) < 24 : gap(t, o.r) < 12))
        .map(o => `${t.e.innerText.trim()} beside ${o.e.innerText.trim()}`));
}"""


def test_each_tab_stop_shows_focus_and_the_urgent_advice_comes_before_the_answer(page):
    page.set_viewport_size(PHONE)
    page.goto(QA)
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["body"]:  # past the last stop
            break
        stops.append(stop)
    else:
        pytest.fail("Tab never left the page")
    assert stops[0]["name"] == "Skip to main content"
    assert [s["name"] for s in stops if not (s["ring"] and s["seen"])] == []
    content = [s for s in stops if s["main"] and not s["crumb"]]
    assert content[0]["urgent"], content[0]
    first_of_answer = next(n for n, s in enumerate(content) if s["answer"])
    assert max(n for n, s in enumerate(content) if s["urgent"]) < first_of_answer


def test_each_page_has_headings_in_order_its_regions_clear_links_and_room_to_tap(page):
    page.set_viewport_size(PHONE)
    for url in PAGES:
        response = page.goto(url)
        assert response.status == (404 if url == "/no-such-page/" else 200), url
        for role in ["banner", "main", "contentinfo"]:
            assert page.get_by_role(role).count() == 1, (url, role)
        assert page.get_by_role("search").count() == 1, url
        outline = page.evaluate(OUTLINE)
        levels = outline["levels"]
        assert levels[0] == 1 and levels.count(1) == 1, (url, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (url, levels)
        assert outline["links"] == [], url
        assert page.evaluate(CROWDED) == [], url


# Lists drawn without bullets: Safari (VoiceOver) no longer calls such a list a list unless it
# says role="list".
UNMARKED_LISTS = """() => [...document.querySelectorAll("ul, ol")]
    .filter(l => getComputedStyle(l).listStyleType === "none" && l.getAttribute("role") !== "list")
    .map(l => `${l.tagName.toLowerCase()}.${l.className} in ${l.parentElement.className}`)"""


def test_lists_drawn_without_bullets_still_say_they_are_lists(page):
    page.set_viewport_size(PHONE)
    for url in [*PAGES, "/search/?q=sciatica", "/privacy/"]:
        page.goto(url)
        assert page.locator("ul, ol").count() > 0, url
        assert page.evaluate(UNMARKED_LISTS) == [], url
    page.goto("/ask/")
    page.get_by_label("Your question").fill("Is it normal to feel dizzy after acupuncture?")
    page.get_by_role("button", name="Check for similar answers").click()
    page.locator("#similar-list li").first.wait_for()
    assert page.evaluate(UNMARKED_LISTS) == []
    # What a screen reader is told: the menu is a list of its three links.
    menu = page.get_by_role("navigation", name="Main")
    assert menu.get_by_role("list").get_by_role("listitem").count() == 3
