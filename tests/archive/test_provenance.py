"""Pages state only dates the site knows: archived answers say their date was not recorded;
answers published here show theirs, to the second; the panel and reviews are named."""

import json
import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.template import Context, Template
from django.utils import timezone

from archive.models import ARCHIVE_PANEL, EXPERT_PANEL, ContentVersion, Question
from factsheets.management.commands.import_source_pages import IMPORTED_AT
from tests.factories import make_category, make_question

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NO_DATE = "From the earlier archive, date not recorded"
GET_HELP = "Get help now – urgent advice shown – "


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def xml_of(client, url):
    return ElementTree.fromstring(client.get(url).content)  # noqa: S314 - the site's own XML


def structured_data(html):
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    return json.loads(payload)


def time_values(html):
    return re.findall(r'<time datetime="([^"]*)"', html)


@pytest.fixture
def archived(seeded):
    return Question.objects.get(slug="i-ve-got-pain-in-my-back-l4-l5")


def test_seed_answers_have_no_invented_date(seeded):
    assert not Question.objects.filter(published_at__isnull=False).exists()
    assert Question.objects.filter(from_archive=True).count() == 12


def test_an_archived_answer_says_its_date_was_not_recorded(client, archived):
    html = html_of(client, archived.get_absolute_url())
    assert NO_DATE in html
    assert "<time" not in html.split('<article class="qa">')[1].split("</dl>")[0]


@pytest.mark.parametrize("url", ["/", "/archive/back-spine/", "/archive/lower-back-pain/"])
def test_lists_say_archived_dates_were_not_recorded_and_state_none(client, seeded, url):
    html = html_of(client, url)
    assert NO_DATE in html
    assert "2026" not in html


def test_a_body_areas_order_does_not_call_an_undated_answer_the_newest(client, seeded):
    html = html_of(client, "/archive/lower-back-pain/")
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]*)</option>', html)
    assert ("newest", "Newest first, then the earlier archive") in options


def test_archived_json_ld_has_no_date_but_names_the_earlier_services_panel(client, archived):
    data = structured_data(html_of(client, archived.get_absolute_url()))
    assert data["@type"] == "MedicalWebPage"
    assert data["author"] == {"@type": "Organization", "name": ARCHIVE_PANEL}
    assert "datePublished" not in data
    assert "lastReviewed" not in data
    assert "reviewedBy" not in data


def test_a_qa_names_who_answered_it_and_when_it_was_last_reviewed(client, archived):
    html = html_of(client, archived.get_absolute_url())
    assert f'<a href="http://testserver/about/panel/">{ARCHIVE_PANEL}</a>' in html
    assert "Not reviewed since it was archived" in html
    archived.last_reviewed = date(2026, 11, 20)
    archived.reviewed_by = EXPERT_PANEL
    archived.save()
    html = html_of(client, archived.get_absolute_url())
    assert f'<time datetime="2026-11-20">20 November 2026</time> by {EXPERT_PANEL}' in html
    data = structured_data(html)
    assert data["lastReviewed"] == "2026-11-20"
    assert data["reviewedBy"] == {"@type": "Organization", "name": EXPERT_PANEL}


def test_an_answer_given_here_is_by_the_sites_panel(client, db):
    question = make_question(make_category())
    html = html_of(client, question.get_absolute_url())
    assert f'<a href="http://testserver/about/panel/">{EXPERT_PANEL}</a>' in html
    assert structured_data(html)["author"]["name"] == EXPERT_PANEL


def test_a_reviewer_named_in_person_is_a_person_in_json_ld(client, db):
    question = make_question(make_category(), last_reviewed=date(2026, 1, 5), reviewed_by="Dr A")
    data = structured_data(html_of(client, question.get_absolute_url()))
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr A"}


def test_a_reviewer_without_a_review_date_is_named_nowhere(client, db):
    # Saved before the rule (or in bulk): a name with no review the page can date.
    question = make_question(make_category(), reviewed_by="Dr A")
    html = html_of(client, question.get_absolute_url())
    assert "Not reviewed since it was published" in html
    assert "Dr A" not in html
    data = structured_data(html)
    assert "reviewedBy" not in data
    assert "lastReviewed" not in data


def test_an_answer_published_here_shows_its_date_to_the_second(client, db):
    area = make_category()
    question = make_question(area)
    assert question.published_at.microsecond  # a fresh answer has microseconds
    local = timezone.localtime(question.published_at)
    expected = local.isoformat(timespec="seconds")
    for url in ["/", area.get_absolute_url(), question.get_absolute_url()]:
        html = html_of(client, url)
        assert expected in time_values(html), url
        assert all(not re.search(r"\.\d{4,}", value) for value in time_values(html)), url
    data = structured_data(html_of(client, question.get_absolute_url()))
    assert data["datePublished"] == question.published_at.isoformat()


def test_the_date_shown_is_called_what_it_is_when_it_was_published_here(client, db):
    area = make_category()
    question = make_question(area)
    moment = timezone.localtime(question.published_at)
    shown = f'Published <time datetime="{moment.isoformat(timespec="seconds")}">'
    for url in ["/", area.get_absolute_url(), question.get_absolute_url()]:
        html = html_of(client, url)
        assert shown in html, url
        assert "Answered <time" not in html, url  # the site does not know when it was answered


def test_an_archived_answer_given_a_date_says_it_was_added_here_then(client, db):
    area = make_category()
    added = timezone.now() - timedelta(days=3)
    question = make_question(area, from_archive=True, published_at=added)
    moment = timezone.localtime(added)
    shown = f'Added here <time datetime="{moment.isoformat(timespec="seconds")}">'
    for url in ["/", area.get_absolute_url(), question.get_absolute_url()]:
        html = html_of(client, url)
        assert shown in html, url
        assert "Answered <time" not in html and "Published <time" not in html, url
    html = html_of(client, question.get_absolute_url())
    assert ARCHIVE_PANEL in html
    # When it was first published, in the earlier archive, is not known.
    assert "datePublished" not in structured_data(html)


def test_machine_datetime_keeps_no_more_than_seconds():
    moment = timezone.now().replace(microsecond=123456)
    rendered = Template("{% load archive_tags %}{{ moment|machine_datetime }}").render(
        Context({"moment": moment})
    )
    assert rendered == timezone.localtime(moment).isoformat(timespec="seconds")
    assert "123" not in rendered


def test_json_ld_cannot_close_its_script_element():
    html = Template("{% load archive_tags %}{% json_ld data %}").render(
        Context({"data": {"name": "</script><script>alert(1)</script>"}})
    )
    assert html.count("</script>") == 1
    assert html.startswith('<script type="application/ld+json">')
    assert "\\u003C/script\\u003E" in html


def test_newest_first_puts_dated_answers_before_undated_ones_then_by_id(seeded):
    area = make_category()
    older = make_question(area, published_at=timezone.now() - timedelta(days=2))
    newer = make_question(area, published_at=timezone.now() - timedelta(days=1))
    order = list(Question.objects.published().newest_first())
    assert order[:2] == [newer, older]
    undated = order[2:]
    assert [q.id for q in undated] == sorted((q.id for q in undated), reverse=True)
    assert all(q.published_at is None for q in undated)


def test_only_an_archived_answer_may_be_published_without_a_date(db):
    question = make_question(make_category(), published_at=None, from_archive=True)
    assert question in Question.objects.published()


@pytest.fixture
def dated(seeded):
    """The seed Q&As as if answered here a year before the import: the feeds list only those."""
    Question.objects.update(published_at=IMPORTED_AT - timedelta(days=365), from_archive=False)


def test_the_new_answers_feeds_leave_out_answers_of_the_earlier_archive(client, seeded):
    # Dated or not: the date of one is when it was added here, and it is not a new answer.
    area = Question.objects.first().category
    older = make_question(area, published_at=timezone.now() - timedelta(days=3650))
    make_question(area, from_archive=True, published_at=timezone.now() - timedelta(days=1))
    fresh = make_question(area)
    for url in ("/feed/", f"{area.get_absolute_url()}feed/"):
        entries = xml_of(client, url).findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}title").text for e in entries] == [fresh.title, older.title]
        published = [e.find(f"{ATOM}published").text for e in entries]
        assert published == [fresh.published_at.isoformat(), older.published_at.isoformat()]


def test_a_feed_with_no_dated_answers_is_valid_atom_dated_when_the_pages_last_changed(
    client, seeded
):
    changed_at = ContentVersion.current().shown_since
    for url in ("/feed/", "/archive/lower-back-pain/feed/"):
        feed = xml_of(client, url)
        assert feed.findall(f"{ATOM}entry") == []
        # Not the time of the request, which Django's Atom feed would give.
        assert feed.find(f"{ATOM}updated").text == changed_at.isoformat()
        for required in (f"{ATOM}id", f"{ATOM}title", f"{ATOM}author/{ATOM}name"):
            assert feed.find(required).text, required


def test_feed_entries_name_who_answered(client, seeded):
    area = Question.objects.first().category
    make_question(area, title="Answered here")
    feed = xml_of(client, "/feed/")
    authors = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}author/{ATOM}name").text
        for entry in feed.findall(f"{ATOM}entry")
    }
    assert authors == {"Answered here": EXPERT_PANEL}
    assert feed.find(f"{ATOM}author/{ATOM}name").text == EXPERT_PANEL


def test_an_answer_published_as_scheduled_is_updated_when_it_appears(client, db):
    # Last saved an hour before the time it was scheduled for, which has come.
    question = make_question(make_category(), published_at=timezone.now() - timedelta(minutes=1))
    Question.objects.filter(pk=question.pk).update(
        updated_at=question.published_at - timedelta(hours=1)
    )
    entry = xml_of(client, "/feed/").find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}updated").text == question.published_at.isoformat()


def test_feed_entries_of_answers_due_for_review_say_so_first(client, dated):
    summaries = {
        entry.find(f"{ATOM}title").text.removeprefix(GET_HELP): entry.find(f"{ATOM}summary").text
        for entry in xml_of(client, "/feed/").findall(f"{ATOM}entry")
    }
    marked = set(Question.objects.filter(marked_for_review=True).values_list("title", flat=True))
    assert len(marked) == 9
    signs = {q.title for q in Question.objects.all() if q.red_flags}
    for title, summary in summaries.items():
        # First, or straight after the advice for a warning sign the question describes, which
        # nothing may come before.
        if title in signs:
            assert summary.startswith('<section class="warning urgent"'), title
            summary = summary[summary.index("</section>") + len("</section>") :].lstrip()
        note = summary.startswith('<div class="warning" id="review-note">')
        assert note == (title in marked), title
        due = "<strong>This answer is due for review by the expert panel.</strong>"
        assert (due in summary) == note


def test_sitemap_lastmod_is_when_the_record_last_changed_here(client, seeded, settings):
    # Added here today: not the day the fixture was built.
    added_here = timezone.localdate().isoformat()
    assert added_here != IMPORTED_AT.date().isoformat()
    sitemap = xml_of(client, "/sitemap.xml")
    modified = {
        url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod")
        for url in sitemap.findall(f"{SITEMAP}url")
    }
    for question in Question.objects.published():
        lastmod = modified[f"{settings.SITE_URL}{question.get_absolute_url()}"]
        assert lastmod.text == added_here


def test_sitemap_lastmod_is_never_before_the_qa_was_published(client, db, settings):
    # Last saved three days before the time it was scheduled for, which has come.
    question = make_question(make_category(), published_at=timezone.now() - timedelta(minutes=1))
    Question.objects.filter(pk=question.pk).update(
        updated_at=question.published_at - timedelta(days=3)
    )
    modified = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in xml_of(client, "/sitemap.xml").findall(f"{SITEMAP}url")
    }
    published = timezone.localtime(question.published_at).date().isoformat()
    assert modified[f"{settings.SITE_URL}{question.get_absolute_url()}"] == published


def test_each_body_area_has_a_feed_linked_from_its_page(client, dated):
    html = html_of(client, "/archive/lower-back-pain/")
    link = '<link rel="alternate" type="application/atom+xml" title="New answers about lower back pain" href="/archive/lower-back-pain/feed/">'
    assert link in html
    assert '<a href="/archive/lower-back-pain/feed/">' in html
    feed = xml_of(client, "/archive/lower-back-pain/feed/")
    titles = {
        e.find(f"{ATOM}title").text.removeprefix(GET_HELP) for e in feed.findall(f"{ATOM}entry")
    }
    expected = Question.objects.published().filter(category__slug="lower-back-pain")
    assert titles == {q.title for q in expected}
    assert len(titles) == 7
    assert client.get("/archive/no-such-area/feed/").status_code == 404


def test_a_parent_areas_feed_holds_its_subareas_answers(client, dated):
    feed = xml_of(client, "/archive/back-spine/feed/")
    assert len(feed.findall(f"{ATOM}entry")) == 12
    assert "back / spine" in feed.find(f"{ATOM}title").text


def test_pages_show_the_editors_title_never_the_original(client, archived):
    assert archived.original_title == "I' ve got pain in my back L4 & L5"
    assert archived.title == "I've got pain in my back L4 & L5"
    archived.title = "I've got pain in my back at L4 and L5"
    archived.save()
    html = html_of(client, archived.get_absolute_url())
    assert "<h1>I&#x27;ve got pain in my back at L4 and L5</h1>" in html
    assert "<title>I&#x27;ve got pain in my back at L4 and L5 ·" in html
    listing = html_of(client, "/archive/lower-back-pain/")
    assert "I&#x27;ve got pain in my back at L4 and L5</a>" in listing
    # The asker's own words keep their spacing; only the title was the editor's to correct.
    assert "L4 &amp; L5</a>" not in listing


def test_an_answer_only_qa_is_marked_in_lists(client, seeded):
    html = html_of(client, "/archive/back-spine/?sort=title")
    assert "A great deal depends on the extent of the spinal injuries</a>" in html
    assert "answer only, question not preserved" in html


def test_editors_correct_the_title_in_admin_beside_the_original(admin_client, archived):
    url = f"/admin/archive/question/{archived.pk}/change/"
    html = admin_client.get(url).content.decode()
    assert re.search(
        r'name="title"[^>]*>\nI&#x27;ve got pain in my back L4 &amp; L5</textarea>', html
    )
    assert "I&#x27; ve got pain in my back L4 &amp; L5" in html  # the original, read-only
    assert 'name="original_title"' not in html
    assert 'name="last_reviewed"' in html and 'name="reviewed_by"' in html


def test_a_feed_entry_whose_question_describes_a_warning_sign_gives_the_advice_first(client, db):
    area = make_category("Lower back pain")
    make_question(
        area,
        question="I have numbness around my genitals since yesterday",
        answer="Don't panic: this is normal after treatment.",
    )
    make_question(area, title="Needles", answer="The needles are fine.")
    summaries = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}summary").text
        for entry in xml_of(client, "/feed/").findall(f"{ATOM}entry")
    }
    (urgent,) = (summary for title, summary in summaries.items() if title != "Needles")
    assert urgent.index("If you have this too, get medical help now") < urgent.index("Don&#x27;t")
    assert 'href="tel:999"' in urgent
    assert "get medical help now" not in summaries["Needles"]


def test_a_feed_entry_whose_question_describes_a_warning_sign_is_titled_get_help_now(client, db):
    # A feed reader's list shows titles only: as the page's <title>, "Get help now" first.
    area = make_category("Lower back pain")
    make_question(area, title="Numb", question="I have numbness around my genitals since yesterday")
    make_question(area, title="Needles", answer="The needles are fine.")
    titles = {e.find(f"{ATOM}title").text for e in xml_of(client, "/feed/").findall(f"{ATOM}entry")}
    assert titles == {"Get help now – urgent advice shown – Numb", "Needles"}


def test_a_link_preview_of_a_qa_whose_question_describes_a_warning_sign_says_get_help_now(
    client, db
):
    # A link shared in a message shows og:title and the description, not the page's advice.
    area = make_category("Lower back pain")
    numb = make_question(area, title="Numb", question="I have numbness around my genitals")
    needles = make_question(area, title="Needles", answer="The needles are fine.")
    html = client.get(numb.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{GET_HELP}Numb">' in html
    html = client.get(needles.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Needles">' in html


def test_a_feed_entry_under_urgent_advice_says_do_not_wait_where_it_would_say_talk_to_a_gp(
    client, db
):
    area = make_category("Lower back pain")
    make_question(
        area,
        title="Numb",
        question="I have numbness around my genitals since yesterday",
        answer="Don't panic: this is normal after treatment.",
        marked_for_review=True,
    )
    make_question(area, title="Needles", marked_for_review=True)
    summaries = {
        entry.find(f"{ATOM}title").text.removeprefix(GET_HELP): entry.find(f"{ATOM}summary").text
        for entry in xml_of(client, "/feed/").findall(f"{ATOM}entry")
    }
    urgent = summaries["Numb"]
    advice = urgent.index("If you have this too, get medical help now")
    do_not_wait = urgent.index("If you have what this question describes, do not wait:")
    assert advice < urgent.index("This answer is due for review") < do_not_wait
    assert do_not_wait < urgent.index("Don&#x27;t panic")
    assert "Talk to your GP" not in urgent
    assert "Talk to your GP or a registered practitioner" in summaries["Needles"]


def test_the_reviewer_box_names_the_panel_as_json_ld_calls_it_an_organization():
    # An editor who types the panel as the box suggests gets an Organization, not a Person.
    help_text = str(Question._meta.get_field("reviewed_by").help_text)
    assert f"“{EXPERT_PANEL}”" in help_text


def test_a_feed_entry_under_urgent_advice_gives_the_pages_note_directly_before_the_answer(
    client, db
):
    # As on its page: where the answer says not to worry, the urgent advice above comes first.
    area = make_category("Lower back pain")
    numb = make_question(
        area,
        title="Numb",
        question="I have numbness around my genitals since yesterday",
        answer="Don't panic: this is normal after treatment.",
        marked_for_review=True,
    )
    make_question(area, title="Needles", answer="Don't panic: the needles are fine.")
    summaries = {
        entry.find(f"{ATOM}title").text.removeprefix(GET_HELP): entry.find(f"{ATOM}summary").text
        for entry in xml_of(client, "/feed/").findall(f"{ATOM}entry")
    }
    note = (
        "Where this answer says not to worry, or to wait, follow the urgent advice above instead."
    )
    urgent = summaries["Numb"]
    advice = urgent.index("If you have this too, get medical help now")
    assert advice < urgent.index("This answer is due for review") < urgent.index(note)
    assert f'<p class="notice">{note}</p>Don&#x27;t panic: this is normal' in urgent
    page = html_of(client, numb.get_absolute_url())
    assert page.index("urgent advice above</a> instead.") < page.index("Don&#x27;t panic")
    assert "not to worry, or to wait" not in summaries["Needles"]
