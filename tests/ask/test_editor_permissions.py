"""What an editor may and may not do in admin, as the README gives it: work the queue, keep the
synonyms and saved replies, edit factsheets and mark them reviewed; never delete, never manage
accounts."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from ask.models import SavedReply
from search.models import Synonym
from tests.factories import make_category, make_factsheet, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def factsheet(db):
    return make_factsheet("Sciatica", title="Acupuncture for sciatica", slug="sciatica")


def test_an_editor_keeps_the_synonym_list(editor_client):
    response = editor_client.post(
        "/admin/search/synonym/add/",
        {"lay_term": "wobbly knees", "clinical_terms": "knee instability"},
    )
    assert response.status_code == 302
    synonym = Synonym.objects.get(lay_term="wobbly knees")
    response = editor_client.post(
        f"/admin/search/synonym/{synonym.pk}/change/",
        {"lay_term": "wobbly knees", "clinical_terms": "knee instability, giving way"},
    )
    assert response.status_code == 302
    synonym.refresh_from_db()
    assert synonym.clinical_terms == "knee instability, giving way"


def test_an_editor_edits_a_factsheet_and_marks_it_reviewed(editor_client, factsheet):
    page = editor_client.get(f"/admin/factsheets/factsheet/{factsheet.pk}/change/")
    assert page.status_code == 200
    today = timezone.localdate()
    response = editor_client.post(
        f"/admin/factsheets/factsheet/{factsheet.pk}/change/",
        {
            "condition": "Sciatica",
            "title": "Acupuncture for sciatica",
            "slug": "sciatica",
            "summary": "Pain along the sciatic nerve.",
            "last_reviewed": today.isoformat(),
            "next_review": (today + timedelta(days=365)).isoformat(),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    factsheet.refresh_from_db()
    assert factsheet.summary == "Pain along the sciatic nerve."
    assert factsheet.last_reviewed == today
    assert not factsheet.is_review_overdue()


def test_an_editor_keeps_the_saved_replies(editor_client):
    response = editor_client.post(
        "/admin/ask/savedreply/add/",
        {"title": "See your GP first", "text": "Please see your GP before starting acupuncture."},
    )
    assert response.status_code == 302
    assert SavedReply.objects.get().title == "See your GP first"


@pytest.mark.parametrize(
    "model_url",
    ["search/synonym", "factsheets/factsheet", "archive/question", "ask/savedreply"],
)
def test_an_editor_cannot_delete_anything(editor_client, model_url, factsheet):
    objects = {
        "search/synonym": lambda: Synonym.objects.create(
            lay_term="wobbly knees", clinical_terms="knee instability"
        ),
        "factsheets/factsheet": lambda: factsheet,
        "archive/question": lambda: make_question(make_category("Back")),
        "ask/savedreply": lambda: SavedReply.objects.create(title="GP", text="See your GP."),
    }
    obj = objects[model_url]()
    assert editor_client.get(f"/admin/{model_url}/{obj.pk}/delete/").status_code == 403
    assert 'value="delete_selected"' not in editor_client.get(f"/admin/{model_url}/").text


def test_an_editor_cannot_add_factsheets_or_change_categories(editor_client):
    assert editor_client.get("/admin/factsheets/factsheet/add/").status_code == 403
    assert editor_client.get("/admin/archive/category/add/").status_code == 403


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]
)
def test_an_editor_cannot_manage_accounts(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_only_superusers_manage_accounts(admin_client):
    assert admin_client.get("/admin/auth/user/").status_code == 200
    assert admin_client.get("/admin/auth/group/").status_code == 200


def test_the_migration_gives_editors_no_deleting_and_no_account_permissions(db):
    permissions = Group.objects.get(name="Editors").permissions.all()
    assert not permissions.filter(codename__startswith="delete_").exists()
    assert not permissions.filter(content_type__app_label="auth").exists()
    assert not User.objects.filter(groups__name="Editors", is_superuser=True).exists()
