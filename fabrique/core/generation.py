"""The publication generation, and the memos readers' requests keep under it.

Some answers are worth keeping between requests (the footer's list of feeds, the live
banner, whole anonymous pages: ``fabrique/web/page_cache.py``), but a reader's GET must
write nothing to the database. So memos live in this process's memory (the ``reading``
cache alias), keyed by a *generation*: one name the shared cache holds, which every
change of something a page shows replaces. A publication in any worker therefore makes
every worker compute its memos again on its next request, and a reader costs one cache
read for it, never a write.

What starts a new generation: a page published, unpublished, moved or deleted (connected
in ``CoreConfig.ready``), and a save or deletion of any model registered with
``register_generation_model``: the Site, the site settings, view restrictions, people,
themes, images, documents, keywords (here), and each content app's own snippets (its
``AppConfig.ready``: rubrics, series, published testimonies…), since ``fabrique/`` never
imports a content app.

Within a request the generation is read once (``for_request``, entered by
``fabrique.core.frame.FrameMiddleware``): every memo of that request then costs no read
at all, which matters on the database cache where each read is a query.
"""

import contextlib
import contextvars
import logging
import uuid

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from fabrique.web.page_cache import GENERATION_KEY

KEY = GENERATION_KEY
logger = logging.getLogger(__name__)

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


def _new_generation() -> None:
    cache.set(KEY, uuid.uuid4().hex, None)


def bump(**kwargs) -> None:
    """Start a new generation (a signal receiver: publication, unpublication, move…).

    A random name, not an increment nor a time: after the shared cache lost the key, or
    with a clock that stands still, a new generation still never equals one a worker
    already holds memos for.

    Inside a transaction, a second new generation follows its commit: a reader served
    between the first one and the commit still saw the old rows, and what it kept under
    the first new generation must not outlive the commit.
    """
    _new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(_new_generation)
    # Inside a request (an editor's publication), what follows sees the new generation.
    if _request_generation.get() is not None:
        _request_generation.set(cache.get(KEY, UNKNOWN))


def bump_after_migrate(**kwargs) -> None:
    """``bump`` after ``manage.py migrate``: pages made by the previous code's templates
    do not outlive a deployment. On a first deployment the database cache's table does not
    exist yet (``createcachetable`` comes after): there is nothing to replace then."""
    try:
        # In its own transaction: a failed statement must not break the migration's.
        with transaction.atomic():
            bump()
    except Exception:  # no cache yet: no page kept either
        logger.info("No publication generation to replace after migrate: no cache yet.")


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


def register_generation_model(model, when=None) -> None:
    """Every save or deletion of ``model`` starts a new generation.

    For a model whose rows pages show (a person, a rubric, an image…). ``when(instance)``,
    if given, limits it to the rows that matter (a testimony only while it is published:
    a story received from the public changes no page). Call it from ``AppConfig.ready``.
    """

    def receiver(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # fixtures being loaded
        if when is None or when(instance):
            bump()

    label = model._meta.label
    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"fabrique-gen-save-{label}")
    post_delete.connect(
        receiver, sender=model, weak=False, dispatch_uid=f"fabrique-gen-delete-{label}"
    )
