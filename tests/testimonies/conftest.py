import re

import pytest
from django.test import Client

from fabrique.moderation.actions import publish
from testimonies.factories import TestimonyContactFactory, TestimonyFactory

FORM_URL = "/vos-histoires/temoigner/"


@pytest.fixture
def index(site_tree):
    return site_tree["sections"]["vos-histoires"]


@pytest.fixture
def csrf_client(site_tree):
    return Client(enforce_csrf_checks=True)


def csrf_and_start(client) -> dict:
    """GET the form as a browser would; returns the hidden values to send back."""
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    started = re.search(r'name="started" value="([^"]*)"', html).group(1)
    return {"csrfmiddlewaretoken": token, "started": started}


def valid_data(**overrides) -> dict:
    data = {
        "pseudonym": "Lou",
        "role": "patient",
        "department": "33",
        "title": "Une longue attente",
        "story": "Trois mois pour un rendez-vous.\nPuis dix minutes de consultation.",
        "email": "lou@example.org",
        "consent_publication": "on",
        "consent_health_data": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def submit(csrf_client):
    def _submit(**overrides):
        data = {**csrf_and_start(csrf_client), **valid_data(**overrides)}
        return csrf_client.post(FORM_URL, data)

    return _submit


@pytest.fixture
def published(site_tree):
    contact = TestimonyContactFactory(
        testimony=TestimonyFactory(title="Histoire publiée", quote="Une citation"),
        email="secret-publie@example.org",
    )
    return publish(contact.testimony)


@pytest.fixture
def pending(site_tree):
    contact = TestimonyContactFactory(
        testimony=TestimonyFactory(title="Histoire en attente"),
        email="secret-attente@example.org",
    )
    return contact.testimony


def follow_path(html: str) -> str:
    """The private follow link shown on the thank-you page, as a path for the test client."""
    from bs4 import BeautifulSoup

    field = BeautifulSoup(html, "html.parser").find("textarea", id="follow-link")
    assert field is not None, "no private link on the page"
    url = field.get_text().strip()
    assert url.startswith("http://testserver/")
    return url.removeprefix("http://testserver")
