"""The editors' workspace at a laptop's 1280 px, driven as an editor: what waits on the admin
index, the queue fitting the screen, assigning, previewing, saved replies, linking, what the
Editors group may do, keeping answers current, the searches that found little, and the admin
pages' accessibility."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from archive.models import Category, Question
from ask import services
from ask.models import SavedReply, Submission
from factsheets.models import Factsheet
from search.models import SearchGap
from tests.ask.conftest import make_editor, make_submission
from tests.e2e.conftest import serious_violations
from tests.factories import make_factsheet

pytestmark = pytest.mark.usefixtures("archive")

LONG_QUESTION = (
    "I have had lower back pain on and off for about six years, and since the spring it has "
    "spread into my left buttock and down the back of my thigh. My physiotherapist suggested "
    "acupuncture alongside the exercises. Is it likely to help, and how many sessions would I "
    "need before I know whether it is working?"
)
URGENT_QUESTION = (
    "Since this morning I have numbness in my groin and I cannot control my bladder properly. "
    "Could acupuncture help with this back pain?"
)


def log_in(page, user):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()


def named_editor(username, first, last):
    user = make_editor(username)
    user.first_name, user.last_name = first, last
    user.save()
    return user


def lower_back():
    return Category.objects.get(slug="lower-back-pain")


def fill_the_queue(holder):
    """A queue like a busy week's: long questions in a deep body area, some urgent, some held."""
    for n in range(12):
        submission = make_submission(question=f"{LONG_QUESTION} ({n})", category=lower_back())
        if n % 3 == 0:
            services.assign(submission=submission, editor=holder)
    make_submission(question=URGENT_QUESTION, category=lower_back())


def test_the_index_shows_what_waits_and_each_count_opens_its_list(page):
    editor = make_editor()
    fill_the_queue(named_editor("ana", "Ana", "Holder"))
    Question.objects.filter(title__icontains="sciatica").update(marked_for_review=True)
    log_in(page, editor)

    glance = page.locator(".at-a-glance")
    expect(glance).to_contain_text("13 questions waiting (new or in review)")
    expect(glance).to_contain_text("oldest:")
    expect(glance).to_contain_text("1 urgent question waiting")
    expect(glance).to_contain_text("overdue for review")
    due = Question.objects.due_for_review().count()
    assert due > 0
    expect(glance).to_contain_text(f"{due} Q&A{'' if due == 1 else 's'} due for review")

    glance.get_by_role("link", name="urgent question waiting").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("numbness in my groin")
    page.go_back()
    glance.get_by_role("link", name=re.compile("Q&As? due for review")).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(due)


@pytest.mark.parametrize("width", [1280, 1440])
def test_the_queue_fits_a_laptop_screen_with_urgent_rows_first_and_badged(page, width):
    editor = make_editor()
    fill_the_queue(named_editor("ana", "Anastasia", "Featherstonehaugh-Smythe"))
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, editor)
    page.get_by_role("link", name="Questions from visitors").first.click()

    assert_the_queue_fits(page, width)

    first_row = page.locator("#result_list tbody tr").first
    expect(first_row.locator(".badge-urgent")).to_have_text("Urgent")
    expect(first_row).to_contain_text("numbness in my groin")
    question = page.locator("#result_list .queue-question").nth(1)
    lines = question.evaluate(
        "el => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)"
    )
    assert lines <= 2.05, f"the question takes {lines:.1f} lines"
    assert question.bounding_box()["width"] > 250  # not one word per line
    expect(page.locator("#result_list")).to_contain_text("Anastasia Featherstonehaugh-Smythe")
    expect(page.locator("#result_list tbody td.field-age").first).to_have_text("0\xa0minutes")


def test_a_question_of_one_long_unbroken_word_wraps_in_the_queue(page):
    # A pasted link, or a key held down: no space to break the line at.
    make_submission(question="Backpain" * 60, category=lower_back())
    log_in(page, make_editor())
    page.goto("/admin/ask/submission/")
    assert_the_queue_fits(page, 1280)


def test_a_closed_questions_page_leads_back_to_the_queue_from_the_keyboard(page):
    editor = make_editor()
    submission = make_submission(category=lower_back())
    services.reject(submission=submission, by=editor)
    log_in(page, editor)
    rejected = f"state={Submission.State.REJECTED}"
    page.goto(f"/admin/ask/submission/{submission.pk}/change/?_changelist_filters={rejected}")
    expect(page.get_by_role("link", name="Close", exact=True)).to_have_count(0)
    # Its one step, then the way back, in each row of buttons.
    page.get_by_role("button", name=services.MOVES["erase"].button).first.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Back to the queue").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/admin/ask/submission/\?{rejected}$"))


def assert_the_queue_fits(page, width):
    """Neither the queue's page nor its table scrolls sideways, and its last columns are on a
    screen `width` wide."""
    fits = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert fits, "the page scrolls sideways"
    table_fits = page.locator("#changelist-form .results").evaluate(
        "el => el.scrollWidth <= el.clientWidth"
    )
    assert table_fits, "the queue's table scrolls sideways"
    for column in ("state", "age", "editor"):
        box = page.locator(f"#result_list thead th.column-{column}").bounding_box()
        assert box["x"] + box["width"] <= width, f"{column} is off screen"


def test_an_editor_assigns_to_a_colleague_and_sees_who_holds_a_question(page):
    editor = make_editor()
    colleague = named_editor("ben", "Ben", "Colleague")
    submission = make_submission(category=lower_back())
    log_in(page, editor)
    page.goto("/admin/ask/submission/")
    page.get_by_role("checkbox", name="Select this object for an action").first.check()
    page.locator("select[name=action]").select_option(
        label="Assign the selected questions to the editor chosen in the “Editor” box to the right"
    )
    page.locator("select[name=editor]").select_option(label="Ben Colleague")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Assigned 1 question to Ben Colleague.")
    submission.refresh_from_db()
    assert submission.assigned_to == colleague

    page.get_by_role("link", name="Mine").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(0)
    page.goto(f"/admin/ask/submission/{submission.pk}/change/")
    expect(page.locator(".held-by")).to_contain_text("Ben Colleague holds this question")
    expect(page.locator(".held-by")).to_contain_text("since")
    # Taking it over is a step on a colleague's question: it needs the tick.
    page.get_by_role("button", name="Assign to me").first.click()
    expect(page.locator(".held-by")).to_contain_text("Ben Colleague holds this question")
    page.get_by_label("I have checked with Ben Colleague: take this step on their question").check()
    page.get_by_role("button", name="Assign to me").first.click()
    expect(page.locator(".held-by")).to_have_count(0)
    page.goto("/admin/ask/submission/?editor=mine")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)


def test_rejecting_a_colleagues_question_asks_only_once_ticked_as_checked_with_them(page):
    # Unticked, the page refuses the step: asking "cannot be undone" first would ask for nothing.
    colleague = named_editor("ben", "Ben", "Colleague")
    submission = services.assign(submission=make_submission(), editor=colleague)
    log_in(page, make_editor())
    page.goto(f"/admin/ask/submission/{submission.pk}/change/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Reject").first.click()
    expect(page.locator(".errorlist")).to_contain_text("Ben Colleague holds this question")
    assert asked == []
    page.get_by_label("I have checked with Ben Colleague: take this step on their question").check()
    page.get_by_role("button", name="Reject").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Rejected")
    assert len(asked) == 1
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.REJECTED


def see_your_gp_first():
    """The saved reply editors insert most."""
    return SavedReply.objects.create(
        title="See your GP first",
        text="Please see your GP first, so that they can rule out anything needing treatment.",
    )


def test_an_editor_answers_with_a_saved_reply_links_previews_and_publishes(page):
    editor = make_editor()
    see_your_gp_first()
    submission = make_submission(
        question="My sciatica has flared since my second acupuncture session. Is that normal?",
        category=lower_back(),
    )
    services.assign(submission=submission, editor=editor)
    earlier = Question.objects.published().filter(title__icontains="sciatica").first()
    log_in(page, editor)
    page.goto(f"/admin/ask/submission/{submission.pk}/change/")

    page.get_by_label("Title for the archive").fill("Sciatica flaring after a session")
    answer = page.locator("#id_answer")
    answer.fill("A flare for a day or two after a session is common.")
    page.get_by_role("button", name="See your GP first").click()
    expect(answer).to_have_value(
        "A flare for a day or two after a session is common.\n\n"
        "Please see your GP first, so that they can rule out anything needing treatment."
    )
    expect(answer).to_be_focused()

    expect(page.locator(".field-mentioned_factsheets")).to_contain_text("Sciatica: choose it")
    choose(page, "factsheets", "Sciatica", "Sciatica")
    choose(page, "linked_questions", "sciatica", earlier.title)

    with page.expect_popup() as popup:
        page.get_by_role("button", name="Preview the Q&A page").click()
    preview = popup.value
    expect(preview.get_by_text("Preview: not published yet.")).to_be_visible()
    expect(preview.locator("main")).to_contain_text("Please see your GP first")
    expect(preview.get_by_role("link", name="Sciatica", exact=True)).to_be_visible()
    expect(preview.get_by_role("link", name=earlier.title).first).to_be_visible()
    assert preview.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    preview.close()
    assert not Question.objects.filter(title="Sciatica flaring after a session").exists()

    page.get_by_role("button", name="Save and mark answered").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Answered")
    asked = []  # publishing first names the address it gives for good
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Save and publish in the archive").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    assert "its address never changes" in asked[0]

    published = Question.objects.get(title="Sciatica flaring after a session")
    page.goto(published.get_absolute_url())
    expect(page.get_by_role("link", name="Sciatica", exact=True)).to_be_visible()
    page.goto(Factsheet.objects.get(condition="Sciatica").get_absolute_url())
    expect(page.get_by_role("link", name="Sciatica flaring after a session")).to_be_visible()


def test_a_saved_reply_goes_at_the_end_of_an_answer_not_placed_in_else_at_the_cursor(page):
    editor = make_editor()
    reply = see_your_gp_first().text
    submission = services.assign(submission=make_submission(), editor=editor)
    saved = "Acupuncture may help some people with sciatica."
    Submission.objects.filter(pk=submission.pk).update(answer=saved)
    log_in(page, editor)
    change = f"/admin/ask/submission/{submission.pk}/change/"
    answer = page.locator("#id_answer")
    button = page.get_by_role("button", name="See your GP first")

    # By keyboard alone, passing through the answer on the way to the button.
    page.goto(change)
    page.locator("#id_edited_question").focus()
    page.keyboard.press("Tab")
    expect(answer).to_be_focused()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(answer).to_have_value(f"{saved}\n\n{reply}")
    expect(answer).to_be_focused()
    assert cursor(answer) == [len(f"{saved}\n\n{reply}")] * 2

    # The cursor clicked in at the start of the answer.
    page.goto(change)
    answer.click(position={"x": 2, "y": 2})
    button.click()
    expect(answer).to_have_value(f"{reply}\n\n{saved}")
    expect(answer).to_be_focused()
    assert cursor(answer) == [len(reply)] * 2


def cursor(box):
    """Where a text box's selection starts and ends."""
    return box.evaluate("box => [box.selectionStart, box.selectionEnd]")


def choose(page, field, typed, option):
    """Pick `option` in an admin autocomplete box by typing `typed`."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()
    expect(page.locator(f".field-{field} .select2-selection")).to_contain_text(option)


def test_erasing_an_askers_details_asks_first_and_a_no_keeps_them(page):
    editor = make_editor()
    submission = services.assign(submission=make_submission(), editor=editor)
    log_in(page, editor)
    page.goto(f"/admin/ask/submission/{submission.pk}/change/")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role(
        "button", name="Withdraw at the asker's request and erase their details"
    ).first.click()
    assert asked == [services.ERASE_CONFIRM]
    submission.refresh_from_db()
    assert (submission.state, submission.name) == (Submission.State.IN_REVIEW, "Ann Example")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role(
        "button", name="Withdraw at the asker's request and erase their details"
    ).first.click()
    expect(page.locator(".messagelist")).to_contain_text("Withdrawn")
    submission.refresh_from_db()
    assert (submission.state, submission.name) == (Submission.State.WITHDRAWN, "")


def test_an_editor_keeps_synonyms_and_reviews_factsheets_but_cannot_delete_or_see_accounts(page):
    editor = make_editor()
    log_in(page, editor)
    page.goto("/admin/search/synonym/add/")
    page.get_by_label("Lay term").fill("wobbly knees")
    page.get_by_label("Clinical terms").fill("knee instability")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # One making no claim current evidence does not support: no review is recorded for one that
    # does (the seed's, such as "Sciatica"), while its readers are told so.
    factsheet = make_factsheet("Frozen shoulder", summary="Pain and stiffness in the shoulder.")
    page.goto(f"/admin/factsheets/factsheet/{factsheet.pk}/change/")
    page.get_by_label("Last reviewed").fill("2026-11-30")
    page.get_by_label("Next review").fill("2027-11-30")
    # Exactly: "Addresses of deleted Q&As", in the app list beside it, is no delete link.
    expect(page.get_by_role("link", name="Delete", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    factsheet.refresh_from_db()
    assert str(factsheet.last_reviewed) == "2026-11-30"

    assert page.goto("/admin/auth/user/").status == 403
    assert not User.objects.filter(username=editor.username, is_superuser=True).exists()


def test_an_editor_marks_every_answer_with_a_phrase_for_review_and_readers_see_a_note(page):
    editor = make_editor()
    log_in(page, editor)
    page.goto("/admin/archive/question/")
    page.locator("#searchbar").fill('"sciatic nerve"')
    page.get_by_role("button", name="Search").click()
    matching = Question.objects.filter(answer__icontains="sciatic nerve")
    expect(page.locator("#result_list tbody tr")).to_have_count(matching.count())
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option(label="Mark the selected Q&As for review")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("marked for review")

    page.goto(matching.first().get_absolute_url())
    expect(page.locator("#review-note")).to_contain_text(
        "This answer is due for review by the expert panel."
    )
    page.goto("/admin/")
    page.get_by_role("link", name=re.compile("Q&As? due for review")).click()
    # With those the importer marked: the seed's answers that cite a guideline.
    due = Question.objects.due_for_review()
    assert set(matching) < set(due)
    expect(page.locator("#result_list tbody tr")).to_have_count(due.count())
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option(
        label="Mark the selected Q&As as reviewed today"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("marked as reviewed today")
    page.goto(matching.first().get_absolute_url())
    expect(page.locator("#review-note")).to_have_count(0)


def test_an_editor_sees_what_patients_looked_for_and_did_not_find_and_runs_it(page):
    for words in ("frozen shoulder", "Frozen shoulder", "tennis elbow"):
        page.goto("/")
        page.get_by_label("Search the answers").fill(words)
        page.get_by_label("Search the answers").press("Enter")
        expect(page.locator("#search-q")).to_have_value(words)
    log_in(page, make_editor())
    # "Waiting for editors" counts them, and leads to them.
    page.get_by_role("link", name="2 searches that found little").click()
    rows = page.locator(".search-gaps tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.locator("th")).to_have_text("frozen shoulder")
    expect(rows.first.locator("td").nth(1)).to_have_text("2")  # after the tick box
    # Once covered, it is marked dealt with and leaves the list.
    page.get_by_label("Select tennis elbow").check()
    page.get_by_label("Action").select_option(label="Mark the selected searches as dealt with")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 search marked as dealt with")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link", name="Run this search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=frozen\+shoulder$"))
    # An editor's own search is not a patient's: the count stays as it was.
    page.goto("/admin/search/searchgap/")
    expect(rows.first.locator("td").nth(1)).to_have_text("2")


ADMIN_PAGES = [
    "/admin/",
    "/admin/ask/submission/",
    "submission",
    "/admin/ask/savedreply/add/",
    "/admin/archive/question/",
    "/admin/archive/question/?review=due",
    "/admin/search/synonym/add/",
    "/admin/search/searchgap/",
    "factsheet",
    "question",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_the_admin_pages_editors_use_have_no_serious_accessibility_violations(page, axe, url):
    editor = make_editor()
    fill_the_queue(named_editor("ana", "Ana", "Holder"))
    SavedReply.objects.create(title="See your GP first", text="Please see your GP first.")
    SearchGap.objects.record("frozen shoulder", 0)
    SearchGap.objects.record("sciatica and xylophone", 12, missing=["xylophone"])
    if url == "submission":
        held = Submission.objects.filter(assigned_to__username="ana").first()
        url = f"/admin/ask/submission/{held.pk}/change/"
    if url == "factsheet":
        url = f"/admin/factsheets/factsheet/{Factsheet.objects.first().pk}/change/"
    if url == "question":
        url = f"/admin/archive/question/{Question.objects.first().pk}/change/"
    log_in(page, editor)
    page.goto(url)
    assert serious_violations(axe, page) == []
