"""Answers sent before addresses were confirmed keep hearing: their contacts already hold
the follow link the « reçue » message gave them. Imported answers were never mailed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from contributions.factories import CallAnswerFactory
from contributions.models import CallAnswer

BEFORE = [("contributions", "0005_help_texts")]
AFTER = [("contributions", "0006_answer_email_confirmed_at")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


# Transactional (the migration executor commits), and like every transactional test here it
# puts the migrations' rows back afterwards with their ids: a plain flush would make them
# again under new ids and break the next test that restores them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_answers_already_mailed_count_as_confirmed_imports_do_not(site_tree):
    from .conftest import make_call

    call = make_call(site_tree["sections"]["appels-a-contributions"], slug="appel-migration")
    sent = CallAnswerFactory(call=call, email_confirmed_at=None)
    imported = CallAnswerFactory(
        call=call, email_confirmed_at=None, source=CallAnswer.Source.IMPORT
    )
    try:
        migrate(BEFORE)
        migrate(AFTER)
    finally:
        migrate(AFTER)
    sent.refresh_from_db()
    imported.refresh_from_db()
    assert sent.email_confirmed_at == sent.submitted_at
    assert imported.email_confirmed_at is None
