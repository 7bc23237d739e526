"""What a visitor checks before trusting an answer: the footer's pages, "Was this helpful?" with
and without JavaScript, printing, and HTML the Nu checker finds no errors in."""

import json
import os
import subprocess

import pytest

from archive.models import Category, Question
from ask import services
from feedback.models import DailyFeedback
from tests.ask.conftest import make_editor, make_submission
from tests.ask.test_services import ready_to_publish

QA = "/questions/pain-after-acupuncture-for-lower-back-pain/"
FOOTER = {
    "About the expert panel": "About the expert panel",
    "Editorial policy": "Editorial policy",
    "Privacy": "Privacy",
    "Contact": "Contact",
}


def counts(path):
    return list(DailyFeedback.objects.filter(page__path=path).values_list("helpful", "not_helpful"))


@pytest.mark.parametrize("fixture", ["page", "page_without_javascript"])
def test_the_footer_leads_to_each_of_the_sites_pages(request, archive, fixture):
    page = request.getfixturevalue(fixture)
    for link, heading in FOOTER.items():
        page.goto("/")
        page.get_by_role("navigation", name="About this site").get_by_role(
            "link", name=link
        ).click()
        assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.locator(".contact-address a[href^='mailto:']").count() == 1
    page.goto("/about/privacy/")
    # What the site keeps is in plain words; the storage table opens on demand.
    assert page.get_by_role("heading", name="Your first name and e-mail address").is_visible()
    page.get_by_text("For developers: where each is stored").click()
    assert page.locator(".personal-data table").is_visible()


def test_one_click_without_javascript_is_counted_and_thanked(page_without_javascript, archive):
    page = page_without_javascript
    page.goto(QA)
    page.get_by_role("button", name="No").click()
    assert page.url.endswith(f"{QA}?helpful=thanks#helpful")
    assert "Your answer was counted" in page.locator("#helpful").inner_text()
    assert counts(QA) == [(0, 1)]


def test_one_click_with_javascript_is_counted_without_leaving_the_page(page, archive):
    page.goto(QA)
    page.get_by_role("button", name="Yes").click()
    status = page.get_by_role("status")
    status.get_by_text("Your answer was counted").wait_for()
    # The button pressed went with its form: focus is on the section's heading, whose live
    # status reads the thanks, not lost to the top of the page.
    assert page.evaluate("document.activeElement.id") == "helpful-heading"
    assert page.url.endswith(QA)
    assert page.locator(".helpful-form").count() == 0
    assert counts(QA) == [(1, 0)]


def test_an_answer_that_could_not_be_sent_leaves_focus_on_the_button_to_press_again(page, archive):
    page.goto(QA)
    page.route("**/feedback/", lambda route: route.fulfill(status=500, body="{}"))
    yes = page.get_by_role("button", name="Yes")
    yes.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").get_by_text("could not be sent").wait_for()
    assert page.evaluate("document.activeElement.textContent") == "Yes"
    page.unroute("**/feedback/")
    page.keyboard.press("Enter")  # pressed again, it is sent
    page.get_by_role("status").get_by_text("Your answer was counted").wait_for()
    assert counts(QA) == [(1, 0)]


def test_too_many_answers_closes_the_form_with_focus_on_its_heading(page, archive):
    page.goto(QA)
    page.route("**/feedback/", lambda route: route.fulfill(status=429, body="{}"))
    page.get_by_role("button", name="No").click()
    page.get_by_role("status").get_by_text("Please try again later").wait_for()
    assert page.evaluate("document.activeElement.id") == "helpful-heading"
    assert page.locator(".helpful-form").count() == 0


def test_a_factsheet_asks_too(page, archive):
    page.goto("/factsheets/sciatica/")
    page.get_by_role("button", name="Yes").click()
    page.get_by_role("status").get_by_text("Your answer was counted").wait_for()
    assert counts("/factsheets/sciatica/") == [(1, 0)]


@pytest.mark.parametrize("url", [QA, "/factsheets/sciatica/"])
def test_printing_gives_the_text_with_absolute_link_targets_and_no_navigation(page, archive, url):
    page.goto(url)
    page.emulate_media(media="print")
    for hidden in [".site-header", ".breadcrumb", ".site-footer nav", ".helpful"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("article h1").is_visible()
    assert page.locator(".urgent-help-box").is_visible()  # when to get urgent help prints too
    # A tap-to-call link prints its number, which is its text; a link within the page (to the
    # urgent advice above) prints nothing.
    targets = page.evaluate(
        """() => [...document.querySelectorAll(
                'main article a[href]:not([href^="tel:"]):not([href^="#"])')]
            .filter(a => a.offsetParent !== null)
            .map(a => getComputedStyle(a, '::after').content)"""
    )
    assert targets, "no printed links"
    assert all(t.startswith('" (http') for t in targets), targets


MAIN_PAGES = [
    "/",
    "/archive/back-spine/",
    "/archive/lower-back-pain/",
    QA,
    "/factsheets/",
    "/factsheets/sciatica/",
    "/search/?q=sciatica",
    "/ask/",
    "/urgent-help/",
    "/about/panel/",
    "/about/editorial-policy/",
    "/about/privacy/",
    "/about/contact/",
]


def nu_errors(page, urls, tmp_path):
    """The Nu HTML checker's errors for each page's HTML as the server sent it."""
    jar = os.environ.get("VNU_JAR")
    if not jar or not os.path.exists(jar):
        pytest.fail("The Nu HTML checker is not installed: run the browser tests with `make e2e`.")
    files = []
    for n, url in enumerate(urls):
        response = page.request.get(url)
        assert response.status == 200, url
        path = tmp_path / f"page{n}.html"
        path.write_text(response.text(), encoding="utf-8")
        files.append((str(path), url))
    result = subprocess.run(
        ["java", "-jar", jar, "--errors-only", "--format", "json", *(f for f, _ in files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    by_file = dict(files)
    return [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))} line "
        f"{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr)["messages"]
        if m["type"] == "error"
    ]


def test_the_main_pages_are_valid_html_including_after_an_answer_is_published(
    page, archive, tmp_path
):
    submission = ready_to_publish(
        make_submission(), make_editor(), Category.objects.get(slug="lower-back-pain")
    )
    fresh = services.publish(submission=submission, by=submission.assigned_to).published_question
    assert fresh.published_at.microsecond  # today's pages now show a time to the microsecond
    assert Question.objects.published().newest_first().first() == fresh
    assert nu_errors(page, [*MAIN_PAGES, fresh.get_absolute_url()], tmp_path) == []
