"""The search index holds only what is public, and erased words leave its tables.

Every check reads what the database really stores: the rows of Wagtail's index table
and, on SQLite, the FTS5 shadow tables (content, segment blobs, segment index), where
deleted words survive as long as the segments are not merged.
"""

import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps as live_apps
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from fabrique.moderation.actions import erase, mark_for_review, publish, refuse
from fabrique.moderation.models import ModerationStatus
from testimonies import factories

# What these tests read is the search index the site keeps up to date.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

# Made-up words that no other text of the test database contains.
SECRET = "Zorglubette"
PUBLIC = "Plumbagine"


def set_status(testimony, status):
    """A status no moderation action sets (pending, withdrawn), saved as the model allows."""
    testimony.status = status
    testimony.save()
    return testimony


def stored_index_text() -> str:
    """Everything the search index stores, lower-cased, bytes decoded as far as possible."""
    table = IndexEntry._meta.db_table
    tables = [table]
    if connection.vendor == "sqlite":
        fts = f"{table}_fts"
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = %s", [fts])
            assert cursor.fetchone(), "the FTS5 table must exist for this test to mean anything"
        tables += [f"{fts}_content", f"{fts}_data", f"{fts}_idx"]
    chunks = []
    with connection.cursor() as cursor:
        for name in tables:
            cursor.execute(f'SELECT * FROM "{name}"')
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        chunks.append(bytes(value).decode("utf-8", "replace"))
                    else:
                        chunks.append(str(value))
    return "\n".join(chunks).lower()


def in_index(word: str) -> bool:
    # FTS5 stores terms prefix-compressed: the end of the word is what must not be there.
    return word.lower()[3:] in stored_index_text()


def entries_for(testimony) -> int:
    return testimony.index_entries.count()


def test_a_pending_story_is_never_indexed(site_tree):
    testimony = factories.TestimonyFactory(
        title=f"Titre {SECRET}", story=f"Un récit avec {SECRET}."
    )
    testimony.save()
    assert entries_for(testimony) == 0
    assert not in_index(SECRET)


def test_a_published_story_is_indexed_by_its_public_text_only(site_tree):
    testimony = factories.TestimonyFactory(
        title="Une attente",
        story=f"J'ai vu {SECRET} trois fois.",
        published_text=f"J'ai vu […] trois fois, {PUBLIC}.",
    )
    publish(testimony)
    assert entries_for(testimony) == 1
    assert in_index(PUBLIC)
    assert not in_index(SECRET)


def test_a_word_removed_by_the_moderator_leaves_the_index(site_tree):
    testimony = factories.TestimonyFactory(
        title="Une attente", story=f"J'ai vu {SECRET} et {PUBLIC}."
    )
    publish(testimony)
    assert in_index(SECRET)  # public text is the original story until a copy is made
    testimony.published_text = f"J'ai vu […] et {PUBLIC}."
    testimony.save()
    assert in_index(PUBLIC)
    assert not in_index(SECRET)


@pytest.mark.parametrize(
    "leave",
    [
        lambda t: mark_for_review(t),
        lambda t: refuse(t, reason="Trop identifiant"),
        lambda t: set_status(t, ModerationStatus.WITHDRAWN),
        lambda t: set_status(t, ModerationStatus.PENDING),
    ],
    ids=["review", "refused", "withdrawn", "pending"],
)
def test_a_story_that_stops_being_published_leaves_the_index(site_tree, leave):
    testimony = factories.TestimonyFactory(title=f"Titre {SECRET}", story="Un récit.")
    publish(testimony)
    assert entries_for(testimony) == 1
    leave(testimony)
    assert entries_for(testimony) == 0
    assert not in_index(SECRET)


def test_erasure_leaves_no_word_in_the_index_tables(site_tree):
    kept = factories.TestimonyFactory(title="Une autre histoire", story=f"Rien à cacher, {PUBLIC}.")
    publish(kept)
    erased = factories.TestimonyContactFactory(
        email="efface@example.org",
        testimony=factories.TestimonyFactory(title=f"Titre {SECRET}", story=f"Récit de {SECRET}."),
    ).testimony
    publish(erased)
    assert in_index(SECRET)
    call_command("testimony_data", "--email", "efface@example.org", "--erase", stdout=io.StringIO())
    assert not in_index(SECRET)
    assert in_index(PUBLIC)


def test_withdrawal_action_leaves_no_word_in_the_index_tables(site_tree):
    testimony = factories.TestimonyFactory(title=f"Titre {SECRET}", story="Un récit.")
    publish(testimony)
    erase([testimony])
    assert not in_index(SECRET)


def test_migration_removes_entries_of_unpublished_and_rewritten_stories(site_tree):
    backend = get_search_backend()
    pending = factories.TestimonyFactory(title=f"En attente {SECRET}")
    rewritten = factories.TestimonyFactory(
        title="Relu", story=f"Original {SECRET}", published_text="Relu."
    )
    original = factories.TestimonyFactory(title=f"Tel quel {PUBLIC}", story="Publié tel quel.")
    publish(rewritten)
    publish(original)
    # Entries as the old configuration wrote them: every story, by its original text.
    for testimony in (pending, rewritten):
        backend.add(testimony)
        IndexEntry.objects.filter(
            content_type__model="testimony", object_id=str(testimony.pk)
        ).update(title=f"Titre {SECRET}")
    assert entries_for(pending) == 1

    migration = importlib.import_module("testimonies.migrations.0004_testimony_index_public_only")
    # The function reads only the editor's connection; SQLite forbids a real schema
    # editor inside the test's transaction.
    migration.forget_unpublished_entries(live_apps, SimpleNamespace(connection=connection))

    assert entries_for(pending) == 0
    assert entries_for(rewritten) == 0
    assert entries_for(original) == 1
    assert not in_index(SECRET)


def test_moderators_search_their_queue_in_the_database(moderator):
    factories.TestimonyFactory(title="Une longue attente", story="Mon diabète découvert tard.")
    factories.TestimonyFactory(title="Autre chose", story="Rien à voir.")
    client = Client()
    client.force_login(moderator)
    response = client.get("/admin/snippets/testimonies/testimony/", {"q": "diabète"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Une longue attente" in html
    assert "Autre chose" not in html


def test_purge_leaves_no_word_of_old_entries_in_the_index_tables(site_tree):
    """Entries written before this fix (any status) are erased with their words by the
    purge, which merges the FTS5 segments once for the whole batch."""
    import datetime

    from django.utils import timezone

    backend = get_search_backend()
    old = [
        factories.TestimonyFactory(title=f"Titre {SECRET}", status=status)
        for status in (ModerationStatus.REFUSED, ModerationStatus.PENDING)
    ]
    for testimony in old:
        backend.add(testimony)  # as the old configuration indexed every story
    factories.TestimonyFactory._meta.model.objects.filter(pk__in=[t.pk for t in old]).update(
        submitted_at=timezone.now() - datetime.timedelta(days=400),
        status_changed_at=timezone.now() - datetime.timedelta(days=400),
    )
    assert in_index(SECRET)
    call_command("purge_testimonies", stdout=io.StringIO())
    assert not in_index(SECRET)
