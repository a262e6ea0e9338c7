import datetime
import io
import re
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from contributions.factories import (
    CallAnswerFactory,
    CallPageFactory,
    InspirActionIndexPageFactory,
)
from fabrique.demo.site import publish


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Attachments go to a folder of this test, never to the project's var/."""
    settings.FABRIQUE_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.FABRIQUE_PRIVATE_ROOT


@pytest.fixture
def calls_index(site_tree):
    return site_tree["sections"]["appels-a-contributions"]


@pytest.fixture
def inspir_index(calls_index):
    return publish(InspirActionIndexPageFactory(parent=calls_index))


def make_call(index, days_open=(-10, 20), **kwargs):
    now = timezone.now()
    page = CallPageFactory(
        parent=index,
        opens_at=now + datetime.timedelta(days=days_open[0]),
        closes_at=now + datetime.timedelta(days=days_open[1]),
        **kwargs,
    )
    return publish(page)


@pytest.fixture
def open_call(calls_index):
    return make_call(calls_index, title="Appel ouvert", slug="appel-ouvert")


@pytest.fixture
def closed_call(calls_index):
    return make_call(calls_index, (-40, -5), title="Appel clos", slug="appel-clos")


@pytest.fixture
def answer(open_call):
    return CallAnswerFactory(call=open_call)


def form_tokens(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    started = re.search(r'name="started" value="([^"]*)"', html).group(1)
    return {"csrfmiddlewaretoken": token, "started": started}


def confirmation_path(message) -> str:
    """The path of the confirmation link an e-mail carries (on the test server)."""
    match = re.search(
        r"http://testserver(/appels-a-contributions/\S+/confirmer/\S+/)", message.body
    )
    assert match, message.body
    return match.group(1)


def valid_data(**overrides) -> dict:
    data = {
        "organisation": "Maison de santé des Trois Rivières",
        "actor_kind": "msp",
        "commune": "Aubusson",
        "department": "23",
        "partners": "Mairie, CPAM",
        "action_what": "Des consultations avancées de spécialistes une fois par mois.",
        "action_with": "Les médecins de l'hôpital voisin",
        "action_for": "Les habitant·es du canton",
        "action_since": "2021",
        "results": "Moins de renoncements aux soins.",
        "helped": "Un local prêté par la mairie.",
        "difficulties": "Trouver des spécialistes disponibles.",
        "contact_name": "Claire Dubois",
        "email": "claire.dubois@example.org",
        "phone": "05 55 00 00 00",
        "consent_contact": "on",
        "consent_publication": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def csrf_client(site_tree):
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def submit(csrf_client, open_call):
    def _submit(files=None, **overrides):
        url = open_call.url
        data = {**form_tokens(csrf_client, url), **valid_data(**overrides)}
        if files is not None:
            data["attachments"] = files
        return csrf_client.post(url, data)

    return _submit


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()
