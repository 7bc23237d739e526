"""The admin index's "Waiting for editors" counts the searches that found little, as their list
shows them, for those who may see them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from search.models import SearchGap
from tests.ask.test_workspace import glance

pytestmark = pytest.mark.django_db
LABEL = "searches that found little"


def test_the_index_counts_each_search_that_found_little_once_linking_to_the_list(editor_client):
    yesterday = timezone.localdate() - timedelta(days=1)
    SearchGap.objects.record("wobbly knees", 0)
    SearchGap.objects.record("wobbly knees", 1)
    SearchGap.objects.record("calf cramp", 2)
    SearchGap.objects.filter(query="calf cramp").update(day=yesterday)
    SearchGap.objects.record("calf cramp", 0)
    count, url = glance(editor_client)[LABEL]
    assert count == 2
    assert editor_client.get(url).context["page"].paginator.count == count
    SearchGap.objects.filter(query="calf cramp").delete()
    assert glance(editor_client)["search that found little"][0] == 1
    assert "in the last 180 days" in editor_client.get("/admin/").text


def test_the_search_count_is_only_for_those_who_may_see_the_searches(client, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_submission"))
    client.force_login(user)
    SearchGap.objects.record("wobbly knees", 0)
    assert LABEL not in glance(client)
    user.user_permissions.add(Permission.objects.get(codename="view_searchgap"))
    client.force_login(user)
    assert glance(client)["search that found little"][0] == 1
