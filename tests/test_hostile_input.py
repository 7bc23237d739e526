"""Random and nasty input thrown at every public page: the site may refuse it, never fail on it."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Question

# Text a browser, a script or an attacker might send: control characters, NUL, odd Unicode,
# HTML and SQL fragments, and now and then something very long.
NASTY_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "\x1b[31m",
            "\u202e\u200b\ufeff",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            '"unbalanced',
            "-",
            "!!!",
            "🙂" * 100,
            "x" * 10_000,
            "%00",
            "../../etc/passwd",
        ]
    ),
)
PARAMS = st.lists(
    st.tuples(st.sampled_from(["q", "page", "sort", "words", "category", "x"]), NASTY_TEXT),
    max_size=6,
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def public_urls():
    question = Question.objects.published().first()
    return [
        "/",
        "/archive/back-spine/",
        question.get_absolute_url(),
        "/factsheets/",
        "/factsheets/sciatica/",
        "/urgent-help/",
        "/sitemap.xml",
        "/robots.txt",
        "/feed/",
        "/healthz",
        "/search/",
        "/ask/",
    ]


def query_string(params):
    return urlencode(params)


@pytest.fixture
def urls(seeded):
    return public_urls()


@FUZZ
@given(params=PARAMS)
def test_no_public_page_fails_on_any_query_string(client, urls, params):
    for url in urls:
        response = client.get(f"{url}?{query_string(params)}")
        assert response.status_code < 500, (url, params)


@FUZZ
@given(params=PARAMS, method=st.sampled_from(["post", "put", "patch", "delete", "options"]))
def test_no_public_page_fails_on_other_methods(client, urls, params, method):
    for url in urls:
        response = getattr(client, method)(
            url, data=query_string(params), content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code < 500, (method, url, params)


@FUZZ
@given(slug=NASTY_TEXT)
def test_no_made_up_address_fails(client, seeded, slug):
    for prefix in ["/archive/", "/questions/", "/factsheets/", "/"]:
        response = client.get(prefix + slug.replace("?", "").replace("#", ""))
        assert response.status_code < 500, (prefix, slug)


def test_a_query_string_parameter_repeated_many_times_is_fine(client, urls):
    params = "&".join(["page=2", "sort=title", "q=back"] * 200)
    for url in urls:
        assert client.get(f"{url}?{params}").status_code < 500, url
