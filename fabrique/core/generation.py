"""The publication generation, and the memos readers' requests keep under it.

Some answers are worth keeping between requests (the footer's list of feeds, the live
banner), but a reader's GET must write nothing: where the shared cache is the database,
storing a memo there would be a database write on a reader's visit. So memos live in
this process's memory (the ``reading`` cache alias), keyed by a *generation*: one number
the shared cache holds, which every publication, unpublication or move replaces. A
publication in any worker therefore makes every worker compute its memos again on its
next request, and a reader costs one cache read for it, never a write.
"""

import uuid

from django.core.cache import cache, caches

KEY = "fabrique:generation"


def current() -> str:
    """The generation readers see now ("0" until the first publication after a cold start)."""
    return cache.get(KEY, "0")


def bump(**kwargs) -> None:
    """Start a new generation (a signal receiver: publication, unpublication, move…).

    A random name, not an increment nor a time: after the shared cache lost the key, or
    with a clock that stands still, a new generation still never equals one a worker
    already holds memos for.
    """
    cache.set(KEY, uuid.uuid4().hex, None)


def memo(name: str, compute, timeout: int | None = None):
    """``compute()`` for this generation, kept in this process (``timeout`` in seconds)."""
    local = caches["reading"]
    key = f"{name}:{current()}"
    value = local.get(key)
    if value is None:
        value = compute()
        local.set(key, value, timeout)
    return value
