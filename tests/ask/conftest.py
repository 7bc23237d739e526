"""Fixtures for Ask an expert: editors in the Editors group, submissions, a clean cache."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from ask import services
from tests.factories import make_category


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


def make_editor(username="editor"):
    user = User.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def mail_server_down(settings):
    """SMTP to a port nobody listens on: the connection is refused at once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    """The test client, logged in as an editor."""
    client.force_login(editor)
    return client


@pytest.fixture
def area(db):
    return make_category("Lower back pain")


def make_submission(**fields):
    defaults = {
        "question": "Is it normal to feel tired after acupuncture for my lower back?",
        "consent_to_store": True,
        "consent_to_publish": True,
        "name": "Ann Example",
        "email": "ann@example.org",
    }
    return services.submit_question(**(defaults | fields))


def receipt(submission):
    """The receipt e-mail queued when the question was sent (an urgent one's subject starts
    with the urgent words)."""
    return submission.emails.get(subject__contains="We have your question")


def links(submission):
    """The receipt's two links, status then withdraw, as paths without their leading slash."""
    body = receipt(submission).body
    status = re.search(r"https?://\S+/ask/status/\S+/", body)[0]
    withdraw = re.search(r"https?://\S+/ask/withdraw/\S+/", body)[0]
    return status.split("://", 1)[1].split("/", 1)[1], withdraw.split("://", 1)[1].split("/", 1)[1]
