"""A reader's visit writes nothing to the database, whatever the cache backend.

A GET or HEAD that writes costs a transaction per view and, on a spike (a live show, a
shared story), turns readers into writers that wait on each other's locks. The demo is
served here under the database cache, the default of ``make serve`` and of any production
without Redis: every public address the demo offers (its sitemap, its feeds, calendars,
listings and their filters, search) is read, and any INSERT, UPDATE or DELETE fails.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from fabrique.core.renditions import make_page_renditions
from fabrique.settings.base import cache_settings

from .page_cache_client import WsgiClient

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
EXTRA_URLS = [
    "/robots.txt",
    "/sitemap.xml",
    "/healthz/",
    "/recherche/",
    "/recherche/?q=soin",
    "/recherche/?q=desert+medical",
    "/articles/rss/",
    "/evenements/ical/",
    "/rss/",
    "/s-abonner/",
    "/articles/?page=2",
]


@pytest.fixture
def demo_on_the_database_cache(settings, site_tree):
    settings.CACHES = cache_settings("database")
    call_command("createcachetable", verbosity=0)
    call_command("seed_demo", verbosity=0)
    # What the task worker does at each publication (the demo skips it to load fast).
    make_page_renditions.call(list(Page.objects.live().values_list("pk", flat=True)))
    # Readers come after a publication emptied what the shared cache held.
    caches["default"].clear()


def public_urls(client) -> list[str]:
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    locations = [
        urlsplit(node.text).path
        for node in ET.fromstring(sitemap.content).iter()
        if node.tag.endswith("loc")
    ]
    assert len(locations) > 20, "the demo's sitemap lists its pages"
    return sorted(set(locations + EXTRA_URLS))


def writes_while_reading(client, url: str, method: str = "get") -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url)
    assert response.status_code in (200, 301, 302), (url, response.status_code)
    return [query["sql"][:120] for query in queries if WRITE.match(query["sql"])]


def test_no_public_get_or_head_writes_to_the_database(demo_on_the_database_cache):
    client = Client()
    urls = public_urls(client)
    writes = {}
    for url in urls:
        for method in ("get", "head"):
            found = writes_while_reading(Client(), url, method)
            if found:
                writes[f"{method.upper()} {url}"] = found
    assert not writes, "Une visite écrit dans la base :\n" + "\n".join(
        f"{where}: {sql}" for where, sqls in writes.items() for sql in sqls[:3]
    )


def test_the_page_cache_on_the_database_cache_writes_nothing(demo_on_the_database_cache, settings):
    """With the page cache on and the shared cache in the database, a miss stores the page
    in the process's memory, never in the database, and the hit that follows costs one
    query: the generation's read."""
    settings.FABRIQUE_PAGE_CACHE = True
    urls = public_urls(Client())
    writes, hits = {}, 0
    for url in urls:
        for method in ("get", "get", "head"):
            answer = WsgiClient().get(url, method=method.upper())
            assert answer.status in (200, 301, 302), (url, answer.status)
            found = [sql[:120] for sql in answer.sql if WRITE.match(sql)]
            if found:
                writes[f"{method.upper()} {url}"] = found
        hits += answer.queries <= 1
    assert not writes, "Une visite écrit dans la base :\n" + "\n".join(
        f"{where}: {sql}" for where, sqls in writes.items() for sql in sqls[:3]
    )
    # Pages, listings and feeds come from the cache (search and /healthz/ never do).
    assert hits > len(urls) * 3 // 4, (hits, len(urls))
