"""Keep the search index to what is public, on every path that saves or deletes a story.

Wagtail indexes what ``get_indexed_objects()`` returns when an object is saved, but it
never removes the entry of an object that stops qualifying: a story sent back to review,
refused or withdrawn would stay searchable with its words. Hooking ``post_save`` here
(rather than each moderation action) holds whichever code changes the status.

On SQLite the index also lives in an FTS5 table, whose deletions only add "delete
markers": the erased words stay in its segment blobs until the segments are merged.
After any removal or change we merge them ("optimize"), so erased words leave the file.
"""

import threading
from contextlib import contextmanager

from django.db import connections, router
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index
from wagtail.search.models import IndexEntry

_batch = threading.local()


@contextmanager
def one_compaction():
    """Within this block, compaction runs once at the end instead of after each story.

    Merging rewrites the whole FTS5 index (about 1 s for 5,000 long entries): a purge
    deleting hundreds of stories must not pay it hundreds of times.
    """
    if getattr(_batch, "pending", None) is not None:  # already inside a batch
        yield
        return
    _batch.pending = set()
    try:
        yield
        aliases = _batch.pending
    finally:
        _batch.pending = None
    for alias in aliases:
        compact_sqlite_search_index(alias)


def compact_sqlite_search_index(using: str | None = None) -> None:
    """Merge the FTS5 segments so deleted or replaced words are gone from its tables."""
    using = using or router.db_for_write(IndexEntry)
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending.add(using)
        return
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    table = f"{IndexEntry._meta.db_table}_fts"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        if cursor.fetchone() is None:  # SQLite built without FTS5: nothing to compact.
            return
        cursor.execute(f'INSERT INTO "{table}"("{table}") VALUES (\'optimize\')')


def _has_entry(instance) -> bool:
    return instance.index_entries.exists()


@receiver(post_save, sender="testimonies.Testimony", dispatch_uid="testimony_index_public_only")
def index_only_while_published(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return
    if instance.is_published:
        # Now, whatever the task backend: the entry must hold the moderated text at once.
        index.insert_or_update_object(instance)
        compact_sqlite_search_index(using)
    elif _has_entry(instance):
        index.remove_object(instance)
        compact_sqlite_search_index(using)


@receiver(post_delete, sender="testimonies.Testimony", dispatch_uid="testimony_index_erased")
def forget_erased_words(sender, instance, using=None, **kwargs):
    # The entry may already be gone (the erasure removes it first): compact anyway.
    index.remove_object(instance)
    compact_sqlite_search_index(using)
