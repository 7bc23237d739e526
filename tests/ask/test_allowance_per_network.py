"""The ask form's hourly allowance counts an IPv6 address by its /64 network, which one home or
phone is given whole, so that one visitor cannot dodge it by moving through their addresses."""

import pytest

from ask.rate_limit import client_key
from tests.ask.test_views import good

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("", ""),
        ("not an address", ""),
    ],
)
def test_what_the_allowance_counts_by(address, key):
    assert client_key(address) == key


def sent_from(client, address):
    return client.post("/ask/", good(), REMOTE_ADDR=address).status_code


def test_two_addresses_in_one_ipv6_64_share_an_allowance(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 1
    assert sent_from(client, "2001:db8:1:2::1") == 302
    assert sent_from(client, "2001:db8:1:2:a:b:c:d") == 429


def test_another_ipv6_64_has_its_own_allowance(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 1
    assert sent_from(client, "2001:db8:1:2::1") == 302
    assert sent_from(client, "2001:db8:1:3::1") == 302


def test_ipv4_still_counts_each_address_and_mapped_ipv6_as_ipv4(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 1
    assert sent_from(client, "198.51.100.1") == 302
    assert sent_from(client, "198.51.100.2") == 302
    assert sent_from(client, "198.51.100.1") == 429
    assert sent_from(client, "::ffff:198.51.100.2") == 429


def test_a_garbage_address_is_counted_not_a_crash(client, settings):
    settings.ASK_SUBMISSIONS_PER_HOUR = 1
    assert sent_from(client, "not an address") == 302
    assert sent_from(client, "unknown") == 429  # both count as no address
