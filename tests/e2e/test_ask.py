"""A worried patient asks a question, with JavaScript on and with it off."""

import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from ask.models import Submission
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.usefixtures("archive")

QUESTION = (
    "I have had two sessions of acupuncture for sciatica and my leg aches more the next day. "
    "Is this normal, and should I carry on?"
)
URGENT_QUESTION = (
    "Since yesterday I have numbness around my genitals and I cannot control when I pee. "
    "Can acupuncture help my back?"
)


def fill_and_send(page, question, email="ann@example.org"):
    page.goto("/ask/")
    page.get_by_label("Your question").fill(question)
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_label("I agree to Acupuncture Answers keeping my question").check()
    page.get_by_role("button", name="Send my question").click()


def test_a_question_is_sent_and_gets_a_reference_with_javascript_on(page):
    fill_and_send(page, QUESTION)
    reference = page.locator(".reference strong").inner_text()
    submission = Submission.objects.get(reference=reference)
    assert submission.question == QUESTION
    assert not submission.urgent
    assert "Get medical help now" not in page.locator("main").inner_text()


def test_a_question_is_sent_with_javascript_off(page_without_javascript):
    page = page_without_javascript
    fill_and_send(page, QUESTION)
    reference = page.locator(".reference strong").inner_text()
    assert Submission.objects.filter(reference=reference, question=QUESTION).exists()


def test_similar_answers_appear_as_you_type(page):
    page.goto("/ask/")
    page.get_by_label("Your question").press_sequentially(
        "Can acupuncture make me dizzy and unsteady after treatment for lower back pain?", delay=5
    )
    similar = page.locator("#similar-answers")
    similar.get_by_role(
        "link", name="Can acupuncture for lower back pain cause imbalance"
    ).wait_for()


def test_similar_answers_without_javascript_keep_the_typed_text(page_without_javascript):
    page = page_without_javascript
    page.goto("/ask/")
    typed = "Can acupuncture make me dizzy and unsteady after treatment for lower back pain?"
    page.get_by_label("Your question").fill(typed)
    page.get_by_role("button", name="Check for similar answers").click()
    assert page.get_by_label("Your question").input_value() == typed
    assert (
        page.locator("#similar-answers")
        .get_by_role("link", name="Can acupuncture for lower back pain cause imbalance")
        .is_visible()
    )


@pytest.mark.parametrize("fixture", ["page", "page_without_javascript"])
def test_an_urgent_question_gets_emergency_advice_at_once(request, fixture):
    page = request.getfixturevalue(fixture)
    fill_and_send(page, URGENT_QUESTION)
    alert = page.get_by_role("alert")
    assert "Get medical help now" in alert.inner_text()
    assert "Call 999 or go to A&E now" in alert.inner_text()
    # The urgent advice leads the page, above the thanks.
    headings = page.locator("main h1, main h2").all_inner_texts()
    assert headings.index("Get medical help now: do not wait for our answer") < headings.index(
        "Thank you: your question has been sent"
    )
    reference = page.locator(".reference strong").inner_text()
    assert Submission.objects.get(reference=reference).urgent


def test_a_question_pasted_past_the_limit_is_kept_whole_and_refused_with_its_advice(page):
    pasted = "My lower back has ached since I lifted a heavy box in the spring. " * 80
    pasted += "Now I cannot feel my bottom when I wipe."
    page.goto("/ask/")
    page.get_by_label("Your question").focus()
    page.keyboard.insert_text(pasted)  # as a paste: a maxlength would cut it unseen
    assert page.get_by_label("Your question").input_value() == pasted
    page.get_by_label("I agree to Acupuncture Answers keeping my question").check()
    page.get_by_role("button", name="Send my question").click()
    main = page.locator("main").inner_text()
    assert "5,000 characters or fewer" in main
    assert main.index("Get medical help now") < main.index("5,000 characters or fewer")
    assert page.get_by_label("Your question").input_value() == pasted
    assert not Submission.objects.exists()


def test_a_missing_consent_stops_the_send_in_the_sites_words_and_keeps_the_text(page):
    # Not in a browser's bubble (the form is novalidate): in the summary, read out and focused,
    # which names the box and why, and on the box itself.
    page.goto("/ask/")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("Your e-mail address").fill("ann@example.org")
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Consent: Please tick this box so that we may keep your question."
    )
    assert focused(page) == "error-summary"
    consent = page.get_by_label("I agree to Acupuncture Answers keeping my question")
    expect(consent).to_have_attribute("aria-invalid", "true")
    assert page.get_by_label("Your question").input_value() == QUESTION
    assert not Submission.objects.exists()


SIMILAR = re.compile(r"/ask/similar/$")
PHONE = {"width": 360, "height": 740}


def answers_shown_for(page, text, ticked=None):
    """Waits until the live box shows the answer for `text` (and the box `ticked`): the script
    marks it when done, however long the answer took to come and be shown."""
    page.wait_for_function(
        """([text, ticked]) => {
            const shown = new URLSearchParams(
                document.getElementById("similar-answers").dataset.shownFor || "");
            return shown.get("question") === text
                && (!ticked || shown.getAll("red_flags_ticked").includes(ticked));
        }""",
        arg=[text.strip(), ticked],
    )


def live_answer(page, text):
    """What the live box's server answers for `text`, asked for as the script asks."""
    return page.request.post("/ask/similar/", form={"question": text}).text()


def focused(page, attribute="id"):
    return page.evaluate(f"document.activeElement.getAttribute('{attribute}')")


def posts_of_the_form(page):
    """The posts of the ask form (not of its live box) the page makes from now on."""
    posts = []
    page.on(
        "request",
        lambda request: (
            request.method == "POST" and request.url.endswith("/ask/") and posts.append(request)
        ),
    )
    return posts


def back_to_the_form(page, question):
    """Goes Back from another page: the form opens again, not the browser's page asking to send
    it again, with the question put back."""
    page.go_back()
    expect(page.get_by_role("heading", name="Ask the expert panel")).to_be_visible()
    expect(page.get_by_label("Your question")).to_have_value(question)


def test_checking_for_similar_answers_shows_them_in_the_page_and_back_comes_to_the_form(page):
    typed = "Can acupuncture make me dizzy and unsteady after treatment for lower back pain?"
    page.goto("/ask/")
    posts = posts_of_the_form(page)
    page.get_by_label("Your question").fill(typed)
    history = page.evaluate("history.length")
    page.get_by_role("button", name="Check for similar answers").click()
    match = page.locator("#similar-answers").get_by_role(
        "link", name="Can acupuncture for lower back pain cause imbalance"
    )
    expect(match).to_be_visible()
    # Taken to the answers, with no page opened: the form was not posted.
    expect(page.locator("#similar-answers-heading")).to_be_focused()
    assert posts == []
    assert page.evaluate("history.length") == history
    assert page.url.endswith("/ask/")
    match.click()
    expect(page).to_have_url(re.compile("/questions/can-acupuncture-for-lower-back-pain-cause"))
    back_to_the_form(page, typed)
    expect(match).to_be_visible()
    assert posts == []


def test_checking_a_question_with_a_warning_sign_shows_its_advice_before_the_answers(page):
    page.goto("/ask/")
    posts = posts_of_the_form(page)
    question = page.get_by_label("Your question")
    question.fill(RED_FLAG_TYPING)
    # Pressed at once, before the live box asks: the button's answers bring the advice.
    page.get_by_role("button", name="Check for similar answers").click()
    box = page.locator("#similar-answers")
    expect(box.get_by_role("alert")).to_contain_text("Call 999 or go to A&E now")
    text = box.inner_text()
    assert "need not send" not in text and "Already answered" not in text
    if "Answered questions on similar subjects" in text:
        assert text.index("Get medical help now") < text.index("Answered questions on similar")
    # The advice is read first: focus is not taken past it to the answers.
    expect(page.locator("#similar-answers-heading")).not_to_be_focused()
    expect(page).to_have_title(re.compile("^Get help now – urgent advice shown – Ask the expert"))
    assert posts == []
    page.get_by_role("link", name="Factsheets").click()
    back_to_the_form(page, RED_FLAG_TYPING)
    expect(box.get_by_role("alert")).to_contain_text("Call 999 or go to A&E now")


def test_checking_when_the_answers_cannot_be_fetched_posts_the_form(page):
    page.route(SIMILAR, lambda route: route.abort())
    page.goto("/ask/")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Check for similar answers").click()
    expect(page).to_have_title(re.compile(r"similar answers? found: Ask the expert panel"))
    expect(page.locator("#similar-answers-heading")).to_be_focused()
    assert page.get_by_label("Your question").input_value() == QUESTION
    # The page answers a post, yet Back to it from an answer opens the form again.
    page.locator("#similar-list a").first.click()
    expect(page).to_have_url(re.compile("/questions/"))
    back_to_the_form(page, QUESTION)


def test_back_to_a_form_sent_back_unsent_opens_the_form_with_what_was_typed(page):
    page.goto("/ask/")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("Your first name (optional)").fill("Ann")
    category = page.get_by_label("Where is the problem? (optional)")
    category.select_option(index=1)
    chosen = category.input_value()
    page.get_by_label("Chest pain").check()
    page.get_by_label("I agree to Acupuncture Answers keeping my question").check()
    # No address and no permission to publish: the server sends the form back to confirm.
    page.get_by_role("button", name="Send my question").click()
    expect(page).to_have_title(re.compile("Error: "))
    page.get_by_role("link", name="Factsheets").click()
    expect(page).to_have_url(re.compile("/factsheets/"))
    back_to_the_form(page, QUESTION)
    expect(page.get_by_label("Your first name (optional)")).to_have_value("Ann")
    expect(category).to_have_value(chosen)
    expect(page.get_by_label("Chest pain")).to_be_checked()
    expect(page.locator(".ticked-advice").get_by_role("alert")).to_contain_text("Chest pain")
    page.get_by_label("Send it anyway").check()
    page.get_by_role("button", name="Send my question").click()
    reference = page.locator(".reference strong").inner_text()
    submission = Submission.objects.get(reference=reference)
    assert (submission.question, submission.name) == (QUESTION, "Ann")


def test_the_live_box_rewrites_and_announces_only_what_changed(page):
    page.goto("/ask/")
    # Every pause in typing gets the same answer: nothing on the page should change again.
    same = live_answer(page, "sciatica needles after treatment")
    page.route(SIMILAR, lambda route: route.fulfill(body=same, content_type="text/html"))
    question = page.get_by_label("Your question")
    with page.expect_response(SIMILAR):
        question.fill("My sciatica came back after the needles")
    status = page.locator("#similar-status")
    expect(status).to_have_text(re.compile(r"^\d answered questions? like yours below$"))
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-atomic") == "true"
    # The list is read when the visitor goes to it, never over their typing.
    live = "[aria-live], [role=status], [role=alert], [role=log]"
    assert page.locator("#similar-list").evaluate(f"list => !list.closest('{live}')")
    assert page.locator("#similar-list li").count() >= 1
    page.evaluate(
        """() => {
            window.rewrites = [];
            new MutationObserver(changes => window.rewrites.push(...changes)).observe(
                document.getElementById("similar-answers"),
                {childList: true, subtree: true, characterData: true});
        }"""
    )
    question.fill("My sciatica came back after the needles: what should I do now?")
    answers_shown_for(page, "My sciatica came back after the needles: what should I do now?")
    assert page.evaluate("window.rewrites.length") == 0


def test_a_new_list_waits_while_someone_is_on_one_of_its_links(page):
    page.goto("/ask/")
    question = page.get_by_label("Your question")
    with page.expect_response(SIMILAR):
        question.fill("My sciatica came back after the needles")
    first = page.locator("#similar-list a").first
    expect(first).to_be_visible()
    title = first.inner_text()
    # A later answer holds other Q&As; it arrives while the visitor is on the first link.
    other = live_answer(page, "epidural after having my son")
    later = page.evaluate(
        """html => new DOMParser().parseFromString(html, "text/html")
                   .getElementById("similar-list").innerHTML""",
        other,
    )
    assert title not in later
    # Held until the visitor is on the link: typed with pauses under load, an answer could
    # otherwise come in between and rewrite the list before they reach it.
    held = []
    page.route(SIMILAR, lambda route: held.append(route))
    question.fill("My sciatica came back after the needles and I feel dizzy")
    wait_until(page, lambda: held)
    first.focus()
    held[0].fulfill(body=other, content_type="text/html")
    answers_shown_for(page, "My sciatica came back after the needles and I feel dizzy")
    assert page.evaluate("document.activeElement.textContent") == title
    # Once focus leaves the list, it is brought up to date.
    question.focus()
    page.wait_for_function(
        "later => document.getElementById('similar-list').innerHTML === later", arg=later
    )


def test_advice_already_at_the_top_is_not_given_again_as_you_type(page):
    page.goto("/ask/?question=numbness+in+my+groin")
    question = page.get_by_label("Your question")
    question.press("End")
    question.press_sequentially(" since yesterday", delay=5)
    answers_shown_for(page, "numbness in my groin since yesterday")
    expect(page.get_by_role("alert")).to_have_count(1)
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(element => element.id)")
    assert len(ids) == len(set(ids)), sorted(ids)


RED_FLAG_TYPING = (
    "I suddenly can't control my bladder and have numbness around my bottom, with sciatica in "
    "both legs. Can acupuncture help my lower back pain?"
)


def test_the_live_box_shows_urgent_advice_first_as_you_type_and_announces_it(page):
    page.goto("/ask/")
    page.get_by_label("Your question").press_sequentially(RED_FLAG_TYPING, delay=2)
    box = page.locator("#similar-answers")
    alert = box.get_by_role("alert")
    expect(alert).to_contain_text("Get medical help now")
    expect(alert).to_contain_text("Call 999 or go to A&E now")
    assert box.locator("#similar-status").get_attribute("role") == "status"
    text = box.inner_text()
    assert "need not send" not in text and "Already answered" not in text
    if "Answered questions on similar subjects" in text:
        assert text.index("Get medical help now") < text.index("Answered questions on similar")
    assert alert.get_by_role("link", name="999").first.get_attribute("href") == "tel:999"
    # The title says so too, as the pages the server sends do; and stops when the words go.
    expect(page).to_have_title(re.compile("^Get help now – urgent advice shown – Ask the expert"))
    page.get_by_label("Your question").fill(QUESTION)
    expect(alert).to_have_count(0)
    expect(page).to_have_title(re.compile("^Ask the expert panel"))


def test_back_from_another_page_the_question_put_back_gets_its_advice_again(page):
    page.goto("/ask/")
    page.get_by_label("Your question").fill(URGENT_QUESTION)
    page.get_by_label("Chest pain").check()
    expect(page.locator("#similar-answers").get_by_role("alert")).to_have_count(1)
    page.get_by_role("link", name="Factsheets").click()
    page.go_back()
    # The browser puts back what was typed and ticked; the advice it called for shows again,
    # where it showed, without another key pressed.
    expect(page.get_by_label("Your question")).to_have_value(URGENT_QUESTION)
    expect(page.locator("#similar-answers").get_by_role("alert")).to_contain_text("pee or poo")
    expect(page.locator(".ticked-advice").get_by_role("alert")).to_contain_text("Chest pain")
    expect(page).to_have_title(re.compile("^Get help now – urgent advice shown – Ask the expert"))


# A long question, its warning sign past the 1,000th character: the live box reads it all.
LONG_CALM = (
    "My lower back aches after a long day sitting at my desk, and I wonder why. " * 14
).strip()
LATE_SIGN = " Since this morning I also have chest pain."


def test_a_sign_late_in_a_long_question_gets_its_advice_as_you_type_sent_in_no_url(page):
    asked = []
    page.on("request", lambda request: SIMILAR.search(request.url) and asked.append(request))
    page.goto("/ask/")
    question = page.get_by_label("Your question")
    question.fill(LONG_CALM)
    question.press("End")
    question.press_sequentially(LATE_SIGN, delay=5)
    alert = page.locator("#similar-answers").get_by_role("alert")
    expect(alert).to_contain_text("Chest pain with back pain")
    answers_shown_for(page, LONG_CALM + LATE_SIGN)
    assert page.url.endswith("/ask/")  # no button was pressed
    # Each request posted the whole text in its body; no URL held a word of it.
    assert asked
    for request in asked:
        assert request.method == "POST"
        assert request.url.endswith("/ask/similar/"), request.url
        assert not any(word in request.url for word in ("desk", "chest")), request.url
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(asked[-1].post_data)["question"] == [(LONG_CALM + LATE_SIGN).strip()]


def test_ticking_a_warning_sign_on_a_phone_shows_its_advice_under_it_and_keeps_it_in_view(page):
    page.set_viewport_size(PHONE)
    page.goto("/ask/")
    with page.expect_response(SIMILAR):
        page.get_by_label("Your question").fill(QUESTION)
    tick = page.get_by_label("Chest pain")
    with page.expect_response(SIMILAR):
        tick.check()
    advice = page.locator(".ticked-advice").get_by_role("alert")
    expect(advice).to_have_count(1)
    expect(advice).to_contain_text("Chest pain with back pain")
    expect(page.locator("#similar-answers").get_by_role("alert")).to_have_count(0)
    answers_shown_for(page, QUESTION, ticked="chest_pain")  # asked for again, and shown
    assert focused(page, "value") == "chest_pain"
    box = tick.bounding_box()
    assert 0 <= box["y"] <= PHONE["height"] - box["height"], box
    # Right under the box, on the same screen.
    assert box["y"] + box["height"] <= advice.bounding_box()["y"] < PHONE["height"] - 50
    expect(page).to_have_title(re.compile("^Get help now – urgent advice shown – "))
    tick.uncheck()
    expect(advice).to_have_count(0)
    expect(page).not_to_have_title(re.compile("Get help now"))


def test_advice_moved_under_a_box_ticked_for_it_is_announced_once(page):
    page.goto("/ask/")
    question = QUESTION + " Since this morning I also have chest pain."
    with page.expect_response(SIMILAR):
        page.get_by_label("Your question").fill(question)
    similar = page.locator("#similar-answers")
    expect(similar.get_by_role("alert")).to_contain_text("Chest pain with back pain")
    tick = page.get_by_label("Chest pain")
    with page.expect_response(SIMILAR):
        tick.check()
    answers_shown_for(page, question, ticked="chest_pain")
    # The same advice under the box, shown but no alert: a screen reader heard it already.
    moved = page.locator(".ticked-advice [data-sign=chest_pain]")
    expect(moved).to_be_visible()
    expect(page.locator(".ticked-advice [role=alert]")).to_have_count(0)
    expect(similar.get_by_role("alert")).to_have_count(0)
    with page.expect_response(SIMILAR):
        tick.uncheck()
    answers_shown_for(page, question)
    expect(similar.locator("[data-sign=chest_pain]")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)


def test_checking_without_javascript_puts_urgent_advice_first(page_without_javascript):
    page = page_without_javascript
    page.goto("/ask/")
    page.get_by_label("Your question").fill(RED_FLAG_TYPING)
    page.get_by_role("button", name="Check for similar answers").click()
    main = page.locator("main").inner_text()
    assert main.index("Get medical help now") < main.index("Is this an emergency?")
    assert "need not send" not in main
    assert page.get_by_label("Your question").input_value() == RED_FLAG_TYPING


@pytest.mark.parametrize("url", ["/ask/", "/urgent-help/", "/factsheets/sciatica/"])
def test_999_and_111_are_tap_to_call_links(page, url):
    page.goto(url)
    for number, href in (("999", "tel:999"), ("NHS 111", "tel:111")):
        link = page.locator("main").get_by_role("link", name=number, exact=True).first
        expect(link).to_be_visible()
        assert link.get_attribute("href") == href


def test_with_javascript_the_no_answer_warning_shows_only_while_it_applies(page):
    page.goto("/ask/")
    warning = page.locator("#no-reply")
    expect(warning).to_be_visible()
    page.get_by_label("Your e-mail address").fill("ann@example.org")
    expect(warning).to_be_hidden()
    page.get_by_label("Your e-mail address").fill("")
    expect(warning).to_be_visible()
    page.get_by_label("You may publish my question and its answer in the archive").check()
    expect(warning).to_be_hidden()
    # Back from another page, with the address and the tick put back by the browser.
    page.get_by_label("Your e-mail address").fill("ann@example.org")
    page.get_by_role("link", name="Factsheets").click()
    page.go_back()
    expect(page.get_by_label("Your e-mail address")).to_have_value("ann@example.org")
    expect(warning).to_be_hidden()


@pytest.mark.parametrize("fixture", ["page", "page_without_javascript"])
def test_a_question_nobody_could_answer_is_sent_only_knowingly(request, fixture):
    page = request.getfixturevalue(fixture)
    fill_and_send(page, QUESTION, email="")
    expect(page.get_by_role("alert")).to_contain_text("we have no way to give you the answer")
    expect(page).to_have_title(re.compile("^Error: "))
    if fixture == "page":  # the script takes the visitor to what stopped the question
        assert focused(page) == "error-summary"
    assert not Submission.objects.exists()
    assert page.get_by_label("Your question").input_value() == QUESTION
    # The summary names the box most people will fill in, and its link takes them there.
    page.get_by_role("link", name=re.compile("^E-mail address: With no e-mail address")).click()
    assert focused(page) == "id_email"
    page.get_by_label("Send it anyway").check()
    page.get_by_role("button", name="Send my question").click()
    reference = page.locator(".reference strong").inner_text()
    assert Submission.objects.get(reference=reference).email == ""


@pytest.mark.parametrize("fixture", ["page", "page_without_javascript"])
# A near miss, and an address with no ending, which the browser lets through and no mail reaches.
@pytest.mark.parametrize("typed", ["ann@gmial.com", "ann@gmail"])
def test_a_mistyped_address_is_put_right_by_choosing_the_suggestion(request, fixture, typed, axe):
    page = request.getfixturevalue(fixture)
    fill_and_send(page, QUESTION, email=typed)
    expect(page.get_by_role("alert")).to_contain_text("E-mail address: Did you mean ann@gmail.com?")
    assert not Submission.objects.exists()
    if fixture == "page":  # axe runs as a script
        assert serious_violations(axe, page) == []
    assert page.get_by_label("Your question").input_value() == QUESTION
    page.get_by_label("Use ann@gmail.com").check()
    page.get_by_role("button", name="Send my question").click()
    reference = page.locator(".reference strong").inner_text()
    assert Submission.objects.get(reference=reference).email == "ann@gmail.com"


@pytest.mark.parametrize("fixture", ["page", "page_without_javascript"])
def test_an_address_in_the_question_is_put_in_the_box_by_one_choice(request, fixture, axe):
    page = request.getfixturevalue(fixture)
    question = QUESTION + " Email me at bob@example.net please"
    fill_and_send(page, question, email="")
    expect(page.get_by_role("alert")).to_contain_text(
        "E-mail address: Your question holds an e-mail address (bob@example.net)."
    )
    assert not Submission.objects.exists()
    if fixture == "page":
        assert serious_violations(axe, page) == []
    assert page.get_by_label("Your question").input_value() == question
    page.get_by_label("Yes: put bob@example.net in the box above").check()
    page.get_by_role("button", name="Send my question").click()
    reference = page.locator(".reference strong").inner_text()
    assert Submission.objects.get(reference=reference).email == "bob@example.net"


@pytest.mark.parametrize("fixture", ["page", "page_without_javascript"])
def test_on_a_phone_the_error_summarys_link_shows_its_field_with_its_label_and_error(
    request, fixture
):
    page = request.getfixturevalue(fixture)
    page.set_viewport_size(PHONE)
    fill_and_send(page, QUESTION, email="")
    page.get_by_role("link", name=re.compile("^E-mail address: With no e-mail address")).press(
        "Enter"
    )
    if fixture == "page":  # without the script, the browser's own jump to the field
        assert focused(page) == "id_email"
    # What tells the visitor which box this is and what is wrong with it is on the screen too.
    for part in ["label[for=id_email]", "#id_email_error", "#id_email"]:
        expect(page.locator(part)).to_be_in_viewport(ratio=1)


def test_a_double_click_on_send_stores_one_question(page):
    page.goto("/ask/")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("Your e-mail address").fill("ann@example.org")
    page.get_by_label("I agree to Acupuncture Answers keeping my question").check()
    page.get_by_role("button", name="Send my question").dblclick()
    reference = page.locator(".reference strong").inner_text()
    assert list(Submission.objects.values_list("reference", flat=True)) == [reference]


def held_posts(page):
    """Holds each post of the ask form until the test lets it go: a slow first Send."""
    held = []
    page.route(
        "**/ask/",
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    return held


def wait_until(page, condition, timeout_ms=10_000):
    """Waits, without sleeping blind, for a condition the test itself (not the page) tracks."""
    for _ in range(timeout_ms // 20):
        if condition():
            return
        page.wait_for_timeout(20)
    raise AssertionError("timed out waiting")


# While a post is on its way, Playwright cannot evaluate in the page: each keystroke notes what the
# box shows, and whether the page says it is busy, in sessionStorage, read once the next page opens.
NOTE_EACH_KEY = """() => {
    const box = document.getElementById("id_question");
    const note = () => {
        sessionStorage.setItem("seen", box.value);
        const busy = document.getElementById("ask-sending");
        sessionStorage.setItem("busy", busy ? busy.textContent : "");
    };
    box.addEventListener("keyup", note);
    box.focus();
}"""


@pytest.mark.parametrize("action", ["send", "check"])
def test_text_typed_while_the_form_is_being_sent_is_never_lost(page, action):
    # No address and no permission to publish: the first Send comes back asking to confirm.
    # Checking posts the form only when its answers cannot be fetched.
    page.route(SIMILAR, lambda route: route.abort())
    held = held_posts(page)
    page.goto("/ask/")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("I agree to Acupuncture Answers keeping my question").check()
    page.evaluate(NOTE_EACH_KEY)
    # Sent as the button would, leaving the typing in the question box.
    page.evaluate(
        """action => setTimeout(() => document.querySelector("form.ask-form").requestSubmit(
            document.querySelector(`button[value=${action}]`)))""",
        action,
    )
    wait_until(page, lambda: held)
    page.keyboard.type(" Also my foot tingles.")
    held[0].continue_()
    expect(page.get_by_role("heading", name="Ask the expert panel")).to_be_visible()
    question = page.get_by_label("Your question")
    # What the box showed while it was sent is what the next page holds: the box took no typing
    # it would then drop, and said why.
    assert question.input_value() == page.evaluate("sessionStorage.getItem('seen')")
    assert "Please wait" in page.evaluate("sessionStorage.getItem('busy')")
    expect(page.locator("#ask-sending")).to_have_text("")
    expect(question).to_be_editable()


def test_a_send_that_never_opens_a_page_unlocks_the_form_and_says_to_send_again(page):
    # A stopped page load tells the page nothing: only time says the next page is not coming.
    held = held_posts(page)
    page.goto("/ask/")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("I agree to Acupuncture Answers keeping my question").check()
    page.evaluate(NOTE_EACH_KEY)
    # The page's wait, made short so the test need not wait its 20 seconds.
    page.evaluate("document.getElementById('ask-sending').dataset.stuckAfter = '200'")
    page.evaluate(
        """() => setTimeout(() => document.querySelector("form.ask-form").requestSubmit(
            document.querySelector("button[value=send]")))"""
    )
    wait_until(page, lambda: held)
    page.wait_for_timeout(1_000)
    page.keyboard.type(" Also my foot tingles.")
    held[0].continue_()
    expect(page.get_by_role("heading", name="Ask the expert panel")).to_be_visible()
    # The box took the typing once the wait was over, and the note said to send again.
    assert page.evaluate("sessionStorage.getItem('seen')").endswith("Also my foot tingles.")
    assert "send it again" in page.evaluate("sessionStorage.getItem('busy')")


# Each key pressed in the consent box notes whether it then shows ticked, as NOTE_EACH_KEY does for
# typing: after the key's own doing (the space bar ticks on its release, after keyup).
NOTE_EACH_TICK = """() => {
    const box = document.getElementById("id_consent_to_store");
    const note = () => sessionStorage.setItem("ticked", box.checked);
    box.addEventListener("keyup", () => setTimeout(note));
    box.focus();
}"""


def test_a_tick_box_changed_while_the_form_is_being_sent_is_never_lost(page):
    page.route(SIMILAR, lambda route: route.abort())  # so that checking posts the form
    held = held_posts(page)
    page.goto("/ask/")
    page.get_by_label("Your question").fill(QUESTION)
    consent = page.get_by_label("I agree to Acupuncture Answers keeping my question")
    consent.check()
    page.evaluate(NOTE_EACH_TICK)
    page.evaluate(
        """() => setTimeout(() => document.querySelector("form.ask-form").requestSubmit(
            document.querySelector("button[value=check]")))"""
    )
    wait_until(page, lambda: held)
    page.keyboard.press("Space")  # would untick it, unseen by the page about to open
    held[0].continue_()
    expect(page.get_by_role("heading", name="Ask the expert panel")).to_be_visible()
    # The box showed, while it was sent, what the next page holds; and it can be changed again.
    assert page.evaluate("sessionStorage.getItem('ticked')") == "true"
    expect(consent).to_be_checked()
    expect(consent).not_to_have_attribute("aria-disabled", "true")
    consent.uncheck()
