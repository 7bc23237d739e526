import pytest

from tests.ask.conftest import make_editor


@pytest.fixture
def editor_client(client, db):
    """A client logged in as an editor, as admin's pages for the archive are for editors."""
    client.force_login(make_editor())
    return client
