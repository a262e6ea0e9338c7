"""What readers see: the shows, a show's episodes, an episode page, the home block, the demo."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fabrique.core.factories import PersonFactory
from fabrique.demo.site import publish
from podcasts.demo import seed
from podcasts.factories import PodcastShowPageFactory
from podcasts.models import EpisodePage, PodcastShowPage
from tests.a11y import assert_accessible
from tests.html import plain

pytestmark = pytest.mark.django_db

VTT = (
    "WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour <b>à</b> toutes.\n\n01:05.000 --> 01:07.000\nFin.\n"
)


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def count_queries(client, url) -> int:
    client.get(url)  # renditions are created on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def json_ld(soup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_episode_page_player_download_chapters_transcript(client, show, make_episode, audio):
    guest = PersonFactory(name="Claire Martin", role="médecin généraliste")
    episode = make_episode(
        title="Déserts médicaux",
        summary="Deux généralistes racontent.",
        season=1,
        episode_number=3,
        transcript=VTT,
        transcript_format="vtt",
        guests=[(guest, "guest")],
        chapters=[("0:00", "Introduction"), ("1:05", "Le cabinet")],
    )
    response = client.get(episode.url)
    assert_accessible(response)
    soup = soup_of(response)
    player = soup.find("audio")
    assert player.has_attr("controls") and player["preload"] == "none"
    assert player["src"] == audio.file.url
    download = soup.select_one(".episode__download")
    assert download.a["href"] == audio.file.url and download.a.has_attr("download")
    # Size and duration as a French reader reads them.
    size = f"{audio.size / 1000:.1f}".replace(".", ",")
    assert f"(MP3, {size}\u00a0ko, 2\u00a0s)" in download.get_text()
    chapters = soup.select("ol.chapters li")
    assert [li.get_text(" ", strip=True) for li in chapters] == [
        "00:00 Introduction",
        "01:05 Le cabinet",
    ]
    assert soup.select_one(".chapters__time")["data-seconds"] == "0"
    transcript = soup.select_one(".episode__transcript details")
    assert transcript.summary.get_text(strip=True) == "Lire la transcription de l'épisode"
    assert "Bonjour à toutes." in transcript.get_text()
    assert "<b>" not in str(transcript)  # cue markup never reaches the page
    assert "Claire Martin, médecin généraliste" in soup.select_one(".episode__people").get_text()
    assert soup.find("script", src="/static/js/podcasts.js").has_attr("defer")
    data = json_ld(soup)
    assert data["@type"] == "PodcastEpisode"
    assert data["duration"] == f"PT{audio.duration}S"
    assert data["associatedMedia"] == {
        "@type": "MediaObject",
        "contentUrl": f"http://testserver{audio.file.url}",
        "encodingFormat": "audio/mpeg",
        "contentSize": str(audio.size),
        "duration": f"PT{audio.duration}S",
    }
    assert data["partOfSeries"]["name"] == "Les Voix du soin"
    assert data["episodeNumber"] == 3


def test_download_size_in_french(client, make_episode, audio):
    audio.size = 12_345_678
    audio.save()
    soup = soup_of(client.get(make_episode().url))
    assert "12,3\u00a0Mo" in soup.select_one(".episode__download").get_text()


def test_plain_text_transcript_has_its_own_page(client, make_episode):
    episode = make_episode(
        transcript="Premier paragraphe.\nSecond <script>.", transcript_format="text"
    )
    response = client.get(f"{episode.url}transcription/")
    assert_accessible(response)
    assert response["Content-Type"].startswith("text/html")
    text = soup_of(response).main.get_text()
    assert "Premier paragraphe." in text and "Second <script>." in text
    assert client.get(f"{make_episode().url}transcription/").status_code == 404
    assert client.get(f"{episode.url}chapitres/").status_code == 404


def test_a_transcript_not_in_the_chosen_format_is_refused():
    from django.core.exceptions import ValidationError

    episode = EpisodePage(
        title="x", summary="y", transcript="juste du texte", transcript_format="vtt"
    )
    with pytest.raises(ValidationError) as error:
        episode.clean()
    assert "WEBVTT" in str(error.value.message_dict["transcript"])


def test_cover_must_be_square_between_1400_and_3000(index):
    from django.core.exceptions import ValidationError

    from fabrique.core.factories import ImageFactory

    wide = ImageFactory(title="Large")  # 1200 × 675
    show = PodcastShowPage(title="x", description="y", owner_name="z", cover_image=wide)
    with pytest.raises(ValidationError) as error:
        show.clean()
    assert "carrée, entre 1400 et 3000 pixels" in error.value.message_dict["cover_image"][0]


def test_show_page_lists_episodes_newest_first_with_json_ld(client, show, make_episode):
    import datetime

    from django.utils import timezone

    for day in (3, 1, 2):
        make_episode(
            title=f"Épisode du {day}",
            publication_date=timezone.make_aware(datetime.datetime(2024, 10, day, 8)),
        )
    response = client.get(show.url)
    assert_accessible(response)
    soup = soup_of(response)
    assert [h.get_text(strip=True) for h in soup.select(".episode-list .card__title")] == [
        "Épisode du 3",
        "Épisode du 2",
        "Épisode du 1",
    ]
    assert "3 octobre 2024" in plain(soup.get_text())
    subscribe = soup.select_one(".podcast-subscribe a")
    assert subscribe["href"] == f"http://testserver{show.url}rss/"
    data = json_ld(soup)
    assert data["@type"] == "PodcastSeries"
    assert data["webFeed"] == subscribe["href"]


def test_episode_listing_and_feed_queries_do_not_grow(client, show, make_episode, audio):
    guest = PersonFactory(name="Invitée")

    def add(count):
        for _ in range(count):
            make_episode(guests=[(guest, "guest")], chapters=[("0:00", "Début")])

    add(5)
    five = count_queries(client, show.url)
    five_feed = count_queries(client, f"{show.url}rss/")
    add(45)
    assert EpisodePage.objects.child_of(show).count() == 50
    assert count_queries(client, show.url) == five
    assert count_queries(client, f"{show.url}rss/") == five_feed


def test_show_listing_queries_do_not_grow(client, index, cover):
    def add(count):
        for _ in range(count):
            publish(PodcastShowPageFactory(parent=index, cover_image=cover))

    add(5)
    five = count_queries(client, index.url)
    add(45)
    response = client.get(index.url)
    assert_accessible(response)
    assert len(soup_of(response).select(".card__title")) == 12
    assert count_queries(client, index.url) == five


def test_episode_page_costs_few_queries(client, make_episode):
    guest = PersonFactory(name="Invitée")
    episode = make_episode(
        transcript=VTT, transcript_format="vtt", guests=[(guest, "guest")], chapters=[("0:00", "A")]
    )
    assert count_queries(client, episode.url) <= 25


def test_home_shows_the_latest_episode(client, home, make_episode):
    make_episode(title="Ancien")
    make_episode(title="Le plus récent")
    response = client.get(home.url)
    assert_accessible(response)
    section = soup_of(response).find("section", class_="section--podcasts")
    assert [h.get_text(strip=True) for h in section.select(".card__title")] == ["Le plus récent"]
    assert section.select_one(".card__kind").get_text(strip=True) == "Les Voix du soin"
    assert section.find("a", string="Tous les podcasts")["href"] == "/podcasts/"


def test_home_without_episode_has_no_podcast_block(client, home):
    assert b"section--podcasts" not in client.get(home.url).content


def test_demo_builds_one_show_with_three_playable_episodes_once(client, site_tree):
    seed(site_tree)
    seed(site_tree)
    show = PodcastShowPage.objects.get()
    assert show.live and show.cover_image.width == show.cover_image.height == 1400
    episodes = list(show.get_episodes())
    assert len(episodes) == 3
    for episode in episodes:
        assert episode.audio.mime_type == "audio/mpeg"
        assert episode.audio.duration == 3
        assert episode.audio.size < 20_000
        assert episode.transcript.startswith("WEBVTT") and len(episode.get_chapters()) == 3
    response = client.get(episodes[0].url)
    assert_accessible(response)
    assert_accessible(client.get(show.url))
    assert_accessible(client.get(show.get_parent().url))
