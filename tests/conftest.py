"""Shared test fixtures. Every test runs against a real PostgreSQL test database."""

import pytest
from django.core.cache import caches
from django.core.management import call_command

from archive import caching


@pytest.fixture(autouse=True)
def fresh_local_cache():
    """Pages kept by one test must not answer the next (a rolled-back test leaves the content
    version where it was)."""
    caches["local"].clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def page_cache_tried_afresh(monkeypatch):
    """A page cache that failed in one test is asked again in the next."""
    monkeypatch.setitem(caching._resting, "until", 0.0)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded(db):
    """The seed archive, loaded as `make run` loads it (seed weighs its words afresh)."""
    call_command("seed", verbosity=0)
