"""An editor's pages at a laptop's 1366 × 768, driven as an editor: a Q&A's title is corrected in
a box that shows all of it."""

import pytest
from django.db.models.functions import Length

from archive.models import Question
from tests.ask.conftest import make_editor
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
