"""Answers that must hold when the rest of the site cannot: a database outage, hostile input.

``DatabaseOutageMiddleware`` sits at ``MIDDLEWARE[0]``. It bounds every wait for the
database during the request (``DATABASE_REQUEST_TIMEOUT``, web/database_deadline.py), so
a database that hangs fails within seconds too. When the database does not answer,
every page would otherwise be a 500 and a story being sent would be lost: instead the
visitor gets a French 503 with ``Retry-After`` and, for a form, what they typed written
back into a form that posts to the same address. The page is rendered from a standalone
template without the request (no context processor, no query) because the database is
exactly what is missing. ``handler500`` (fabrique.urls) catches the same errors when they
are raised outside a view (a middleware, the session save).
"""

import codecs
import logging
import re

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

from fabrique.web.database_deadline import database_deadline

logger = logging.getLogger("fabrique.outage")

RETRY_AFTER_SECONDS = 60
DATABASE_ERRORS = (OperationalError, InterfaceError)

# Posted fields never written back: secrets, the CSRF token (added once, apart) and the
# public forms' anti-robot fields (honeypot, signed start time), which the form recreates.
NOT_WRITTEN_BACK = re.compile(
    r"^(csrfmiddlewaretoken|website|started)$|pass|secret|token|signature", re.IGNORECASE
)
LONG_TEXT = 80


def database_error_in(exception: BaseException | None) -> bool:
    """True when the exception, or one it was raised from, is a lost database."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, DATABASE_ERRORS):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def _posted_fields(request) -> list[dict]:
    if request.method != "POST":
        return []
    try:
        items = list(request.POST.lists())
    except Exception:  # an unreadable body: nothing to write back
        return []
    fields = []
    for name, values in items:
        if NOT_WRITTEN_BACK.search(name):
            continue
        for value in values:
            fields.append(
                {
                    "name": name,
                    "value": value,
                    "checkbox": value == "on",
                    "long": "\n" in value or len(value) > LONG_TEXT,
                }
            )
    return fields


def outage_response(request) -> HttpResponse:
    """The static French 503, with the visitor's posted text kept; no database access."""
    fields = _posted_fields(request)
    csrf_token = ""
    if fields:
        csrf_token = request.POST.get("csrfmiddlewaretoken", "")
    content = render_to_string(
        "503.html",
        {
            "fields": fields,
            "csrf_token": csrf_token,
            "action": request.get_full_path(),
            "retry_minutes": max(1, RETRY_AFTER_SECONDS // 60),
            "static_url": settings.STATIC_URL,
        },
    )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turns a lost database into a 503 the visitor can act on (MIDDLEWARE[0])."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Each wait for the database in this request is bounded (web/database_deadline.py).
        with database_deadline(settings.DATABASE_REQUEST_TIMEOUT):
            return self.get_response(request)

    def process_exception(self, request, exception):
        if database_error_in(exception):
            # For the operator; the path is left out (it may be a private link).
            logger.error(
                "Base de données injoignable (%s) : réponse 503.", type(exception).__name__
            )
            return outage_response(request)
        return None


def bad_request_response(too_large: bool = False) -> HttpResponse:
    """Django's 400 page is English; this one is French and makes no query. A body too
    large to be read at all (files over the public limits) says so, with a 413."""
    content = render_to_string(
        "400.html", {"static_url": settings.STATIC_URL, "too_large": too_large}
    )
    response = HttpResponseBadRequest(content)
    if too_large:
        response.status_code = 413
    return response


def _unknown_charset(request) -> bool:
    charset = (getattr(request, "content_params", None) or {}).get("charset")
    if not charset:
        return False
    try:
        codecs.lookup(charset)
    except LookupError:
        return True
    return False


class RejectUnreadableRequestMiddleware:
    """Requests no view can read answer a French 400 before any view runs.

    A NUL byte in the path or query string: no page has a use for it, and PostgreSQL
    refuses it in any lookup (an error of 500); refusing it here protects every filter,
    present and future, at once. A body declared in a charset Python does not know
    (``charset=foo``): Django raises ``LookupError`` on the first read of ``request.POST``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return bad_request_response()
        if _unknown_charset(request):
            return bad_request_response()
        return self.get_response(request)
