"""A deleted Q&A's address is never given to another: however it is deleted, its address is
kept, its links say the answer was removed (410 Gone, not "not found"), and neither publishing,
admin nor `seed` puts another Q&A there."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from archive.models import Question, RetiredSlug
from factsheets.models import Factsheet
from tests.archive.test_admin import LIST, form_data
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db
RETIRED = "/admin/archive/retiredslug/"
DAY = timedelta(days=1)


def delete_in_admin(client, question):
    """Admin's "Delete" on the Q&A's page, confirmed."""
    return client.post(f"{LIST}{question.pk}/delete/", {"post": "yes"})


def delete_selected_in_admin(client, question):
    """Admin's "Delete selected Q&As" action in the list, confirmed."""
    data = {"action": "delete_selected", "_selected_action": [question.pk], "post": "yes"}
    return client.post(LIST, data)


def delete_in_code(client, question):
    Question.objects.filter(pk=question.pk).delete()


@pytest.mark.parametrize("delete", [delete_in_admin, delete_selected_in_admin, delete_in_code])
def test_however_a_qa_is_deleted_its_address_is_retired(admin_client, delete):
    question = make_question(make_category(), slug="tired-after-acupuncture")
    delete(admin_client, question)
    assert not Question.objects.exists()
    assert list(RetiredSlug.objects.values_list("slug", flat=True)) == ["tired-after-acupuncture"]


def test_the_address_of_a_deleted_qa_says_it_was_removed(client):
    question = make_question(make_category(), slug="tired-after-acupuncture")
    question.delete()
    response = client.get("/questions/tired-after-acupuncture/")
    assert response.status_code == 410
    assert "The answer at this address was removed from the archive." in response.text
    assert 'href="/urgent-help/"' in response.text and 'href="tel:999"' in response.text
    assert client.get("/questions/never-here/").status_code == 404


def test_the_database_refuses_a_qa_at_a_retired_address():
    area = make_category()
    make_question(area, slug="tired-after-acupuncture").delete()
    with pytest.raises(IntegrityError):
        make_question(area, slug="tired-after-acupuncture")


def test_a_free_address_is_never_a_retired_one():
    area = make_category()
    make_question(area, slug="tired-after-acupuncture").delete()
    make_question(area, slug="tired-after-acupuncture-2")
    assert Question.objects.free_slug("Tired after acupuncture") == "tired-after-acupuncture-3"


def test_admin_refuses_a_retired_address_for_a_new_qa(editor_client):
    area = make_category()
    make_question(area, slug="tired-after-acupuncture").delete()
    page = editor_client.get(f"{LIST}add/")
    data = form_data(
        page,
        title="Tired after acupuncture",
        slug="tired-after-acupuncture",
        category=area.pk,
        question="Is it normal to feel tired after acupuncture?",
        answer="Yes, for a day or so.",
        status="draft",
    )
    refused = editor_client.post(f"{LIST}add/", data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["slug"] == [
        "A deleted Q&A had this address, and its links say it was removed: it is never given "
        "to another. Choose another, such as “tired-after-acupuncture-2”. “Archive of answers "
        "› Addresses of deleted Q&As” lists them."
    ]
    saved = editor_client.post(f"{LIST}add/", data | {"slug": "tired-after-acupuncture-2"})
    assert saved.status_code == 302
    assert Question.objects.get().slug == "tired-after-acupuncture-2"


def test_an_editor_finds_the_addresses_of_deleted_qas_newest_first(editor_client):
    area = make_category()
    for slug in ("tired-after-acupuncture", "sore-after-cupping", "tired-for-days"):
        make_question(area, slug=slug).delete()
    RetiredSlug.objects.filter(slug="tired-for-days").update(retired_at=timezone.now() + DAY)
    assert f'href="{RETIRED}"' in editor_client.get("/admin/").text
    page = editor_client.get(RETIRED)
    listed = [retired.slug for retired in page.context["cl"].result_list]
    assert listed == ["tired-for-days", "sore-after-cupping", "tired-after-acupuncture"]
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', page.text)
    assert columns == ["slug", "retired_at"]
    found = editor_client.get(RETIRED, {"q": "tired after"}).context["cl"].result_list
    assert [retired.slug for retired in found] == ["tired-after-acupuncture"]


@pytest.mark.parametrize("who", ["editor_client", "admin_client"])
def test_no_one_adds_changes_or_deletes_the_address_of_a_deleted_qa(request, who):
    client = request.getfixturevalue(who)
    make_question(make_category(), slug="tired-after-acupuncture").delete()
    retired = RetiredSlug.objects.get()
    page = f"{RETIRED}{retired.pk}/change/"
    assert client.get(page).status_code == 200  # seen
    assert client.post(page, {"slug": "freed"}).status_code == 403
    assert client.get(f"{RETIRED}add/").status_code == 403
    assert client.post(f"{RETIRED}{retired.pk}/delete/", {"post": "yes"}).status_code == 403
    assert 'value="delete_selected"' not in client.get(RETIRED).text
    client.post(RETIRED, {"action": "delete_selected", "_selected_action": [retired.pk]})
    assert list(RetiredSlug.objects.values_list("slug", flat=True)) == ["tired-after-acupuncture"]


def test_seed_leaves_a_deleted_seed_qa_deleted_and_loads_a_factsheet_without_it(seeded):
    factsheet = Factsheet.objects.filter(questions__isnull=False).first()
    deleted, *others = factsheet.questions.order_by("slug")
    deleted.delete()
    factsheet.delete()
    call_command("seed", verbosity=0)
    assert not Question.objects.filter(slug=deleted.slug).exists()
    loaded = Factsheet.objects.get(slug=factsheet.slug)
    assert list(loaded.questions.order_by("slug")) == others
