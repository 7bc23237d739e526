"""An editor's and an administrator's pages at a laptop's 1366 × 768: a Q&A's title is corrected
in a box that shows all of it, its answer and a factsheet's sections in boxes as wide as the row,
a visitor's question answered in one too, its saved replies under it, and the outbox's list fits
the screen, with who noted an asker cannot be reached."""

import pytest
from django.contrib.auth.models import User
from django.db.models.functions import Length
from django.utils import timezone

from archive.models import Question
from ask import services
from ask.models import OutgoingEmail, SavedReply
from factsheets.models import Factsheet
from tests.ask.conftest import make_editor, make_submission
from tests.e2e.conftest import open_page
from tests.e2e.test_workspace import log_in

pytestmark = pytest.mark.usefixtures("archive")


@pytest.fixture
def laptop(chromium, live_server, request):
    page = open_page(chromium, live_server, request)
    page.set_viewport_size({"width": 1366, "height": 768})
    return page


def test_an_editor_sees_the_whole_title_of_a_qa_they_correct(laptop):
    longest = Question.objects.order_by(Length("title").desc()).first()
    log_in(laptop, make_editor())
    laptop.goto(f"/admin/archive/question/{longest.pk}/change/")
    title = laptop.get_by_label("Title")
    assert title.input_value() == longest.title
    assert title.evaluate("box => box.scrollWidth <= box.clientWidth")


@pytest.mark.parametrize(
    "model, boxes",
    [
        (Question, ["question", "answer"]),
        (Factsheet, ["summary", "what_it_is", "evidence"]),
    ],
)
def test_an_editor_writes_an_answer_or_a_factsheet_in_a_box_as_wide_as_the_row(
    laptop, model, boxes
):
    log_in(laptop, make_editor())
    opts = model._meta
    laptop.goto(f"/admin/{opts.app_label}/{opts.model_name}/{model.objects.first().pk}/change/")
    for name in boxes:
        # Not admin's 610 px, half the row of a Q&A's page: the row beside the label, less the
        # navigation beside a factsheet's.
        assert laptop.locator(f"#id_{name}").evaluate("box => box.offsetWidth") > 750, name


def test_an_editor_answers_in_a_box_as_wide_as_the_row_with_the_saved_replies_under_it(laptop):
    for title in ("See your GP first", "Keep moving gently", "Aching after a session"):
        SavedReply.objects.create(title=title, text=f"{title}.")
    editor = make_editor()
    submission = services.assign(submission=make_submission(), editor=editor)
    log_in(laptop, editor)
    laptop.goto(f"/admin/ask/submission/{submission.pk}/change/")
    answer = laptop.locator("#id_answer")
    # Not beside the box, taking its width.
    assert answer.evaluate("box => box.offsetWidth") == laptop.locator(
        "#id_edited_question"
    ).evaluate("box => box.offsetWidth")
    replies = laptop.get_by_role("group", name="Saved replies").bounding_box()
    box = answer.bounding_box()
    assert replies["y"] >= box["y"] + box["height"]


def test_an_administrator_sees_the_whole_outbox(laptop):
    now = timezone.now()
    OutgoingEmail.objects.create(to="bo@example.org", subject="Hi", body="?", sent_at=now)
    refused = (
        "SMTPRecipientsRefused: {'ann.example@example.org': (550, b'5.1.1 "
        "<ann.example@example.org>: Recipient address rejected: User unknown')}"
    )
    OutgoingEmail.objects.create(
        to="ann@example.org",
        subject="Get medical help now: your question has been answered and published",
        body="?",
        attempts=3,
        last_error=refused,
        last_failure="refused",
    )
    # Given up, and noted that the asker cannot be reached at its address, by an editor of a
    # long name: the list says who and when.
    submission = make_submission()
    given_up = {"sent_at": None, "attempts": 18, "next_attempt_at": None}
    OutgoingEmail.objects.filter(submission=submission).update(**given_up)
    editor = make_editor()
    editor.first_name, editor.last_name = "Anastasia", "Featherstonehaugh-Montgomery"
    editor.save()
    services.note_unreachable(email=submission.emails.get(), by=editor)
    log_in(laptop, User.objects.create_superuser("admin", password="pw"))
    laptop.goto("/admin/ask/outgoingemail/")
    assert laptop.get_by_text("cannot be reached at this address").count() == 1
    table = laptop.locator("#changelist-form .results")
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth"), "the outbox scrolls sideways"
