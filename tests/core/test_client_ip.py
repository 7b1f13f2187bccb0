"""The client's address behind a proxy: one reading for every limit and audit line."""

import pytest
from django.test import RequestFactory

from core.ratelimit import client_ip


def _request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = _request(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "127.0.0.1"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),
        # A client's own forged entry comes first; nginx appends the address it saw last.
        ("10.0.0.1, 198.51.100.7", "198.51.100.7"),
    ],
)
def test_behind_one_proxy_the_address_it_appended_counts(settings, forwarded, expected):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = _request(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_verification_limit_counts_each_client_behind_the_proxy(settings, client):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.VERIFY_RATE_LIMIT = 1
    first = client.get("/verify/", HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = client.get("/verify/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    again = client.get("/verify/", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert (first.status_code, other.status_code, again.status_code) == (200, 200, 429)
