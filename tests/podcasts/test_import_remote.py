"""``import_podcast`` fetches what a feed names (sounds, covers, transcripts, chapters) from
addresses the feed's author chose: public http(s) addresses only, bounded reads, covers
checked by their bytes and pixel count. Each refusal is said and the import goes on.

A real HTTP server runs on loopback: a refusal is proven against a server that would
answer, the accepted path by naming it in ``FABRIQUE_REMOTE_FETCH_TEST_HOSTS``."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from podcasts.factories import make_tone_mp3
from podcasts.models import AudioFile, EpisodePage, PodcastShowPage
from tests.videos.test_thumbnail_fetch import LoopbackServer, png_header

pytestmark = pytest.mark.django_db

VTT = "WEBVTT\n\n00:00.000 --> 00:01.500\nBonjour.\n"


def cover_png(size=1400) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "#1f4e79").save(buffer, "PNG")
    return buffer.getvalue()


def write_feed(tmp_path, cover: str, episodes: list[dict]) -> str:
    items = "".join(
        f"""<item><title>{e["title"]}</title><guid>{e["guid"]}</guid>
        <enclosure url="{e["audio"]}" length="1" type="audio/mpeg"/>
        {f'<podcast:transcript url="{e["vtt"]}" type="text/vtt"/>' if e.get("vtt") else ""}
        {f'<podcast:chapters url="{e["chapters"]}" type="application/json+chapters"/>' if e.get("chapters") else ""}
        </item>"""
        for e in episodes
    )
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>'
        f'<title>Émission distante</title><itunes:image href="{cover}"/>{items}</channel></rss>',
        encoding="utf-8",
    )
    return str(path)


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_podcast", *map(str, args), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def server(settings):
    settings.FABRIQUE_REMOTE_FETCH_TEST_HOSTS = ["localhost"]
    running = LoopbackServer()
    running.routes.update(
        {
            "/cover.png": (200, {"Content-Type": "image/png"}, cover_png()),
            "/ep.mp3": (200, {"Content-Type": "audio/mpeg"}, make_tone_mp3(1.0)),
            "/ep.vtt": (200, {"Content-Type": "text/vtt"}, VTT.encode()),
            "/ep.json": (
                200,
                {"Content-Type": "application/json"},
                json.dumps({"chapters": [{"startTime": 0, "title": "Début"}]}).encode(),
            ),
        }
    )
    yield running
    running.close()


def test_addresses_inside_a_feed_that_are_files_or_the_servers_own_are_refused(
    site_tree, server, tmp_path
):
    secret = tmp_path / "secret.txt"
    secret.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nmot de passe\n")
    loopback = server.url("/ep.mp3")  # 127.0.0.1 itself: not a listed test host
    feed = write_feed(
        tmp_path,
        cover=f"file://{tmp_path}/cover.png",
        episodes=[
            {"title": "Par fichier", "guid": "g-file", "audio": f"file://{tmp_path}/ep.mp3"},
            {"title": "Par boucle locale", "guid": "g-loop", "audio": loopback},
            {
                "title": "Accepté",
                "guid": "g-ok",
                "audio": server.url("/ep.mp3", "localhost"),
                "vtt": f"file://{secret}",
                "chapters": server.url("/ep.json", "127.0.0.1"),
            },
        ],
    )
    output = run(feed)
    assert "1 épisode(s) importé(s), 0 déjà présent(s), 2 ignoré(s)." in output
    assert "Par fichier : son non copié" in output
    assert "seules les adresses http et https sont acceptées (file:)" in output
    assert "Par boucle locale : son non copié" in output
    assert "adresse locale (loopback) refusée" in output
    assert "Pochette non récupérée" in output
    assert "transcription non récupérée (seules les adresses http et https" in output
    assert "chapitres non récupérés (adresse locale (loopback) refusée" in output
    # The server was asked for the accepted sound only.
    assert server.requests == ["/ep.mp3"]
    show = PodcastShowPage.objects.get()
    assert show.cover_image is None
    episode = EpisodePage.objects.get()
    assert episode.guid == "g-ok" and episode.audio.file
    assert episode.transcript == "" and not episode.chapters.exists()
    assert AudioFile.objects.count() == 1


def test_accepted_cover_transcript_and_chapters_come_from_the_server(site_tree, server, tmp_path):
    feed = write_feed(
        tmp_path,
        cover=server.url("/cover.png", "localhost"),
        episodes=[
            {
                "title": "Complet",
                "guid": "g-1",
                "audio": server.url("/ep.mp3", "localhost"),
                "vtt": server.url("/ep.vtt", "localhost"),
                "chapters": server.url("/ep.json", "localhost"),
            }
        ],
    )
    output = run(feed)
    assert "1 épisode(s) importé(s)" in output and "Attention" not in output
    assert PodcastShowPage.objects.get().cover_image.width == 1400
    episode = EpisodePage.objects.get()
    assert episode.transcript == VTT
    assert [c.title for c in episode.chapters.all()] == ["Début"]
    assert episode.audio.file.read().startswith(make_tone_mp3(1.0)[:16])


def test_a_cover_past_the_pixel_limit_is_refused_before_decoding(site_tree, server, tmp_path):
    server.routes["/bomb.png"] = (200, {"Content-Type": "image/png"}, png_header(12_000, 12_000))
    feed = write_feed(
        tmp_path,
        cover=server.url("/bomb.png", "localhost"),
        episodes=[{"title": "Un", "guid": "g-1", "audio": server.url("/ep.mp3", "localhost")}],
    )
    output = run(feed)
    assert "Pochette non récupérée" in output and "image trop grande" in output
    assert "1 épisode(s) importé(s)" in output
    assert PodcastShowPage.objects.get().cover_image is None


def test_a_sound_past_the_audio_limit_is_skipped_and_the_import_goes_on(
    site_tree, server, tmp_path, settings
):
    sound = make_tone_mp3(1.0)
    settings.FABRIQUE_PODCAST_MAX_AUDIO_BYTES = len(sound) - 1
    big = {"X-Unsized": "1"}  # no Content-Length: the limit is found while reading
    server.routes["/big.mp3"] = (200, {"Content-Type": "audio/mpeg", **big}, sound)
    feed = write_feed(
        tmp_path,
        cover="",
        episodes=[
            {"title": "Trop long", "guid": "g-big", "audio": server.url("/big.mp3", "localhost")}
        ],
    )
    output = run(feed)
    assert "Trop long : son non copié" in output and "fichier trop volumineux" in output
    assert "0 épisode(s) importé(s), 0 déjà présent(s), 1 ignoré(s)." in output
    assert not AudioFile.objects.exists()


def test_the_feed_itself_at_a_private_address_is_refused(site_tree, server):
    server.routes["/feed.xml"] = (200, {}, b"<rss><channel><title>x</title></channel></rss>")
    with pytest.raises(CommandError, match=r"Flux illisible.*adresse locale \(loopback\)"):
        run(server.url("/feed.xml"))
    assert server.requests == []
    assert not PodcastShowPage.objects.exists()
