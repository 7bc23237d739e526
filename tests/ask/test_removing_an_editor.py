"""An editor's account can always be removed (SECURITY.md keeps it only "until removed"): the
questions they held go back to the queue unassigned, and their steps stay in each question's
history as a former editor's, never read as the asker's."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from ask import services
from ask.models import Submission, Transition
from tests.ask.conftest import links, make_editor, make_submission
from tests.ask.test_admin import QUEUE, change_url
from tests.ask.test_retention import one_in_every_state

pytestmark = pytest.mark.django_db
State = Submission.State
FORMER = "A former editor (account removed)"


@pytest.fixture
def leaver():
    """The editor whose account is removed, with a name the pages would show."""
    user = make_editor("leaver")
    user.first_name, user.last_name = "Lee", "Leaver"
    user.save()
    return user


def history(client, submission):
    """Who made each step, as the history on the question's admin page shows it."""
    page = client.get(change_url(submission)).text
    return [unescape(by) for by in re.findall(r'<td class="field-made_by">\s*<p>(.*?)</p>', page)]


def test_an_editor_who_worked_on_questions_in_every_state_can_be_deleted(leaver, area):
    questions = one_in_every_state(leaver, area)
    steps = Transition.objects.filter(by=leaver).count()
    assert steps > len(questions)

    leaver.delete()

    assert not User.objects.filter(username="leaver").exists()
    assert Submission.objects.count() == len(questions)
    assert not Submission.objects.filter(assigned_to__isnull=False).exists()
    former = Transition.objects.filter(by_editor=True)
    assert former.count() == steps and not former.filter(by__isnull=False).exists()
    for submission in questions.values():
        before = submission.state
        submission.refresh_from_db()
        assert submission.state == before  # only the editor is gone


def test_an_administrator_deletes_an_editor_in_admin_even_after_their_work(client, leaver, area):
    one_in_every_state(leaver, area)
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    response = client.post(f"/admin/auth/user/{leaver.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=leaver.pk).exists()


def test_the_history_names_a_removed_editor_as_such_and_never_as_the_asker(client, leaver):
    by_them = services.assign(submission=make_submission(), editor=leaver)
    services.withdraw(submission=by_them, by=leaver, note="The asker rang")
    by_the_asker = make_submission()
    client.post("/" + links(by_the_asker)[1])  # the asker's own withdraw link
    client.force_login(make_editor("colleague"))
    assert history(client, by_them) == ["The asker, sending it", "Lee Leaver", "Lee Leaver"]

    leaver.delete()

    # The withdrawal was the editor's, at the asker's request, not the asker's own link's.
    assert history(client, by_them) == ["The asker, sending it", FORMER, FORMER]
    assert history(client, by_the_asker) == [
        "The asker, sending it",
        "The asker, through their withdraw link",
    ]
    assert "Leaver" not in client.get(change_url(by_them)).text


def test_a_step_the_site_makes_is_the_sites():
    submission = make_submission()
    long_ago = submission.created_at - timedelta(days=365)
    Submission.objects.filter(pk=submission.pk).update(created_at=long_ago)
    services.close_stale(days=180)
    assert [t.made_by for t in submission.history.all()] == [
        "The asker, sending it",
        "The site: open too long",
    ]


def test_a_question_its_removed_editor_held_waits_in_the_queue_for_another(client, leaver):
    held = services.assign(submission=make_submission(), editor=leaver)
    leaver.delete()
    colleague = make_editor("colleague")
    client.force_login(colleague)

    queue = client.get(QUEUE).context["cl"]
    assert list(queue.result_list) == [held]
    assert queue.model_admin.editor(queue.result_list[0]) == "–"
    assert list(client.get(QUEUE, {"editor": "nobody"}).context["cl"].result_list) == [held]
    assert client.get(change_url(held)).context["held_by"] is None
    assert "assign" in [move.name for move in client.get(change_url(held)).context["moves"]]

    services.assign(submission=held, editor=colleague)
    held.refresh_from_db()
    assert (held.state, held.assigned_to) == (State.IN_REVIEW, colleague)


def test_every_step_an_editor_makes_is_marked_as_an_editors(leaver):
    submission = services.assign(submission=make_submission(), editor=leaver)
    assert [(t.by, t.by_editor) for t in submission.history.all()] == [
        (None, False),
        (leaver, True),
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Transition.objects.filter(by=leaver).update(by_editor=False)


def test_the_askers_status_page_says_a_question_whose_editor_left_is_waiting_again(client, leaver):
    held = services.assign(submission=make_submission(), editor=leaver)
    status = "/" + links(held)[0]
    assert "Being answered." in client.get(status).text
    leaver.delete()
    html = client.get(status).text
    assert "Being answered." not in html and "working on it" not in html
    assert "<strong>Received.</strong> It is waiting for a member of the expert panel." in html
