"""The rate limit's client address: one bucket per client behind a proxy, no spoofing."""

import pytest
from django.test import Client, RequestFactory

from fabrique.web.client_ip import get_client_ip, meta_key
from testimonies.models import Testimony as StoredTestimony
from tests.testimonies.conftest import FORM_URL, valid_data

PROXY = "10.0.0.254"


def post_story(n: int, forwarded_for: str):
    """One valid story sent through the proxy, which connects from PROXY."""
    data = {**valid_data(title=f"Histoire {n}"), "started": ""}
    return Client(REMOTE_ADDR=PROXY).post(FORM_URL, data, HTTP_X_FORWARDED_FOR=forwarded_for)


@pytest.mark.parametrize("header", ["X-Forwarded-For", "x-forwarded-for", "HTTP_X_FORWARDED_FOR"])
def test_header_name_is_read_in_its_usual_spellings(settings, header):
    settings.FABRIQUE_CLIENT_IP_HEADER = header
    assert meta_key(header) == "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert get_client_ip(request) == "203.0.113.7"


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["HTTP_X_FORWARDED_FOR", "X-Forwarded-For"])
def test_eight_clients_behind_the_proxy_get_eight_buckets(settings, site_tree, header):
    """The documented example (docs/configuration.md) once read HTTP_HTTP_X_FORWARDED_FOR:
    5 accepted, 3 refused."""
    settings.FABRIQUE_SUBMISSION_RATE = "5/h"
    settings.FABRIQUE_CLIENT_IP_HEADER = header
    statuses = [post_story(n, f"203.0.113.{n}").status_code for n in range(1, 9)]
    assert statuses == [302] * 8
    assert StoredTestimony.objects.count() == 8


@pytest.mark.django_db
def test_a_client_chosen_left_most_address_does_not_bypass_the_limit(settings, site_tree):
    settings.FABRIQUE_SUBMISSION_RATE = "1/h"
    settings.FABRIQUE_CLIENT_IP_HEADER = "X-Forwarded-For"
    # The client writes a new address each time; the proxy appends the real one.
    assert post_story(1, "10.0.0.1, 198.51.100.20").status_code == 302
    refused = post_story(2, "10.0.0.2, 198.51.100.20")
    assert refused.status_code == 429
    assert "Réessayez dans une heure" in refused.content.decode()
    assert StoredTestimony.objects.count() == 1


def test_two_trusted_proxies_take_the_second_address_from_the_right(settings):
    settings.FABRIQUE_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.FABRIQUE_TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7, 10.0.0.3"
    )
    assert get_client_ip(request) == "203.0.113.7"
    # Fewer entries than trusted proxies: the header cannot be trusted at all.
    short = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert get_client_ip(short) == PROXY


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("", PROXY),
        ("pas-une-adresse", PROXY),
        ("1.2.3.4, <script>", PROXY),
        ("203.0.113.9:51234", "203.0.113.9"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8:0::1", "2001:db8::1"),
    ],
)
def test_the_appended_address_must_be_an_ip(settings, forwarded, expected):
    settings.FABRIQUE_CLIENT_IP_HEADER = "X-Forwarded-For"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert get_client_ip(request) == expected


def test_without_a_header_setting_remote_addr_is_the_client(settings):
    settings.FABRIQUE_CLIENT_IP_HEADER = ""
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.5", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert get_client_ip(request) == "192.0.2.5"
