"""The editors' tool: sections in page order, review filters, suggested links, preview."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factsheets.models import REVIEW_PERIOD, SECTIONS, Factsheet
from tests.ask.conftest import make_editor
from tests.factories import make_category, make_factsheet, make_question

CHANGELIST = reverse("admin:factsheets_factsheet_changelist")


def change_url(factsheet):
    return reverse("admin:factsheets_factsheet_change", args=[factsheet.pk])


def preview_url(factsheet):
    return reverse("admin:factsheets_factsheet_preview", args=[factsheet.pk])


def form_data(factsheet, **changes):
    """What the change form posts for `factsheet`, with `changes` typed in."""
    data = {
        name: getattr(factsheet, name) or ""
        for name in ["condition", "title", "slug", "summary", "author", "reviewer", "source"]
    }
    data |= {name: getattr(factsheet, name) for name, _ in SECTIONS}
    data |= {
        "last_reviewed": factsheet.last_reviewed or "",
        "next_review": factsheet.next_review or "",
        "questions": [q.pk for q in factsheet.questions.all()] if factsheet.pk else [],
    }
    return data | changes


def shown(response):
    return {f.condition for f in response.context["cl"].result_list}


@pytest.fixture
def review_states(db):
    today = timezone.localdate()
    year = timedelta(days=365)
    return {
        "never": make_factsheet("Never reviewed"),
        "late": make_factsheet(
            "Late", last_reviewed=today - year, next_review=today - timedelta(days=1)
        ),
        "soon": make_factsheet(
            "Soon", last_reviewed=today - year, next_review=today + timedelta(days=10)
        ),
        "fine": make_factsheet("Fine", last_reviewed=today, next_review=today + year),
    }


def test_the_changelist_shows_review_status_and_linked_counts(admin_client, review_states):
    review_states["fine"].questions.add(make_question(make_category()))
    response = admin_client.get(CHANGELIST)
    html = response.content.decode()
    assert shown(response) == {"Never reviewed", "Late", "Soon", "Fine"}
    for status in ["Overdue", "Due soon", "Up to date"]:
        assert f'<td class="field-review_status">{status}</td>' in html
    assert '<td class="field-linked_questions">1</td>' in html


def test_the_review_filter_picks_out_overdue_factsheets(admin_client, review_states):
    response = admin_client.get(CHANGELIST, {"review": "overdue"})
    assert shown(response) == {"Never reviewed", "Late"}


def test_the_review_filter_lists_those_due_in_the_next_30_days(admin_client, review_states):
    response = admin_client.get(CHANGELIST, {"review": "due"})
    assert shown(response) == {"Soon"}
    assert "Due in the next 30 days" in response.content.decode()


def test_the_change_form_has_the_sections_in_page_order_under_reader_headings(
    admin_client, review_states
):
    html = admin_client.get(change_url(review_states["fine"])).content.decode()
    positions = [html.index(f'id="id_{name}"') for name, _ in SECTIONS]
    assert positions == sorted(positions)
    for _, heading in SECTIONS:
        assert f">{heading}:</label>" in html
    assert "View on site" in html
    assert 'formaction="{}"'.format(preview_url(review_states["fine"])) in html


def test_the_title_is_written_in_a_wrapping_box(admin_client, db):
    html = admin_client.get(change_url(make_factsheet())).content.decode()
    # Titles run to 200 characters: the whole of one in view, as a Q&A's title box.
    title = re.search(r'<textarea name="title"[^>]*>', html)[0]
    assert 'rows="2"' in title and 'class="vLargeTextField title-box"' in title
    assert 'maxlength="200"' in title


def test_a_factsheet_is_written_without_the_app_list_beside_it(admin_client, db):
    for url in (change_url(make_factsheet()), reverse("admin:factsheets_factsheet_add")):
        assert 'id="nav-sidebar"' not in admin_client.get(url).content.decode()
    assert 'id="nav-sidebar"' in admin_client.get(CHANGELIST).content.decode()  # elsewhere


def test_a_line_break_typed_in_the_title_box_is_saved_as_a_space(admin_client, db):
    factsheet = make_factsheet("Sciatica")
    data = form_data(factsheet, title="Acupuncture for\r\nsciatica ")
    assert admin_client.post(change_url(factsheet), data).status_code == 302
    factsheet.refresh_from_db()
    assert factsheet.title == "Acupuncture for sciatica"


def test_the_change_form_suggests_unlinked_qas_and_ticking_links_them(admin_client, db):
    area = make_category()
    linked = make_question(area, title="Linked", answer="Sciatica eased.")
    suggested = make_question(area, title="Suggested", question="Is my sciatica back?")
    make_question(area, title="Unrelated", question="Is my knee worse?")
    factsheet = make_factsheet("Sciatica")
    factsheet.questions.add(linked)

    html = admin_client.get(change_url(factsheet)).content.decode()
    assert f'value="{suggested.pk}"' in html
    assert "Suggested (" in html
    assert "Unrelated" not in html
    assert f'name="link_suggested" value="{linked.pk}"' not in html

    response = admin_client.post(
        change_url(factsheet), form_data(factsheet, link_suggested=[suggested.pk])
    )
    assert response.status_code == 302
    assert set(factsheet.questions.all()) == {linked, suggested}


def test_an_editor_can_add_a_factsheet_without_suggestions(admin_client, db):
    add_url = reverse("admin:factsheets_factsheet_add")
    assert "link_suggested" not in admin_client.get(add_url).content.decode()
    data = form_data(Factsheet(condition="Shingles", title="Shingles", slug="shingles"))
    assert admin_client.post(add_url, data).status_code == 302
    assert Factsheet.objects.get(slug="shingles").is_review_overdue()


def test_a_factsheets_address_is_kept_once_made(admin_client, db):
    factsheet = make_factsheet("Shingles")
    old_address = factsheet.get_absolute_url()
    response = admin_client.post(change_url(factsheet), form_data(factsheet, slug="moved"))
    assert response.status_code == 302
    factsheet.refresh_from_db()
    assert factsheet.get_absolute_url() == old_address
    page = admin_client.get(change_url(factsheet)).content.decode()
    assert 'name="slug"' not in page
    # A new factsheet's address is still typed, and suggested from its condition.
    assert (
        'name="slug"'
        in admin_client.get(reverse("admin:factsheets_factsheet_add")).content.decode()
    )


def test_preview_shows_unsaved_edits_and_saves_nothing(admin_client, db):
    area = make_category()
    question = make_question(area, title="Sciatica on long walks")
    factsheet = make_factsheet("Sciatica", symptoms="- old symptom")
    data = form_data(factsheet, symptoms="- tingling\n- numbness", questions=[question.pk])

    response = admin_client.post(preview_url(factsheet), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview of unsaved changes." in html
    assert '<meta name="robots" content="noindex">' in html
    assert "<ul><li>tingling</li><li>numbness</li></ul>" in html
    assert "Sciatica on long walks" in html
    factsheet.refresh_from_db()
    assert factsheet.symptoms == "- old symptom"
    assert not factsheet.questions.exists()


def test_preview_of_a_new_factsheet(admin_client, db):
    data = form_data(Factsheet(condition="Shingles", title="Shingles", slug="shingles"))
    data["what_it_is"] = "A painful rash."
    response = admin_client.post(reverse("admin:factsheets_factsheet_preview_add"), data)
    assert "<p>A painful rash.</p>" in response.content.decode()
    assert not Factsheet.objects.exists()


def test_preview_explains_what_must_be_fixed_first(admin_client, db):
    factsheet = make_factsheet()
    data = form_data(factsheet, title="", last_reviewed="2025-01-01", next_review="")
    response = admin_client.post(preview_url(factsheet), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Title: This field is required." in html
    assert "Next review: Set when this factsheet should next be reviewed." in html


def test_preview_is_for_staff_only_and_only_by_post(client, admin_client, django_user_model, db):
    factsheet = make_factsheet()
    assert admin_client.get(preview_url(factsheet)).status_code == 405
    response = client.post(preview_url(factsheet), form_data(factsheet))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    visitor = django_user_model.objects.create_user("visitor", password="pw-visitor-1")
    client.force_login(visitor)
    assert client.post(preview_url(factsheet), form_data(factsheet)).status_code == 302


def opened_as(page):
    """The hidden record of what a change page was opened with, which the browser sends back."""
    return page.context["adminform"].form["opened_as"].value()


def test_a_save_from_a_page_someone_else_saved_since_keeps_the_qas_they_linked(admin_client):
    question = make_question(make_category(), title="Sciatica on long walks")
    factsheet = make_factsheet("Sciatica", summary="Old summary.")
    url = change_url(factsheet)
    opened = opened_as(admin_client.get(url))
    colleague = Client()
    colleague.force_login(make_editor("bo"))
    theirs = form_data(factsheet, questions=[question.pk], opened_as=opened_as(colleague.get(url)))
    assert colleague.post(url, theirs).status_code == 302

    # This page was opened before they linked the Q&A.
    mine = form_data(factsheet, summary="My new summary.", questions=[], opened_as=opened)
    assert admin_client.post(url, mine).status_code == 302
    factsheet.refresh_from_db()
    assert factsheet.summary == "My new summary."
    assert list(factsheet.questions.all()) == [question]


def test_a_page_someone_else_saved_since_still_previews(admin_client, db):
    factsheet = make_factsheet("Sciatica", summary="Old summary.")
    opened = opened_as(admin_client.get(change_url(factsheet)))
    Factsheet.objects.filter(pk=factsheet.pk).update(summary="Their summary.")
    data = form_data(factsheet, summary="My summary.", opened_as=opened)
    response = admin_client.post(preview_url(factsheet), data)
    assert response.status_code == 200
    assert "My summary." in response.content.decode()


def test_naming_a_reviewer_without_a_review_date_is_refused_on_the_date_field(admin_client, db):
    factsheet = make_factsheet("Sciatica")
    response = admin_client.post(change_url(factsheet), form_data(factsheet, reviewer="Dr B"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {"last_reviewed": ["Give the date of the review, or leave “Reviewer” empty."]}
    factsheet.refresh_from_db()
    assert factsheet.reviewer == ""


# As a trial of the site wrote it into the sciatica factsheet's summary.
SAID_AGAINST = (
    "Numbness around your bottom or trouble peeing is a normal part of sciatica: there is no "
    "need to see a doctor, just wait and see."
)


@pytest.mark.parametrize(
    "field, text, words",
    [
        ("summary", SAID_AGAINST, "“no need to see a doctor”, “wait and see”"),
        ("symptoms", "Numbness around your bottom is normal with sciatica.", "“normal”"),
        # The sign and the reassurance in clauses of their own, or a question and its answer.
        (
            "summary",
            "If you get numbness around your bottom, don't worry, just rest.",
            "“don't worry”",
        ),
        (
            "symptoms",
            "Numbness around your bottom? Don't worry: it is common.",
            "“Don't worry”, “it is common”",
        ),
        (
            "causes",
            "If your face droops on one side, don't panic, it usually passes.",
            "“don't panic”, “usually passes”",
        ),
    ],
)
def test_text_saying_a_warning_sign_is_nothing_to_worry_about_is_refused(
    admin_client, db, field, text, words
):
    factsheet = make_factsheet("Sciatica")
    response = admin_client.post(change_url(factsheet), form_data(factsheet, **{field: text}))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors[field]
    assert error.startswith(f"This says {words} of ")
    assert "“Call 999 or go to A&E now.”" in error
    factsheet.refresh_from_db()
    assert getattr(factsheet, field) != text


@pytest.mark.parametrize(
    "text",
    [
        # The NHS's own way of putting it: what usually passes, and the signs, apart.
        "Sciatica usually gets better in 4 to 6 weeks, but call 999 if your bottom is numb.",
        "Most sciatica settles in a few weeks. Call 999 if you cannot control when you pee.",
        "Call 999 if you cannot control when you pee, and this is not normal for you.",
    ],
)
def test_advice_that_keeps_the_signs_apart_from_what_usually_passes_saves(admin_client, db, text):
    factsheet = make_factsheet("Sciatica")
    response = admin_client.post(change_url(factsheet), form_data(factsheet, symptoms=text))
    assert response.status_code == 302
    factsheet.refresh_from_db()
    assert factsheet.symptoms == text


def test_marking_factsheets_reviewed_today_sets_both_dates_and_empties_the_reviewer(
    admin_client, review_states
):
    today = timezone.localdate()
    late, fine = review_states["late"], review_states["fine"]
    Factsheet.objects.filter(pk=late.pk).update(reviewer="Dr Ann Former")
    chosen = [review_states["never"].pk, late.pk]
    response = admin_client.post(
        CHANGELIST, {"action": "mark_reviewed", "_selected_action": chosen}, follow=True
    )
    next_review = today + REVIEW_PERIOD
    assert (
        f"2 factsheets marked as reviewed today, next review by {next_review:%-d %B %Y}. To "
        "name who reviewed one, fill in “Reviewer” on its page."
    ) in response.content.decode()
    for factsheet in Factsheet.objects.filter(pk__in=chosen):
        assert (factsheet.last_reviewed, factsheet.next_review) == (today, next_review)
        assert factsheet.reviewer == ""  # whoever reviewed it before did not review it today
        assert not factsheet.is_review_overdue() and not factsheet.is_due_for_review()
        factsheet.full_clean()
    assert Factsheet.objects.get(pk=fine.pk).next_review == fine.next_review  # not chosen
    assert "Dr Ann Former" not in admin_client.get(late.get_absolute_url()).content.decode()


def test_a_page_opened_before_marking_reviewed_never_saves_the_old_dates_back(admin_client, db):
    factsheet = make_factsheet("Sciatica", summary="Old summary.", reviewer="")
    url = change_url(factsheet)
    opened = opened_as(admin_client.get(url))
    admin_client.post(CHANGELIST, {"action": "mark_reviewed", "_selected_action": [factsheet.pk]})
    admin_client.post(url, form_data(factsheet, summary="My summary.", opened_as=opened))
    factsheet.refresh_from_db()
    today = timezone.localdate()
    assert (factsheet.last_reviewed, factsheet.next_review) == (today, today + REVIEW_PERIOD)


def test_an_editor_without_change_permission_cannot_mark_factsheets_reviewed(client, db):
    reader = User.objects.create_user("reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_factsheet"))
    client.force_login(reader)
    factsheet = make_factsheet("Sciatica")
    assert "mark_reviewed" not in client.get(CHANGELIST).content.decode()
    client.post(CHANGELIST, {"action": "mark_reviewed", "_selected_action": [factsheet.pk]})
    factsheet.refresh_from_db()
    assert factsheet.last_reviewed is None


def claims_box(html):
    return html.split('class="form-row field-outdated_claims"')[1].split("</fieldset>")[0]


def test_the_claims_box_names_the_text_box_that_makes_each_claim(admin_client, db):
    factsheet = make_factsheet(
        "Sciatica",
        summary="Acupuncture is completely safe.",
        causes="A disc pressing on the nerve.",
        evidence="It is risk-free.\n- NICE recommends acupuncture for back pain.",
    )
    box = claims_box(admin_client.get(change_url(factsheet)).content.decode())
    risk, nice = (
        box.index("Readers are told: “Acupuncture is not free of risk"),
        box.index("Readers are told: “NICE does not recommend"),
    )
    assert nice < risk  # in the order readers see the notes
    assert box.count("The claim is in") == 2
    assert "The claim is in “What the evidence says”." in box[nice:risk]
    assert "The claim is in “Summary” and “What the evidence says”." in box[risk:]
    assert "Causes" not in box


def test_the_seeded_factsheets_claims_box_names_each_claims_text_box(admin_client, seeded):
    factsheet = Factsheet.objects.get(slug="sciatica")
    box = claims_box(admin_client.get(change_url(factsheet)).content.decode())
    headings = dict(SECTIONS)
    said = re.findall(r"The claim is in (.*?)\.</p>", box)
    assert len(said) == len(factsheet.outdated_claims) == 6
    for where in said:
        labels = re.findall(r"“(.*?)”", where)
        assert labels and set(labels) <= {"Summary", *headings.values()}


def test_marking_reviewed_today_skips_and_names_the_factsheets_making_noted_claims(
    admin_client, db
):
    noted = make_factsheet("Sciatica", summary="Acupuncture is unrivalled for sciatica.")
    plain = make_factsheet("Lumbago", summary="Lumbago is pain in the lower back.")
    response = admin_client.post(
        CHANGELIST,
        {"action": "mark_reviewed", "_selected_action": [noted.pk, plain.pk]},
        follow=True,
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "Not marked as reviewed, as still saying what current evidence does not support: "
        "“Sciatica”. For each, correct the claim first (see “Claims current evidence does not "
        "support” on its page), then record the review: a review dated beside the note that the "
        "page says what current evidence does not support would say the page was found current."
    ]
    # Not reviewed while it says so: the other is.
    reviewed = Factsheet.objects.filter(last_reviewed=timezone.localdate())
    assert list(reviewed) == [plain]


def test_a_factsheet_edited_after_its_review_says_so_until_reviewed_again(admin_client, db):
    # The reviewer checked the sections as they were, not the claim added since.
    factsheet = make_factsheet("Sciatica", causes="Irritation of the sciatic nerve.")
    admin_client.post(CHANGELIST, {"action": "mark_reviewed", "_selected_action": [factsheet.pk]})
    factsheet.refresh_from_db()
    Factsheet.objects.filter(pk=factsheet.pk).update(reviewer="Dr Ann Checker")
    factsheet.refresh_from_db()
    edited = form_data(factsheet, causes="Irritation of the nerve. Rest cures it in days.")
    assert admin_client.post(change_url(factsheet), edited).status_code == 302
    html = admin_client.get(factsheet.get_absolute_url()).content.decode()
    assert "</time> (it has been edited since)</dd>" in html
    ld = re.search(r"application/ld\+json\">(.*?)</script>", html)[1]
    assert "lastReviewed" not in ld and "Dr Ann Checker" not in ld
    assert "Up to date, edited since" in admin_client.get(CHANGELIST).content.decode()
    assert "</time> (edited since)</span>" in admin_client.get("/factsheets/").content.decode()
    # Naming who reviewed the text as it reads now records a review of it.
    factsheet.refresh_from_db()
    named = form_data(factsheet, reviewer="Dr Bo Later")
    assert admin_client.post(change_url(factsheet), named).status_code == 302
    html = admin_client.get(factsheet.get_absolute_url()).content.decode()
    assert "edited since" not in html and '"name": "Dr Bo Later"' in html


def test_a_review_is_not_recorded_on_the_page_of_a_factsheet_still_making_a_noted_claim(
    admin_client, db
):
    factsheet = make_factsheet("Sciatica", summary="Acupuncture is unrivalled for sciatica.")
    today = timezone.localdate()
    review = {
        "last_reviewed": f"{today:%Y-%m-%d}",
        "next_review": f"{today + REVIEW_PERIOD:%Y-%m-%d}",
    }
    response = admin_client.post(change_url(factsheet), form_data(factsheet, **review))
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["last_reviewed"]
    assert error.startswith("This page still says what current evidence does not support")
    factsheet.refresh_from_db()
    assert factsheet.last_reviewed is None
    corrected = form_data(factsheet, summary="Sciatica is pain down the leg.", **review)
    assert admin_client.post(change_url(factsheet), corrected).status_code == 302
    factsheet.refresh_from_db()
    assert factsheet.last_reviewed == today
