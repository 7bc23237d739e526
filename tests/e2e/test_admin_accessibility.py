"""Admin's tables of related rows (Django's tabular inlines), checked by axe-core for what
the site-wide check of serious findings lets pass: a column header with no name."""

import pytest
from playwright.sync_api import expect

from ask import services
from feedback.models import FeedbackPage
from tests.ask.conftest import make_editor, make_submission
from tests.e2e.test_workspace import log_in

pytestmark = pytest.mark.usefixtures("archive")


def submission_history():
    """An editor, and the page of a question they hold: its history is a table of steps."""
    editor = make_editor()
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    return editor, f"/admin/ask/submission/{submission.pk}/change/"


def helpfulness_by_day():
    """An editor, and the page of a page's helpfulness: a table of days."""
    FeedbackPage.count("/archive/lower-back-pain/", helpful=True)
    page_id = FeedbackPage.objects.get().pk
    return make_editor(), f"/admin/feedback/feedbackpage/{page_id}/change/"


@pytest.mark.parametrize("admin_page", [submission_history, helpfulness_by_day])
def test_every_column_of_a_table_of_related_rows_has_a_header(page, axe, admin_page):
    editor, url = admin_page()
    log_in(page, editor)
    page.goto(url)
    expect(page.locator(".tabular tbody tr").first).to_be_visible()
    # Every finding, minor ones too: an empty header is one (axe's empty-table-header).
    findings = {
        v["id"]: [node["html"] for node in v["nodes"]] for v in axe.run(page).response["violations"]
    }
    assert findings == {}
