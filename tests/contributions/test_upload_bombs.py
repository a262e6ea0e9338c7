"""A stranger's zip bomb costs the site a few bytes: refused in French beside the field,
within bounded memory, and never even opened when the call is closed, the client is over
its limit or the form's token is bad. Sent as a browser (or a script) sends it: multipart
through the real form, with its CSRF and start tokens."""

import tracemalloc
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions.models import AnswerAttachment, CallAnswer
from tests.zip_bombs import (
    MB,
    bomb,
    deflated,
    docx_bomb,
    odt_bomb,
    write_zip,
    xlsx_bomb,
)

from .conftest import form_tokens, odt_bytes, valid_data

PEAK_LIMIT = 50 * MB
NOT_A_DOCUMENT = "n'est pas un document PDF, DOCX ou ODT lisible"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def field_errors(response, name: str) -> str:
    """The errors shown beside one field (the list the field's aria-describedby names)."""
    errors = BeautifulSoup(response.content, "html.parser").find(id=f"id_{name}_error")
    assert errors is not None, f"no error beside {name}"
    return " ".join(errors.get_text().split())


def kept(response, name) -> str:
    field = BeautifulSoup(response.content, "html.parser").find(attrs={"name": name})
    return field.get_text().strip() if field.name == "textarea" else field.get("value", "")


def peak_of(call):
    """(result, peak bytes allocated by Python while ``call`` ran)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def archives_opened(monkeypatch):
    """Every zip archive the site opens during the test (the real ZipFile still runs)."""
    opened = []
    real_init = zipfile.ZipFile.__init__

    def spying_init(self, file, *args, **kwargs):
        opened.append(file)
        real_init(self, file, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", spying_init)
    return opened


def post_to(client, call, files, **overrides):
    data = {**form_tokens(client, call.url), **valid_data(**overrides), "attachments": files}
    return client.post(call.url, data)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # mimetype entry declares and inflates to 1 GiB
        ("note.odt", odt_bomb()),
        # mimetype entry declares 39 bytes and inflates to 1 GiB
        ("note.odt", odt_bomb(declared=39)),
        # word/document.xml declares and inflates to 1 GiB
        ("fiche.docx", docx_bomb()),
        # 64 MB, under the declared-size limits, but a thousand times its compressed size
        (
            "fiche.docx",
            write_zip(
                [deflated("[Content_Types].xml", b"<Types/>"), bomb("word/document.xml", 64 * MB)]
            ),
        ),
    ],
    ids=["odt-1GiB", "odt-declared-small", "docx-1GiB", "docx-ratio"],
)
def test_a_zip_bomb_is_refused_beside_the_field_in_bounded_memory(
    csrf_client, open_call, archives_opened, name, content
):
    response, peak = peak_of(lambda: post_to(csrf_client, open_call, [upload(name, content)]))
    assert response.status_code == 200
    errors = field_errors(response, "attachments")
    assert NOT_A_DOCUMENT in errors and name in errors
    assert kept(response, "organisation") == "Maison de santé des Trois Rivières"
    assert archives_opened, "the open call's form did not even look at the file"
    assert peak < PEAK_LIMIT, f"peak {peak / MB:.0f} MB"
    assert not CallAnswer.objects.exists()
    assert not AnswerAttachment.objects.exists()


def test_a_good_odt_is_still_accepted_next_to_the_checks(csrf_client, open_call):
    response = post_to(csrf_client, open_call, [upload("note.odt", odt_bytes())])
    assert response.status_code == 302
    assert AnswerAttachment.objects.get().kind == "odt"


def test_a_bomb_sent_to_a_closed_call_is_never_opened(
    csrf_client, open_call, closed_call, archives_opened
):
    tokens = form_tokens(csrf_client, open_call.url)
    data = {**tokens, **valid_data(), "attachments": [upload("note.odt", odt_bomb())]}
    response, peak = peak_of(lambda: csrf_client.post(closed_call.url, data))
    assert response.status_code == 403
    assert "Cet appel est clos depuis le" in response.content.decode()
    assert "Des consultations avancées" in response.content.decode()  # the text, kept
    assert archives_opened == []
    assert peak < PEAK_LIMIT
    assert not CallAnswer.objects.exists()


def test_a_bomb_from_a_rate_limited_client_is_never_opened(
    settings, csrf_client, open_call, archives_opened
):
    settings.FABRIQUE_SUBMISSION_RATE = "1/h"
    assert post_to(csrf_client, open_call, [], organisation="Première").status_code == 302
    response = post_to(
        csrf_client, open_call, [upload("note.odt", odt_bomb())], organisation="Deuxième"
    )
    assert response.status_code == 429
    assert "Trop de fiches" in response.content.decode()
    assert kept(response, "organisation") == "Deuxième"
    assert archives_opened == []
    assert CallAnswer.objects.count() == 1


def test_a_bomb_with_a_bad_start_token_is_never_opened(
    settings, csrf_client, open_call, archives_opened
):
    settings.FABRIQUE_FORM_MIN_SECONDS = 60
    response = post_to(csrf_client, open_call, [upload("note.odt", odt_bomb())])
    assert "envoyé trop vite" in response.content.decode()
    assert archives_opened == []
    assert not CallAnswer.objects.exists()


@pytest.mark.parametrize("started", ["", "forged-token"], ids=["missing", "forged"])
def test_files_are_never_opened_without_a_signed_start_token(
    csrf_client, open_call, archives_opened, started
):
    """Even with the time trap turned off (as here), files are read only with a good token."""
    data = {**form_tokens(csrf_client, open_call.url), **valid_data()}
    data.update(started=started, attachments=[upload("note.odt", odt_bomb())])
    response = csrf_client.post(open_call.url, data)
    assert response.status_code == 200
    assert "Ce formulaire était ouvert depuis trop longtemps" in response.content.decode()
    assert kept(response, "organisation") == "Maison de santé des Trois Rivières"
    assert archives_opened == []
    assert not CallAnswer.objects.exists()


def test_a_file_over_the_size_limit_is_dropped_as_it_arrives(
    settings, csrf_client, open_call, archives_opened
):
    settings.FABRIQUE_ATTACHMENT_MAX_BYTES = 256 * 1024
    response, peak = peak_of(
        lambda: post_to(csrf_client, open_call, [upload("note.odt", odt_bomb())])
    )
    assert response.status_code == 200
    errors = field_errors(response, "attachments")
    assert "« note.odt » pèse 1 Mo : la limite est de 0,2 Mo par fichier." in errors
    # The fields after the file arrived whole: the consents are still ticked.
    assert kept(response, "organisation") == "Maison de santé des Trois Rivières"
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(attrs={"name": "consent_contact"}).has_attr("checked")
    assert archives_opened == []
    assert peak < PEAK_LIMIT
    assert not CallAnswer.objects.exists()


def test_a_body_larger_than_any_public_form_accepts_is_not_read(
    settings, csrf_client, open_call, archives_opened
):
    settings.FABRIQUE_ATTACHMENT_MAX_BYTES = 64 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
    files = [upload(f"note{n}.odt", odt_bomb()) for n in range(3)]
    response = post_to(csrf_client, open_call, files)
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()
    assert archives_opened == []
    assert not CallAnswer.objects.exists()


# --- The moderators' import --------------------------------------------------------------


def test_an_xlsx_bomb_is_refused_by_the_import_before_openpyxl_opens_it(
    closed_call, moderator_client
):
    response, peak = peak_of(
        lambda: moderator_client.post(
            "/admin/contributions/import/",
            {"call": closed_call.pk, "file": upload("fiches.xlsx", xlsx_bomb())},
        )
    )
    assert response.status_code == 200
    assert "Ce fichier XLSX est illisible." in response.content.decode()
    assert peak < PEAK_LIMIT
    assert not CallAnswer.objects.exists()


def test_an_import_with_too_many_rows_is_refused(closed_call, moderator_client):
    heading = "Organisation;Type d'acteur;Commune;Département;Action;Personne à contacter;E-mail\n"
    row = "Fiche;association;Tulle;19;Une action;Ana;ana@example.org\n"
    content = (heading + row * 2001).encode()
    response = moderator_client.post(
        "/admin/contributions/import/",
        {"call": closed_call.pk, "file": upload("fiches.csv", content)},
    )
    assert response.status_code == 200
    assert "Le fichier compte plus de 2000 lignes." in response.content.decode()
    assert not CallAnswer.objects.exists()
