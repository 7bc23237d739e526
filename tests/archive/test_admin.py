"""The archive's list of Q&As in admin, where editors mark answers for review: it fits a laptop
screen, with the review state before the date and each category by its own name."""

import re
import threading

import pytest
from django import forms
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from archive.admin import QuestionAdmin
from archive.models import Question
from tests.ask.conftest import make_editor
from tests.factories import make_category, make_factsheet, make_question

pytestmark = pytest.mark.django_db
LIST = "/admin/archive/question/"


def test_the_list_has_no_app_list_beside_it(editor_client):
    assert 'id="nav-sidebar"' not in editor_client.get(LIST).text
    assert 'id="nav-sidebar"' in editor_client.get("/admin/archive/category/").text  # elsewhere


def test_the_review_column_comes_before_the_publishing_date(editor_client):
    make_question(make_category("Lower back pain"))
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', editor_client.get(LIST).text)
    assert columns == ["title", "category_name", "status", "review", "published_at"]


def test_the_category_column_gives_the_category_not_its_whole_path(editor_client):
    back = make_category("Back / spine")
    lower = make_category("Lower back pain", parent=back)
    make_question(lower, title="Tired after treatment")
    html = editor_client.get(LIST).text
    assert '<td class="field-category_name">Lower back pain</td>' in html
    assert "Back / spine › Lower back pain</td>" not in html


def test_a_qas_page_shows_its_whole_title_without_the_app_list_beside_it(editor_client):
    question = make_question(make_category("Lower back pain"), title="Tired after treatment")
    html = editor_client.get(f"{LIST}{question.pk}/change/").text
    # A box that wraps: seed titles run to 200 characters.
    assert re.search(r'<textarea name="title"[^>]*class="vLargeTextField title-box"', html)
    assert 'id="nav-sidebar"' not in html


def test_the_claims_box_names_the_title_where_it_makes_a_claim(editor_client):
    question = make_question(
        make_category("Lower back pain"),
        title="Needles have no side effects",
        answer="It is risk-free. NICE recommends acupuncture for back pain.",
    )
    html = editor_client.get(f"{LIST}{question.pk}/change/").text
    box = html.split('class="form-row field-outdated_claims"')[1].split("</fieldset>")[0]
    assert "The claim is in “Title” and “Answer”." in box
    assert "The claim is in “Answer”." in box


def test_a_qas_page_gives_the_urgent_advice_its_readers_see_before_the_answer(editor_client):
    # What an editor checks the answer against, as a Q&A that gains a sign is marked for review.
    area = make_category("Lower back pain")
    legs = make_question(area, question="Since acupuncture both my legs have gone numb.")
    html = editor_client.get(f"{LIST}{legs.pk}/change/").text
    box = html.split('class="form-row field-urgent_advice"')[1].split("</div>\n")[0]
    assert "Pain, weakness or numbness in both legs" in box and "Call 999" in box
    tired = make_question(area, question="Is it normal to feel tired afterwards?")
    html = editor_client.get(f"{LIST}{tired.pk}/change/").text
    box = html.split('class="form-row field-urgent_advice"')[1].split("</div>\n")[0]
    assert "None: its question describes no warning sign." in box


def test_a_line_break_typed_in_the_title_box_is_saved_as_a_space(editor_client):
    question = make_question(make_category("Lower back pain"), title="Tired after treatment")
    url = f"{LIST}{question.pk}/change/"
    data = form_data(editor_client.get(url), title="Tired after\r\ntreatment ")
    assert editor_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.title == "Tired after treatment"


def test_a_title_of_the_longest_length_with_a_line_break_typed_in_it_is_saved(editor_client):
    # A browser sends the line break as two characters: the title is one line of 200.
    question = make_question(make_category("Lower back pain"), title="Tired after treatment")
    url = f"{LIST}{question.pk}/change/"
    title = "a" * 99 + "\r\n" + "b" * 100
    assert (
        editor_client.post(url, form_data(editor_client.get(url), title=title)).status_code == 302
    )
    question.refresh_from_db()
    assert question.title == "a" * 99 + " " + "b" * 100


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"published_at": timezone.now() + timezone.timedelta(days=2)},
        {"status": "draft"},
        {"published_at": None, "from_archive": True},
    ],
    ids=["published", "scheduled for later", "set back to draft", "archived, undated"],
)
def test_a_published_qas_address_cannot_be_changed(editor_client, fields):
    question = make_question(make_category("Lower back pain"), slug="tired-after-it", **fields)
    url = f"{LIST}{question.pk}/change/"
    page = editor_client.get(url)
    assert 'name="slug"' not in page.text
    assert '<div class="readonly">tired-after-it</div>' in page.text
    data = form_data(page, slug="somewhere-else", title="Tired after acupuncture")
    assert editor_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert (question.slug, question.title) == ("tired-after-it", "Tired after acupuncture")


def test_a_draft_never_published_has_its_address_changed(editor_client):
    question = make_question(make_category("Lower back pain"), slug="draft", published=False)
    url = f"{LIST}{question.pk}/change/"
    page = editor_client.get(url)
    assert 'name="slug"' in page.text
    assert editor_client.post(url, form_data(page, slug="tired-after-it")).status_code == 302
    question.refresh_from_db()
    assert question.slug == "tired-after-it"


def test_a_qas_page_lists_the_factsheets_linking_to_it(editor_client):
    question = make_question(make_category("Lower back pain"))
    assert "None: a factsheet lists it" in editor_client.get(f"{LIST}{question.pk}/change/").text
    sciatica = make_factsheet("Sciatica", title="Acupuncture for sciatica")
    sciatica.questions.add(question)
    make_factsheet("Neck pain").questions.add(make_question(make_category("Neck")))
    html = editor_client.get(f"{LIST}{question.pk}/change/").text
    link = (
        f'<a href="/admin/factsheets/factsheet/{sciatica.pk}/change/">Acupuncture for sciatica</a>'
    )
    assert link in html
    assert "Neck pain" not in html


def test_marking_reviewed_today_does_not_name_who_reviewed_it_before(editor_client):
    question = make_question(make_category("Lower back pain"), reviewed_by="Dr Ann Former")
    editor_client.post(LIST, {"action": "mark_reviewed", "_selected_action": [question.pk]})
    question.refresh_from_db()
    assert question.last_reviewed == timezone.localdate()
    assert question.reviewed_by == ""
    assert "Dr Ann Former" not in editor_client.get(question.get_absolute_url()).text


def test_naming_a_reviewer_without_a_review_date_is_refused_on_the_date_field(editor_client):
    question = make_question(make_category("Lower back pain"))
    url = f"{LIST}{question.pk}/change/"
    response = editor_client.post(url, form_data(editor_client.get(url), reviewed_by="Dr A"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {
        "last_reviewed": ["Give the date of the review, or leave “Reviewed by” empty."]
    }
    question.refresh_from_db()
    assert question.reviewed_by == ""


def form_data(page, **changes):
    """What the browser sends back from an admin change page, with `changes` typed in."""
    data = {}
    for field in page.context["adminform"].form:
        value = field.value()
        if isinstance(field.field.widget, forms.MultiWidget):  # published_at: a date and a time
            parts = field.field.widget.decompress(value)
            data |= {f"{field.html_name}_{i}": part or "" for i, part in enumerate(parts)}
        elif value is True:
            data[field.html_name] = "on"
        elif value not in (None, False):
            data[field.html_name] = value
    return data | changes


def test_a_body_area_cannot_go_inside_itself_or_one_of_its_own_areas(editor_client):
    top = make_category("Muscles and bones")
    bottom = make_category("Lower back pain", parent=make_category("Back / spine", parent=top))
    url = f"/admin/archive/category/{top.pk}/change/"
    for parent, refused in [
        (
            bottom,
            "“Lower back pain” is inside “Muscles and bones”: a body area cannot go inside "
            "one of its own areas.",
        ),
        (top, "“Muscles and bones” is this body area: it cannot go inside itself."),
    ]:
        response = editor_client.post(url, form_data(editor_client.get(url), parent=parent.pk))
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert errors == {"parent": [f"{refused} Choose another parent."]}
    top.refresh_from_db()
    assert top.parent is None
    # Moving an area elsewhere in the tree, under its own top area included, is saved.
    url = f"/admin/archive/category/{bottom.pk}/change/"
    assert (
        editor_client.post(url, form_data(editor_client.get(url), parent=top.pk)).status_code == 302
    )
    bottom.refresh_from_db()
    assert bottom.parent == top


def test_a_save_from_a_page_someone_else_saved_since_keeps_what_they_changed(editor_client):
    question = make_question(make_category("Lower back pain"), title="Tired after treatment")
    url = f"{LIST}{question.pk}/change/"
    page = editor_client.get(url)
    colleague = Client()
    colleague.force_login(make_editor("bo"))
    theirs = form_data(colleague.get(url), answer="Bo's answer.", linked_questions=[])
    assert colleague.post(url, theirs).status_code == 302

    response = editor_client.post(url, form_data(page, title="Tired after acupuncture"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.title, question.answer) == ("Tired after acupuncture", "Bo's answer.")
    # Where both changed the same box, the save is refused, with what they saved shown.
    page = editor_client.get(url)
    theirs = form_data(colleague.get(url), answer="Bo's new answer.")
    assert colleague.post(url, theirs).status_code == 302
    response = editor_client.post(url, form_data(page, answer="My answer."))
    assert response.status_code == 200
    html = response.text
    assert "Someone else saved this question after you opened it, changing “Answer”" in html
    assert f'<a href="{url}" target="_blank" rel="noopener">Open the saved version' in html
    assert ">\nMy answer.</textarea>" in html  # what this editor typed is still there
    assert "Saved now by someone else: “Bo&#x27;s new answer.”" in html
    question.refresh_from_db()
    assert question.answer == "Bo's new answer."


def test_marking_for_review_meanwhile_is_kept_by_a_save_from_a_page_opened_before(editor_client):
    question = make_question(make_category("Lower back pain"))
    url = f"{LIST}{question.pk}/change/"
    page = editor_client.get(url)
    editor_client.post(LIST, {"action": "mark_for_review", "_selected_action": [question.pk]})
    response = editor_client.post(url, form_data(page, answer="A newer answer."))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.marked_for_review
    assert question.answer == "A newer answer."


def test_a_page_its_reader_may_only_view_shows_no_record_of_how_it_was_opened(client):
    reader = User.objects.create_user("reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(reader)
    question = make_question(make_category("Lower back pain"))
    html = client.get(f"{LIST}{question.pk}/change/").text
    assert "opened_as" not in html
    assert "Opened as" not in html


@pytest.mark.django_db(transaction=True)
def test_of_two_saves_sent_at_once_from_the_same_page_the_second_keeps_the_first(monkeypatch):
    question = make_question(make_category(), title="Old title", answer="Old answer.")
    url = f"{LIST}{question.pk}/change/"
    ann, bo = Client(), Client()
    # Superusers: a transactional test may run after another emptied the tables, the
    # migration's "Editors" group with them.
    ann.force_login(User.objects.create_superuser("ann"))
    bo.force_login(User.objects.create_superuser("bo"))
    ann_data = form_data(ann.get(url), title="Ann's title")
    bo_data = form_data(bo.get(url), answer="Bo's answer.")
    # Ann's save is held after its check until Bo's has had time to make its own check.
    checked, go_on = threading.Event(), threading.Event()
    save_model = QuestionAdmin.save_model

    def held_save_model(self, request, obj, form, change):
        if not checked.is_set():
            checked.set()
            go_on.wait(timeout=20)
        return save_model(self, request, obj, form, change)

    monkeypatch.setattr(QuestionAdmin, "save_model", held_save_model)
    codes = {}

    def post(name, client, data):
        try:
            codes[name] = client.post(url, data).status_code
        finally:
            connection.close()

    first = threading.Thread(target=post, args=("ann", ann, ann_data))
    first.start()
    assert checked.wait(timeout=20)
    second = threading.Thread(target=post, args=("bo", bo, bo_data))
    second.start()
    second.join(timeout=1)  # Bo's save waits for Ann's, or (without the lock) passes its check
    go_on.set()
    first.join()
    second.join()
    question.refresh_from_db()
    # Bo's save, checked only once Ann's is in, keeps her title (without the lock it would
    # have found the title unchanged and written the old one back).
    assert codes == {"ann": 302, "bo": 302}
    assert (question.title, question.answer) == ("Ann's title", "Bo's answer.")


CONFIRM = "I understand the asker&#x27;s link will not open until it is published again"


def published_from_a_visitor(editor, **fields):
    """A Q&A published from a visitor's question, as an editor publishes it from the queue."""
    from ask import services
    from tests.ask.conftest import make_submission

    submission = make_submission(**fields)
    services.assign(submission=submission, editor=editor)
    submission.category, submission.title = make_category("Lower back pain"), "Tired after it"
    submission.save()
    services.mark_answered(submission=submission, by=editor, answer="It usually passes.")
    return services.publish(submission=submission, by=editor)


@pytest.fixture
def from_a_visitor(db):
    submission = published_from_a_visitor(make_editor("publisher"))
    return submission, f"{LIST}{submission.published_question.pk}/change/"


def test_a_qas_page_says_it_was_published_from_a_visitors_question(editor_client, from_a_visitor):
    submission, url = from_a_visitor
    html = editor_client.get(url).text
    assert (
        f"Published from a visitor&#x27;s question ({submission.reference}): its asker was "
        "e-mailed this page&#x27;s address."
    ) in html
    assert CONFIRM in html
    other = make_question(make_category("Neck"))
    html = editor_client.get(f"{LIST}{other.pk}/change/").text
    assert "visitor&#x27;s question" not in html and "unpublish_confirmed" not in html


@pytest.mark.parametrize(
    "taken_down",
    [
        {"status": "draft"},
        {"published_at_0": (timezone.localdate() + timezone.timedelta(days=2)).isoformat()},
    ],
    ids=["set back to draft", "scheduled for later"],
)
def test_taking_a_visitors_qa_out_of_readers_reach_needs_the_box_ticked(
    editor_client, from_a_visitor, taken_down
):
    submission, url = from_a_visitor
    response = editor_client.post(url, form_data(editor_client.get(url), **taken_down))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["unpublish_confirmed"]
    assert errors["unpublish_confirmed"][0].startswith(
        f"This Q&A was published from a visitor's question ({submission.reference}), whose "
        "asker was e-mailed its address: that link will not open while it is a draft or "
        "scheduled for later."
    )
    question = submission.published_question
    question.refresh_from_db()
    assert question.status == "published" and question.published_at <= timezone.now()

    data = form_data(editor_client.get(url), unpublish_confirmed="on", **taken_down)
    assert editor_client.post(url, data).status_code == 302
    assert not type(question).objects.published().filter(pk=question.pk).exists()


def test_other_edits_of_a_visitors_qa_need_no_confirmation(editor_client, from_a_visitor):
    submission, url = from_a_visitor
    data = form_data(editor_client.get(url), answer="It usually passes within a day.")
    assert editor_client.post(url, data).status_code == 302
    question = submission.published_question
    question.refresh_from_db()
    assert question.answer == "It usually passes within a day."
    # Nor does publishing it again once it is a draft.
    type(question).objects.filter(pk=question.pk).update(status="draft")
    data = form_data(editor_client.get(url), status="published")
    assert editor_client.post(url, data).status_code == 302


def test_a_visitors_qa_published_by_a_colleague_meanwhile_is_saved_without_asking(
    editor_client, from_a_visitor
):
    # Opened while a draft; a colleague publishes it; this editor changes only the title. The
    # save keeps it published (the colleague's status is kept): nothing to confirm.
    submission, url = from_a_visitor
    question = submission.published_question
    type(question).objects.filter(pk=question.pk).update(status="draft")
    page = editor_client.get(url)
    type(question).objects.filter(pk=question.pk).update(status="published")
    response = editor_client.post(url, form_data(page, title="Tired after acupuncture"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.title, question.status) == ("Tired after acupuncture", "published")


def test_a_visitors_qa_whose_asker_gave_no_address_is_set_to_draft_without_asking(editor_client):
    submission = published_from_a_visitor(make_editor("publisher"), email="")
    url = f"{LIST}{submission.published_question.pk}/change/"
    page = editor_client.get(url)
    assert (
        f"Published from a visitor&#x27;s question ({submission.reference}), whose asker gave no "
        "e-mail address: no one was sent this page&#x27;s address."
    ) in page.text
    assert CONFIRM not in page.text
    assert editor_client.post(url, form_data(page, status="draft")).status_code == 302


def sent_as_a_duplicate(question, **fields):
    """A visitor's question closed as a duplicate of `question`: its asker is sent its link."""
    from ask import services
    from tests.ask.conftest import make_submission

    closer = User.objects.filter(username="closer").first() or make_editor("closer")
    return services.close_as_duplicate(
        submission=make_submission(**fields), by=closer, duplicate_of=question
    )


def test_a_qa_sent_to_askers_as_the_answer_to_their_duplicate_needs_the_box_ticked(editor_client):
    question = make_question(make_category("Lower back pain"), title="Tired after treatment")
    first, second = sent_as_a_duplicate(question), sent_as_a_duplicate(question)
    url = f"{LIST}{question.pk}/change/"
    page = editor_client.get(url)
    assert (
        f"Sent as the answer to 2 visitors&#x27; questions ({first.reference}, "
        f"{second.reference}) closed as duplicates of it: their askers were e-mailed this "
        "page&#x27;s address."
    ) in page.text
    assert CONFIRM in page.text

    response = editor_client.post(url, form_data(page, status="draft"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["unpublish_confirmed"] == [
        f"This Q&A was sent as the answer to 2 visitors' questions ({first.reference}, "
        f"{second.reference}) closed as duplicates of it, whose askers were e-mailed its "
        "address: that link will not open while it is a draft or scheduled for later. Tick this "
        "box to save it all the same, or keep it published."
    ]
    assert type(question).objects.published().filter(pk=question.pk).exists()
    data = form_data(editor_client.get(url), status="draft", unpublish_confirmed="on")
    assert editor_client.post(url, data).status_code == 302
    assert not type(question).objects.published().filter(pk=question.pk).exists()


def test_a_visitors_qa_sent_again_as_a_duplicates_answer_names_both_askers(
    editor_client, from_a_visitor
):
    submission, url = from_a_visitor
    duplicate = sent_as_a_duplicate(submission.published_question)
    response = editor_client.post(url, form_data(editor_client.get(url), status="draft"))
    assert (
        response.context["adminform"]
        .form.errors["unpublish_confirmed"][0]
        .startswith(
            f"This Q&A was published from a visitor's question ({submission.reference}), whose "
            f"asker was e-mailed its address, and sent as the answer to a visitor's question "
            f"({duplicate.reference}) closed as a duplicate of it, whose asker was e-mailed its "
            "address: that link will not open"
        )
    )


def test_a_qa_chosen_for_a_duplicate_not_closed_or_with_no_address_is_not_guarded(editor_client):
    from ask import services
    from tests.ask.conftest import make_submission

    question = make_question(make_category("Lower back pain"), title="Tired after treatment")
    waiting = make_submission()
    services.save_draft(submission=waiting, by=make_editor("cy"), duplicate_of=question)
    no_address = sent_as_a_duplicate(question, email="")
    url = f"{LIST}{question.pk}/change/"
    page = editor_client.get(url)
    assert (
        f"Chosen as the answer to a visitor&#x27;s question ({no_address.reference}) closed as "
        "a duplicate of it, whose asker gave no e-mail address"
    ) in page.text
    assert waiting.reference not in page.text and CONFIRM not in page.text
    assert editor_client.post(url, form_data(page, status="draft")).status_code == 302


@pytest.mark.parametrize(
    "field, text, what",
    [
        ("answer", "Ann, it usually passes within a day.", "the asker's name"),
        ("question", "I am ann example and I feel tired.", "the asker's name"),
        ("answer", "Write to ann@example.org if it lasts.", "the asker's e-mail address"),
        ("title", "Tired after it (call 07700 900123)", "a phone or NHS number"),
        ("answer", "Write to ann (at) example (dot) org.", "an e-mail address spelled out"),
        ("question", "I live at Flat 3, Leeds LS1 4AB.", "a home address and a postcode"),
    ],
)
def test_an_edit_putting_the_askers_details_into_a_visitors_qa_is_refused(
    editor_client, from_a_visitor, field, text, what
):
    # Publishing refused them (ask.services); an edit here later must not let them in.
    submission, url = from_a_visitor
    response = editor_client.post(url, form_data(editor_client.get(url), **{field: text}))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors[field] == [
        f"This contains personal data ({what}). Edit it out: the Q&A is public."
    ]
    question = submission.published_question
    question.refresh_from_db()
    assert text not in (question.title, question.question, question.answer)


def test_a_qa_added_by_hand_with_an_email_address_is_refused(editor_client):
    page = editor_client.get(f"{LIST}add/")
    data = form_data(
        page,
        title="Tired after treatment",
        slug="tired-after-treatment",
        category=make_category("Lower back pain").pk,
        question="Is it normal? Reply to carl@example.org",
        answer="Rest, then move gently.",
        status="draft",
    )
    response = editor_client.post(f"{LIST}add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["question"] == [
        "This contains personal data (an e-mail address). Edit it out: the Q&A is public."
    ]
    assert not Question.objects.exists()


def test_the_askers_name_may_be_written_once_their_details_are_erased(
    editor_client, from_a_visitor
):
    # Nothing is known of the asker then; a word that happens to be their name is just a word.
    from ask import services

    submission, url = from_a_visitor
    services.withdraw(submission=submission)
    data = form_data(editor_client.get(url), answer="Ann, it usually passes within a day.")
    assert editor_client.post(url, data).status_code == 302


def test_a_visitors_qa_cannot_be_marked_as_from_the_archive_or_dated_before_it_was_asked(
    editor_client, from_a_visitor
):
    # Its page would say the earlier service's panel answered it, "Added here 1 January 2009".
    submission, url = from_a_visitor
    data = form_data(editor_client.get(url), from_archive="on", published_at_0="2009-01-01")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    received = date_format(timezone.localtime(submission.created_at), "DATETIME_FORMAT")
    published_from = f"This Q&A was published from a visitor's question ({submission.reference})"
    assert errors == {
        "from_archive": [
            f"{published_from}: its answer is this site's panel's, not the earlier archive's. "
            "Leave this unticked."
        ],
        "published_at": [
            f"{published_from}, received {received}: it cannot have been published before it "
            "was asked. Give a date and time from then on."
        ],
    }
    question = submission.published_question
    question.refresh_from_db()
    assert not question.from_archive and question.published_at >= submission.created_at


def test_a_visitors_qa_may_be_dated_from_the_minute_it_was_asked(editor_client, from_a_visitor):
    # The refusal gives the time to the minute: that minute, as typed, passes.
    submission, url = from_a_visitor
    received = timezone.localtime(submission.created_at).replace(second=0, microsecond=0)
    data = form_data(
        editor_client.get(url),
        published_at_0=received.date().isoformat(),
        published_at_1=received.strftime("%H:%M"),
    )
    assert editor_client.post(url, data).status_code == 302
    question = submission.published_question
    question.refresh_from_db()
    assert question.published_at == received
