"""The fiche-type: every bad input refused in French with the text kept, nothing stored
half-way; attachments checked by content and kept out of every public URL."""

import os
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from contributions.models import AnswerAttachment, CallAnswer
from tests.a11y import assert_accessible

from .conftest import (
    confirmation_path,
    docx_bytes,
    form_tokens,
    odt_bytes,
    pdf_bytes,
    valid_data,
)


def errors_of(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(class_="error-summary")
    assert summary is not None, "no error summary"
    return " ".join(summary.get_text().split())


def kept(response, name) -> str:
    field = BeautifulSoup(response.content, "html.parser").find(attrs={"name": name})
    return field.get_text().strip() if field.name == "textarea" else field.get("value", "")


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_valid_answer_is_stored_and_followed(submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit()
    assert response.status_code == 302
    answer = CallAnswer.objects.get()
    assert answer.organisation == "Maison de santé des Trois Rivières"
    assert answer.status_label == "reçue"
    assert answer.consent_contact_at and answer.consent_publication_at
    to_contact = [m for m in mail.outbox if m.to == ["claire.dubois@example.org"]]
    # First only the request to confirm the address: no follow link, nothing of the answer.
    assert len(to_contact) == 1 and "Confirmez" in to_contact[0].subject
    assert "/suivi/" not in to_contact[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().get(confirmation_path(to_contact[0])).status_code == 200
    to_contact = [m for m in mail.outbox if m.to == ["claire.dubois@example.org"]]
    assert len(to_contact) == 2 and "reçue" in to_contact[1].subject
    link = re.search(
        r"http://testserver(/appels-a-contributions/\S+/suivi/\S+/)", to_contact[1].body
    )
    assert link
    assert "Trois Rivières" not in to_contact[1].body  # nothing the answer says
    follow = Client().get(link.group(1))
    assert follow.status_code == 200
    assert "no-store" in follow["Cache-Control"]
    assert "reçue" in follow.content.decode()
    assert_accessible(follow)


def test_thanks_page_shows_the_follow_link_once(csrf_client, open_call):
    data = {**form_tokens(csrf_client, open_call.url), **valid_data()}
    response = csrf_client.post(open_call.url, data)
    thanks = csrf_client.get(response["Location"])
    assert "/suivi/" in thanks.content.decode()
    assert_accessible(thanks)
    assert "/suivi/" not in csrf_client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"organisation": ""}, "Indiquez le nom de votre organisation."),
        ({"actor_kind": ""}, "Choisissez le type de votre organisation."),
        ({"actor_kind": "banque"}, "Choisissez un type d'acteur dans la liste."),
        ({"department": "20"}, "Indiquez un numéro de département"),
        ({"department": "٣٣"}, "Indiquez un numéro de département"),
        ({"action_what": ""}, "Décrivez votre action en quelques lignes."),
        ({"action_what": "x" * 5001}, "Ce texte dépasse 5000 caractères"),
        ({"results": "avant\x00après"}, "caractères invisibles non autorisés"),
        ({"contact_name": ""}, "Indiquez le nom de la personne à contacter."),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide"),
        ({"email": "a" * 250 + "@example.org"}, "dépasse 254 caractères"),
        ({"phone": "appelez-moi"}, "Saisissez un numéro de téléphone"),
        ({"consent_contact": ""}, "Cochez cette case pour que nous puissions vous répondre."),
    ],
)
def test_each_bad_input_is_explained_and_the_text_kept(submit, overrides, message):
    response = submit(**overrides)
    assert response.status_code == 200
    assert message in errors_of(response)
    assert kept(response, "helped") == "Un local prêté par la mairie."
    assert not CallAnswer.objects.exists()
    assert "no-store" in response["Cache-Control"]
    assert_accessible(response)


def test_department_is_normalised(submit):
    assert submit(department="2a").status_code == 302
    assert CallAnswer.objects.get().department == "2A"


def test_honeypot_stores_nothing(submit):
    response = submit(website="http://spam.example")
    assert response.status_code == 302
    assert not CallAnswer.objects.exists()


def test_time_trap(settings, submit):
    settings.FABRIQUE_FORM_MIN_SECONDS = 60
    response = submit()
    assert "envoyé trop vite" in errors_of(response)
    assert not CallAnswer.objects.exists()


def test_rate_limit_counts_stored_answers_only(settings, submit):
    settings.FABRIQUE_SUBMISSION_RATE = "1/h"
    assert submit(organisation="Première").status_code == 302
    response = submit(organisation="Deuxième")
    assert response.status_code == 429
    assert "Trop de fiches" in errors_of(response)
    assert kept(response, "organisation") == "Deuxième"
    assert CallAnswer.objects.count() == 1


def test_a_double_click_stores_one_answer(csrf_client, open_call):
    data = {**form_tokens(csrf_client, open_call.url), **valid_data()}
    first = csrf_client.post(open_call.url, data)
    second = csrf_client.post(open_call.url, data)
    assert first.status_code == second.status_code == 302
    assert CallAnswer.objects.count() == 1


def test_a_closed_call_refuses_the_form_and_keeps_the_text(csrf_client, closed_call, open_call):
    tokens = form_tokens(csrf_client, open_call.url)
    response = csrf_client.post(closed_call.url, {**tokens, **valid_data()})
    assert response.status_code == 403
    assert "Cet appel est clos depuis le" in errors_of(response)
    assert "Des consultations avancées" in response.content.decode()
    assert not CallAnswer.objects.exists()
    assert_accessible(response)


# --- Attachments -------------------------------------------------------------------------


def test_pdf_docx_and_odt_are_stored_privately(submit, private_root, settings):
    files = [
        upload("compte-rendu.pdf", pdf_bytes()),
        upload("fiche.docx", docx_bytes()),
        upload("note.odt", odt_bytes()),
    ]
    assert submit(files=files).status_code == 302
    attachments = AnswerAttachment.objects.order_by("kind")
    assert [a.kind for a in attachments] == ["docx", "odt", "pdf"]
    for attachment in attachments:
        path = attachment.file.path
        assert path.startswith(str(private_root))
        assert not path.startswith(str(settings.MEDIA_ROOT))
        # The stored name is random: the sender's file name is not in the path.
        assert attachment.original_name not in path
        with pytest.raises(ValueError):
            attachment.file.url  # noqa: B018


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fiche.pdf", b"MZ\x90\x00" + b"\x00" * 200, "n'est pas un document PDF, DOCX ou ODT"),
        ("fiche.docx", b"PK\x03\x04not really a zip", "n'est pas un document PDF, DOCX ou ODT"),
        ("fiche.odt", pdf_bytes(), "n'est pas un document PDF, DOCX ou ODT"),
        ("fiche.exe", pdf_bytes(), "n'est pas un document PDF, DOCX ou ODT"),
    ],
)
def test_a_renamed_or_wrong_file_is_refused(submit, name, content, message):
    response = submit(files=[upload(name, content)])
    assert response.status_code == 200
    text = errors_of(response)
    assert message in text and name in text
    assert "choisissez-les à nouveau" in text
    assert not CallAnswer.objects.exists()
    assert not AnswerAttachment.objects.exists()


def test_an_oversized_file_is_refused(settings, submit):
    settings.FABRIQUE_ATTACHMENT_MAX_BYTES = 1024
    response = submit(files=[upload("gros.pdf", pdf_bytes() + b"0" * 2048)])
    assert "la limite est de" in errors_of(response)
    assert not CallAnswer.objects.exists()


def test_too_many_files_are_refused(submit):
    files = [upload(f"f{n}.pdf", pdf_bytes()) for n in range(4)]
    response = submit(files=files)
    assert "3 fichiers au plus" in errors_of(response)
    assert not CallAnswer.objects.exists()


def test_attachments_are_served_to_moderators_only(
    submit, moderator_client, editor, settings, private_root
):
    assert submit(files=[upload("compte-rendu.pdf", pdf_bytes())]).status_code == 302
    attachment = AnswerAttachment.objects.get()
    url = f"/admin/contributions/pieces-jointes/{attachment.pk}/"
    # Anonymous: the admin's login, never the file.
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    # Not under the public media path either.
    relative = attachment.file.name
    assert Client().get(settings.MEDIA_URL + relative).status_code == 404
    assert not (settings.MEDIA_ROOT / relative).exists()
    # An editor without the answers' permission: a plain 403.
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get(url).status_code == 403
    response = moderator_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Disposition"].startswith("attachment")
    assert "compte-rendu.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_withdrawal_erases_the_answer_and_its_files(
    submit, django_capture_on_commit_callbacks, private_root
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(files=[upload("compte-rendu.pdf", pdf_bytes())])
    path = AnswerAttachment.objects.get().file.path
    with django_capture_on_commit_callbacks(execute=True):
        Client().get(confirmation_path(mail.outbox[-1]))
    link = re.search(r"http://testserver(\S+/suivi/\S+/)", mail.outbox[-1].body).group(1)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "withdraw"})
    assert "ont été effacés" in response.content.decode()
    assert not CallAnswer.objects.exists()
    assert not os.path.exists(path)
    assert client.get(link).status_code == 404


def test_a_forged_follow_link_is_refused(open_call):
    assert Client().get(open_call.url + "suivi/abcdef/forged/").status_code == 404
