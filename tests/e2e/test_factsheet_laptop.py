"""A factsheet's page in admin at a laptop's 1366 × 768: the Q&As linked to it show with their
whole titles, and those suggested for it are read a line or two each."""

import pytest
from django.db.models.functions import Length

from archive.models import Question
from factsheets.models import Factsheet
from tests.ask.conftest import make_editor
from tests.e2e.test_editor_laptop import laptop  # noqa: F401 (a fixture)
from tests.e2e.test_workspace import log_in

pytestmark = pytest.mark.usefixtures("archive")

# The part of each linked Q&A's title that the box's edge hides.
HIDDEN_WIDTHS = """box => {
    const edge = box.getBoundingClientRect().right;
    return [...box.querySelectorAll(".select2-selection__choice")].map(
        choice => Math.max(0, choice.getBoundingClientRect().right - edge, choice.scrollWidth - choice.clientWidth)
    );
}"""


def test_an_editor_sees_the_whole_title_of_each_linked_qa(laptop):  # noqa: F811
    factsheet = Factsheet.objects.first()
    longest = Question.objects.published().order_by(Length("title").desc()).first()
    factsheet.questions.add(longest)
    log_in(laptop, make_editor())
    laptop.goto(f"/admin/factsheets/factsheet/{factsheet.pk}/change/")
    box = laptop.locator(".field-questions .select2-selection--multiple")
    hidden = box.evaluate(HIDDEN_WIDTHS)
    assert len(hidden) == factsheet.questions.count()
    assert set(hidden) == {0}


def test_an_editor_tabbing_into_an_autocomplete_box_sees_where_focus_is(laptop):  # noqa: F811
    factsheet = Factsheet.objects.first()
    log_in(laptop, make_editor())
    laptop.goto(f"/admin/factsheets/factsheet/{factsheet.pk}/change/")
    box = laptop.locator(".field-questions .select2-selection--multiple")
    outline = "box => getComputedStyle(box).outlineStyle + ' ' + getComputedStyle(box).outlineWidth"
    assert box.evaluate(outline).startswith("none")
    laptop.locator(".field-questions .select2-search__field").focus()
    assert box.evaluate(outline) == "solid 2px"


def test_an_editor_reads_each_suggested_qa_across_the_row(laptop):  # noqa: F811
    factsheet = Factsheet.objects.first()
    factsheet.questions.clear()  # the Q&As that were linked are suggested instead
    log_in(laptop, make_editor())
    laptop.goto(f"/admin/factsheets/factsheet/{factsheet.pk}/change/")
    suggested = laptop.locator(".field-link_suggested label[for]")
    assert suggested.count() >= 2
    widths = suggested.evaluate_all("labels => labels.map(l => l.getBoundingClientRect().width)")
    # Not squeezed into the 160 px of a field's label, a word or two a line.
    assert min(widths) > 320, widths
