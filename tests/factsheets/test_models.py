"""Factsheet data rules: review status, sections in order, A–Z grouping, suggestions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from archive.models import EXPERT_PANEL
from factsheets.models import SECTIONS, Factsheet
from tests.factories import make_category, make_factsheet, make_question

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)


def reviewed(next_review, condition=None):
    return make_factsheet(
        condition, last_reviewed=next_review - timedelta(days=365), next_review=next_review
    )


def test_never_reviewed_past_due_and_unplanned_factsheets_are_overdue():
    never = make_factsheet()
    past_due = reviewed(TODAY - timedelta(days=1))
    unplanned = make_factsheet(last_reviewed=TODAY - timedelta(days=10))
    reviewed(TODAY)  # due today: not yet overdue
    reviewed(TODAY + timedelta(days=90))
    overdue = {never, past_due, unplanned}
    assert set(Factsheet.objects.review_overdue(today=TODAY)) == overdue
    assert {f for f in Factsheet.objects.all() if f.is_review_overdue(today=TODAY)} == overdue


def test_due_for_review_means_within_thirty_days_and_not_already_overdue():
    make_factsheet()
    reviewed(TODAY - timedelta(days=1))
    due = {reviewed(TODAY), reviewed(TODAY + timedelta(days=30))}
    reviewed(TODAY + timedelta(days=31))
    assert set(Factsheet.objects.due_for_review(today=TODAY)) == due
    assert {f for f in Factsheet.objects.all() if f.is_due_for_review(today=TODAY)} == due
    assert set(Factsheet.objects.due_for_review(days=31, today=TODAY)) == set(
        Factsheet.objects.exclude(pk__in=Factsheet.objects.review_overdue(today=TODAY))
    )


def test_sections_come_in_page_order_and_skip_empty_ones():
    factsheet = make_factsheet(references="NICE CG88", what_it_is="A nerve pain.", causes="  ")
    assert [(s.name, s.text) for s in factsheet.sections()] == [
        ("what_it_is", "A nerve pain."),
        ("references", "NICE CG88"),
    ]
    assert factsheet.sections()[0].heading == dict(SECTIONS)["what_it_is"]


@pytest.mark.parametrize(
    ("last", "next_", "field"),
    [
        (
            timezone.localdate() + timedelta(days=1),
            timezone.localdate() + timedelta(days=400),
            "last_reviewed",
        ),
        (date(2025, 1, 1), None, "next_review"),
        (date(2025, 1, 1), date(2025, 1, 1), "next_review"),
    ],
)
def test_review_dates_must_make_sense(last, next_, field):
    factsheet = Factsheet(
        condition="Sciatica", title="Sciatica", slug="sciatica", last_reviewed=last
    )
    factsheet.next_review = next_
    with pytest.raises(ValidationError) as error:
        factsheet.full_clean()
    assert field in error.value.message_dict


def test_a_reviewer_is_named_only_with_the_date_of_the_review():
    factsheet = Factsheet(condition="Sciatica", title="Sciatica", slug="sciatica", reviewer="Dr B")
    with pytest.raises(ValidationError) as error:
        factsheet.full_clean()
    assert error.value.message_dict == {
        "last_reviewed": ["Give the date of the review, or leave “Reviewer” empty."]
    }


def test_the_a_to_z_groups_by_first_letter_whatever_the_case():
    for condition in ["sciatica", "Back pain", "Shingles", "3rd nerve palsy", "bursitis"]:
        make_factsheet(condition)
    groups = [
        (letter, [f.condition for f in factsheets])
        for letter, factsheets in Factsheet.objects.by_letter()
    ]
    assert groups == [
        ("#", ["3rd nerve palsy"]),
        ("B", ["Back pain", "bursitis"]),
        ("S", ["sciatica", "Shingles"]),
    ]


def test_suggestions_mention_the_condition_and_leave_out_linked_ones_and_drafts():
    area = make_category()
    linked = make_question(area, answer="Sciatica often eases with time.")
    suggested = make_question(area, question="Will acupuncture help my sciatica?")
    make_question(area, published=False, answer="Sciatica again.")
    make_question(area, answer="Nothing about the nerve here.")
    factsheet = make_factsheet("Sciatica")
    factsheet.questions.add(linked)
    assert list(factsheet.suggested_questions()) == [suggested]


def test_structured_data_says_what_is_known_and_nothing_more():
    factsheet = make_factsheet("Sciatica", summary="Nerve pain.", author="Colette Assor")
    data = factsheet.structured_data("https://example.org/factsheets/sciatica/")
    assert data["@type"] == "MedicalWebPage"
    assert data["about"] == {"@type": "MedicalCondition", "name": "Sciatica"}
    assert data["author"] == {"@type": "Person", "name": "Colette Assor"}
    assert "lastReviewed" not in data
    assert "reviewedBy" not in data


def test_structured_data_names_no_reviewer_without_a_review_date():
    factsheet = make_factsheet("Sciatica", reviewer="Dr B")
    data = factsheet.structured_data("https://example.org/factsheets/sciatica/")
    assert "reviewedBy" not in data
    assert "lastReviewed" not in data


def test_structured_data_calls_the_panel_an_organization_and_a_named_reviewer_a_person():
    factsheet = make_factsheet(
        "Sciatica", author=EXPERT_PANEL, reviewer="Dr B", last_reviewed=date(2026, 3, 2)
    )
    data = factsheet.structured_data("https://example.org/factsheets/sciatica/")
    assert data["author"] == {"@type": "Organization", "name": EXPERT_PANEL}
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr B"}
    factsheet.reviewer = EXPERT_PANEL
    data = factsheet.structured_data("https://example.org/factsheets/sciatica/")
    assert data["reviewedBy"] == {"@type": "Organization", "name": EXPERT_PANEL}
