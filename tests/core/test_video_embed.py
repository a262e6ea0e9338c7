"""The privacy-first video block: a link always, the provider's player only on request."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StructBlockValidationError

from fabrique.core.blocks import VideoEmbedBlock
from fabrique.core.embeds import parse_video_url
from fabrique.demo.site import publish
from fabrique.standard.factories import StandardPageFactory
from tests.a11y import assert_accessible

YT = "https://www.youtube-nocookie.com/embed/"


@pytest.mark.parametrize(
    ("url", "provider", "player"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "YouTube",
            YT + "dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "YouTube", YT + "dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/abcDEF12345", "YouTube", YT + "abcDEF12345"),
        ("https://www.youtube.com/shorts/abcDEF12345", "YouTube", YT + "abcDEF12345"),
        # Start times, in each of YouTube's spellings.
        (
            "https://youtu.be/dQw4w9WgXcQ?t=90",
            "YouTube",
            YT + "dQw4w9WgXcQ?start=90",
        ),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s",
            "YouTube",
            YT + "dQw4w9WgXcQ?start=3723",
        ),
        # A playlist, alone or with the video it starts at.
        (
            "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
            "YouTube",
            YT + "videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
        ),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
            "YouTube",
            YT + "dQw4w9WgXcQ?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
        ),
        ("https://vimeo.com/123456789", "Vimeo", "https://player.vimeo.com/video/123456789?dnt=1"),
        (
            "https://vimeo.com/123456789#t=75s",
            "Vimeo",
            "https://player.vimeo.com/video/123456789?dnt=1#t=75s",
        ),
        (
            "https://www.dailymotion.com/video/x8abc12",
            "Dailymotion",
            "https://www.dailymotion.com/embed/video/x8abc12",
        ),
        (
            "https://dai.ly/x8abc12",
            "Dailymotion",
            "https://www.dailymotion.com/embed/video/x8abc12",
        ),
        (
            "https://www.dailymotion.com/video/x8abc12?start=42",
            "Dailymotion",
            "https://www.dailymotion.com/embed/video/x8abc12?start=42",
        ),
        (
            "https://peertube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            "PeerTube",
            "https://peertube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        ),
        (
            "https://video.autre-instance.fr/videos/watch/kkGMgK9ZtnKfYAgnEtQxbv?start=1m",
            "PeerTube",
            "https://video.autre-instance.fr/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?start=60s",
        ),
        (
            "https://framatube.org/w/p/kkGMgK9ZtnKfYAgnEtQxbv",
            "PeerTube",
            "https://framatube.org/video-playlists/embed/kkGMgK9ZtnKfYAgnEtQxbv",
        ),
        # Twitch needs the site's domain: no player address until the page knows it.
        ("https://www.twitch.tv/videos/123456", "Twitch", ""),
        ("https://clips.twitch.tv/FunnyClipSlug-abc", "Twitch", ""),
        ("https://www.twitch.tv/lafabriquedessoignants", "Twitch", ""),
    ],
)
def test_known_providers(url, provider, player):
    video = parse_video_url(url)
    assert video.provider == provider
    assert video.player_url == player


def test_the_site_loads_youtube_with_its_message_api_for_chapters():
    video = parse_video_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdm")
    assert video.player_url_for("x") == YT + "dQw4w9WgXcQ?list=PLx0sYbCqOb8TBPRdm&enablejsapi=1"


@pytest.mark.parametrize(
    ("url", "player"),
    [
        (
            "https://www.twitch.tv/videos/123456?t=1h02m03s",
            "https://player.twitch.tv/?video=v123456&autoplay=false&parent=fabrique.example"
            "&time=1h02m03s",
        ),
        (
            "https://clips.twitch.tv/FunnyClipSlug-abc",
            "https://clips.twitch.tv/embed?clip=FunnyClipSlug-abc&parent=fabrique.example",
        ),
        (
            "https://www.twitch.tv/lafabrique/clip/FunnyClipSlug-abc",
            "https://clips.twitch.tv/embed?clip=FunnyClipSlug-abc&parent=fabrique.example",
        ),
        (
            "https://www.twitch.tv/LaFabriqueDesSoignants",
            "https://player.twitch.tv/?channel=lafabriquedessoignants&autoplay=false"
            "&parent=fabrique.example",
        ),
    ],
)
def test_twitch_player_is_told_the_sites_domain(url, player):
    assert parse_video_url(url).player_url_for("fabrique.example:8443") == player


def test_chapters_open_the_provider_at_their_time_and_the_player_there():
    youtube = parse_video_url("https://youtu.be/dQw4w9WgXcQ")
    assert youtube.watch_url(754) == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=754s"
    assert youtube.player_url_for("x", 754) == YT + "dQw4w9WgXcQ?enablejsapi=1&start=754"
    vimeo = parse_video_url("https://vimeo.com/123456789")
    assert vimeo.watch_url(60) == "https://vimeo.com/123456789#t=60s"
    twitch = parse_video_url("https://www.twitch.tv/videos/123456")
    assert twitch.watch_url(3723) == "https://www.twitch.tv/videos/123456?t=1h02m03s"
    peertube = parse_video_url("https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv")
    assert peertube.watch_url(90) == "https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv?start=90s"
    # A playlist or a channel has no time to seek: the link stays the editor's one.
    channel = parse_video_url("https://www.twitch.tv/lafabrique")
    assert channel.watch_url(90) == "https://www.twitch.tv/lafabrique"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/page",
        "javascript:alert(1)",
        "ftp://youtube.com/x",
        "",
        "https://www.youtube.com/watch?v=",
        "https://www.youtube.com/watch?v=a<b>c",
        "https://www.youtube.com/feed/subscriptions",
        "https://www.youtube.com/playlist?list=",
        "https://vimeo.com/channels/staffpicks",
        "https://www.dailymotion.com/video/not-an-id",
        "https://www.twitch.tv/directory",
        "https://www.twitch.tv/videos/abc",
        "https://peertube.example.org/w/<script>",
        "http://[::1",
    ],
)
def test_unknown_or_malformed_urls_are_refused(url):
    assert parse_video_url(url) is None


def test_block_refuses_an_unknown_url_with_a_french_message():
    block = VideoEmbedBlock()
    value = block.to_python(
        {"url": "https://example.org/video", "title": "Une vidéo", "caption": ""}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    message = str(error.value.block_errors["url"])
    assert "Adresse non reconnue" in message
    assert "YouTube, Vimeo, Dailymotion, PeerTube ou Twitch" in message


def test_block_refuses_a_peertube_server_the_policy_does_not_allow(settings):
    settings.FABRIQUE_VIDEO_PLAYER_ORIGINS = ["https://framatube.org"]
    block = VideoEmbedBlock()
    allowed = block.to_python(
        {"url": "https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv", "title": "Oui", "caption": ""}
    )
    block.clean(allowed)
    value = block.to_python(
        {"url": "https://tube.inconnu.example/w/kkGMgK9ZtnKfYAgnEtQxbv", "title": "Non"}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "https://tube.inconnu.example n'est pas autorisé" in str(error.value.block_errors["url"])


def test_every_known_player_is_allowed_by_the_sites_policy(settings):
    frame_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    for url in [
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
        "https://vimeo.com/123456789",
        "https://dai.ly/x8abc12",
        "https://www.twitch.tv/videos/123456",
        "https://clips.twitch.tv/FunnyClipSlug-abc",
        "https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv",
    ]:
        assert parse_video_url(url).origin in frame_src, url


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
    assert figure["data-player-url"] == YT + "dQw4w9WgXcQ?enablejsapi=1"
    link = figure.find("a")
    assert link["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "Voir la vidéo sur YouTube" in link.get_text()
    # The "play here" button only appears once JavaScript has unhidden it.
    assert figure.find("button").has_attr("hidden")
    assert "Replay de l'émission" in figure.find("figcaption").get_text()
