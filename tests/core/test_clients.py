"""core.clients.client_ip: the address that rate limits and login throttling count by."""

import pytest
from django.test import RequestFactory

from core.clients import client_ip


def request_from(remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_proxies_the_connection_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # One proxy: the address it appended, whatever the client wrote before it.
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 7.7.7.7, 198.51.100.1", "198.51.100.1"),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_proxies_the_address_they_appended_counts(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_ip(request_from("10.0.0.1", forwarded)) == expected


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_ip(request_from("10.0.0.1", "198.51.100.1")) == "10.0.0.1"


@pytest.mark.parametrize("garbage", ["not-an-ip", "1.2.3.4.5", "<script>", "unix:/run/x"])
def test_anything_but_an_address_is_none(settings, garbage):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.1", garbage)) is None

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(garbage)) is None


@pytest.mark.django_db
def test_a_sign_in_with_a_huge_username_is_refused_and_counted(client):
    """The sign-in form lets any length through to the throttling, whose record holds 255
    characters: PostgreSQL refused the longer ones with a 500."""
    from axes.models import AccessAttempt

    response = client.post("/admin/login/", {"username": "é" * 5000, "password": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "é" * 150
    assert attempt.failures_since_start == 1


def test_the_attempted_username_comes_from_the_credentials_or_the_form():
    from core.clients import attempted_username

    request = RequestFactory().post("/admin/login/", {"username": "edith"})

    assert attempted_username(request) == "edith"
    assert attempted_username(request, {"username": "mona"}) == "mona"
    assert attempted_username(RequestFactory().post("/admin/login/", {})) is None
