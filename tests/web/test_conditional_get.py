"""A reader, feed reader or calendar that already holds an answer gets « 304 Not Modified ».

Podcast apps and feed readers poll every hour; a calendar subscription every few hours.
Without a validator each poll downloads the whole feed again.
"""

import pytest
from django.test import Client

ANSWERS_KEPT = ["/", "/articles/", "/articles/rss/", "/evenements/ical/", "/sitemap.xml"]


@pytest.mark.parametrize("url", ANSWERS_KEPT)
def test_a_second_poll_with_the_etag_downloads_nothing(site_tree, url):
    client = Client()
    first = client.get(url)
    assert first.status_code == 200
    assert first.has_header("ETag"), url
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304, url
    assert again.content == b""
    # Another version held (a feed changed since): the whole answer comes back.
    stale = client.get(url, headers={"If-None-Match": '"autre-version"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_the_articles_feed_answers_its_own_last_modified(site_tree):
    client = Client()
    first = client.get("/articles/rss/")
    assert first.has_header("Last-Modified")
    again = client.get("/articles/rss/", headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
