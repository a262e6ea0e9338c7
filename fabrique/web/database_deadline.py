"""A page never waits more than a few seconds for the database, even one that hangs.

Why a client-side deadline. A PostgreSQL server that stops answering while its connections
stay open (a frozen server, a stuck proxy or pooler in front of it) still has its kernel
acknowledge every byte sent to it. Nothing on the server side then fires:
``statement_timeout`` is counted by the server that no longer runs, and neither TCP
keepalives nor ``tcp_user_timeout`` see a dead peer, since the peer's kernel answers. Each
request would wait until gunicorn kills its worker (30 s), every page and ``/healthz/``
with it. Only the client can count, so it does here.

How. Every blocking operation of a psycopg 3 connection (a query, a commit, a rollback,
a server-side cursor's fetch, and Django's own health check, which bypasses Django's
cursor wrappers) goes through one method, ``Connection.wait``, which drives a generator
and resumes it at least every 0.1 s even when nothing arrives. The project's database
backend (``fabrique.web.postgresql``) wraps that method on each new connection: inside a
request, the generator is checked against a deadline at each resumption. Past it, the
connection is closed (for Django too, so that the next use makes a new one) and Django's
``OperationalError`` is raised, which the outage middleware turns into the French 503. A database execute wrapper would not do: the health
check, commits and rollbacks never pass through it.

Where. Only inside ``database_deadline(seconds)``: the outage middleware opens one around
every request (``DATABASE_REQUEST_TIMEOUT``), ``/healthz/`` a shorter one of its own
(``DATABASE_HEALTHZ_TIMEOUT``). Management commands, migrations and the task worker run
without one: their long statements are bounded by the server's ``statement_timeout``.
Connecting inside a request is bounded the same way (``connect_timeout`` lowered to the
deadline, psycopg's minimum being 2 s).

After a deadline has passed, or a connection attempt failed, the rest of the same request
gives up at once instead of connecting again (a session saved after the 503 page would
otherwise wait once more). The next request makes a new connection, so the site recovers
by itself as soon as the database answers again; a connection lost any other way is
found and replaced by Django's health check (``CONN_HEALTH_CHECKS``).

SQLite runs in the process: nothing to bound, and nothing here is used.
"""

import logging
import math
import weakref
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from time import monotonic

from django.db import OperationalError

logger = logging.getLogger("fabrique.outage")

# psycopg refuses a shorter connect_timeout (libpq's own minimum).
MIN_CONNECT_SECONDS = 2


class _Scope:
    __slots__ = ("failed", "seconds")

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.failed = False


_scope: ContextVar[_Scope | None] = ContextVar("fabrique_database_deadline", default=None)


class _DeadlinePassed(Exception):
    """Raised inside psycopg's wait loop; never leaves this module."""


@contextmanager
def database_deadline(seconds: float):
    """Each database operation inside waits at most ``seconds``; 0 or less: no deadline."""
    token = _scope.set(_Scope(seconds) if seconds and seconds > 0 else None)
    try:
        yield
    finally:
        _scope.reset(token)


def _gave_up(scope: _Scope) -> OperationalError:
    return OperationalError(
        f"La base de données n'a pas répondu en {scope.seconds:g} s pendant cette requête."
    )


def connect_params(conn_params: dict) -> dict:
    """Connection parameters for a connection made now: bounded by the request's deadline.

    Raises at once when the database already failed during this request.
    """
    scope = _scope.get()
    if scope is None:
        return conn_params
    if scope.failed:
        raise _gave_up(scope)
    configured = conn_params.get("connect_timeout")
    bound = max(MIN_CONNECT_SECONDS, math.ceil(scope.seconds))
    if configured is not None and int(configured) > 0:
        bound = min(bound, max(MIN_CONNECT_SECONDS, int(configured)))
    return {**conn_params, "connect_timeout": bound}


def connection_failed() -> None:
    """A connection attempt failed: the rest of this request does not try again."""
    scope = _scope.get()
    if scope is not None:
        scope.failed = True


def _until(gen, deadline: float):
    """psycopg's generator, abandoned once the deadline has passed.

    psycopg resumes it when the socket is ready and every 0.1 s when it is not, so the
    deadline is checked at least that often.
    """
    try:
        state = next(gen)
        while True:
            ready = yield state
            state = gen.send(ready)
            if monotonic() >= deadline:
                raise _DeadlinePassed
    except StopIteration as stop:
        return stop.value
    finally:
        gen.close()


def bound_waits(raw_connection, drop: Callable[[], None]) -> None:
    """Make every blocking operation of this psycopg connection honour the deadline.

    ``drop`` is called past the deadline: it closes the connection for Django, so that the
    next use makes a new one instead of finding this one closed.
    """
    if "wait" in vars(raw_connection):
        return
    plain_wait = type(raw_connection).wait
    # A weak reference: the connection holds this function, which must not keep it alive.
    ref = weakref.ref(raw_connection)

    def wait(gen, *args, **kwargs):
        connection = ref()
        scope = _scope.get()
        if scope is None:
            return plain_wait(connection, gen, *args, **kwargs)
        if scope.failed:
            gen.close()
            raise _gave_up(scope)
        try:
            return plain_wait(connection, _until(gen, monotonic() + scope.seconds), *args, **kwargs)
        except _DeadlinePassed:
            scope.failed = True
            # Its state is unknown (a query sent, no answer): it can only be dropped.
            connection.close()
            drop()
            logger.warning(
                "Base de données sans réponse après %g s : connexion fermée, réponse 503.",
                scope.seconds,
            )
            raise _gave_up(scope) from None

    raw_connection.wait = wait
