"""``manage.py import_podcast``: a show moving here keeps its GUIDs, and a second run adds nothing."""

import io
import json
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from podcasts.factories import make_tone_mp3
from podcasts.models import AudioFile, EpisodePage, PodcastShowPage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
VTT = "WEBVTT\n\n00:00.000 --> 00:01.500\nBienvenue au centre de santé.\n"


class FilesServer:
    """Serves a folder over HTTP on loopback (no network), as a podcast host would."""

    def __init__(self, folder: Path):
        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=folder))
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def hosted(tmp_path, settings):
    """The fixture feeds with their remote addresses pointing at a server on loopback,
    reached under a name listed in FABRIQUE_REMOTE_FETCH_TEST_HOSTS (no network)."""
    settings.FABRIQUE_REMOTE_FETCH_TEST_HOSTS = ["localhost"]
    files = tmp_path / "remote"
    files.mkdir()
    for name in ("episode-1.mp3", "episode-2.mp3", "ep1.mp3"):
        (files / name).write_bytes(make_tone_mp3(1.0))
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1400), "#1f4e79").save(buffer, "PNG")
    (files / "cover.png").write_bytes(buffer.getvalue())
    (files / "ep1.vtt").write_text(VTT, encoding="utf-8")
    (files / "ep1.chapters.json").write_text(
        json.dumps(
            {
                "version": "1.2.0",
                "chapters": [
                    {"startTime": 0, "title": "Accueil"},
                    {"startTime": 75.5, "title": "Visite", "url": "https://example.org/centre"},
                    {"startTime": 90, "title": "Caché", "toc": False},
                ],
            }
        )
    )
    server = FilesServer(files)
    base = f"http://localhost:{server.port}/"
    feeds = {}
    for name in ("typical.xml", "podcasting20.xml"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        text = text.replace("https://audio.example-host.fr/", base)
        text = text.replace("https://cdn.sante-en-commun.example.org/", base)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        feeds[name] = path
    yield feeds
    server.close()


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_podcast", *map(str, args), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_typical_feed_import_copies_audio_and_is_idempotent(site_tree, hosted, client):
    output = run(hosted["typical.xml"])
    assert "Émission créée : Paroles de soignant·es" in output
    assert "2 épisode(s) importé(s), 0 déjà présent(s), 0 ignoré(s)." in output
    show = PodcastShowPage.objects.get()
    assert show.live
    assert show.previous_feed_url == "https://feeds.example-host.fr/paroles-de-soignantes.xml"
    assert show.category == "Health & Fitness/Mental Health"
    assert show.owner_email == "contact@paroles.example.org"
    assert show.cover_image.width == 1400
    episodes = {e.guid: e for e in EpisodePage.objects.live().child_of(show)}
    assert set(episodes) == {"ausha-7f3a2b1c", "ausha-0a1b2c3d"}
    second = episodes["ausha-7f3a2b1c"]
    assert second.title == "Épisode 2 : la nuit aux urgences & après"
    assert (second.season, second.episode_number) == (1, 2)
    assert second.get_content_date().isoformat() == "2024-10-08"
    # Copied into media storage, read from the file itself.
    assert second.audio.file and not second.audio.external_url
    assert second.audio.mime_type == "audio/mpeg" and second.audio.duration == 1
    # Hostile show notes lose their script and javascript: link.
    notes = str(second.show_notes)
    assert "<b>aux urgences</b>" in notes
    assert "<script" not in notes and "javascript:" not in notes

    # The new feed keeps the original GUIDs: subscribers see no duplicate.
    feed = client.get(f"{show.url}rss/").content.decode()
    assert '<guid isPermaLink="false">ausha-7f3a2b1c</guid>' in feed

    again = run(hosted["typical.xml"])
    assert "Émission déjà présente" in again
    assert "0 épisode(s) importé(s), 2 déjà présent(s)" in again
    assert EpisodePage.objects.count() == 2
    assert AudioFile.objects.count() == 2
    assert PodcastShowPage.objects.count() == 1


def test_podcasting20_feed_keeps_guid_transcript_chapters_people(site_tree, hosted, client):
    run(hosted["podcasting20.xml"])
    show = PodcastShowPage.objects.get()
    assert str(show.podcast_guid) == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert show.show_type == "serial"
    assert [p.name for p in show.get_hosts()] == ["Inès Dupont"]
    episode = EpisodePage.objects.get()
    assert episode.guid == "sec-episode-1"
    assert episode.transcript == VTT and episode.transcript_format == "vtt"
    assert [(c.start, c.title, c.url) for c in episode.chapters.all()] == [
        ("0:00", "Accueil", ""),
        ("1:15", "Visite", "https://example.org/centre"),
    ]
    guest = episode.guests.get()
    assert (guest.person.name, guest.role) == ("Karim Haddad", "guest")
    feed = client.get(f"{show.url}rss/").content.decode()
    assert "<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>" in feed
    # A second run finds the show by its podcast:guid.
    assert "1 déjà présent(s)" in run(hosted["podcasting20.xml"])
    assert EpisodePage.objects.count() == 1


def test_keeping_audio_at_the_old_host_needs_the_host_listed(site_tree, settings, tmp_path):
    feed = tmp_path / "typical.xml"
    shutil.copy(FIXTURES / "typical.xml", feed)
    settings.FABRIQUE_EXTRA_MEDIA_ORIGINS = []
    with pytest.raises(
        CommandError, match=r"FABRIQUE_EXTRA_MEDIA_ORIGINS.*audio\.example-host\.fr"
    ):
        run(feed, "--keep-remote-audio")
    assert not PodcastShowPage.objects.exists()

    settings.FABRIQUE_EXTRA_MEDIA_ORIGINS = ["https://audio.example-host.fr"]
    # The cover cannot be fetched here (no network in tests): a warning, not a failure.
    feed.write_text(feed.read_text().replace("https://audio.example-host.fr/cover.png", ""))
    output = run(feed, "--keep-remote-audio")
    assert "2 épisode(s) importé(s)" in output
    assert "FABRIQUE_EXTRA_MEDIA_ORIGINS" in output
    audio = EpisodePage.objects.get(guid="ausha-7f3a2b1c").audio
    assert audio.external_url == "https://audio.example-host.fr/episode-2.mp3"
    assert not audio.file
    assert (audio.size, audio.duration) == (9999, 3)


def test_unreadable_audio_is_skipped_and_imported_on_a_later_run(site_tree, hosted):
    missing = hosted["typical.xml"].parent / "remote" / "episode-1.mp3"
    content = missing.read_bytes()
    missing.write_text("pas un son")
    output = run(hosted["typical.xml"])
    assert "1 épisode(s) importé(s), 0 déjà présent(s), 1 ignoré(s)." in output
    assert "Épisode 1 : pourquoi ce podcast : son non copié" in output
    missing.write_bytes(content)
    assert "1 épisode(s) importé(s), 1 déjà présent(s)" in run(hosted["typical.xml"])


def test_not_a_feed_is_refused_in_french(site_tree, tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body>Bonjour</body></html>")
    with pytest.raises(CommandError, match="pas un flux RSS"):
        run(path)
