"""Following everything: the « S'abonner » page, the feeds each page announces, the site's feed.

Feed readers look for ``<link rel="alternate">`` in a page's head; readers look for a page
that says what to subscribe to. Both come from one registry (``fabrique/core/feeds.py``),
filled by the apps: the demo's feeds must all be offered, and each must answer.
"""

from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from articles.models import ArticleIndexPage, ArticlePage, Rubric
from podcasts.models import PodcastShowPage
from tests.a11y import assert_accessible

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(site_tree):
    call_command("seed_demo", verbosity=0)
    return site_tree


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def alternates(client, url: str) -> dict[str, str]:
    head = soup(client.get(url)).head
    return {
        urlsplit(link["href"]).path: link["type"]
        for link in head.select('link[rel~="alternate"]')
        if link.get("type") in ("application/rss+xml", "text/calendar")
    }


def expected_feeds() -> dict[str, str]:
    """Every feed the demo's content calls for, by path, with its type."""
    index = ArticleIndexPage.objects.live().get()
    feeds = {"/rss/": "application/rss+xml", "/articles/rss/": "application/rss+xml"}
    used = ArticlePage.objects.live().values("rubric")
    for rubric in Rubric.objects.filter(pk__in=used):
        feeds[f"{index.url}rss/{rubric.slug}/"] = "application/rss+xml"
    for show in PodcastShowPage.objects.live():
        feeds[f"{show.url}rss/"] = "application/rss+xml"
    feeds["/evenements/ical/"] = "text/calendar"
    return feeds


def test_the_subscribe_page_lists_every_feed_and_says_how_to_use_them(demo):
    client = Client()
    response = client.get("/s-abonner/")
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "S'abonner"
    main = page.find("main")
    listed = {a["href"]: a["type"] for a in main.select("a[type]")}
    expected = expected_feeds()
    assert len(expected) >= 6
    assert listed == expected
    text = main.get_text(" ", strip=True)
    assert "Un flux RSS est une adresse" in text
    assert "Un agenda iCalendar" in text
    # The address to paste, whole, on the public address.
    assert "http://testserver/articles/rss/" in text
    # No script is needed to read or copy anything.
    assert not main.find("script")
    assert_accessible(response)
    for url, content_type in listed.items():
        feed = client.get(url)
        assert feed.status_code == 200, url
        assert feed["Content-Type"].startswith(content_type), url
    # The footer of every page leads there.
    footer = soup(client.get("/")).find("footer")
    assert footer.find("a", string=lambda s: s and "abonnements" in s)["href"] == "/s-abonner/"


def test_home_and_every_section_announce_their_feeds(demo):
    client = Client()
    show = PodcastShowPage.objects.live().first()
    show_feed = f"{show.url}rss/"
    home = alternates(client, "/")
    assert home == {
        "/rss/": "application/rss+xml",
        "/articles/rss/": "application/rss+xml",
        show_feed: "application/rss+xml",
        "/evenements/ical/": "text/calendar",
    }
    expected = {
        "/articles/": {"/rss/", "/articles/rss/"},
        "/podcasts/": {"/rss/", show_feed},
        show.url: {"/rss/", show_feed},
        "/videos/": {"/rss/"},
        "/evenements/": {"/rss/", "/evenements/ical/"},
        "/dossiers/": {"/rss/"},
        "/s-abonner/": set(home),
    }
    for url, feeds in expected.items():
        assert set(alternates(client, url)) == feeds, url
    article = ArticlePage.objects.live().first()
    assert "/articles/rss/" in alternates(client, article.url)
    episode = show.get_children().live().first()
    assert show_feed in alternates(client, episode.url)
    # A titled link each: feed readers show it to choose.
    head = soup(client.get("/")).head
    assert all(link.get("title") for link in head.select('link[rel~="alternate"][type]'))


def test_the_site_feed_holds_every_kind_newest_first(demo):
    response = Client().get("/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entries = parsed.entries
    assert 10 <= len(entries) <= 30
    kinds = {entry.tags[0].term for entry in entries}
    assert {"Article", "Épisode", "Vidéo", "Événement"} <= kinds, kinds
    dates = [entry.published_parsed for entry in entries]
    assert dates == sorted(dates, reverse=True)
    assert all(entry.link.startswith("http://testserver/") for entry in entries)
