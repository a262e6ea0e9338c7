"""Query budgets of a page view, with the demo, on the database cache and on Redis.

A reader's page reads the site frame (site, settings, menu, footer, view restrictions)
from memory for the whole publication generation (``fabrique/core/frame.py``), finds
the page and its ancestors in one query (``fabrique/core/routing.py``) and its relations
once (``get_route_queryset``). On the database cache, reading the generation is itself a
query, counted here. Each page is asked twice: the budget is the second visit's, the
steady state of a worker between two publications (the first computes the memos).
"""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from fabrique.core.renditions import make_page_renditions
from fabrique.settings.base import cache_settings

DETAIL = 8
HOME = 10
SEARCH = 10
STANDARD = 3
# Index pages list their section's pages; their budget is the same for 5 and 50 pages
# (each app's own tests), and the demo's sections stay within this.
LISTING = 12

BUDGETS = {
    "HomePage": HOME,
    "StandardPage": STANDARD,
    "ArticlePage": DETAIL,
    "VideoPage": DETAIL,
    "EpisodePage": DETAIL,
    "EventPage": DETAIL,
    "CallPage": DETAIL,
    "InspirActionPage": DETAIL,
    "DossierPage": DETAIL,
    "PodcastShowPage": LISTING,
}
EXTRA = {
    "/recherche/?q=soin": SEARCH,
    "/recherche/?q=desert+medical": SEARCH,
    "/articles/rss/": LISTING,
    "/evenements/ical/": LISTING,
}

REDIS_URL = "redis://127.0.0.1:6379/6"


@pytest.fixture(params=["database", "redis"])
def demo(request, settings, site_tree):
    if request.param == "database":
        settings.CACHES = cache_settings("database")
        call_command("createcachetable", verbosity=0)
    else:
        settings.CACHES = cache_settings("redis", REDIS_URL)
    caches["default"].clear()
    call_command("seed_demo", verbosity=0)
    make_page_renditions.call(list(Page.objects.live().values_list("pk", flat=True)))
    yield request.param
    caches["default"].clear()


def queries_of(url: str) -> tuple[int, list[str]]:
    # A worker's first visit computes the memos (some expire with the time: home blocks).
    caches["reading"].clear()
    assert Client().get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len(queries), [query["sql"][:150] for query in queries]


def test_every_page_type_within_its_budget(demo):
    urls = dict(EXTRA)
    for page in Page.objects.live().public().exclude(depth__lte=1).specific().order_by("path"):
        name = type(page).__name__
        budget = BUDGETS.get(name, LISTING)
        urls.setdefault(page.url, budget)
    over = {}
    for url, budget in urls.items():
        count, sqls = queries_of(url)
        if count > budget:
            over[url] = (count, budget, sqls)
    assert not over, f"cache {demo}:\n" + "\n".join(
        f"{url}: {count} requêtes > {budget}\n    " + "\n    ".join(sqls)
        for url, (count, budget, sqls) in over.items()
    )
