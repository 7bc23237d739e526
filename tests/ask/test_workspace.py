"""The editors' workspace around the queue: the admin index's counts, the "mine" filter,
assigning to another editor, the warning on a question someone else holds, the preview of the
Q&A page, saved replies and the links an answer carries into the archive."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.utils import timezone

from archive.models import Question
from ask import services
from ask.models import OutgoingEmail, SavedReply, Submission
from tests.ask.conftest import make_editor, make_submission
from tests.ask.test_admin import QUEUE, change_url, form_data, press
from tests.factories import make_category, make_factsheet, make_question

pytestmark = pytest.mark.django_db
State = Submission.State


def glance(client):
    """The admin index's counts as {label: (count, link)}."""
    items = client.get("/admin/").context["items"]
    return {item["label"]: (item["count"], item["url"]) for item in items}


def test_the_index_counts_what_waits_each_linking_to_its_list(editor_client, editor, area):
    make_submission()
    make_submission(question="Sudden numbness in my groin and I cannot pee properly since today")
    answered = make_submission()
    services.assign(submission=answered, editor=editor)
    services.mark_answered(submission=answered, by=editor, answer="It usually passes.")
    today = timezone.localdate()
    make_factsheet(last_reviewed=today - timedelta(days=400), next_review=today - timedelta(days=1))
    make_factsheet(
        last_reviewed=today - timedelta(days=300), next_review=today + timedelta(days=10)
    )
    make_factsheet(last_reviewed=today, next_review=today + timedelta(days=300))
    make_question(area, marked_for_review=True)
    make_question(area, review_by=today)
    make_question(area)

    counts = glance(editor_client)
    assert counts["questions waiting (new or in review)"][0] == 2
    assert counts["urgent question waiting"][0] == 1
    assert counts["answered, not yet published"][0] == 1
    assert counts["factsheet overdue for review"][0] == 1
    assert counts["factsheet due for review within 30 days"][0] == 1
    assert counts["Q&As due for review"][0] == 2
    for count, url in counts.values():
        context = editor_client.get(url).context
        # The searches that found little have a list of their own, paginated without admin's.
        listed = context["cl"].result_count if "cl" in context else context["page"].paginator.count
        assert listed == count, url


def test_the_index_says_how_long_the_oldest_question_has_waited(editor_client):
    make_submission()
    Submission.objects.update(created_at=timezone.now() - timedelta(days=3, hours=2))
    assert "oldest: 3\xa0days" in editor_client.get("/admin/").text


def test_the_index_gives_the_oldest_questions_wait_in_whole_days(editor_client):
    make_submission()
    Submission.objects.update(created_at=timezone.now() - timedelta(days=12, hours=2))
    html = editor_client.get("/admin/").text
    assert "oldest: 12\xa0days" in html
    Submission.objects.update(created_at=timezone.now() - timedelta(days=1, hours=2))
    assert "oldest: 1\xa0day<" in editor_client.get("/admin/").text


def test_the_index_counts_questions_with_an_email_not_delivered_linking_to_them(
    editor_client, editor
):
    failing = make_submission(red_flags_ticked=["fever"])
    given_up, sent, untried, elsewhere = (make_submission() for _ in range(4))
    emails = OutgoingEmail.objects
    emails.filter(submission=failing).update(attempts=1, last_error="Connection refused")
    emails.filter(submission=given_up).update(attempts=18, next_attempt_at=None)
    emails.filter(submission=sent).update(attempts=3, sent_at=timezone.now())
    emails.filter(submission=elsewhere).update(submission=None, attempts=5)  # no question's
    services.reject(submission=given_up, by=editor)  # closed, but its asker was never told
    count, url = glance(editor_client)["questions with an e-mail not delivered"]
    assert count == 2
    assert set(editor_client.get(url).context["cl"].result_list) == {failing, given_up}
    item = next(i for i in editor_client.get("/admin/").context["items"] if url == i["url"])
    assert (item["urgent"], item["detail"]) == (True, "1 urgent, 1 given up")
    assert untried not in editor_client.get(url).context["cl"].result_list


def test_the_index_counts_take_a_handful_of_queries_however_much_waits(
    editor_client, area, django_assert_max_num_queries
):
    def index_queries():
        with django_assert_max_num_queries(10) as captured:
            assert editor_client.get("/admin/").status_code == 200
        return len(captured)

    make_submission()
    few = index_queries()
    for _ in range(10):
        make_submission()
        make_question(area, marked_for_review=True)
        make_factsheet()
    assert index_queries() == few


def test_the_index_shows_no_counts_to_staff_who_may_not_see_the_work(client, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(user)
    assert "Waiting for editors" not in client.get("/admin/").text


def test_the_mine_filter_shows_the_questions_i_hold(editor_client, editor):
    mine, theirs, nobodys = make_submission(), make_submission(), make_submission()
    services.assign(submission=mine, editor=editor)
    services.assign(submission=theirs, editor=make_editor("other"))
    listed = {
        value: list(editor_client.get(QUEUE, {"editor": value}).context["cl"].result_list)
        for value in ("mine", "nobody", "others")
    }
    assert listed == {"mine": [mine], "nobody": [nobodys], "others": [theirs]}


def test_a_question_can_be_assigned_to_any_editor_with_who_did_it_in_its_history(
    editor_client, editor
):
    other = make_editor("other")
    submission = make_submission()
    editor_client.post(
        QUEUE,
        {
            "action": "assign_to_chosen_editor",
            "_selected_action": [submission.pk],
            "editor": other.pk,
        },
    )
    submission.refresh_from_db()
    assert submission.assigned_to == other
    assert submission.history.last().by == editor


def test_assigning_to_the_chosen_editor_leaves_a_colleagues_question_naming_it(
    editor_client, editor, olu
):
    # Taking it from them is a step on their question, as on its own page.
    theirs = held_by(olu)
    mine = services.assign(submission=make_submission(), editor=editor)
    ben = make_editor("ben")
    response = editor_client.post(
        QUEUE,
        {
            "action": "assign_to_chosen_editor",
            "_selected_action": [theirs.pk, mine.pk],
            "editor": ben.pk,
        },
        follow=True,
    )
    assert f"{theirs}: Olu Other holds it; open it to take it over." in response.text
    assert "Assigned 1 question to ben." in response.text
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (theirs.assigned_to, mine.assigned_to) == (olu, ben)


def test_only_an_editor_can_be_chosen_to_hold_a_question(editor_client, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="pw", is_staff=True)
    submission = make_submission()
    response = editor_client.post(
        QUEUE,
        {
            "action": "assign_to_chosen_editor",
            "_selected_action": [submission.pk],
            "editor": outsider.pk,
        },
        follow=True,
    )
    offered = response.context["action_form"].fields["editor"].queryset
    assert outsider not in offered and list(offered) == [User.objects.get(username="editor")]
    assert Submission.objects.get().state == State.NEW


def test_assigning_to_the_chosen_editor_without_choosing_one_says_so(editor_client):
    submission = make_submission()
    response = editor_client.post(
        QUEUE,
        {"action": "assign_to_chosen_editor", "_selected_action": [submission.pk]},
        follow=True,
    )
    assert "Choose the editor to assign them to." in response.text
    assert Submission.objects.get().state == State.NEW


def test_assigning_several_to_me_leaves_those_another_editor_holds(editor_client, editor):
    held, free = make_submission(), make_submission()
    services.assign(submission=held, editor=make_editor("other"))
    response = editor_client.post(
        QUEUE, {"action": "assign_to_me", "_selected_action": [held.pk, free.pk]}, follow=True
    )
    assert "other holds it" in response.text
    held.refresh_from_db()
    free.refresh_from_db()
    assert (held.assigned_to.username, free.assigned_to) == ("other", editor)


def test_a_question_another_editor_holds_says_who_and_since_when(editor_client, editor):
    submission = make_submission()
    other = make_editor("other")
    other.first_name, other.last_name = "Olu", "Other"
    other.save()
    services.assign(submission=submission, editor=other)
    page = editor_client.get(change_url(submission)).text
    since = timezone.localtime(submission.history.get(to_state=State.IN_REVIEW).at)
    # Written as every other date on the page (tests/ask/test_admin.py).
    assert f"Olu Other holds this question</strong>, since {since:%-d %B %Y, %H:%M} (" in page
    services.assign(submission=submission, editor=editor)
    assert "holds this question" not in editor_client.get(change_url(submission)).text


def held_by_note(client, submission):
    """The warning on a question's page that another editor holds it."""
    html = client.get(change_url(submission)).text
    return re.search(r'<p class="errornote held-by".*?</p>', html, re.S)[0]


def test_a_question_another_editor_holds_says_only_what_this_account_can_do(client, editor):
    submission = make_submission()
    other = make_editor("other")
    services.assign(submission=submission, editor=other)
    client.force_login(editor)
    assert "“Assign to me” takes it over." in held_by_note(client, submission)
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_submission"))
    client.force_login(viewer)
    note = held_by_note(client, submission)
    assert "other holds this question</strong>, since" in note
    assert "Assign to me" not in note and "Check with them" not in note
    # Answered, it is no longer taken over (no "Assign to me"), only changed.
    services.mark_answered(submission=submission, by=other, answer="It usually passes.")
    client.force_login(editor)
    note = held_by_note(client, submission)
    assert "Assign to me" not in note and "Check with them before you change it." in note
    client.force_login(viewer)
    assert "Check with them" not in held_by_note(client, submission)


@pytest.fixture
def olu(db):
    other = make_editor("other")
    other.first_name, other.last_name = "Olu", "Other"
    other.save()
    return other


def held_by(holder):
    """A question `holder` holds, their answer written."""
    submission = services.assign(submission=make_submission(), editor=holder)
    services.save_draft(submission=submission, by=holder, answer="Olu's answer.")
    return submission


TICK = "I have checked with Olu Other: take this step on their question"
BOX = 'name="checked_with_holder"'


@pytest.mark.parametrize("step", ["reject", "answer", "withdraw", "assign"])
def test_a_step_on_a_question_a_colleague_holds_is_refused_unticked(editor_client, olu, step):
    submission = held_by(olu)
    page = editor_client.get(change_url(submission)).text
    assert TICK in page and BOX in page
    refused = press(editor_client, submission, step, answer="Mine instead.")
    assert refused.context["adminform"].form.errors["checked_with_holder"] == [
        "Olu Other holds this question: check with them, then tick this box to take this step "
        "on it."
    ]
    submission.refresh_from_db()
    # Nothing is done, nor saved with it.
    assert (submission.state, submission.answer) == (State.IN_REVIEW, "Olu's answer.")
    assert submission.assigned_to.username == "other"


def test_a_step_ticked_as_checked_with_the_holder_is_taken_and_leaves_it_theirs(
    editor_client, editor, olu
):
    submission = held_by(olu)
    done = press(editor_client, submission, "answer", checked_with_holder="on")
    assert f"{submission.reference}: Answered." in done.text
    submission.refresh_from_db()
    assert submission.state == State.ANSWERED
    assert submission.history.get(to_state=State.ANSWERED).by == editor
    # Still Olu's in the queue: only "Assign to me" takes a question over.
    assert submission.assigned_to.username == "other"
    queue = editor_client.get(QUEUE, {"state": "all", "editor": "others"}).context["cl"]
    assert list(queue.result_list) == [submission]
    taken = held_by(olu)
    press(editor_client, taken, "assign", checked_with_holder="on")
    taken.refresh_from_db()
    assert taken.assigned_to == editor


def test_a_plain_save_on_a_question_a_colleague_holds_needs_no_tick(editor_client, olu):
    submission = held_by(olu)
    press(editor_client, submission, ("_continue", "1"), answer="Olu's answer, corrected.")
    submission.refresh_from_db()
    assert submission.answer == "Olu's answer, corrected."


def test_the_holder_and_a_question_nobody_holds_need_no_tick(client, editor, olu):
    submission = held_by(olu)
    client.force_login(olu)
    assert BOX not in client.get(change_url(submission)).text
    press(client, submission, "answer")
    client.force_login(editor)
    free = make_submission()
    assert BOX not in client.get(change_url(free)).text
    press(client, free, "reject")
    submission.refresh_from_db()
    free.refresh_from_db()
    assert (submission.state, free.state) == (State.ANSWERED, State.REJECTED)


def test_the_preview_shows_the_unsaved_answer_on_the_qa_page_not_indexable(
    editor_client, editor, area
):
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    page = editor_client.get(change_url(submission))
    response = editor_client.post(
        change_url(submission) + "preview/",
        form_data(
            page,
            category=area.pk,
            title="Tired after acupuncture",
            answer="Tiredness after a first session is common.",
        ),
    )
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "archive/question.html"
    assert "Preview: not published yet." in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert "Tiredness after a first session is common." in response.text
    assert Submission.objects.get().answer == ""  # nothing saved
    assert not Question.objects.exists()


def test_the_preview_says_what_is_missing(editor_client, editor):
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    page = editor_client.get(change_url(submission))
    response = editor_client.post(change_url(submission) + "preview/", form_data(page))
    assert response.status_code == 400
    assert "Fill this in to see the preview." in response.text


def test_the_preview_is_only_for_editors_and_only_by_post(editor_client, editor):
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    assert editor_client.get(change_url(submission) + "preview/").status_code == 405
    response = Client().post(change_url(submission) + "preview/", {})
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_saved_replies_are_offered_under_the_answer(editor_client, editor):
    SavedReply.objects.create(title="See your GP first", text="Please see your GP <first>.")
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    page = editor_client.get(change_url(submission)).text
    assert 'data-for="id_answer" data-text="Please see your GP &lt;first&gt;."' in page
    assert ">See your GP first</button>" in page
    assert "js/saved-replies.js" in page


def test_the_answer_carries_its_chosen_links_into_the_archive(
    client, editor_client, editor, area, django_capture_on_commit_callbacks
):
    sciatica = make_factsheet("Sciatica", slug="sciatica")
    earlier = make_question(area, title="Sciatica after a session")
    submission = make_submission(category=area)
    services.assign(submission=submission, editor=editor)
    press(
        editor_client,
        submission,
        "answer",
        title="Sciatica flaring after acupuncture",
        answer="A flare for a day or two is common.",
        factsheets=[sciatica.pk],
        linked_questions=[earlier.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        press(editor_client, submission, "publish")
    published = Submission.objects.get().published_question
    assert list(published.factsheets.all()) == [sciatica]
    assert list(published.linked_questions.all()) == [earlier]
    # Published is not reviewed: a review is a later check against research and guidelines.
    assert published.last_reviewed is None
    page = client.get(published.get_absolute_url()).text
    assert "Not reviewed since it was published" in page
    assert f'href="{sciatica.get_absolute_url()}"' in page
    assert f'{earlier.get_absolute_url()}">' in page
    assert published.get_absolute_url() in client.get(sciatica.get_absolute_url()).text


def test_the_answer_form_names_the_factsheets_the_question_mentions(editor_client, editor):
    make_factsheet("Sciatica", slug="sciatica")
    make_factsheet("Frozen shoulder", slug="frozen-shoulder")
    submission = make_submission(question="My SCIATICA flared after my second session. Normal?")
    services.assign(submission=submission, editor=editor)
    page = editor_client.get(change_url(submission)).text
    assert "Sciatica: choose it under “Factsheets” to link the answer." in page
    assert "Frozen shoulder:" not in page


def test_only_published_qas_can_be_linked(editor_client, editor, area):
    draft = make_question(area, published=False)
    submission = make_submission(category=area)
    services.assign(submission=submission, editor=editor)
    response = press(editor_client, submission, ("_continue", "1"), linked_questions=[draft.pk])
    assert "Select a valid choice" in response.text


def test_a_colleagues_step_leaves_the_date_the_holder_took_it(editor_client, editor, olu):
    # "Start from this answer" logs a step into review too: the holder's date is their taking it.
    submission = held_by(olu)
    taken = Submission.objects.get(pk=submission.pk).assigned_at
    Submission.objects.filter(pk=submission.pk).update(assigned_at=taken - timedelta(hours=3))
    source = make_question(make_category("Lower back pain"), answer="Rest, then move.")
    services.start_from_answer(submission=submission, by=editor, question=source)
    page = editor_client.get(change_url(submission)).text
    since = timezone.localtime(taken - timedelta(hours=3))
    assert f"Olu Other holds this question</strong>, since {since:%-d %B %Y, %H:%M} (" in page
