"""Fixtures and helpers shared by the search app's tests."""

import pytest
from django.db import connection

from tests.factories import make_category


@pytest.fixture
def area():
    return make_category()


def fetch(sql, params=()):
    """The rows a statement returns: the index's tables have no models of their own."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
