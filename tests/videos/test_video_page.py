"""The video page as a reader gets it: nothing from the provider before a click."""

import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.a11y import assert_accessible
from tests.html import plain

pytestmark = pytest.mark.django_db

YT_PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1"


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def third_party_resources(soup, host="testserver") -> list[str]:
    """Every address the browser would load by itself (before any click) on another host."""
    found = []
    for tag in soup.find_all(["link", "script", "img", "iframe", "video", "audio", "source"]):
        for attribute in ("src", "srcset", "poster", "href"):
            if tag.name == "link" and attribute == "href":
                rel = set(tag.get("rel", []))
                if not rel & {"stylesheet", "icon", "preload", "modulepreload", "prefetch"}:
                    continue  # canonical, alternate: not loaded
            elif attribute == "href":
                continue
            for value in (tag.get(attribute) or "").replace(",", " ").split():
                netloc = urlsplit(value).netloc
                if netloc and netloc != host:
                    found.append(f"<{tag.name} {attribute}={value}>")
    return found


def test_video_page_loads_nothing_from_the_provider(client, video):
    response = client.get(video.url)
    assert response.status_code == 200
    assert_accessible(response)
    soup = soup_of(response)
    assert third_party_resources(soup) == []
    assert soup.find("iframe") is None
    player = soup.select_one("#lecteur")
    # The player's address waits in a data attribute for the click.
    assert player["data-player-url"] == YT_PLAYER
    assert player["data-seek"] == "youtube"
    # Poster from the site's own media, title, duration and the button naming the video.
    poster = player.select_one("img.video-player__poster")
    assert poster["alt"] == "Trois internes au micro"
    assert "La nuit des jeunes en santé : les gardes" in plain(player.get_text())
    assert player.select_one(".video-player__duration time")["datetime"] == "PT1H2M3S"
    assert "1 h 02 min" in plain(player.get_text())
    button = player.find("button")
    assert button.has_attr("hidden")  # shown by video.js only
    assert " ".join(button.get_text().split()) == (
        "Lire la vidéo : La nuit des jeunes en santé : les gardes"
    )
    notice = soup.find(id=button["aria-describedby"])
    assert "www.youtube-nocookie.com" in notice.get_text()
    # Without JavaScript: a link to watch it on the provider.
    link = player.select_one("a.video-player__link")
    assert link["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "Voir la vidéo sur YouTube" in link.get_text()
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert any(src.endswith("js/video.js") for src in scripts)


def test_chapters_link_to_the_provider_and_carry_the_player_at_their_time(client, video):
    soup = soup_of(client.get(video.url))
    links = soup.select(".video-chapters a")
    assert [" ".join(a.get_text().split()) for a in links] == [
        "0:00 Ouverture",
        "12:30 Les gardes de nuit",
    ]
    second = links[1]
    # Without JavaScript the link opens the provider's page at 12:30 …
    assert second["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=750s"
    # … with JavaScript it seeks (or loads) the player on the page at that time.
    assert second["data-chapter-of"] == "lecteur"
    assert second["data-start"] == "750"
    assert second["data-player-url"] == YT_PLAYER + "&start=750"


def test_twitch_player_gets_the_pages_own_host_as_parent(client, video):
    soup = soup_of(client.get(video.url, HTTP_HOST="fabrique.example:8000"))
    block = soup.select_one(".video__body [data-video-player]")
    assert block["data-player-url"] == (
        "https://player.twitch.tv/?video=v123456&autoplay=false&parent=fabrique.example"
    )
    assert third_party_resources(soup, host="fabrique.example:8000") == []


def test_transcript_is_in_a_details_section_that_works_without_js(client, video):
    soup = soup_of(client.get(video.url))
    details = soup.select_one("details.video-transcript")
    assert details.find("summary").get_text(strip=True) == "Lire la transcription"
    assert "les gardes de nuit sont les plus longues" in details.get_text()


def test_transcript_is_searchable(search_index, client, video):
    response = client.get("/recherche/", {"q": "longues"})
    # Titles are shown with French spacing (a no-break space before « : »): compare links.
    links = [a["href"] for a in soup_of(response).select("main a[href]")]
    assert video.url in links


def test_credits_in_order_with_their_role(client, video):
    soup = soup_of(client.get(video.url))
    items = [" ".join(li.get_text().split()) for li in soup.select(".video-credits li")]
    assert items == ["Camille Roussel, soignante (Animation)", "Inès Benali, soignante (Invité·e)"]


def test_json_ld_video_object(client, video):
    soup = soup_of(client.get(video.url))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "VideoObject"
    assert data["name"] == video.title
    assert data["description"] == "Trois internes racontent leurs gardes de nuit."
    assert data["uploadDate"] == "2024-10-17"
    assert data["duration"] == "PT1H2M3S"
    assert data["thumbnailUrl"][0].startswith("http://testserver/")
    assert data["embedUrl"] == YT_PLAYER
    # The watch page is no media file: only the player is named.
    assert "contentUrl" not in data
    assert "les gardes de nuit sont les plus longues" in data["transcript"]
    assert data["hasPart"] == [
        {
            "@type": "Clip",
            "name": "Ouverture",
            "startOffset": 0,
            "endOffset": 750,
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        },
        {
            "@type": "Clip",
            "name": "Les gardes de nuit",
            "startOffset": 750,
            "endOffset": 3723,
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=750s",
        },
    ]


def test_opengraph_video_tags(client, video):
    soup = soup_of(client.get(video.url))

    def meta(name):
        return [tag["content"] for tag in soup.find_all("meta", property=name)]

    assert meta("og:type") == ["video.other"]
    assert meta("video:duration") == ["3723"]
    assert meta("video:release_date") == ["2024-10-17"]
    assert meta("video:tag") == ["formation"]
    assert meta("og:image")[0].startswith("http://testserver/")


def test_video_page_query_budget(client, video, django_assert_max_num_queries):
    client.get(video.url)  # renditions made once
    with django_assert_max_num_queries(25):
        assert client.get(video.url).status_code == 200


def test_a_video_can_be_an_a_voir_pick_with_a_play_affordance(video):
    assert video.is_playable is True
    assert video.get_duration_display() == "1 h 02 min"


def test_chapters_typed_out_of_order_are_shown_in_time_order(client, video):
    from datetime import timedelta

    video.chapters.create(start=timedelta(minutes=5), title="Entre les deux")
    video.save_revision().publish()
    soup = soup_of(client.get(video.url))
    assert [a["data-start"] for a in soup.select(".video-chapters a")] == ["0", "300", "750"]


def test_a_stored_address_no_longer_recognised_shows_no_broken_player(client, video):
    """A block saved before a provider changed its URLs renders nothing, not an empty link."""
    video.body = json.dumps(
        [{"type": "video", "value": {"url": "https://example.org/x", "title": "Ancienne"}}]
    )
    video.save_revision().publish()
    soup = soup_of(client.get(video.url))
    assert soup.select(".video__body [data-video-player]") == []
    assert "Ancienne" not in soup.get_text()
