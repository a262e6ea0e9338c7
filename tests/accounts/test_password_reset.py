"""The admin's "mot de passe oublié": one answer for every address, a task sends, a limit holds."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fabrique.jobs.worker import run_ready_tasks

RESET_URL = "/admin/password_reset/"
KNOWN = "camille.martin@example.org"
UNKNOWN = "personne@example.org"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "camille.martin", KNOWN, "un mot de passe solide", is_staff=True
    )


def ask(email, client=None, address="203.0.113.5"):
    client = client or Client(REMOTE_ADDR=address)
    return client.post(RESET_URL, {"email": email})


def page_text(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    for hidden in soup.select("input[type=hidden]"):
        hidden.decompose()
    return " ".join((soup.find("main") or soup).get_text(" ").split())


@pytest.mark.django_db
def test_known_and_unknown_addresses_get_the_same_answer(staff):
    known = ask(KNOWN)
    unknown = ask(UNKNOWN)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password_reset/done/"

    known_page = Client().get(known["Location"])
    unknown_page = Client().get(unknown["Location"])
    assert known_page.status_code == unknown_page.status_code == 200
    assert (
        known_page.templates[0].name
        == unknown_page.templates[0].name
        == "wagtailadmin/account/password_reset/done.html"
    )
    assert page_text(known_page) == page_text(unknown_page)
    assert "si un compte existe" in page_text(known_page).lower()


@pytest.mark.django_db
def test_the_known_address_gets_exactly_one_mail_sent_by_the_task(staff, settings):
    ask(UNKNOWN)
    assert mail.outbox == []
    ask(KNOWN)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [KNOWN]
    # The link is built from WAGTAILADMIN_BASE_URL, not from the request's Host header.
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/password_reset/confirm/" in message.body
    assert "camille.martin" in message.body


@pytest.mark.django_db
def test_with_the_database_backend_the_request_only_enqueues_for_any_address(staff, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ask(KNOWN)
    ask(UNKNOWN)
    # Same work in the request for both: one task each, no lookup, no e-mail yet.
    assert DBTaskResult.objects.count() == 2
    assert mail.outbox == []

    # The scheduler's worker (run_scheduler) runs them: the known address gets its e-mail.
    call_command("run_scheduler", "--once")
    assert [message.to for message in mail.outbox] == [[KNOWN]]
    assert not DBTaskResult.objects.ready().exists()
    assert run_ready_tasks() == 0


@pytest.mark.django_db
def test_finished_tasks_are_pruned_after_a_day(staff, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ask(KNOWN)
    run_ready_tasks()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=23)):
        call_command("prune_task_results", verbosity=0)
    assert DBTaskResult.objects.count() == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        call_command("prune_task_results", verbosity=0)
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
def test_the_fourth_request_for_one_address_in_an_hour_sends_nothing(staff):
    answers = [ask(KNOWN.upper() if i % 2 else KNOWN, address=f"203.0.113.{i}") for i in range(4)]
    assert len(mail.outbox) == 3
    # The refused one answers exactly like the others.
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/admin/password_reset/done/")
    }


@pytest.mark.django_db
def test_one_client_asking_for_many_addresses_is_stopped_after_ten(staff):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for i in range(10):
        ask(f"inconnu{i}@example.org", client=client)
    answer = ask(KNOWN, client=client)
    assert answer.status_code == 302
    assert mail.outbox == []
    # Another client still gets its e-mail.
    ask(KNOWN, address="198.51.100.8")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_invalid_address_is_answered_beside_the_field_and_counts_nothing(staff):
    response = ask("pas-une-adresse")
    assert response.status_code == 200
    assert "adresse de courriel valide" in response.content.decode()
    assert mail.outbox == []
