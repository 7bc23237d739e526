"""A conditional request for a public page gets the same cache policy as the page itself: every
page of one version shares one ETag, so anyone may send it with any query. Where the query looks
like someone's details, the answer, 200 or 304, is kept by no cache."""

from urllib.parse import quote

import pytest

from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db

# Words as a value, or as a parameter's name, which the page's "Next" link keeps.
PERSONAL_QUERIES = [
    "words=" + quote("ann@example.org"),
    "words=" + quote("07700 900123"),
    quote("ann@example.org"),
    quote("07700900123") + "=1",
]


@pytest.fixture
def area():
    """A body area with a second page, so its page links carry the query."""
    area = make_category("Lower back pain")
    for n in range(12):
        make_question(area, title=f"Sciatica and needles {n}")
    return area


def conditions(client):
    """The validators of any public page: the same for all of this version."""
    home = client.get("/")
    return [{"If-None-Match": home["ETag"]}, {"If-Modified-Since": home["Last-Modified"]}]


def kept_by_no_cache(response):
    policy = response["Cache-Control"]
    return "no-store" in policy and "private" in policy and "public" not in policy


@pytest.mark.parametrize("query", PERSONAL_QUERIES)
def test_a_page_asked_for_with_someones_details_is_kept_by_no_cache_conditional_or_not(
    client, area, query
):
    url = f"{area.get_absolute_url()}?{query}"
    page = client.get(url)
    assert page.status_code == 200 and kept_by_no_cache(page)
    assert not page.has_header("ETag")
    for headers in conditions(client):
        answer = client.get(url, headers=headers)
        assert answer.status_code in (200, 304)
        assert kept_by_no_cache(answer), (headers, answer["Cache-Control"])
        assert not answer.has_header("ETag")


def test_a_page_asked_for_with_ordinary_words_is_still_answered_304_and_public(client, area):
    url = f"{area.get_absolute_url()}?words=sciatica&page=1"
    for headers in conditions(client):
        answer = client.get(url, headers=headers)
        assert answer.status_code == 304
        assert answer["Cache-Control"] == "public, max-age=60, must-revalidate"
