"""A patient searches in their own words, typos included, and opens the answer that fits."""

import pytest

from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.usefixtures("archive")


def search_from_the_header(page, words):
    page.goto("/")
    page.get_by_role("search").get_by_label("Search the answers").fill(words)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")


def test_a_misspelled_search_is_corrected_and_finds_the_sciatica_pages(page):
    search_from_the_header(page, "acupunture for sciatca")
    notice = page.locator(".notice").first.inner_text()
    assert "Showing results for acupuncture for sciatica" in notice
    first = page.locator("#results > li").first
    assert "sciatica" in first.inner_text().lower()
    first.get_by_role("link").click()
    assert "sciatica" in page.locator("main").inner_text().lower()


def test_lay_words_find_the_dizziness_answer(page):
    search_from_the_header(page, "felt dizzy after needles")
    titles = page.locator("#results > li > a").all_inner_texts()[:3]
    assert "Can acupuncture for lower back pain cause imbalance and dizziness" in titles


def test_the_original_words_can_still_be_searched(page):
    search_from_the_header(page, "sciatca")
    page.get_by_role("link", name="Search instead for sciatca").click()
    assert "Showing results for" not in page.locator("main").inner_text()


def test_the_search_page_works_without_javascript(page_without_javascript):
    page = page_without_javascript
    search_from_the_header(page, "spinal stenosis")
    assert page.locator("#results > li").count() >= 1
    marked = {word.lower() for word in page.locator("#results mark").all_inner_texts()}
    assert {"spinal", "stenosis"} <= marked


def test_the_results_page_has_no_serious_accessibility_violations(page, axe):
    search_from_the_header(page, "acupunture for sciatca")
    assert serious_violations(axe, page) == []


def test_a_pasted_question_too_long_to_search_is_refused_with_the_advice_of_its_end(page):
    # Typed as a paste is, past the search's 200 characters: nothing is cut off unseen.
    pasted = "I had acupuncture for my lower back last week and it ached after. " * 4
    pasted += "Now I cannot control my bladder."
    page.goto("/")
    page.get_by_role("search").get_by_label("Search the answers").focus()
    page.keyboard.insert_text(pasted)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    main = page.locator("main").inner_text()
    assert "Please shorten your search" in main
    assert main.index("Get medical help now") < main.index("Please shorten your search")
