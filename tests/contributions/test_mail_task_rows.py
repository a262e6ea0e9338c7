"""A queued message names its kind and its object only: the task table (read by anyone with
database access, kept for about a day) never holds an address, a subject or a private
link. The worker writes the message at send time, from the object as it is then."""

import json
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from contributions.factories import CallAnswerFactory
from contributions.models import CallAnswer
from fabrique.moderation.actions import decide
from fabrique.moderation.models import ModerationStatus
from testimonies.models import TestimonyContact

from .test_stranger_mail import VICTIM, post_answer, post_testimony, to_victim

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = DB_BACKEND


def mail_rows():
    return DBTaskResult.objects.filter(task_path__endswith="send_to_sender")


def stored_arguments() -> str:
    return json.dumps([row.args_kwargs for row in mail_rows()])


def run_worker() -> list[bool]:
    """What the worker does with each stored row: the task, called with the stored
    arguments and nothing else. (The worker command itself closes the database
    connection, which a test transaction cannot survive on PostgreSQL.)"""
    return [
        import_string(row.task_path).call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        for row in mail_rows()
    ]


def test_task_rows_hold_no_address_and_no_link_and_the_worker_writes_the_messages(
    site_tree, open_call, db_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(Client(enforce_csrf_checks=True), open_call)
        post_testimony(Client(enforce_csrf_checks=True))
    assert mail_rows().count() == 2
    stored = stored_arguments()
    assert "@" not in stored
    assert not re.search(r"https?:|/confirmer|/suivi/|Confirmez", stored)
    assert VICTIM.split("@")[0] not in stored
    assert to_victim() == []  # nothing left yet: the worker sends

    assert run_worker() == [True, True]
    messages = to_victim()
    assert len(messages) == 2
    assert all("Confirmez" in m.subject for m in messages)
    bodies = " ".join(m.body for m in messages)
    assert "appel à contributions" in bodies and "témoignage" in bodies
    assert len(re.findall(r"https?://\S+", bodies)) == 2


def test_an_address_erased_before_the_worker_runs_hears_nothing(
    site_tree, open_call, db_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(Client(enforce_csrf_checks=True), open_call)
        post_testimony(Client(enforce_csrf_checks=True))
    assert mail_rows().count() == 2
    CallAnswer.objects.update(email="")
    TestimonyContact.objects.update(email="")
    assert run_worker() == [False, False]
    assert mail.outbox == []


def test_news_out_of_date_when_the_worker_runs_is_left_unsent(
    site_tree, open_call, moderator, db_tasks, django_capture_on_commit_callbacks
):
    """Two decisions in a row before the worker passes: the contact hears the status the
    answer is in, once, with its private follow link (written at send time)."""
    answer = CallAnswerFactory(call=open_call, email=VICTIM, email_confirmed_at=timezone.now())
    for status in (ModerationStatus.NEEDS_REVIEW, ModerationStatus.SELECTED):
        with django_capture_on_commit_callbacks(execute=True):
            decide(answer, status, moderator)
    assert "@" not in stored_arguments() and "/suivi/" not in stored_arguments()
    assert run_worker() == [False, True]
    (message,) = to_victim()
    assert "retenue" in message.subject
    assert "/suivi/" in message.body
