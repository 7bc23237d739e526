"""Browsing the archive: home, category pages, Q&A pages."""

import re

import pytest
from django.urls import reverse

from archive.models import Question
from tests.factories import make_category, make_question


def test_home_shows_the_tree_with_counts(client, seeded):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'Muscles and bones</a>\n    <span class="count">(12 answers)' in html
    assert 'Back / spine</a>\n    <span class="count">(12 answers)' in html
    assert 'Lower back pain</a>\n    <span class="count">(7 answers)' in html


def test_home_lists_the_newest_answers(client, seeded):
    response = client.get("/")
    newest = Question.objects.published().newest_first()[:5]
    assert list(response.context["newest"]) == list(newest)
    assert newest[0].title in response.content.decode()


def test_home_does_not_call_answers_of_unknown_date_the_newest(client, seeded):
    assert not Question.objects.published().filter(published_at__isnull=False).exists()
    html = client.get("/").content.decode()
    assert "Answers from the earlier archive</h2>" in html
    assert "Newest answers" not in html


def test_home_calls_dated_answers_the_newest(client, seeded):
    make_question(Question.objects.first().category, title="Answered this week")
    html = client.get("/").content.decode()
    assert "Newest answers</h2>" in html


def test_category_page_has_breadcrumb_subcategories_and_pages(client, seeded):
    response = client.get(reverse("archive:category", args=["back-spine"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/archive/muscles-and-bones/">Muscles and bones</a>' in html
    assert '<span aria-current="page">Back / spine</span>' in html
    assert "Lower back pain</a>" in html
    assert "12 answers" in html
    assert "Page 1 of 2" in html
    assert len(response.context["page"].object_list) == 10


def test_category_second_page_holds_the_rest(client, seeded):
    response = client.get("/archive/back-spine/", {"page": 2})
    assert "Page 2 of 2" in response.content.decode()
    assert len(response.context["page"].object_list) == 2


def test_category_page_sorts_a_to_z(client, seeded):
    response = client.get("/archive/lower-back-pain/", {"sort": "title"})
    titles = [q.title for q in response.context["page"].object_list]
    assert titles == sorted(titles)
    assert len(titles) == 7


def test_category_page_filters_by_title_words_and_keeps_the_filter_in_page_links(client, db):
    area = make_category()
    for n in range(12):
        make_question(area, title=f"Needles and sciatica {n}")
    make_question(area, title="Something else")
    response = client.get(area.get_absolute_url(), {"words": "sciatica"})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 12
    assert "?words=sciatica&amp;page=2" in html
    # Its page 2 is a view of the list, not the list's page 2: its address is the list's.
    page_2 = client.get(area.get_absolute_url(), {"words": "sciatica", "page": 2})
    address = page_2.wsgi_request.build_absolute_uri(area.get_absolute_url())
    assert f'<link rel="canonical" href="{address}">' in page_2.content.decode()


def test_a_list_narrowed_by_title_words_says_so_in_its_heading_and_page_title(client, seeded):
    # The page title is what a screen reader reads first after "Apply": it says what was found.
    html = client.get("/archive/back-spine/", {"words": "sciatica"}).content.decode()
    assert "<title>Back / spine: 1 answer with “sciatica” in the title · " in html
    assert '<h2 id="questions-heading">1 answer with “sciatica” in the title</h2>' in html
    # The whole list keeps its plain count and title.
    html = client.get("/archive/back-spine/", {"sort": "title"}).content.decode()
    assert "<title>Back / spine · " in html
    assert '<h2 id="questions-heading">12 answers</h2>' in html


def test_title_words_that_find_nothing_lead_to_the_search_of_the_area_which_puts_typos_right(
    client, seeded
):
    html = client.get("/archive/back-spine/", {"words": "siatica"}).content.decode()
    assert "0 answers with “siatica” in the title" in html
    link = re.search(
        r'<a href="([^"]+)">Search the answers in Back / spine for “siatica”</a>', html
    )
    assert link[1] == "/search/?q=siatica&amp;category=back-spine"
    found = client.get("/search/", {"q": "siatica", "category": "back-spine"})
    assert found.context["results"].count >= 1
    assert "Showing results for" in found.content.decode()
    # A list that found answers has no such link.
    html = client.get("/archive/back-spine/", {"words": "sciatica"}).content.decode()
    assert "Search the answers in" not in html


def test_title_words_that_describe_a_red_flag_sign_get_its_urgent_advice_first(client, seeded):
    response = client.get("/archive/lower-back-pain/", {"words": "cant control bladder"})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        r"<title>Get help now – urgent advice shown – Lower back pain: 0 answers ", html
    )
    advice = html.index('<section class="warning urgent" role="alert"')
    assert 'pee or poo.</strong> Call <a href="tel:999">999</a> or go to A&amp;E now.' in html
    assert advice < html.index('<form class="filters"') < html.index("No answers match.")
    calm = client.get("/archive/lower-back-pain/", {"words": "sciatica"}).content.decode()
    assert 'role="alert"' not in calm


def test_a_page_the_list_lacks_still_gives_the_advice_its_title_words_call_for(client, seeded):
    response = client.get("/archive/lower-back-pain/", {"words": "cant control bladder", "page": 9})
    html = response.content.decode()
    assert response.status_code == 404
    assert re.search(r"<title>Get help now – urgent advice shown – Page not found", html)
    assert html.index('role="alert"') < html.index("<h1>Page not found</h1>")
    calm = client.get("/archive/lower-back-pain/", {"words": "sciatica", "page": 9})
    assert calm.status_code == 404 and 'role="alert"' not in calm.content.decode()


def test_answers_listed_under_urgent_advice_say_they_do_not_replace_medical_help(client, db):
    area = make_category()
    make_question(area, title="Numb bladder after needles")
    html = client.get(area.get_absolute_url(), {"words": "numb bladder"}).content.decode()
    note = html.index("They do not replace getting medical help now.")
    assert html.index('role="alert"') < note < html.index("Numb bladder after needles</a>")


def test_category_page_ignores_a_bad_sort(client, seeded):
    response = client.get("/archive/back-spine/", {"sort": "nonsense"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Page 1 of 2" in html
    # The order box says it is wrong, and points to why, as Django's own fields do.
    select = re.search(r'<select name="sort"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in select and 'aria-describedby="id_sort_error"' in select
    assert 'id="id_sort_error"><li>Select a valid choice.' in html


@pytest.mark.parametrize("number", ["3", "0", "-1", "x"])
def test_a_page_the_list_does_not_have_is_not_found(client, seeded, number):
    # Not another page shown under its address: that would be a copy of the other page.
    response = client.get("/archive/back-spine/", {"page": number})
    assert response.status_code == 404


def test_an_empty_page_number_is_the_first_page(client, seeded):
    response = client.get("/archive/back-spine/", {"page": ""})
    assert "Page 1 of 2" in response.content.decode()


def test_the_archive_without_a_body_area_goes_to_the_list_of_body_areas(client, seeded):
    response = client.get("/archive/")
    assert response.status_code == 301
    assert response["Location"] == "/"


def test_category_page_query_count_does_not_grow_with_questions(
    client, db, django_assert_max_num_queries
):
    area = make_category()
    for _ in range(10):
        make_question(area)
    with django_assert_max_num_queries(7):
        client.get(area.get_absolute_url())


def test_question_page_shows_question_answer_breadcrumb_and_similar_questions(client, seeded):
    question = Question.objects.get(source__startswith="001")
    response = client.get(question.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Pain after acupuncture for lower back pain</h1>" in html
    assert "I had an acupuncture session to help with my lower back pain" in html
    assert "lighter gauge needles, shallower insertions" in html
    assert '<a href="/archive/lower-back-pain/">Lower back pain</a>' in html
    similar = html[html.index('id="similar-heading"') :].split("</aside>")[0]
    assert "In theory acupuncture treatment for your lower back should have no harmful" in similar
    for furniture in ("Find an acupuncturist", "Post a question", "Browse the facts"):
        assert furniture not in html


def test_question_page_says_when_the_question_was_lost(client, seeded):
    question = Question.objects.get(question_preserved=False, source__startswith="002")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "was not preserved" in html


def test_every_seeded_question_has_its_own_page(client, seeded):
    for question in Question.objects.all():
        assert client.get(question.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("url", ["/questions/no-such-answer/", "/archive/no-such-area/"])
def test_unknown_slugs_are_real_404s(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_draft_is_not_shown(client, db):
    draft = make_question(make_category(), published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_text_typed_into_answers_is_escaped(client, db):
    question = make_question(make_category(), answer="<script>alert(1)</script>")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_question_that_describes_a_red_flag_gets_its_advice_before_the_answer(client, db):
    area = make_category()
    question = make_question(
        area,
        question="Since acupuncture both my legs are so painful. Is this normal?",
        answer="It is common to feel sore for a day or two.",
    )
    html = client.get(question.get_absolute_url()).content.decode()
    advice = html.index("If you have this too, get medical help now")
    assert advice < html.index("Pain, weakness or numbness in both legs") < html.index("feel sore")
    # An answer written for someone else ("it is common") must not read as overruling it.
    overrules = html.index("nothing in it changes this advice")
    assert advice < overrules < html.index("feel sore")


def test_a_question_without_a_red_flag_gets_no_urgent_advice_at_its_top(client, db):
    question = make_question(make_category(), question="Is it normal to feel tired afterwards?")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "If you have this too" not in html


def test_a_warning_signs_advice_comes_straight_under_the_title_before_who_answered(client, db):
    question = make_question(
        make_category(),
        title="Both legs hurt after acupuncture",
        question="Since acupuncture both my legs are so painful. Is this normal?",
    )
    html = client.get(question.get_absolute_url()).content.decode()
    h1 = html.index("<h1>Both legs hurt after acupuncture</h1>")
    advice = html.index("If you have this too, get medical help now")
    assert h1 < advice < html.index('<dl class="provenance">')
    assert html.index("<h2", h1) == html.index('<h2 id="urgent-heading">')  # the next heading


def test_a_page_showing_a_warning_signs_advice_says_get_help_now_first_in_its_title(client, db):
    # A screen reader reads the title before anything else on the page.
    area = make_category()
    urgent = make_question(
        area, title="Both legs hurt", question="Since acupuncture both my legs are so painful."
    )
    calm = make_question(area, title="Tired", question="Is it normal to feel tired afterwards?")
    titles = [
        re.search(r"<title>(.*?)</title>", client.get(q.get_absolute_url()).content.decode())[1]
        for q in (urgent, calm)
    ]
    assert titles == [
        "Get help now – urgent advice shown – Both legs hurt · Acupuncture Answers",
        "Tired · Acupuncture Answers",
    ]


def test_the_page_itself_is_the_crumb_a_phone_may_leave_out(client, seeded):
    question = Question.objects.get(source__startswith="001")
    html = client.get(question.get_absolute_url()).content.decode()
    crumb = f'<li class="breadcrumb-current"><span aria-current="page">{question.title}</span>'
    assert crumb in html
    html = client.get("/archive/back-spine/").content.decode()
    assert '<li class="breadcrumb-current"><span aria-current="page">Back / spine' in html


def test_a_later_page_of_a_body_area_says_which_in_its_title(client, seeded):
    first = client.get("/archive/back-spine/").content.decode()
    second = client.get("/archive/back-spine/", {"page": 2}).content.decode()
    assert "<title>Back / spine · Acupuncture Answers</title>" in first
    assert "<title>Back / spine, page 2 of 2 · Acupuncture Answers</title>" in second


URGENT_QUESTION = "Since acupuncture both my legs are so painful and numb. Is this normal?"


def answer_section(html):
    return html[html.index('id="answer-heading"') :].split("</section>")[0]


def test_an_answer_under_urgent_advice_is_met_with_a_note_that_it_does_not_overrule_it(client, db):
    # Archived answers say "don't panic" or "quite remote": the reader is told on the way in.
    area = make_category()
    urgent = make_question(area, question=URGENT_QUESTION, answer="Don't panic: this is normal.")
    calm = make_question(area, question="Is it normal to feel tired afterwards?")
    answer = answer_section(client.get(urgent.get_absolute_url()).content.decode())
    note = answer.index(
        "Where this answer says not to worry, or to wait, follow the "
        '<a href="#urgent-heading">urgent advice above</a> instead.'
    )
    assert note < answer.index("Don&#x27;t panic")
    html = client.get(calm.get_absolute_url()).content.decode()
    assert "Where this answer says not to worry" not in answer_section(html)
    assert 'href="#urgent-heading"' not in html


def test_a_qa_under_urgent_advice_never_says_talk_to_your_doctor_as_if_there_were_time(client, db):
    # "Talk to your GP before you rely on it" after "call 999 now" reads as leave to wait.
    area = make_category()
    urgent = make_question(area, question=URGENT_QUESTION, marked_for_review=True)
    calm = make_question(
        area, question="Is it normal to feel tired afterwards?", marked_for_review=True
    )
    html = client.get(urgent.get_absolute_url()).content.decode()
    # Anywhere on the page, the footer's everyday line included.
    assert "talk to your gp" not in html.lower() and "talk to your doctor" not in html.lower()
    do_not_wait = "<strong>If you have what this question describes, do not wait:</strong>"
    review_note = html[html.index('id="review-note"') :].split("</div>")[0]
    assert do_not_wait in review_note
    closing = html[html.index('class="notice not-a-diagnosis"') :].split("</aside>")[0]
    assert do_not_wait in closing and 'href="tel:999"' in closing
    assert html.index("get medical help now") < html.index(do_not_wait)
    html = client.get(calm.get_absolute_url()).content.decode()
    assert "Talk to your GP or a registered practitioner before you rely on it." in html
    assert "Talk to your doctor or practitioner about your symptoms" in html
    assert "do not wait" not in html


def test_other_answers_listed_under_urgent_advice_are_said_not_to_replace_help(client, db):
    area = make_category()
    calm = make_question(
        area, title="Tingling feet", question="My feet tingle after needling: is it acupressure?"
    )
    urgent = make_question(
        area,
        title="Tingling feet and legs",
        question=f"My feet tingle after needling, acupressure too. {URGENT_QUESTION}",
    )
    urgent.linked_questions.add(calm)
    line = "These are general answers. They do not replace getting medical help now."
    html = client.get(urgent.get_absolute_url()).content.decode()
    for heading in ('id="similar-heading"', 'id="linked-heading"'):
        listed = html[html.index(heading) :].split("</aside>")[0]
        assert listed.index(line) < listed.index("Tingling feet</a>"), heading
    html = client.get(calm.get_absolute_url()).content.decode()
    assert "Tingling feet and legs</a>" in html
    assert line not in html
