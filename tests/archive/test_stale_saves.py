"""Two editors on one page in admin (archive.forms.RefuseStaleSavesForm): a save keeps what a
colleague saved since the page was opened in every box the editor left alone, writes what the
editor changed, and is refused, showing what is saved now, only where both changed the same box
differently; sent again, it keeps the editor's version."""

import datetime

import pytest
from django import forms
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from archive.models import Question
from ask import services
from ask.models import Submission
from factsheets.models import Factsheet
from tests.ask.conftest import make_editor, make_submission
from tests.factories import make_category, make_factsheet, make_question

pytestmark = pytest.mark.django_db


def url_of(obj):
    app, model = obj._meta.app_label, obj._meta.model_name
    return f"/admin/{app}/{model}/{obj.pk}/change/"


def posted(page, **changes):
    """What a browser sends back from an admin change page, boxes as the page shows them (dates
    as typed, times to the second, lines ending in CRLF), with `changes` typed in; a change to
    None leaves a box out, as an unticked one is."""
    data = {}
    for bound in page.context["adminform"].form:
        widget, value, name = bound.field.widget, bound.value(), bound.html_name
        if isinstance(widget, forms.MultiWidget):  # published_at: a date and a time
            parts = value if isinstance(value, list) else widget.decompress(value)
            for i, (part_widget, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                data[f"{name}_{i}"] = part_widget.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if widget.check_test(value):
                data[name] = "on"
        elif isinstance(bound.field, forms.ModelMultipleChoiceField):
            data[name] = [str(pk) for pk in value or []]
        elif isinstance(value, datetime.date):
            data[name] = widget.format_value(value)
        elif isinstance(widget, forms.Textarea) and value:
            data[name] = value.replace("\r\n", "\n").replace("\n", "\r\n")
        elif value is not None:
            data[name] = str(value)
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    data |= changes
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def ann(db):
    client = Client()
    client.force_login(make_editor("ann"))
    return client


@pytest.fixture
def bo(db):
    client = Client()
    client.force_login(make_editor("bo"))
    return client


def save(client, obj, **changes):
    """`client` opens `obj`'s page, types `changes` and saves it; the response."""
    url = url_of(obj)
    return client.post(url, posted(client.get(url), **changes) | {"_continue": "1"})


def a_question(**fields):
    return make_question(
        make_category("Lower back pain"),
        title="Tired after treatment",
        answer="It passes.\nRest for a day.",
        **fields,
    )


def in_the_box(question, name):
    """`name` as the page shows it, for comparing with what a colleague typed."""
    value = getattr(question, name)
    if name == "category":
        return str(value.pk)
    if name == "linked_questions":
        return [str(q.pk) for q in value.all()]
    if name == "last_reviewed":
        return value and value.strftime("%d/%m/%Y")
    return value


YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


# For each kind of box: what a colleague types into it, and how it reads once saved.
THEIRS = {
    "title": ("Bo's title", "Bo's title"),
    "answer": ("Bo's answer.\r\nSee your GP.", "Bo's answer.\r\nSee your GP."),
    "last_reviewed": (YESTERDAY.strftime("%d/%m/%Y"), YESTERDAY),
    "question_preserved": (None, False),  # unticked
    "marked_for_review": ("on", True),
}


@pytest.mark.parametrize(
    "name",
    [*THEIRS, "category", "linked_questions", "published_at"],
)
def test_a_box_a_colleague_changed_and_the_editor_did_not_keeps_their_value(ann, bo, name):
    question = a_question(reviewed_by="")
    other = make_question(make_category("Neck"), title="Stiff neck")
    url = url_of(question)
    page = ann.get(url)
    if name == "category":
        typed, saved = str(other.category.pk), other.category
    elif name == "linked_questions":
        typed, saved = [str(other.pk)], [other]
    elif name == "published_at":
        typed = {"published_at_0": "02/01/2025", "published_at_1": "09:30:00"}
        saved = datetime.datetime(2025, 1, 2, 9, 30, tzinfo=datetime.UTC)
    else:
        typed, saved = THEIRS[name]
    theirs = posted(bo.get(url), **(typed if name == "published_at" else {name: typed}))
    assert bo.post(url, theirs).status_code == 302

    # Ann changes another box, and leaves this one as her page shows it.
    mine = "answer" if name == "title" else "title"
    response = ann.post(url, posted(page, **{mine: "Ann's words"}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    question.refresh_from_db()
    assert getattr(question, mine) == "Ann's words"
    value = getattr(question, name)
    assert (list(value.all()) if name == "linked_questions" else value) == saved
    # The history names only what Ann changed.
    assert LogEntry.objects.latest("action_time").get_change_message() == (
        f"Changed {Question._meta.get_field(mine).verbose_name.capitalize()}."
    )


def test_a_box_both_changed_alike_is_no_conflict(ann, bo):
    question = a_question()
    url = url_of(question)
    page = ann.get(url)
    assert save(bo, question, answer="The same answer.").status_code == 302
    assert ann.post(url, posted(page, answer="The same answer.")).status_code == 302
    question.refresh_from_db()
    assert question.answer == "The same answer."


def test_a_save_of_nothing_the_form_writes_is_no_conflict(ann):
    question = a_question()
    url = url_of(question)
    page = ann.get(url)
    Question.objects.filter(pk=question.pk).update(updated_at=timezone.now())
    assert ann.post(url, posted(page, title="Ann's title")).status_code == 302
    question.refresh_from_db()
    assert question.title == "Ann's title"


def test_a_text_sent_back_as_it_was_shown_is_unchanged_however_its_lines_end(ann, bo):
    question = a_question()  # its answer's lines end in LF; the browser sends them in CRLF
    url = url_of(question)
    page = ann.get(url)
    assert posted(page)["answer"] == "It passes.\r\nRest for a day."
    Question.objects.filter(pk=question.pk).update(answer="Bo's answer.")
    assert ann.post(url, posted(page, title="Ann's title")).status_code == 302
    question.refresh_from_db()
    assert (question.title, question.answer) == ("Ann's title", "Bo's answer.")


def test_a_box_both_changed_differently_refuses_the_save_showing_theirs(ann, bo):
    question = a_question()
    other = make_category("Neck")
    url = url_of(question)
    page = ann.get(url)
    theirs = "<b>Bo's</b> answer." + " Long." * 100
    assert save(bo, question, answer=theirs, category=str(other.pk)).status_code == 302

    response = ann.post(url, posted(page, answer="Ann's answer.", title="Ann's title"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["answer"] == ["Changed by someone else since you opened this page."]
    assert "category" not in form.errors  # Ann left it alone: theirs is kept
    html = response.text
    assert (
        "Someone else saved this question after you opened it, changing “Answer” as you did, so "
        "nothing was saved." in html
    )
    assert "Save again to keep yours, or take theirs from below." in html
    assert ">\nAnn&#x27;s answer.</textarea>" in html  # what Ann typed is still in the box
    assert ">\nAnn&#x27;s title</textarea>" in html  # and her title
    # Under the box, what Bo saved: escaped, and shortened.
    shown = html.split('<span class="saved-now">', 1)[1].split("</span>", 1)[0]
    assert shown.startswith("Saved now by someone else: “&lt;b&gt;Bo&#x27;s&lt;/b&gt; answer.")
    assert shown.endswith("…”")
    assert len(shown) < 400
    question.refresh_from_db()
    assert (question.title, question.answer) == ("Tired after treatment", theirs)

    # Sent again as it came back, the page saves Ann's answer, and keeps Bo's body area.
    assert ann.post(url, posted(response)).status_code == 302
    question.refresh_from_db()
    assert (question.title, question.answer) == ("Ann's title", "Ann's answer.")
    assert question.category == other


@pytest.mark.parametrize(
    "name", ["category", "linked_questions", "published_at", "marked_for_review"]
)
def test_a_refused_page_shows_in_the_boxes_left_alone_what_the_colleague_saved(ann, bo, name):
    question = a_question()
    other = make_question(make_category("Neck"), title="Stiff neck")
    url = url_of(question)
    page = ann.get(url)
    theirs = {
        "category": {"category": str(other.category.pk)},
        "linked_questions": {"linked_questions": [str(other.pk)]},
        "published_at": {"published_at_0": "02/01/2025", "published_at_1": "09:30:00"},
        "marked_for_review": {"marked_for_review": "on"},
    }[name]
    assert bo.post(url, posted(bo.get(url), **theirs, answer="Bo's answer.")).status_code == 302

    response = ann.post(url, posted(page, answer="Ann's answer."))
    assert response.status_code == 200
    # The box Ann left alone shows what Bo saved, which is what is kept; hers, in the box she
    # changed.
    shown = posted(response)
    assert {key: shown.get(key) for key in theirs} == theirs
    assert shown["answer"] == "Ann's answer."
    label = response.context["adminform"].form.fields[name].label
    said = f"“{label}” shows what they saved, as you left it alone: that is kept."
    assert escape(said) in response.text
    before = Question.objects.get(pk=question.pk)
    # Sent again as shown, Ann's answer is saved and Bo's box stays as he saved it.
    assert ann.post(url, shown).status_code == 302
    question.refresh_from_db()
    assert question.answer == "Ann's answer."
    if name == "linked_questions":
        assert list(question.linked_questions.all()) == [other]
    else:
        assert getattr(question, name) == getattr(before, name)


@pytest.mark.parametrize("name", ["category", "last_reviewed", "linked_questions"])
def test_each_kind_of_box_changed_by_both_is_refused_then_kept_as_the_editor_sent_it(ann, bo, name):
    question = a_question()
    neck, shoulder = make_question(make_category("Neck")), make_question(make_category("Arm"))
    theirs, mine, shown = {
        "category": (str(neck.category.pk), str(shoulder.category.pk), neck.category.name),
        "last_reviewed": ("01/03/2025", "02/03/2025", "1 March 2025"),
        "linked_questions": ([str(neck.pk)], [str(shoulder.pk)], neck.title),
    }[name]
    url = url_of(question)
    page = ann.get(url)
    assert save(bo, question, **{name: theirs}).status_code == 302

    response = ann.post(url, posted(page, **{name: mine}))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [name, "__all__"]
    assert f"Saved now by someone else: “{shown}”" in response.text
    question.refresh_from_db()
    assert in_the_box(question, name) == theirs
    assert ann.post(url, posted(response)).status_code == 302
    question.refresh_from_db()
    assert in_the_box(question, name) == mine


def test_assigning_a_visitors_question_meanwhile_does_not_stop_the_answer_being_saved(ann, bo):
    submission = make_submission()
    url = url_of(submission)
    page = ann.get(url)
    assert posted(page)["edited_question"] == ""
    bo_user = make_editor("cy")
    services.assign(submission=submission, editor=bo_user)  # fills in the edited question

    response = ann.post(url, posted(page, answer="Ann's answer.") | {"_continue": "1"})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.answer == "Ann's answer."
    assert submission.edited_question == submission.question  # not emptied again
    assert submission.assigned_to == bo_user


def test_a_visitors_question_keeps_the_factsheets_a_colleague_linked_meanwhile(ann, bo):
    submission = make_submission()
    url = url_of(submission)
    page = ann.get(url)
    sciatica = make_factsheet("Sciatica")
    assert save(bo, submission, factsheets=[str(sciatica.pk)]).status_code == 302

    assert (
        ann.post(url, posted(page, answer="Ann's answer.") | {"_continue": "1"}).status_code == 302
    )
    submission = Submission.objects.get()
    assert submission.answer == "Ann's answer."
    assert list(submission.factsheets.all()) == [sciatica]


def test_a_visitors_question_whose_answer_both_changed_is_refused_then_saved(ann, bo):
    submission = make_submission()
    url = url_of(submission)
    page = ann.get(url)
    services.save_draft(submission=submission, by=make_editor("cy"), answer="Cy's answer.")
    response = ann.post(url, posted(page, answer="Ann's answer.") | {"_continue": "1"})
    assert response.status_code == 200
    assert "Saved now by someone else: “Cy&#x27;s answer.”" in response.text
    assert Submission.objects.get().answer == "Cy's answer."
    assert ann.post(url, posted(response) | {"_continue": "1"}).status_code == 302
    assert Submission.objects.get().answer == "Ann's answer."


def test_a_factsheet_keeps_a_colleagues_review_date_and_refuses_clashing_links(ann, bo):
    factsheet = make_factsheet("Sciatica", summary="Old summary.")
    walks = make_question(make_category(), title="Sciatica on long walks")
    sitting = make_question(make_category(), title="Sciatica when sitting")
    url = url_of(factsheet)
    page = ann.get(url)
    assert save(bo, factsheet, next_review="01/06/2030").status_code == 302
    assert ann.post(url, posted(page, summary="Ann's summary.")).status_code == 302
    factsheet = Factsheet.objects.get()
    assert factsheet.summary == "Ann's summary."
    assert factsheet.next_review == datetime.date(2030, 6, 1)

    page = ann.get(url)
    assert save(bo, factsheet, questions=[str(walks.pk)]).status_code == 302
    response = ann.post(url, posted(page, questions=[str(sitting.pk)]))
    assert response.status_code == 200
    assert "Saved now by someone else: “Sciatica on long walks”" in response.text
    assert list(Factsheet.objects.get().questions.all()) == [walks]
    assert ann.post(url, posted(response)).status_code == 302
    assert list(Factsheet.objects.get().questions.all()) == [sitting]
