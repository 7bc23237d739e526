"""Shared test fixtures. Every test runs against a real PostgreSQL test database."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command

from archive import caching

# The groups as the migrations leave them, noted as the test database is made: tests that empty
# the database (the browser tests) make them again from this, so that a permission a later
# migration gives is never missing there (tests/e2e/conftest.py).
MIGRATED_GROUPS = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, pytestconfig):
    """pytest-django's test database, migrated, with its groups noted before any test can empty
    it (MIGRATED_GROUPS)."""
    with django_db_blocker.unblock():
        pytestconfig.stash[MIGRATED_GROUPS] = {
            group.name: [(p.content_type.app_label, p.codename) for p in group.permissions.all()]
            for group in Group.objects.prefetch_related("permissions__content_type")
        }


@pytest.fixture(scope="session")
def migrated_groups(django_db_setup, pytestconfig):
    """{group name: [(app label, permission codename)]}, as the migrations left each group."""
    return pytestconfig.stash[MIGRATED_GROUPS]


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
