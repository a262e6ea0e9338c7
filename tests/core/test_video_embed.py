"""The privacy-first video block: a link always, the provider's player only on request."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StructBlockValidationError

from fabrique.core.blocks import VideoEmbedBlock
from fabrique.core.demo import publish
from fabrique.core.embeds import parse_video_url
from fabrique.standard.factories import StandardPageFactory
from tests.a11y import assert_accessible


@pytest.mark.parametrize(
    ("url", "provider", "player"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/live/abcDEF12345",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        ("https://vimeo.com/123456789", "Vimeo", "https://player.vimeo.com/video/123456789?dnt=1"),
        (
            "https://peertube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            "PeerTube",
            "https://peertube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        ),
        ("https://www.twitch.tv/videos/123456", "Twitch", ""),
    ],
)
def test_known_providers(url, provider, player):
    video = parse_video_url(url)
    assert video.provider == provider
    assert video.player_url == player


@pytest.mark.parametrize(
    "url", ["https://example.org/page", "javascript:alert(1)", "ftp://youtube.com/x", ""]
)
def test_unknown_urls_are_refused(url):
    assert parse_video_url(url) is None


def test_block_refuses_an_unknown_url_with_a_french_message():
    block = VideoEmbedBlock()
    value = block.to_python(
        {"url": "https://example.org/video", "title": "Une vidéo", "caption": ""}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "YouTube, Vimeo, PeerTube ou Twitch" in str(error.value.block_errors["url"])


@pytest.mark.django_db
def test_page_with_video_makes_no_request_to_the_provider(client, home):
    page = publish(
        StandardPageFactory(
            parent=home,
            title="Replay",
            slug="replay",
            body=json.dumps(
                [
                    {
                        "type": "video",
                        "value": {
                            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                            "title": "Le direct du 11 octobre",
                            "caption": "Replay de l'émission",
                        },
                    }
                ]
            ),
        )
    )
    response = client.get(page.url)
    assert_accessible(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    figure = soup.select_one("figure.video-embed")
    # Nothing from the provider is loaded: no iframe, no image, only a link and data.
    assert soup.find("iframe") is None
    assert not [tag for tag in soup.find_all(src=True) if "youtube" in tag["src"]]
    assert figure["data-player-url"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    link = figure.find("a")
    assert link["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "Voir la vidéo sur YouTube" in link.get_text()
    # The "play here" button only appears once JavaScript has unhidden it.
    assert figure.find("button").has_attr("hidden")
    assert "Replay de l'émission" in figure.find("figcaption").get_text()
