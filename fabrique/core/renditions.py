"""Image renditions made when a page is published, by the task worker, not by a reader.

Wagtail makes a rendition the first time a template asks for it: without this, the first
reader of a new article (on a phone, on a slow network) waits while the server encodes
its pictures in three formats and two sizes, and that reader's GET writes to the
database. On ``page_published`` (once the transaction is committed) one task is enqueued;
the worker renders, as an anonymous reader's GET would, the page and the live pages above
it (its section, its show, the home page), which list it as a card.

The sizes are therefore the templates' own — the ``{% picture %}`` layouts of
``includes/picture.html``, cards, OpenGraph image, JSON-LD — read where they are written,
never copied into a second list that would drift from them.
"""

import logging
import threading
from contextlib import contextmanager
from io import StringIO
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.utils import translation
from django_tasks import task

logger = logging.getLogger(__name__)


def _reader_request(url: str) -> WSGIRequest:
    """An anonymous GET of ``url`` (an absolute address of the site), no cookie."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": parts.path,
            "QUERY_STRING": "",
            "SERVER_NAME": parts.hostname,
            "SERVER_PORT": str(port),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": parts.netloc,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.input": StringIO(),
            "wsgi.errors": StringIO(),
            "wsgi.url_scheme": parts.scheme or "http",
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
    )
    request.user = AnonymousUser()
    return request


def pages_showing(page) -> list:
    """The page and the live pages above it, below the tree's root: where it is shown."""
    ancestors = page.get_ancestors().live().filter(depth__gt=1).specific()
    return [page, *reversed(list(ancestors))]


def render_as_reader(page) -> int | None:
    """GET ``page`` through the site's whole request stack; the answer's status code."""
    url = page.get_full_url()
    if not url:
        return None
    handler = BaseHandler()
    handler.load_middleware()
    response = handler.get_response(_reader_request(url))
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response.status_code


@task()
def make_page_renditions(page_ids: list[int]) -> int:
    """Render the published pages and the pages listing them, each once; returns how many.

    A page unpublished or deleted since is skipped. A page that fails to render is logged
    and skipped: a reader will then make its renditions, as before.
    """
    from wagtail.models import Page

    to_render = {}
    for page in Page.objects.live().filter(pk__in=page_ids).specific():
        for shown in pages_showing(page):
            to_render.setdefault(shown.pk, shown)
    rendered = 0
    with translation.override(translation.get_language()):
        for shown in to_render.values():
            try:
                status = render_as_reader(shown)
            except Exception:
                logger.exception("Images de la page %s non préparées", shown.pk)
                continue
            rendered += status == 200
    return rendered


_published = threading.local()


def enqueue_renditions(sender, instance, **kwargs):
    """``page_published``: one task per committed transaction, for every page it published.

    Publishing many pages at once (the demo, a bulk action) renders the section and home
    pages they share once, not once per page. Each publication registers a callback; the
    first one run after the commit takes every waiting page, the others find none.
    ``robust``: with the immediate backend (development) the task runs in the editor's
    request; an error there is logged, never shown instead of « publiée ».
    """
    if getattr(_published, "paused", False):
        return
    waiting = getattr(_published, "pages", None)
    if waiting is None:
        waiting = _published.pages = set()
    waiting.add(instance.pk)
    transaction.on_commit(_enqueue_waiting, robust=True)


@contextmanager
def renditions_not_prepared():
    """Publish without enqueuing the pictures' task (bulk loads such as the demo)."""
    _published.paused = True
    try:
        yield
    finally:
        _published.paused = False


def _enqueue_waiting():
    waiting = getattr(_published, "pages", None)
    if waiting:
        page_ids = sorted(waiting)
        waiting.clear()
        make_page_renditions.enqueue(page_ids)
