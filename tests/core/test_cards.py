"""What a search engine or a chat app reads of each page: JSON-LD, breadcrumbs, og:image.

Every address of the demo's sitemap is read: each describes itself (its JSON-LD names
the address its canonical link gives, a testimony's included), inner pages carry a
``BreadcrumbList`` ending on themselves, the home page a ``WebSite`` with the site's
search, and every page an ``og:image`` of known size that answers 200 (the page's image,
else its show's cover, else the site's card).
"""

import json
import xml.etree.ElementTree as ET
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(site_tree, settings, tmp_path):
    # Media and static files answered by the site itself, as under `make serve`.
    settings.FABRIQUE_SERVE_MEDIA = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    call_command("seed_demo", verbosity=0)
    return site_tree


def sitemap_urls(client) -> list[str]:
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    return sorted(
        {
            urlsplit(node.text).path
            for node in ET.fromstring(sitemap.content).iter()
            if node.tag.endswith("loc")
        }
    )


def structured(soup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def test_every_page_describes_itself_and_has_its_breadcrumbs(demo):
    client = Client()
    urls = sitemap_urls(client)
    assert len(urls) > 30
    kinds = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        canonical = soup.find("link", rel="canonical")["href"]
        assert urlsplit(canonical).path == url
        blocks = structured(soup)
        assert blocks, url
        own, *others = blocks
        assert own["@context"] == "https://schema.org"
        assert own.get("url") == canonical, (url, own.get("url"))
        kinds.add(own["@type"])
        crumbs = [block for block in others if block["@type"] == "BreadcrumbList"]
        if url == "/":
            assert not crumbs
            continue
        assert len(crumbs) == 1, url
        items = crumbs[0]["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == "http://testserver/"
        assert items[-1]["item"] == canonical, url
        assert all(item["name"] for item in items)
    assert {"WebSite", "Article", "PodcastEpisode", "VideoObject", "Event"} <= kinds, kinds


def test_the_home_page_offers_the_site_search(demo):
    soup = BeautifulSoup(Client().get("/").content.decode(), "html.parser")
    website = structured(soup)[0]
    assert website["@type"] == "WebSite"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == "http://testserver/recherche/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    search = Client().get(
        urlsplit(template.replace("{search_term_string}", "soin")).path + "?q=soin"
    )
    assert search.status_code == 200


def test_a_testimony_names_itself_not_its_listing(demo):
    from testimonies.models import TestimonyIndexPage

    index = TestimonyIndexPage.objects.live().get()
    client = Client()
    detail = next(
        url for url in sitemap_urls(client) if url.startswith(index.url) and url != index.url
    )
    soup = BeautifulSoup(client.get(detail).content.decode(), "html.parser")
    canonical = soup.find("link", rel="canonical")["href"]
    own, crumbs = structured(soup)
    assert own["url"] == canonical == f"http://testserver{detail}"
    assert own["@type"] == "Article"
    assert own["headline"] == soup.find("h1").get_text(strip=True)
    assert crumbs["itemListElement"][-1]["item"] == canonical
    assert crumbs["itemListElement"][-2]["item"] == f"http://testserver{index.url}"


def test_every_page_has_an_og_image_that_answers(demo):
    client = Client()
    images = {}
    for url in sitemap_urls(client):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        image = soup.find("meta", property="og:image")
        assert image is not None, url
        width = int(soup.find("meta", property="og:image:width")["content"])
        height = int(soup.find("meta", property="og:image:height")["content"])
        assert image["content"].startswith("http://testserver/"), url
        images.setdefault(image["content"], (width, height, url))
    assert any(src.endswith("/static/img/card.png") for src in images), "the site's card"
    for src, (width, height, url) in images.items():
        response = client.get(urlsplit(src).path)
        assert response.status_code == 200, (url, src)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert Image.open(BytesIO(content)).size == (width, height), (url, src)


def test_an_episode_without_image_shares_its_show_cover(demo):
    from podcasts.models import EpisodePage

    episode = EpisodePage.objects.live().filter(cover_image=None, listing_image=None).first()
    if episode is None:
        episode = EpisodePage.objects.live().first()
        EpisodePage.objects.filter(pk=episode.pk).update(cover_image=None, listing_image=None)
    show = episode.get_parent().specific
    soup = BeautifulSoup(Client().get(episode.url).content.decode(), "html.parser")
    src = soup.find("meta", property="og:image")["content"]
    expected = show.get_listing_image().get_rendition("fill-1200x630").url
    assert src == f"http://testserver{expected}"
