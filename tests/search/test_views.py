"""The search page at /search/: results, snippets, spelling notice, filter, help, bad input."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from archive import red_flags
from archive.models import Question
from factsheets.models import Factsheet
from search.forms import TYPED_MAX_LENGTH
from search.models import SearchGap
from search.query import MAX_QUERY_LENGTH
from search.results import EXAMPLE_SEARCHES
from tests.factories import make_category, make_question

SEARCH = reverse("search:search")


def results_html(response):
    html = response.content.decode()
    match = re.search(r'<ol id="results".*?</ol>', html, re.S)
    return match[0] if match else ""


def test_results_are_a_ranked_list_of_links_titles_categories_and_snippets(client, seeded):
    response = client.get(SEARCH, {"q": "spinal stenosis"})
    html = results_html(response)
    assert response.status_code == 200
    first = html.split("<li>")[1]
    assert (
        '<a href="/questions/i-have-been-diagnosed-with-spinal-stenosis-which-gives-me-'
        'intermittent/">I have been diagnosed with Spinal Stenosis' in first
    )
    assert '<span class="meta">Back / spine' in first
    assert "<mark>stenosis</mark>" in first.lower()
    assert '<h2 id="results-heading">' in response.content.decode()


def test_a_factsheet_is_labelled_as_one_and_says_it_is_not_reviewed_until_it_is(client, seeded):
    html = results_html(client.get(SEARCH, {"q": "slipped disc"}))
    assert '<a href="/factsheets/sciatica/">Acupuncture for Sciatica</a>' in html
    not_reviewed = (
        '<span class="meta">Factsheet · <strong>not reviewed against current evidence</strong>'
    )
    assert not_reviewed in html
    today = timezone.localdate()
    Factsheet.objects.update(last_reviewed=today, next_review=today + timedelta(days=365))
    html = results_html(client.get(SEARCH, {"q": "slipped disc"}))
    assert '<span class="meta">Factsheet</span>' in html


def test_an_answer_due_for_review_says_so_in_the_results(client, db):
    area = make_category("Lower back pain")
    make_question(area, title="Sciatica and NICE", marked_for_review=True)
    make_question(area, title="Sciatica after a fall")
    make_question(
        area, title="Sciatica at night", review_by=timezone.localdate() - timedelta(days=1)
    )
    items = results_html(client.get(SEARCH, {"q": "sciatica"})).split("<li>")[1:]
    due = {re.search(r'">(.*?)</a>', item)[1]: "answer due for review" in item for item in items}
    assert due == {
        "Sciatica and NICE": True,
        "Sciatica after a fall": False,
        "Sciatica at night": True,
    }


def test_the_snippet_highlights_the_query_words(client, db):
    make_question(
        make_category(), question="", question_preserved=False, answer="Rest eases sciatica."
    )
    html = results_html(client.get(SEARCH, {"q": "sciatica"}))
    assert '<p class="snippet">Rest eases <mark>sciatica</mark>.</p>' in html


def test_a_result_whose_question_describes_a_sign_shows_no_line_of_its_answer(client, db):
    # Written under its page's urgent advice, which the list does not give. The seed archive's
    # "I have trapped nerves in my lower back" (both legs) says "don't panic".
    area = make_category()
    make_question(
        area,
        title="Trapped nerves",
        question="I have pins and needles down both legs.",
        answer="Don't panic: most trapped nerves ease.",
    )
    make_question(area, title="Calm", question="Tired after it?", answer="Don't panic: rest.")
    html = results_html(client.get(SEARCH, {"q": "panic"}))
    urgent, calm = sorted(html.split("<li>")[1:], key=lambda hit: "Calm" in hit)
    assert "Trapped nerves" in urgent and "panic" not in urgent.lower()
    label = red_flags.flags_named(["both_legs"])[0].label
    assert (
        f'<p class="snippet">Its page gives urgent advice first, for what its question '
        f"describes: {label}.</p>"
    ) in urgent
    assert '<p class="snippet">Don&#x27;t <mark>panic</mark>: rest.</p>' in calm


def test_expert_text_in_snippets_is_escaped_before_highlighting(client, db):
    make_question(
        make_category(),
        question="",
        question_preserved=False,
        answer='Sciatica & "pain" < 3 days, it\'s <script>alert(1)</script> worse',
    )
    html = results_html(client.get(SEARCH, {"q": "sciatica"}))
    assert "<script>" not in html
    assert (
        '<p class="snippet"><mark>Sciatica</mark> &amp; &quot;pain&quot; &lt; 3 days, it&#x27;s'
        in html
    )


def test_the_query_is_shown_back_escaped(client, seeded):
    html = client.get(SEARCH, {"q": '<script>"sciatica'}).content.decode()
    assert "<script>" not in html
    assert 'value="&lt;script&gt;&quot;sciatica"' in html


def test_a_corrected_query_says_what_it_searched_for_and_links_the_original(client, seeded):
    html = client.get(SEARCH, {"q": "acupunture for sciatca"}).content.decode()
    assert "Showing results for <strong>acupuncture for sciatica</strong>." in html
    assert (
        '<a href="/search/?q=acupunture+for+sciatca&amp;as_typed=1">'
        "Search instead for acupunture for sciatca</a>" in html
    )


def test_the_original_words_can_be_searched_as_typed(client, seeded):
    response = client.get(SEARCH, {"q": "acupunture for sciatca", "as_typed": "1"})
    html = response.content.decode()
    assert "Showing results for" not in html
    assert not response.context["prepared"].corrected_text


def test_the_category_filter_keeps_the_query_and_leaves_out_factsheets(client, seeded):
    response = client.get(SEARCH, {"q": "sciatica", "category": "lower-back-pain"})
    html = results_html(response)
    assert "/factsheets/" not in html
    assert '<span class="meta">Lower back pain</span>' in html
    assert '<option value="lower-back-pain" selected>' in response.content.decode()
    assert 'value="sciatica"' in response.content.decode()


def test_an_unknown_category_is_ignored_not_an_error(client, seeded):
    response = client.get(SEARCH, {"q": "sciatica", "category": "no-such-area"})
    assert response.status_code == 200
    assert "/factsheets/sciatica/" in results_html(response)


def test_results_are_counted_and_paginated_keeping_the_query(client, db):
    area = make_category()
    for n in range(12):
        make_question(area, title=f"Sciatica question {n}")
    response = client.get(SEARCH, {"q": "sciatica"})
    html = response.content.decode()
    assert "12 results for sciatica</h2>" in html
    assert html.count("<li>\n      <a href") == 10
    assert "?q=sciatica&amp;page=2" in html
    second = client.get(SEARCH, {"q": "sciatica", "page": "2"}).content.decode()
    assert '<ol id="results" class="results" start="11">' in second


def test_an_empty_search_gets_help_examples_and_the_tree(client, seeded):
    html = client.get(SEARCH).content.decode()
    assert "How to search" in html
    assert '<a href="/search/?q=pins%20and%20needles">pins and needles</a>' in html
    assert '<a href="/archive/lower-back-pain/">Lower back pain</a>' in html


def test_a_query_of_common_words_gets_help(client, seeded):
    response = client.get(SEARCH, {"q": "the and of"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "has no words to search for" in html
    assert '<a href="/archive/back-spine/">Back / spine</a>' in html


def test_a_query_that_finds_nothing_gets_help(client, seeded):
    response = client.get(SEARCH, {"q": "qwxzvb"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 results" in html
    assert "No answer or factsheet matches “qwxzvb”" in html
    assert '<a href="/search/?q=sciatica">sciatica</a>' in html


def test_every_example_search_finds_something(client, seeded):
    for example in EXAMPLE_SEARCHES:
        assert client.get(SEARCH, {"q": example}).context["results"].count, example


def test_the_search_page_says_how_long_a_search_may_be_before_one_is_sent(client, seeded):
    html = client.get(SEARCH).content.decode()
    hint = '<p id="search-q-hint" class="helptext">A few words work best, up to 200 characters.</p>'
    assert hint in html
    assert 'aria-describedby="search-q-hint"' in html
    assert html.index(hint) < html.index('<input id="search-q"')


def test_an_overlong_query_gets_a_clear_message(client, seeded):
    response = client.get(SEARCH, {"q": "sciatica " * 30})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please shorten your search to 200 characters or fewer (it has 269)" in html
    assert 'aria-describedby="search-q-hint search-q-error"' in html
    # Where the results would be, a link to the box, whose message follows it.
    assert '<a href="#search-q">see the message under the search box</a>' in html
    assert html.index('<input id="search-q"') < html.index('id="search-q-error"')


@pytest.mark.parametrize("query", ["sciatica\x00", "\x1b[31msciatica", "back\x7fpain"])
def test_control_characters_get_a_clear_message(client, seeded, query):
    response = client.get(SEARCH, {"q": query})
    html = response.content.decode()
    assert response.status_code == 400
    assert "invisible control characters" in html
    assert "\x00" not in html and "\x1b" not in html


def test_tabs_and_line_breaks_count_as_spaces(client, seeded):
    assert client.get(SEARCH, {"q": "spinal\tstenosis\n"}).status_code == 200


@pytest.mark.parametrize("number", ["3", "999"])
def test_a_page_past_the_end_is_not_found_and_links_the_first(client, db, number):
    # It showed the last page under its address, as if the search had that many.
    area = make_category()
    for n in range(12):
        make_question(area, title=f"Sciatica question {n}")
    response = client.get(SEARCH, {"q": "sciatica", "page": number, "category": area.slug})
    html = response.content.decode()
    assert response.status_code == 404
    assert "The results for “sciatica” fill 2 pages, so this page does not exist." in html
    assert f'<a href="/search/?q=sciatica&amp;category={area.slug}">See the first page' in html
    assert results_html(response) == ""
    assert "<title>No such page of results: sciatica" in html


@pytest.mark.parametrize("number", ["x", "0", "-1", "2"])
def test_a_page_number_that_names_no_page_is_not_found(client, seeded, number):
    # As the archive's lists answer ?page=abc, ?page=0 and a page past the last.
    response = client.get(SEARCH, {"q": "spinal stenosis", "page": number})
    assert response.status_code == 404
    assert "See the first page of results" in response.content.decode()


def test_an_empty_page_number_is_the_first_page(client, seeded):
    response = client.get(SEARCH, {"q": "sciatica", "page": ""})
    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_a_search_that_found_little_is_counted_when_asked_conditionally(client, seeded):
    # The archive's one ETag (and Last-Modified), from another page: answered 304 before the
    # search ran, it was not counted.
    other = client.get("/")
    validators = {
        "HTTP_IF_NONE_MATCH": other["ETag"],
        "HTTP_IF_MODIFIED_SINCE": other["Last-Modified"],
    }
    response = client.get(SEARCH, {"q": "frozen shoulder"}, **validators)
    assert response.status_code == 200
    assert SearchGap.objects.get().searches == 1
    assert "no-store" in response["Cache-Control"]


def test_a_search_that_found_plenty_is_still_answered_304_when_unchanged(client, seeded):
    first = client.get(SEARCH, {"q": "acupuncture"})
    response = client.get(SEARCH, {"q": "acupuncture"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response["ETag"] == first["ETag"] and "public" in response["Cache-Control"]
    assert not SearchGap.objects.exists()


def test_search_only_answers_get_and_head(client, db):
    assert client.post(SEARCH, {"q": "sciatica"}).status_code == 405


def test_the_results_page_query_count_does_not_grow_with_results(
    client, db, django_assert_max_num_queries
):
    area = make_category()
    for n in range(25):
        make_question(area, title=f"Sciatica {n}", answer="Sciatica and needles.")
    # Nothing remembered yet: the content version, synonyms, corrections (2), the body areas and
    # their counts (the filter's list), and the ranked page with its rows and snippets.
    with django_assert_max_num_queries(7):
        response = client.get(SEARCH, {"q": "sciatca needles"})
    assert len(response.context["page"].object_list) == 10
    # Then: the content version, corrections of the new word, and the page.
    with django_assert_max_num_queries(3):
        response = client.get(SEARCH, {"q": "needles sciatica", "page": "2"})
    assert len(response.context["page"].object_list) == 10
    # Words looked up before are remembered: the content version and the page.
    with django_assert_max_num_queries(2):
        response = client.get(SEARCH, {"q": "sciatica needles", "page": "3"})
    assert len(response.context["page"].object_list) == 5


@pytest.mark.parametrize("query", ["sciatica", "qwxzvb"])
def test_results_and_no_results_offer_the_expert_panel_with_the_query(client, seeded, query):
    html = client.get(SEARCH, {"q": query}).content.decode()
    assert f'<a href="/ask/?question={query}">Ask the expert panel</a>' in html


def test_the_ask_form_starts_from_the_searched_words(client, db):
    html = client.get("/ask/", {"question": "is it safe when pregnant"}).content.decode()
    assert "\nis it safe when pregnant</textarea>" in html
    assert 'role="alert"' not in html


def test_the_ask_form_started_from_red_flag_words_gives_their_urgent_advice_first(client, db):
    html = client.get("/ask/", {"question": "I cant control my bladder"}).content.decode()
    advice = html.index('<section class="warning urgent" role="alert"')
    assert "Get medical help now: do not wait for our answer" in html
    assert advice < html.index("\nI cant control my bladder</textarea>")


def test_words_that_describe_a_red_flag_sign_get_its_urgent_advice_before_anything_else(
    client, seeded
):
    response = client.get(SEARCH, {"q": "numbness in both legs and I cant control my bladder"})
    html = response.content.decode()
    advice = html.index('<section class="warning urgent" role="alert"')
    assert 'pee or poo.</strong> Call <a href="tel:999">999</a> or go to A&amp;E now.' in html
    assert "Pain, weakness or numbness in both legs" in html
    assert advice < html.index('<form class="search-form"') < html.index('id="results"')
    # Nothing after it suggests that the answers, or the panel, will do instead.
    assert "They do not replace getting medical help now." in html
    assert "Once you have got medical help, you can also <a" in html
    assert "Not what you were looking for?" not in html


@pytest.mark.parametrize("typed", ["chest pian", "shortnes of breath after acupunture"])
def test_a_sign_described_once_typos_are_put_right_gets_its_urgent_advice(client, seeded, typed):
    html = client.get(SEARCH, {"q": typed}).content.decode()
    assert "Showing results for <strong>" in html
    advice = html.index('<section class="warning urgent" role="alert"')
    assert 'Call <a href="tel:999">999</a> or go to A&amp;E now.' in html
    assert advice < html.index('<form class="search-form"')


def test_a_search_without_red_flag_words_gets_no_urgent_advice(client, seeded):
    html = client.get(SEARCH, {"q": "sciatica after acupuncture"}).content.decode()
    assert 'role="alert"' not in html
    assert "medical help" not in html
    assert "Not what you were looking for? <a" in html


def test_a_search_that_cannot_be_run_still_gets_the_urgent_advice(client, seeded):
    response = client.get(SEARCH, {"q": "I cannot control my bladder " * 10})
    assert response.status_code == 400
    assert "cannot control when you pee or poo" in response.content.decode()


def test_a_search_too_long_to_run_gets_the_advice_of_a_sign_past_its_limit(client, seeded):
    query = (
        "I had acupuncture for my lower back last week and " * 5 + "now I cant control my bladder"
    )
    assert query.index("bladder") > MAX_QUERY_LENGTH
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 400
    assert "cannot control when you pee or poo" in response.content.decode()


def test_the_search_boxes_take_a_pasted_question_longer_than_a_search(client, seeded):
    # A browser would cut a longer paste short unseen, with a warning sign at its end; the
    # server refuses it with the reason and the advice instead.
    header = re.search(r'<input id="site-search" [^>]*>', client.get("/").content.decode())
    page = re.search(r'<input id="search-q" [^>]*>', client.get(SEARCH).content.decode())
    for box in (header[0], page[0]):
        assert f'maxlength="{TYPED_MAX_LENGTH}"' in box
    assert TYPED_MAX_LENGTH >= 5 * MAX_QUERY_LENGTH


def test_the_rules_read_a_huge_search_only_so_far(client, db, monkeypatch):
    read = []
    monkeypatch.setattr(red_flags, "found_in", lambda text: read.append(len(text)) or [])
    assert client.get(SEARCH, {"q": "x" * 50_000}).status_code == 400
    assert max(read) == red_flags.SIGNS_READ_LENGTH


def test_a_search_result_whose_snippet_makes_a_claim_says_what_is_known_now(client, db):
    area = make_category("Lower back pain")
    claim = "NICE guidelines now recommend a course of ten sessions of acupuncture."
    make_question(area, title="Ten sessions", question="How many?", answer=f"It may help. {claim}")
    make_question(
        area, title="Ten minutes", question="How long?", answer="Sessions last ten minutes."
    )
    html = results_html(client.get(SEARCH, {"q": "ten sessions acupuncture"}))
    hits = {hit.split("</a>")[0].split(">")[-1]: hit for hit in html.split("<li>")[1:]}
    claiming = hits["Ten sessions"].split("</li>")[0]
    note = (
        "Please note:</strong> NICE does not recommend acupuncture for low back pain or sciatica."
    )
    assert claiming.index("recommend") < claiming.index(note)
    assert "Its guideline of 2016" not in claiming  # the page says the rest
    assert "Please note:" not in hits["Ten minutes"].split("</li>")[0]


def test_a_word_no_page_holds_is_named_and_the_results_match_the_others(client, db):
    make_question(make_category("Lower back pain"), answer="Back pain often eases with rest.")
    html = client.get(SEARCH, {"q": "calf pain"}).content.decode()
    notice = "No answer or factsheet here mentions <strong>calf</strong>: these results match"
    assert notice in html
    assert "1 result for calf pain<" in html
    html = client.get(SEARCH, {"q": "calf"}).content.decode()
    assert "No answer or factsheet here mentions <strong>calf</strong>.</p>" in html


def test_words_found_through_a_synonym_or_a_correction_are_not_called_missing(client, seeded):
    for query in ("pregnant back pain", "sciatca", "back pain"):
        html = client.get(SEARCH, {"q": query}).content.decode()
        assert "No answer or factsheet here mentions" not in html, query


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S)[1]


def test_a_corrected_search_is_headed_and_titled_by_the_words_searched_then_says_so(client, seeded):
    html = client.get(SEARCH, {"q": "acupunture for sciatca"}).content.decode()
    heading = re.search(r'<h2 id="results-heading">(.*?)</h2>', html)[1]
    count = re.match(r"(\d+) results for acupuncture for sciatica$", heading)
    assert count, heading
    # Heading by heading, the correction is not skipped: it follows the results' heading.
    assert html.index('id="results-heading"') < html.index("Showing results for")
    assert (
        title(html)
        == f"Search: acupuncture for sciatica ({count[1]} results) · Acupuncture Answers"
    )


def test_a_later_page_of_results_says_which_in_its_title(client, db):
    area = make_category()
    for n in range(12):
        make_question(area, title=f"Sciatica question {n}")
    first = client.get(SEARCH, {"q": "sciatica"}).content.decode()
    second = client.get(SEARCH, {"q": "sciatica", "page": "2"}).content.decode()
    assert title(first) == "Search: sciatica (12 results) · Acupuncture Answers"
    assert title(second) == "Search: sciatica (12 results, page 2 of 2) · Acupuncture Answers"


def test_past_the_counted_matches_no_page_says_of_how_many(client, db):
    # Matches are counted up to 1,000: how many pages more would fill is not known.
    area = make_category()
    Question.objects.bulk_create(
        Question(
            category=area, title=f"Sciatica {n}", slug=f"sciatica-{n}", question="Why?",
            answer="Sciatica.", status=Question.Status.PUBLISHED, published_at=timezone.now(),
        )
        for n in range(1005)
    )  # fmt: skip
    first = client.get(SEARCH, {"q": "sciatica"}).content.decode()
    assert '<span aria-current="page">Page 1</span>' in first
    second = client.get(SEARCH, {"q": "sciatica", "page": "2"}).content.decode()
    assert (
        title(second) == "Search: sciatica (more than 1,000 results, page 2) · Acupuncture Answers"
    )
    assert '<span aria-current="page">Page 2</span>' in second
    past = client.get(SEARCH, {"q": "sciatica", "page": "101"})
    assert past.status_code == 404
    assert "Only the first 100 pages of the results for “sciatica” are shown" in past.text
    assert " of 100" not in first + second + past.text and "fill 100" not in past.text


def test_a_missing_word_is_named_after_the_results_heading(client, db):
    make_question(make_category("Lower back pain"), answer="Back pain often eases with rest.")
    html = client.get(SEARCH, {"q": "calf pain"}).content.decode()
    assert html.index('id="results-heading"') < html.index("No answer or factsheet here mentions")


def test_a_search_that_cannot_run_says_error_in_its_title(client, db):
    response = client.get(SEARCH, {"q": "x" * 201})
    assert response.status_code == 400
    assert title(response.content.decode()).startswith("Error: ")


def test_a_contraction_typed_without_its_apostrophe_is_not_called_missing(client, seeded):
    html = client.get(SEARCH, {"q": "dont want to take painkillers"}).content.decode()
    assert "No answer or factsheet here mentions" not in html
    assert "results for dont want to take painkillers</h2>" in html


@pytest.mark.parametrize("query", ["what should i do?", "what can i do", "ME"])
def test_a_query_of_common_words_offers_the_expert_panel_with_the_query(client, seeded, query):
    html = client.get(SEARCH, {"q": query}).content.decode()
    assert "Nothing to search for" in html
    link = f'<a href="/ask/?question={quote(query)}">Ask the expert panel</a>'
    assert f"You can also {link} your own question." in html


def test_an_overlong_query_offers_the_expert_panel_the_whole_text(client, seeded):
    question = "I had acupuncture for my lower back last week and " * 6 + "is that normal?"
    response = client.get(SEARCH, {"q": question})
    assert response.status_code == 400
    link = f'<a href="/ask/?question={quote(question)}">Ask the expert panel</a>'
    assert f"You can also {link} your own question." in response.content.decode()


def test_another_form_of_a_word_of_english_is_included_not_called_a_typo(client, seeded):
    html = client.get(SEARCH, {"q": "pelvic"}).content.decode()
    assert "Showing results for" not in html
    assert (
        "Including results for <strong>pelvis</strong>. "
        '<a href="/search/?q=pelvic&amp;as_typed=1">Search only for pelvic</a>' in html
    )
    assert "1 result for pelvic</h2>" in html


def test_a_word_of_english_the_warning_signs_read_is_searched_as_typed(client, db):
    # The only Q&A saying "drooping" was unpublished: the page said "4 results for dropping
    # face… Showing results for dropping face", searching for what was not typed.
    area = make_category("Lower back pain")
    make_question(area, answer="It hurts when dropping my shoulder to wash my face.")
    make_question(area, answer="My face is drooping on one side.", published=False)
    html = client.get(SEARCH, {"q": "drooping face"}).content.decode()
    assert "Showing results for" not in html
    assert "1 result for drooping face<" in html
    assert "No answer or factsheet here mentions <strong>drooping</strong>" in html


def test_a_word_spelt_by_ear_is_put_right(client, seeded):
    html = client.get(SEARCH, {"q": "cyatica"}).content.decode()
    assert "Showing results for <strong>sciatica</strong>." in html


def test_two_words_run_together_are_searched_with_the_space(client, seeded):
    html = client.get(SEARCH, {"q": "lowerback"}).content.decode()
    assert "Showing results for <strong>lower back</strong>." in html


def test_a_word_of_english_is_not_included_as_another_that_starts_the_same(client, seeded):
    # "facet" is "face" and a letter, no ending: the page said "Including results for face".
    html = client.get(SEARCH, {"q": "facet joint"}).content.decode()
    assert "Including results for" not in html
    assert "Showing results for" not in html
    assert "mentions <strong>facet</strong>" in html


def test_a_search_for_tens_does_not_list_ten_sessions(client, seeded):
    html = client.get(SEARCH, {"q": "TENS machine"}).content.decode()
    assert "0 results for TENS machine</h2>" in html
    assert "No answer or factsheet here mentions <strong>tens machine or transcutaneous" in html


def test_tens_that_no_page_mentions_is_left_out_of_a_search_with_other_words(client, seeded):
    # As any word no page holds: the other words are searched, and the page says so.
    html = client.get(SEARCH, {"q": "tens back pain"}).content.decode()
    assert "0 results" not in html
    assert (
        "mentions <strong>tens machine or transcutaneous electrical nerve stimulation</strong>: "
        "these results match the other words you searched for." in html
    )


def test_a_search_showing_urgent_advice_says_so_in_its_title(client, seeded):
    html = client.get(SEARCH, {"q": "can't control bladder"}).content.decode()
    assert 'role="alert"' in html
    assert title(html).startswith("Get help now – urgent advice shown – Search: ")
    overlong = client.get(SEARCH, {"q": "I cannot control my bladder " * 10}).content.decode()
    assert title(overlong).startswith("Get help now – urgent advice shown – Error: ")
    assert not title(client.get(SEARCH, {"q": "sciatica"}).content.decode()).startswith("Get")


def test_a_result_whose_title_makes_a_claim_says_what_is_known_now_even_under_advice(client, db):
    # The title is listed under urgent advice too, where the snippet and its note are not.
    area = make_category("Lower back pain")
    make_question(
        area,
        title="Needling a numb bladder has no side effects",
        question="Is it normal?",
        answer="Numbness of the bladder after needling is not a side effect. Needling is risk-free.",
    )
    note = "<strong>Note:</strong> Acupuncture is not free of risk or side effects."
    urgent = client.get(SEARCH, {"q": "numb bladder"})
    assert urgent.context["warning_signs"]
    html = results_html(urgent)
    assert html.index("has no side effects</a>") < html.index(note)
    calm = client.get(SEARCH, {"q": "needling side effects"})
    assert not calm.context["warning_signs"]
    html = results_html(calm)
    assert html.index("has no side effects</a>") < html.index(note)
    # The snippet makes the same claim: it is said once.
    assert "risk-free" in html and "Please note:" not in html and html.count(note) == 1


def test_results_under_urgent_advice_show_no_snippet_that_could_reassure(client, db):
    # A line of an answer written for someone else ("after that there should…") could read as
    # overruling the advice above it: titles, labels and notes only.
    area = make_category("Lower back pain")
    claim = "NICE guidelines recommend ten sessions of acupuncture for a numb bladder."
    make_question(
        area,
        title="After needling",
        question="Is this normal?",
        answer=f"After that there should be no numbness of the bladder. {claim}",
        marked_for_review=True,
    )
    urgent = client.get(SEARCH, {"q": "numb bladder"})
    assert urgent.context["warning_signs"]
    html = results_html(urgent)
    assert "After needling</a>" in html and "answer due for review" in html
    assert 'class="snippet' not in html and "there should" not in html
    assert "Please note:" not in html  # a note on a snippet not shown says nothing
    calm = client.get(SEARCH, {"q": "ten sessions"})
    assert not calm.context["warning_signs"]
    html = results_html(calm)
    assert '<p class="snippet">' in html
    assert "<strong>Please note:</strong> NICE does not recommend" in html
