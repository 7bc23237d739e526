"""Protections every page and the admin log-in carry."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from config.client_ip import client_ip


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editor", password="right-password", is_staff=True)


def log_in(client, password, ip="203.0.113.9"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password},
        REMOTE_ADDR=ip,
    )


def test_admin_login_is_locked_after_five_failures(client, editor):
    for _ in range(4):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, "wrong").status_code == 429
    locked = log_in(client, "right-password")
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_address(client, editor):
    for _ in range(5):
        log_in(client, "wrong", ip="203.0.113.9")
    assert log_in(client, "right-password", ip="198.51.100.7").status_code == 302


def test_a_success_before_the_limit_clears_the_failures(client, editor):
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, "right-password").status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, "right-password").status_code == 302


def test_pages_carry_a_strict_content_security_policy(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_pages_refuse_framing_and_limit_referrers(client, db):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_whose_address_holds_typed_words_or_a_link_token_send_no_referrer(client, db):
    # A link followed from them would carry the words or the token in its Referer, which a
    # proxy's log of that request keeps.
    from ask import services
    from ask.views import thanks_url
    from tests.ask.conftest import make_submission
    from tests.factories import make_category

    submission = make_submission()
    pages = [
        "/search/?q=my+wife+Jane+has+sciatica",
        make_category("Lower back pain").get_absolute_url() + "?title=Jane",
        services.status_url(submission),
        thanks_url(submission),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert response.headers["Referrer-Policy"] == "no-referrer", page
    # The form's pages post with CSRF, which a browser sends with no origin from such a page.
    assert client.get("/ask/?q=sciatica").headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "1.1.1.1", "10.0.0.1"),
        (1, "1.1.1.1", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 172.16.0.2", "1.1.1.1"),
        (1, "", "10.0.0.1"),
        (1, "unknown", "10.0.0.1"),
        (1, "1.1.1.1, unix:", "10.0.0.1"),
        (1, "1.1.1.1, " + "9" * 300, "10.0.0.1"),
        (1, "1.1.1.1:8080", "10.0.0.1"),
        (1, "fe80::1%eth0", "10.0.0.1"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        (2, "1.1.1.1", "10.0.0.1"),  # fewer entries than proxies: the header was not theirs
    ],
)
def test_the_client_address_cannot_be_forged_past_the_trusted_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


HOSTILE_FORWARDED = ["unknown", "unix:", "x" * 300, "1.2.3.4:80", "1.1.1.1, \x00", "fe80::1%eth0"]


@pytest.mark.parametrize("forwarded", HOSTILE_FORWARDED)
def test_admin_log_in_never_fails_on_a_malformed_forwarded_address(
    client, editor, settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    for password in ("wrong", "right-password"):
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": "editor", "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        assert response.status_code in (200, 302), password


@pytest.mark.parametrize("url", ["/", "/ask/", "/healthz", "/admin/login/", "/urgent-help/"])
def test_trace_is_refused_everywhere(client, db, url):
    assert client.generic("TRACE", url).status_code == 405


def test_head_works_on_the_health_check(client, db):
    response = client.head("/healthz")
    assert response.status_code == 200 and response.content == b""


@pytest.fixture
def superuser_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    return client


ADMIN_LISTS = [
    "/admin/ask/submission/",
    "/admin/archive/question/",
    "/admin/factsheets/factsheet/",
    "/admin/ask/outgoingemail/",
]
HOSTILE_FILTERS = [
    {"status__exact": "\x00"},
    {"question__exact": "a\x00b"},
    {"created_at__year": "99999"},
    {"created_at__year": "0"},
    {"last_reviewed__year": "-1"},
    {"category__id__exact": "\x00"},
    {"q": "\x00"},
]


@pytest.mark.parametrize("url", ADMIN_LISTS)
@pytest.mark.parametrize("params", HOSTILE_FILTERS)
def test_admin_lists_answer_hostile_filter_values_without_failing(superuser_client, url, params):
    superuser_client.raise_request_exception = False
    response = superuser_client.get(url, params)
    assert response.status_code in (200, 302, 400), response.status_code


@pytest.mark.parametrize("term", ["\x00", "a\x00b", "x" * 3000])
def test_admin_autocomplete_answers_hostile_terms_without_failing(superuser_client, term):
    superuser_client.raise_request_exception = False
    response = superuser_client.get(
        "/admin/autocomplete/",
        {
            "term": term,
            "app_label": "ask",
            "model_name": "submission",
            "field_name": "duplicate_of",
        },
    )
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["results"] == []
