"""An editor notes that the asker cannot be reached at the address of a given-up e-mail (a
mistyped domain): it leaves the admin index's count and the "E-mail not delivered" list, stays on
the question's page with who noted it and when, and is a step in the question's history. Sent
again and given up again, it waits again; its note goes with the asker's details."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ask import services
from ask.models import OutgoingEmail, Submission
from tests.ask.conftest import make_submission, receipt
from tests.ask.test_admin import QUEUE, change_url, press

pytestmark = pytest.mark.django_db
LABEL = "with an e-mail not delivered"
NOTE = "Rang the number on the leaflet: no answer."


def give_up(submission):
    OutgoingEmail.objects.filter(submission=submission).update(attempts=18, next_attempt_at=None)


def listed(client, email_filter):
    page = client.get(QUEUE, {"state": "all", "email": email_filter})
    return set(page.context["cl"].result_list)


def desk_item(client):
    return next(i for i in client.get("/admin/").context["items"] if i["label"].endswith(LABEL))


def test_a_noted_email_leaves_the_count_and_the_list_until_given_up_again(editor_client, editor):
    lost = make_submission(red_flags_ticked=["fever"])
    give_up(lost)
    services.reject(submission=lost, by=editor)  # closed: no note box, the button all the same
    assert desk_item(editor_client)["count"] == 1
    assert desk_item(editor_client)["urgent"]

    response = press(editor_client, lost, ("_unreachable", str(receipt(lost).pk)))
    assert "no longer counts among the e-mails not delivered" in response.text
    assert (desk_item(editor_client)["count"], desk_item(editor_client)["urgent"]) == (0, False)
    assert listed(editor_client, "undelivered") == set()
    assert listed(editor_client, "unreachable") == {lost}

    press(editor_client, lost, ("_send_again", str(receipt(lost).pk)))
    assert receipt(lost).unreachable_noted_in is None
    give_up(lost)  # the same address refused again
    assert desk_item(editor_client)["count"] == 1
    assert listed(editor_client, "undelivered") == {lost}


def test_the_question_keeps_the_email_with_who_noted_it_and_when_in_its_history(editor_client):
    submission = make_submission()
    give_up(submission)
    email = receipt(submission)
    page = editor_client.get(change_url(submission)).text
    assert f'name="_unreachable" value="{email.pk}"' in page
    response = press(editor_client, submission, ("_unreachable", str(email.pk)), note=NOTE)
    step = submission.history.last()
    assert (step.from_state, step.to_state, step.by.username) == (
        Submission.State.NEW,
        "",
        "editor",
    )
    assert step.note == (
        f"The asker cannot be reached at this address: “{email.subject}” was given up on. {NOTE}"
    )
    assert Submission.objects.get().state == Submission.State.NEW
    html = response.text
    assert "editor noted on " in html and "that the asker cannot be reached" in html
    assert 'name="_unreachable"' not in html
    assert f'name="_send_again" value="{email.pk}"' in html
    assert re.search(r'class="field-to">\s*<p>unchanged</p>', html)  # the step moved nothing


def test_only_a_given_up_email_of_this_question_is_noted(editor_client):
    failing, other = make_submission(), make_submission()
    OutgoingEmail.objects.filter(submission=failing).update(attempts=2)
    give_up(other)
    response = press(editor_client, failing, ("_unreachable", str(receipt(failing).pk)))
    assert "Not done: That e-mail is not given up on" in response.text
    press(editor_client, failing, ("_unreachable", str(receipt(other).pk)))
    press(editor_client, failing, ("_unreachable", "not-a-number"))
    assert not OutgoingEmail.objects.unreachable().exists()
    assert failing.history.count() == other.history.count() == 1


def test_only_an_editor_who_may_change_questions_notes_it(client, editor):
    submission = make_submission()
    give_up(submission)
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_submission"))
    client.force_login(viewer)
    email = receipt(submission)
    response = client.post(change_url(submission), {"_unreachable": str(email.pk)})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.note_unreachable(email=email, by=viewer)
    assert not OutgoingEmail.objects.unreachable().exists()
    services.note_unreachable(email=email, by=editor)
    assert OutgoingEmail.objects.unreachable().get() == email


def test_the_outbox_lists_who_noted_the_asker_unreachable_and_when(admin_client, editor):
    noted, waiting = make_submission(), make_submission()
    give_up(noted)
    give_up(waiting)
    services.note_unreachable(email=receipt(noted), by=editor)
    step = noted.history.get(to_state="")
    html = admin_client.get("/admin/ask/outgoingemail/").text
    cells = re.findall(r'<td class="field-next_attempt">(.*?)</td>', html, re.S)
    said = (
        f"editor noted on {timezone.localtime(step.at):%-d %B %Y, %H:%M} that the asker cannot be "
        "reached at this address."
    )
    # In the column a given-up e-mail leaves empty: the list keeps its width (tests/e2e).
    assert sorted(cells) == ["Given up.", f"Given up. {said}"]
    assert said in admin_client.get(change_url(noted)).text  # the words of the question's page


def test_erasing_the_askers_details_takes_the_email_and_the_note_the_step_stays(editor):
    submission = make_submission()
    give_up(submission)
    services.note_unreachable(email=receipt(submission), by=editor, note=NOTE)
    services.withdraw(submission=submission, by=editor)
    assert not OutgoingEmail.objects.exists()
    step = submission.history.get(to_state="")
    assert (step.note, step.by) == ("", editor)


def test_no_email_goes_to_an_address_noted_unreachable_until_sent_again(editor, area):
    # The next would bounce as well, quoting the asker's name and links in the bounce.
    submission = make_submission(consent_to_publish=False)
    give_up(submission)
    services.note_unreachable(email=receipt(submission), by=editor, note="")
    submission = Submission.objects.get(pk=submission.pk)
    assert not submission.can_receive_email
    listed = Submission.objects.with_reachability().get(pk=submission.pk)
    assert listed.address_noted_unreachable and not listed.can_receive_email

    services.reject(submission=submission, by=editor)
    assert submission.emails.count() == 1  # the receipt alone
    assert submission.history.last().note == services.UNREACHABLE_ADDRESS

    OutgoingEmail.objects.filter(pk=receipt(submission).pk).send_again()
    assert Submission.objects.get(pk=submission.pk).can_receive_email
