"""An editor takes a visitor's question in admin, answers it and publishes it into the archive."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("archive")

ASKED = (
    "Every time I sit at my desk for an hour my lower back stiffens and aches. "
    "Could acupuncture loosen it up?"
)
ANSWER = "Desk-bound stiffness often eases with a short course of acupuncture and regular walks."


def log_in_as_demo_editor(page):
    out = io.StringIO()
    call_command("create_demo_editor", stdout=out)
    username, password = out.getvalue().strip().rsplit(" ", 3)[-3::2]
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def ask(page, question):
    page.goto("/ask/")
    page.get_by_label("Your question").fill(question)
    page.get_by_label("I agree to Acupuncture Answers keeping my question").check()
    page.get_by_label("You may publish my question and its answer in the archive").check()
    page.get_by_role("button", name="Send my question").click()
    return page.locator(".reference strong").inner_text()


def test_an_editor_answers_and_publishes_a_question_that_patients_then_find(page):
    reference = ask(page, ASKED)
    log_in_as_demo_editor(page)
    page.get_by_role("link", name="Questions from visitors").first.click()
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Assign to me").first.click()
    expect(page.locator(".messagelist")).to_contain_text("In review")

    page.get_by_label("Body area").select_option(
        label="Muscles and bones › Back / spine › Lower back pain"
    )
    page.get_by_label("Title for the archive").fill("Stiff lower back after sitting at a desk")
    page.locator("#id_answer").fill(ANSWER)
    page.get_by_role("button", name="Save and mark answered").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Answered")
    asked = []  # publishing first names the address it gives for good
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Save and publish in the archive").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    assert "its address never changes" in asked[0]

    page.goto("/archive/lower-back-pain/")
    page.get_by_role("link", name="Stiff lower back after sitting at a desk").click()
    assert ANSWER in page.locator("main").inner_text()
    page.goto("/search/?q=stiff+back+desk")
    first = page.locator("#results > li > a").first.inner_text()
    assert first == "Stiff lower back after sitting at a desk"
