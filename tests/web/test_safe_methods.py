"""HEAD answers as GET does (200, no body) on the site's own views, pages and feeds.

A link checker, a feed reader or a monitoring probe asks with HEAD first; ``require_GET``
answered them 405. The project uses ``require_safe`` (GET and HEAD) and no ``require_GET``.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from fabrique.demo.site import publish
from podcasts.factories import PodcastShowPageFactory

SAFE_URLS = [
    "/robots.txt",
    "/recherche/",
    "/recherche/?q=soin",
    "/sitemap.xml",
    "/healthz/",
    "/",
    "/articles/",
    "/articles/rss/",
    "/evenements/",
    "/evenements/ical/",
    "/vos-histoires/temoigner/",
    "/faire-un-don/",
]


@pytest.mark.parametrize("url", SAFE_URLS)
def test_head_answers_200_like_get(site_tree, url):
    client = Client()
    get = client.get(url)
    assert get.status_code == 200, url
    head = client.head(url)
    assert head.status_code == 200, url
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


def test_head_on_a_podcast_feed(site_tree):
    show = publish(PodcastShowPageFactory(parent=site_tree["sections"]["podcasts"]))
    response = Client().head(f"{show.url}rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")


def test_no_view_of_the_project_uses_require_get():
    """``require_GET`` refuses HEAD: the project's own code uses ``require_safe``."""
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if not {".venv", "var", "node_modules", "tests"} & set(path.relative_to(root).parts)
        and "require_GET" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
