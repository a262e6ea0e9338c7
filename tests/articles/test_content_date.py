"""One date per piece of content: card, listing, home, page, RSS and JSON-LD all agree.

An article written on 11 October 2024 but loaded into the site today must say
"11 octobre 2024" everywhere a reader or a machine sees its date, never today's.
"""

import datetime
import json
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.utils import dateformat, timezone, translation

from fabrique.demo.site import publish
from fabrique.home.models import HomePageFeaturedItem
from fabrique.standard.factories import StandardPageFactory
from fabrique.standard.models import StandardPage
from tests.a11y import assert_accessible
from tests.html import plain, soup_of

pytestmark = pytest.mark.django_db

SHOWN = "11 octobre 2024"


def french(day: datetime.date) -> str:
    with translation.override("fr"):
        return dateformat.format(day, "j F Y")


def card_dates(response, title: str) -> list[tuple[str, str]]:
    """(visible text, machine date) of every card titled ``title`` on the page."""
    assert response.status_code == 200
    found = []
    for card in soup_of(response).select("article.card"):
        if card.select_one(".card__title").get_text(strip=True) == title:
            time = card.select_one(".card__date time")
            found.append((plain(time.get_text(strip=True)), time["datetime"]))
    return found


@pytest.fixture
def article(make_article, article_date):
    return make_article(title="Soignantes en colère", date=article_date)


def test_an_article_dated_earlier_shows_its_own_date_everywhere(client, index, home, article):
    today = french(timezone.localdate())
    assert article.first_published_at.date() != article.date  # published today, dated 2024
    assert article.get_content_date() == datetime.date(2024, 10, 11)

    listing = client.get(index.url)
    assert card_dates(listing, article.title) == [(SHOWN, "2024-10-11")]
    assert_accessible(listing)

    home.featured_items = [HomePageFeaturedItem(page=article)]
    publish(home)
    home_page = client.get("/")
    # The "À voir" pick and the latest articles section: both use the shared card.
    assert card_dates(home_page, article.title) == [(SHOWN, "2024-10-11")] * 2
    assert today not in home_page.content.decode()

    page = client.get(article.url)
    soup = soup_of(page)
    time = soup.select_one(".article__meta time")
    assert (plain(time.get_text(strip=True)), time["datetime"]) == (SHOWN, "2024-10-11")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["datePublished"] == "2024-10-11"
    # dateModified stays the last publication: later than the content's own date.
    assert data["dateModified"].startswith(str(timezone.localdate(article.last_published_at)))

    feed = client.get(f"{index.url}rss/")
    entry = ET.fromstring(feed.content).find("channel").find("item")
    published = parsedate_to_datetime(entry.findtext("pubDate"))
    assert timezone.localdate(published) == datetime.date(2024, 10, 11)


def test_the_sitemap_gives_the_last_publication_not_the_content_date(client, article):
    """lastmod tells crawlers when the page last changed: today, not the 2024 date."""
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in sitemap.findall("s:url", ns)
    }[article.full_url]
    assert lastmod.startswith(article.last_published_at.date().isoformat())
    assert lastmod[:10] > article.get_content_date().isoformat()


def test_an_article_without_a_date_takes_its_first_publication_day(client, index, make_article):
    article = make_article(title="Sans date", date=None)
    day = timezone.localdate(article.first_published_at)
    assert article.get_content_date() == day
    assert card_dates(client.get(index.url), "Sans date") == [(french(day), day.isoformat())]


def test_a_page_without_its_own_date_uses_its_first_publication(client, home):
    page = publish(StandardPageFactory(parent=home, title="À propos", slug="a-propos-date"))
    # Published at 23:30 UTC on 2 March: already 3 March in Paris, the site's time zone.
    first = datetime.datetime(2025, 3, 2, 23, 30, tzinfo=datetime.UTC)
    StandardPage.objects.filter(pk=page.pk).update(first_published_at=first)
    page.refresh_from_db()
    assert page.get_content_date() == datetime.date(2025, 3, 3)

    home.featured_items = [HomePageFeaturedItem(page=page)]
    publish(home)
    assert card_dates(client.get("/"), "À propos") == [("3 mars 2025", "2025-03-03")]


def test_an_unpublished_page_has_no_date(home):
    draft = StandardPageFactory.build(title="Brouillon")
    assert draft.first_published_at is None
    assert draft.get_content_date() is None
