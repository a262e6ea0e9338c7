"""``import_videos`` on a fixture feed (offline), the home block and the demo."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fabrique.demo.site import publish
from videos.factories import VideoPageFactory
from videos.models import VideoKind, VideoPage
from videos.templatetags.videos_home import render_home

pytestmark = pytest.mark.django_db

FEED = str(Path(__file__).parent / "fixtures" / "youtube_feed.xml")


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_videos", *args, stdout=out)
    return out.getvalue()


def test_import_creates_drafts_once(video_index):
    output = run(FEED)
    assert "2 vidéo(s) créée(s) en brouillon, 0 déjà présente(s)." in output
    # The thumbnails point to a loopback address, refused: skipped, said, not fatal.
    assert output.count("Vignette ignorée") == 2
    pages = {p.source_url: p for p in VideoPage.objects.all()}
    page = pages["https://www.youtube.com/watch?v=impVideo001"]
    assert page.title == "La nuit des jeunes en santé #12 : les internes prennent la parole"
    assert page.summary == "Replay du direct : trois internes racontent leurs gardes de nuit."
    assert page.recorded_on.isoformat() == "2024-11-14"
    assert not page.live and page.get_latest_revision() is not None
    assert page.get_parent().specific == video_index
    # Again: nothing new, nothing duplicated, even once editors published one.
    publish(page)
    assert "0 vidéo(s) créée(s) en brouillon, 2 déjà présente(s)." in run(FEED, "--sans-vignettes")
    assert VideoPage.objects.count() == 2


def test_import_refuses_a_missing_or_unreadable_feed_in_french(video_index, tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run(str(tmp_path / "absent.xml"))
    broken = tmp_path / "broken.xml"
    broken.write_text("<feed><entry>")
    with pytest.raises(CommandError, match="pas un fichier Atom lisible"):
        run(str(broken))
    assert not VideoPage.objects.exists()


def test_home_block_shows_the_latest_replay_first(rf, video_index, video):
    newer = publish(
        VideoPageFactory(parent=video_index, title="Un extrait plus récent", kind=VideoKind.EXCERPT)
    )
    html = render_home(rf.get("/"), None)
    assert html.index(video.title) < html.index(newer.title)
    assert "Toutes les vidéos" in html


def test_home_block_is_empty_without_videos(rf, video_index):
    assert render_home(rf.get("/"), None) == ""


def test_demo_builds_videos_with_posters_chapters_and_an_embedded_article(site_tree, client):
    from fabrique.core.sections import get_section

    get_section("videos").load("demo")(site_tree)
    get_section("articles").load("demo")(site_tree)
    videos = VideoPage.objects.live()
    assert videos.count() == 4
    assert all(v.poster_id and v.transcript for v in videos)
    assert sum(v.chapters.count() for v in videos) >= 8
    response = client.get("/articles/pour-repolitiser-la-sante-mentale/")
    assert "https://player.vimeo.com/video/761234567?dnt=1" in response.content.decode()
    assert client.get("/").status_code == 200
