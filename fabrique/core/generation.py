"""The publication generation, and the memos readers' requests keep under it.

Some answers are worth keeping between requests (the footer's list of feeds, the live
banner), but a reader's GET must write nothing: where the shared cache is the database,
storing a memo there would be a database write on a reader's visit. So memos live in
this process's memory (the ``reading`` cache alias), keyed by a *generation*: one number
the shared cache holds, which every publication, unpublication or move replaces. A
publication in any worker therefore makes every worker compute its memos again on its
next request, and a reader costs one cache read for it, never a write.

Within a request the generation is read once (``for_request``, entered by
``fabrique.core.frame.FrameMiddleware``): every memo of that request then costs no read
at all, which matters on the database cache where each read is a query.
"""

import contextlib
import contextvars
import uuid

from django.core.cache import cache, caches

KEY = "fabrique:generation"
# Before any publication, or after the shared cache lost the key, the generation is
# unknown: memos are then kept this long at most (seconds), so a change made while the
# key was missing shows within a minute, without a reader's request writing the key.
UNKNOWN = "0"
UNKNOWN_TIMEOUT = 60

_request_generation: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "fabrique_generation", default=None
)


def current() -> str:
    """The generation readers see now (``UNKNOWN`` until the first publication)."""
    held = _request_generation.get()
    if held is not None:
        return held
    return cache.get(KEY, UNKNOWN)


@contextlib.contextmanager
def for_request():
    """Read the generation once and keep it for everything done inside the block."""
    token = _request_generation.set(cache.get(KEY, UNKNOWN))
    try:
        yield
    finally:
        _request_generation.reset(token)


def bump(**kwargs) -> None:
    """Start a new generation (a signal receiver: publication, unpublication, move…).

    A random name, not an increment nor a time: after the shared cache lost the key, or
    with a clock that stands still, a new generation still never equals one a worker
    already holds memos for.
    """
    cache.set(KEY, uuid.uuid4().hex, None)
    # Inside a request (an editor's publication), what follows sees the new generation.
    if _request_generation.get() is not None:
        _request_generation.set(cache.get(KEY, UNKNOWN))


def memo(name: str, compute, timeout: int | None = None):
    """``compute()`` for this generation, kept in this process (``timeout`` in seconds)."""
    local = caches["reading"]
    generation = current()
    key = f"{name}:{generation}"
    value = local.get(key)
    if value is None:
        value = compute()
        if generation == UNKNOWN:
            timeout = min(timeout or UNKNOWN_TIMEOUT, UNKNOWN_TIMEOUT)
        local.set(key, value, timeout)
    return value
