"""Every feed of the site survives text a feed cannot carry, and is read by a real client.

The text is written around the forms (ORM updates), as text stored before the forms
refused it would be: a person named « La\\x0brédaction » and titles with U+FFFF. Each
feed must answer 200 and parse in feedparser (RSS, without ``bozo``) or icalendar.

``FEEDS`` is the table of every feed. Two tests keep it whole: every feed a page
announces or links to (``<link rel="alternate">``, the footer, « Fichier .ics ») and
every route of a routable page whose address looks like a feed must be in it, so a new
feed fails here until it is added (and so checked).
"""

import re
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.test import Client
from icalendar import Calendar
from taggit.models import Tag
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from articles.factories import ArticlePageFactory, RubricFactory
from articles.models import ArticlePage, Rubric
from events.factories import EventPageFactory
from events.models import EventPage
from fabrique.core.factories import PersonFactory
from fabrique.core.models import Person
from fabrique.core.xml_text import ILLEGAL_CHARACTERS
from fabrique.demo.site import publish
from podcasts.factories import EpisodePageFactory, PodcastShowPageFactory, make_cover_image
from podcasts.models import EpisodePage, PodcastShowPage

pytestmark = pytest.mark.django_db

HOSTILE_NAME = "La\x0brédaction"
CLEAN_NAME = "Larédaction"


def _url(page, route: str, *args) -> str:
    return page.url + page.reverse_subpage(route, args=list(args))


# (label, kind, model label, route name, url from the content built below, text expected)
FEEDS = [
    (
        "articles",
        "rss",
        "articles.ArticleIndexPage",
        "feed",
        lambda c: _url(c["articles"], "feed"),
        CLEAN_NAME,
    ),
    (
        "articles d'une rubrique",
        "rss",
        "articles.ArticleIndexPage",
        "rubric_feed",
        lambda c: _url(c["articles"], "rubric_feed", c["rubric"].slug),
        "Soigner autrement",
    ),
    (
        "podcast d'une émission",
        "rss",
        "podcasts.PodcastShowPage",
        "feed",
        lambda c: _url(c["show"], "feed"),
        CLEAN_NAME,
    ),
    (
        "agenda des événements",
        "ical",
        "events.EventIndexPage",
        "calendar",
        lambda c: _url(c["events"], "calendar"),
        "Rencontre à Lyon",
    ),
    (
        "agenda d'un mot-clé",
        "ical",
        "events.EventIndexPage",
        "tag_calendar",
        lambda c: _url(c["events"], "tag_calendar", c["tag"].slug),
        "Rencontre à Lyon",
    ),
    (
        "tout le site",
        "rss",
        None,
        None,
        lambda c: "/rss/",
        "Soigner autrement",
    ),
    (
        "fichier .ics d'un événement",
        "ical",
        "events.EventPage",
        "ics",
        lambda c: _url(c["event"], "ics"),
        "Rencontre à Lyon",
    ),
]

# A route whose address contains one of these is a feed (or an export read by a program).
FEED_ROUTE = re.compile(r"rss|atom|ical|\.ics|feed|flux|calendar|agenda|\.xml", re.IGNORECASE)
FEED_LINK = re.compile(r"/(rss|ical|atom|flux)(/|$)|\.(ics|rss|xml)$")


@pytest.fixture
def content(site_tree):
    """One of each kind that has a feed, then hostile text written around the forms."""
    sections = site_tree["sections"]
    person = PersonFactory(name="Équipe de rédaction")
    rubric = RubricFactory(name="Tribune", slug="tribune")

    article = ArticlePageFactory(parent=sections["articles"], rubric=rubric, title="Article")
    article.authors.create(person=person)
    article.save()
    publish(article)

    show = PodcastShowPageFactory(
        parent=sections["podcasts"],
        title="Les Voix du soin",
        cover_image=make_cover_image("Pochette", 0),
    )
    show.hosts.create(person=person)
    show.save()
    publish(show)
    episode = EpisodePageFactory(parent=show, title="Épisode")
    episode.guests.create(person=person)
    episode.save()
    publish(episode)

    event = EventPageFactory(parent=sections["evenements"], title="Rencontre")
    event.speakers.create(person=person)
    event.tags.add("santé")
    event.save()
    publish(event)

    Person.objects.filter(pk=person.pk).update(name=HOSTILE_NAME, role="ani\x0cmation")
    Rubric.objects.filter(pk=rubric.pk).update(name="Tri\x0bbune\uffff")
    ArticlePage.objects.filter(pk=article.pk).update(
        title="Soigner\uffff autrement\x0b", standfirst="Chapô\x01 hostile\ufffe"
    )
    PodcastShowPage.objects.filter(pk=show.pk).update(
        title="Les Voix\x0b du soin\uffff", description="Une émission\x1f."
    )
    EpisodePage.objects.filter(pk=episode.pk).update(
        title="Épisode\uffff un\x0b", summary="Résumé\x08."
    )
    EventPage.objects.filter(pk=event.pk).update(
        title="Rencontre\x0b à Lyon\uffff", summary="Un\x7f direct\x0c."
    )
    tag = Tag.objects.get(name="santé")
    Tag.objects.filter(pk=tag.pk).update(name="santé\x0b")
    return {
        "articles": sections["articles"],
        "rubric": rubric,
        "show": show,
        "events": sections["evenements"],
        "event": event,
        "tag": tag,
    }


def read(kind: str, response):
    if kind == "rss":
        assert response["Content-Type"].startswith("application/rss+xml")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.entries
        return parsed
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT")
    return calendar


@pytest.mark.parametrize(
    ("kind", "build_url", "expected"),
    [pytest.param(kind, url, text, id=label) for label, kind, _m, _r, url, text in FEEDS],
)
def test_every_feed_answers_and_parses_despite_illegal_characters(
    client, content, kind, build_url, expected
):
    response = client.get(build_url(content))
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert not ILLEGAL_CHARACTERS.search(text)
    read(kind, response)
    # The hostile text is there, cleaned, not dropped with its item.
    unfolded = text.replace("\r\n ", "")
    assert expected in unfolded


@pytest.mark.parametrize(
    "build_url", [pytest.param(url, id=label) for label, _k, _m, _r, url, _t in FEEDS]
)
def test_every_feed_is_the_same_between_publications_and_answers_304(content, build_url):
    """Feed readers and calendars poll: between publications they download nothing."""
    client = Client()
    url = build_url(content)
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content, url
    again = client.get(url, headers={"If-None-Match": second["ETag"]})
    assert again.status_code == 304, url
    assert again.content == b""


def _local_path(href: str) -> str | None:
    parts = urlsplit(href)
    if parts.netloc and parts.netloc != "testserver":
        return None
    return parts.path


def test_every_feed_a_page_announces_or_links_to_is_in_the_table(client, content):
    table = {build_url(content) for _l, _k, _m, _r, build_url, _t in FEEDS}
    found = {}
    pages = Page.objects.live().exclude(depth=1).specific()
    assert pages.count() > 10
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200:
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        hrefs = [link["href"] for link in soup.select('link[rel~="alternate"][href]')]
        hrefs += [a["href"] for a in soup.select("a[href]") if FEED_LINK.search(a["href"])]
        for href in hrefs:
            path = _local_path(href)
            if path is not None:
                found.setdefault(path, page.url)
    assert found, "no page announces a feed: the discovery is broken"
    missing = {path: where for path, where in found.items() if path not in table}
    assert not missing, f"feeds missing from FEEDS (path: page that links to it): {missing}"


def test_every_feed_route_is_in_the_table():
    listed = {(model, route) for _l, _k, model, route, _u, _t in FEEDS if model}
    routes = set()
    for model in apps.get_models():
        if not issubclass(model, RoutablePageMixin):
            continue
        for pattern in model.get_subpage_urls():
            if FEED_ROUTE.search(str(pattern.pattern)):
                routes.add((model._meta.label, pattern.name))
    assert listed <= routes, f"FEEDS names routes that no longer exist: {listed - routes}"
    assert routes <= listed, f"feed routes missing from FEEDS: {routes - listed}"


# The W3C feed validator is not on PyPI (its Python code is published only as a
# repository): the elements it required of our feeds are checked here instead.
RSS_DATE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
ATOM = "{http://www.w3.org/2005/Atom}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


@pytest.mark.parametrize(
    "build_url",
    [pytest.param(url, id=label) for label, kind, _m, _r, url, _t in FEEDS if kind == "rss"],
)
def test_every_rss_feed_has_what_the_w3c_validator_requires(client, content, build_url):
    import xml.etree.ElementTree as ET

    url = build_url(content)
    channel = ET.fromstring(client.get(url).content).find("channel")
    # atom:link rel="self" naming the feed's own address.
    self_links = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(self_links) == 1, url
    assert urlsplit(self_links[0].get("href")).path == url
    assert self_links[0].get("type", "application/rss+xml") == "application/rss+xml"
    # RFC 822 dates (four-digit year, numeric zone), from the content.
    dates = [channel.findtext("lastBuildDate"), channel.findtext("pubDate")]
    dates += [item.findtext("pubDate") for item in channel.findall("item")]
    for date in filter(None, dates):
        assert RSS_DATE.match(date), (url, date)
    assert channel.findall("item"), url
    for item in channel.findall("item"):
        assert item.findtext("guid"), url
        for enclosure in item.findall("enclosure"):
            assert enclosure.get("url", "").startswith("http"), url
            assert enclosure.get("length", "").isdigit(), url
            assert "/" in enclosure.get("type", ""), url
    # A podcast: itunes:owner with an e-mail (podcast:locked names it).
    if channel.find(f"{ITUNES}owner") is not None or "/podcasts/" in url:
        owner = channel.find(f"{ITUNES}owner")
        assert owner is not None and owner.findtext(f"{ITUNES}email"), url
        assert owner.findtext(f"{ITUNES}name"), url
