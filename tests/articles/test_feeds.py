"""The RSS feeds: what a feed reader receives, escaped, whole section or one rubric."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from articles.factories import RubricFactory

pytestmark = pytest.mark.django_db


def items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def test_feed_lists_articles_with_their_details(client, index, make_article, rubric, person, image):
    article = make_article(
        title="Soins <script>alert(1)</script> & santé",
        standfirst="Un chapô & des <b>balises</b>.",
        rubric=rubric,
        authors=[person],
        hero_image=image,
    )
    response = client.get(f"{index.url}rss/")
    raw = response.content.decode()
    assert "<script>" not in raw
    assert "&lt;script&gt;" in raw and "&amp; santé" in raw
    channel, entries = items(response)
    assert "Articles" in channel.findtext("title")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext("title") == "Soins <script>alert(1)</script> & santé"
    assert entry.findtext("link") == article.full_url
    assert entry.findtext("guid") == article.full_url
    assert entry.findtext("pubDate")
    assert entry.findtext("description") == "Un chapô & des <b>balises</b>."
    assert "Jalel Malek Hamza" in ET.tostring(entry, encoding="unicode")
    assert entry.findtext("category") == "Tribune"
    enclosure = entry.find("enclosure")
    assert enclosure.get("type") == "image/png"
    assert enclosure.get("url").startswith("http")


def test_rubric_feed_only_has_that_rubric(client, index, make_article, rubric):
    other = RubricFactory(name="Portrait", slug="portrait")
    make_article(title="Une tribune", rubric=rubric)
    make_article(title="Un portrait", rubric=other)
    _, entries = items(client.get(f"{index.url}rss/portrait/"))
    assert [e.findtext("title") for e in entries] == ["Un portrait"]
    assert client.get(f"{index.url}rss/inconnue/").status_code == 404


def test_feed_is_announced_in_the_head(client, index, make_article):
    article = make_article()
    for url in (index.url, article.url):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        links = {
            link["href"]: link
            for link in soup.head.find_all("link", rel="alternate", type="application/rss+xml")
        }
        assert links[f"http://testserver{index.url}rss/"]["title"]
