"""The videos listing: newest first, filters without JavaScript, a fixed number of queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fabrique.core.factories import ImageFactory
from fabrique.demo.site import publish
from tests.a11y import assert_accessible
from tests.html import plain
from videos.factories import VideoPageFactory, VideoSeriesFactory
from videos.models import VideoKind

pytestmark = pytest.mark.django_db


def make_videos(index, count, **kwargs):
    poster = ImageFactory(title="Affiche", description="Une affiche")
    for n in range(count):
        page = VideoPageFactory(
            parent=index,
            recorded_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            duration=datetime.timedelta(minutes=10 + n),
            poster=poster,
            **kwargs,
        )
        page.tags.add("soin")
        page.save()
        publish(page)


def titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [plain(a.get_text(strip=True)) for a in soup.select(".card__title a")]


def count_queries(client, url):
    client.get(url)  # renditions made once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_query_count_is_the_same_for_5_and_50_videos(client, video_index):
    series = VideoSeriesFactory(name="Les entretiens")
    make_videos(video_index, 5, series=series)
    few, response = count_queries(client, "/videos/")
    assert len(titles(response)) == 5
    make_videos(video_index, 45, series=series)
    many, response = count_queries(client, "/videos/")
    assert len(titles(response)) == 12  # one page of cards
    assert few == many


def test_cards_show_poster_duration_and_series_newest_first(client, video_index, video):
    make_videos(video_index, 2, series=VideoSeriesFactory(name="Les entretiens"))
    response = client.get("/videos/")
    assert_accessible(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert titles(response)[0] == video.title  # recorded 17 October 2024, the newest
    card = soup.select_one(".video-card")
    assert card.select_one("img")["src"].startswith("/media/")  # the site's own copy
    assert card.select_one(".video-card__duration time")["datetime"] == "PT1H2M3S"
    assert card.select_one(".card__kind").get_text(strip=True) == "La nuit des jeunes en santé"


def test_filters_by_series_kind_and_tag_without_javascript(client, video_index, video):
    interviews = VideoSeriesFactory(name="Les entretiens")
    make_videos(video_index, 2, series=interviews, kind=VideoKind.INTERVIEW)
    by_series = titles(client.get("/videos/", {"emission": interviews.slug}))
    assert len(by_series) == 2 and video.title not in by_series
    assert titles(client.get("/videos/", {"type": "entretien"})) == by_series
    assert titles(client.get("/videos/", {"type": "replay"})) == [video.title]
    assert titles(client.get("/videos/", {"tag": "formation"})) == [video.title]
    # An unknown or hostile value filters nothing and never fails.
    for value in ("inconnu", "é" * 300, "'\"<>"):
        response = client.get("/videos/", {"type": value, "emission": value, "tag": value})
        assert response.status_code == 200
        assert len(titles(response)) == 3


def test_pagination_keeps_the_filters(client, video_index):
    make_videos(video_index, 13, kind=VideoKind.EXCERPT)
    response = client.get("/videos/", {"type": "extrait"})
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert "type=extrait" in soup.select_one(".pagination a[rel=next]")["href"]
    assert len(titles(client.get("/videos/", {"type": "extrait", "page": 2}))) == 1


def test_listing_and_home_load_nothing_from_another_host(client, video_index, video):
    from tests.videos.test_video_page import third_party_resources

    for path in ("/videos/", "/"):
        soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")
        assert third_party_resources(soup) == [], path
        assert video.title in plain(soup.get_text()), path
