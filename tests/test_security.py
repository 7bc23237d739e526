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


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "1.1.1.1", "10.0.0.1"),
        (1, "1.1.1.1", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 172.16.0.2", "1.1.1.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_cannot_be_forged_past_the_trusted_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
