"""The show's RSS feed, read by a real feed parser (feedparser) as podcast apps read it."""

import json
import uuid
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from fabrique.core.factories import PersonFactory
from fabrique.demo.site import publish
from podcasts.factories import PodcastShowPageFactory
from podcasts.models import PODCAST_GUID_NAMESPACE, EpisodePage, PodcastShowPage, podcast_guid_for

pytestmark = pytest.mark.django_db

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}

VTT = "WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour.\n\n00:01.000 --> 00:02.000\nAu revoir.\n"


def get_feed(client, show):
    response = client.get(f"{show.url}rss/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed, ET.fromstring(response.content).find("channel"), response


def test_channel_tags(client, show, make_episode):
    host = PersonFactory(name="Inès Dupont", role="infirmière", website="https://example.org/ines")
    show.hosts.create(person=host)
    show.owner_email = "podcast@example.org"
    show.save_revision().publish()
    make_episode(title="Premier")
    parsed, channel, _ = get_feed(client, show)
    feed = parsed.feed
    feed_url = f"http://testserver{show.url}rss/"
    assert feed.title == "Les Voix du soin"
    assert feed.link == f"http://testserver{show.url}"
    assert feed.language == "fr"
    assert feed.itunes_type == "episodic"
    # Apple's current values (feedparser only maps the older yes/clean).
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert feed.author == "La Fabrique des Soignants"
    assert feed.image.href.startswith("http://testserver/media/images/")
    assert feed.image.href.endswith(".jpg")
    assert [tag.term for tag in feed.tags] == ["Health & Fitness", "Medicine"]
    # Nested category, as Apple requires.
    category = channel.find("itunes:category", NS)
    assert category.get("text") == "Health & Fitness"
    assert category.find("itunes:category", NS).get("text") == "Medicine"
    # The show's own e-mail stays out of the public feed unless the editors publish it:
    # the site's address stands in (directories and podcast:locked need one).
    assert feed.publisher_detail == {
        "name": "La Fabrique des Soignants",
        "email": "contact@example.org",
    }
    assert channel.find("podcast:locked", NS).get("owner") == "contact@example.org"
    assert channel.findtext("itunes:block", namespaces=NS) == "No"
    self_link = channel.find("atom:link", NS)
    assert (self_link.get("rel"), self_link.get("href")) == ("self", feed_url)
    # podcast:guid is uuid5 of the feed URL without scheme and trailing slash.
    bare = feed_url.removeprefix("http://").rstrip("/")
    assert feed.podcast_guid == str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))
    assert channel.findtext("podcast:locked", namespaces=NS) == "yes"
    funding = channel.find("podcast:funding", NS)
    assert funding.get("url") == "http://testserver/faire-un-don/"
    assert funding.text == "Soutenir La Fabrique des Soignants"
    person = channel.find("podcast:person", NS)
    assert (person.text, person.get("role"), person.get("href")) == (
        "Inès Dupont",
        "host",
        "https://example.org/ines",
    )
    assert channel.find("itunes:new-feed-url", NS) is None

    show.publish_owner_email = True
    show.new_feed_url = "https://ailleurs.example.org/flux.xml"
    show.save_revision().publish()
    parsed, channel, _ = get_feed(client, show)
    assert parsed.feed.publisher_detail["email"] == "podcast@example.org"
    assert channel.find("podcast:locked", NS).get("owner") == "podcast@example.org"
    assert channel.findtext("itunes:new-feed-url", namespaces=NS) == show.new_feed_url


def test_podcast_guid_matches_the_specification_example():
    # The Podcasting 2.0 specification's own example.
    assert podcast_guid_for("https://mp3s.nashownotes.com/pc20rss.xml") == uuid.UUID(
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    assert podcast_guid_for("http://example.org/flux/") == podcast_guid_for("example.org/flux")


def test_item_tags(client, show, make_episode, audio):
    guest = PersonFactory(name="Karim Haddad", role="médecin", website="https://example.org/k")
    episode = make_episode(
        title="Les déserts médicaux",
        summary="Deux généralistes racontent.",
        season=2,
        episode_number=5,
        explicit=True,
        transcript=VTT,
        transcript_format="vtt",
        guests=[(guest, "guest")],
        chapters=[("0:00", "Introduction"), ("1:05", "Le cabinet")],
    )
    parsed, channel, _ = get_feed(client, show)
    entry = parsed.entries[0]
    url = f"http://testserver{episode.url}"
    assert entry.title == "Les déserts médicaux"
    assert entry.link == url
    assert entry.id == episode.guid
    assert entry.guidislink is False
    assert entry.summary == "Deux généralistes racontent."
    assert entry.published_parsed is not None
    assert entry.itunes_duration == str(audio.duration)
    assert entry.itunes_episode == "5"
    assert entry.itunes_season == "2"
    assert entry.itunes_episodetype == "full"
    assert channel.find("item").findtext("itunes:explicit", namespaces=NS) == "true"
    # The enclosure: absolute URL, the file's exact byte count, its type.
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"http://testserver{audio.file.url}"
    assert int(enclosure.length) == len(audio.file.open("rb").read()) == audio.size
    assert enclosure.type == "audio/mpeg"
    item = channel.find("item")
    pub_date = item.findtext("pubDate")
    assert pub_date[3:5] == ", " and pub_date[-5] in "+-"  # RFC 2822: « Sun, 29 Nov 2026 … +0100 »
    transcript = item.find("podcast:transcript", NS)
    assert transcript.get("type") == "text/vtt"
    assert transcript.get("url") == f"{url}transcription/"
    chapters = item.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    assert chapters.get("url") == f"{url}chapitres/"
    person = item.find("podcast:person", NS)
    assert (person.text, person.get("role"), person.get("href")) == (
        "Karim Haddad",
        "guest",
        "https://example.org/k",
    )
    assert item.findtext("podcast:season", namespaces=NS) == "2"
    assert item.findtext("podcast:episode", namespaces=NS) == "5"

    # The transcript and the chapters at their own addresses.
    response = client.get(transcript.get("url").removeprefix("http://testserver"))
    assert response["Content-Type"].startswith("text/vtt")
    assert response.content.decode() == VTT
    response = client.get(chapters.get("url").removeprefix("http://testserver"))
    assert response["Content-Type"].startswith("application/json+chapters")
    data = json.loads(response.content)
    assert data["version"] == "1.2.0"
    assert data["chapters"] == [
        {"startTime": 0, "title": "Introduction"},
        {"startTime": 65, "title": "Le cabinet"},
    ]


def test_trailer_is_announced_on_the_channel(client, show, make_episode):
    make_episode(title="La bande-annonce", episode_type="trailer", season=1)
    _, channel, _ = get_feed(client, show)
    trailer = channel.find("podcast:trailer", NS)
    assert trailer.text == "La bande-annonce"
    assert trailer.get("url").startswith("http://testserver/media/")
    assert trailer.get("type") == "audio/mpeg"
    assert trailer.get("season") == "1"
    assert channel.find("item").findtext("itunes:episodeType", namespaces=NS) == "trailer"


def test_guid_never_changes_on_edit_move_or_copy(client, index, show, cover, make_episode):
    episode = make_episode(title="Avant")
    guid = episode.guid
    assert uuid.UUID(guid)
    episode.title, episode.slug = "Après", "apres"
    episode.save_revision().publish()
    other = publish(PodcastShowPageFactory(parent=index, title="Autre émission", cover_image=cover))
    episode = EpisodePage.objects.get(pk=episode.pk)
    episode.move(other, pos="last-child")
    episode = EpisodePage.objects.get(pk=episode.pk)
    assert episode.guid == guid
    parsed, _, _ = get_feed(client, other)
    assert [entry.id for entry in parsed.entries] == [guid]
    assert parsed.entries[0].link.endswith("/autre-emission/apres/")
    copy = episode.copy(to=show, update_attrs={"slug": "copie", "title": "Copie"})
    assert copy.specific.guid != guid


def test_hostile_titles_and_notes_are_escaped_and_illegal_characters_removed(
    client, show, make_episode
):
    show.description = "Description ]]> <script>alert(1)</script>"
    show.save_revision().publish()
    episode = make_episode(title="Épisode", summary="Résumé </description><evil/>")
    # Control characters are refused by the forms and stripped when a page is saved: text
    # stored before that, or written around the models, is what the feed must survive.
    PodcastShowPage.objects.filter(pk=show.pk).update(title="Soin <b>&</b> \x0bcrise\uffff")
    EpisodePage.objects.filter(pk=episode.pk).update(
        title='Épisode <script>alert("x")</script> & « guillemets »\x0b',
        show_notes=json.dumps(
            [{"type": "paragraph", "value": "<p>Notes <b>grasses</b> & ]]> fin\x0c</p>"}]
        ),
    )
    parsed, channel, response = get_feed(client, show)
    raw = response.content.decode()
    assert "<script>" not in raw and "<evil/>" not in raw
    assert "\x0b" not in raw and "\uffff" not in raw and "\x0c" not in raw
    assert parsed.feed.title == "Soin <b>&</b> crise"
    entry = parsed.entries[0]
    assert entry.title == 'Épisode <script>alert("x")</script> & « guillemets »'
    item = channel.find("item")
    assert item.findtext("description") == "Résumé </description><evil/>"
    # The notes' HTML arrives whole to the app, as text the parser decodes once.
    assert "<p>Notes <b>grasses</b> & ]]> fin</p>" in item.findtext(
        "content:encoded", namespaces=NS
    )
    assert "&lt;p&gt;Notes &lt;b&gt;grasses&lt;/b&gt; &amp; ]]&gt; fin" in raw


def test_feed_is_announced_in_the_head_of_show_and_episode(client, show, make_episode):
    episode = make_episode()
    for url in (show.url, episode.url):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        links = {
            link["href"]: link
            for link in soup.head.find_all("link", rel="alternate", type="application/rss+xml")
        }
        link = links[f"http://testserver{show.url}rss/"]
        assert "Les Voix du soin" in link["title"]
        # The site's feed beside it.
        assert "http://testserver/rss/" in links


def test_unpublished_episodes_stay_out_of_the_feed(client, show, make_episode):
    make_episode(title="Publié")
    draft = make_episode(title="Brouillon")
    draft.unpublish()
    parsed, _, _ = get_feed(client, show)
    assert [entry.title for entry in parsed.entries] == ["Publié"]


def _owner_email(client, show) -> str | None:
    _parsed, channel, _ = get_feed(client, show)
    return channel.findtext("itunes:owner/itunes:email", namespaces=NS)


def test_owner_email_comes_from_the_site_settings(client, show, make_episode, site_tree):
    from fabrique.core.models import SiteSettings

    make_episode(title="Premier")
    settings = SiteSettings.for_site(site_tree["site"])
    settings.podcast_email = "podcasts@example.org"
    settings.save()
    assert _owner_email(client, show) == "podcasts@example.org"
    settings.podcast_email = ""
    settings.contact_email = ""
    settings.save()
    # Nothing to give: no empty element a validator would refuse.
    assert _owner_email(client, show) is None


def test_every_episode_names_the_host_beside_its_guests(client, show, make_episode):
    host = PersonFactory(name="Inès Dupont")
    show.hosts.create(person=host)
    show.save_revision().publish()
    guest = PersonFactory(name="Karim Haddad")
    make_episode(title="Avec invité", guests=[(guest, "guest")])
    make_episode(title="Sans invité")
    _parsed, channel, _ = get_feed(client, show)
    for item in channel.findall("item"):
        people = [(p.text, p.get("role")) for p in item.findall("podcast:person", NS)]
        assert ("Inès Dupont", "host") in people, item.findtext("title")
    first = channel.find("item[title='Avec invité']")
    assert [p.text for p in first.findall("podcast:person", NS)] == ["Inès Dupont", "Karim Haddad"]


def test_two_polls_between_publications_get_the_same_bytes_then_304(show, make_episode):
    from django.test import Client

    make_episode(title="Premier")
    client = Client()
    first = client.get(f"{show.url}rss/")
    second = client.get(f"{show.url}rss/")
    assert first.content == second.content
    again = client.get(f"{show.url}rss/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    # A new episode is a new feed, with a later lastBuildDate.
    make_episode(title="Second")
    changed = client.get(f"{show.url}rss/", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and b"Second" in changed.content


def test_podcast_guid_is_fixed_at_first_publication_from_the_public_address(
    client, index, cover, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://fabrique.example.org"
    show = publish(PodcastShowPageFactory(parent=index, title="Une émission", cover_image=cover))
    show.refresh_from_db()
    expected = podcast_guid_for(f"fabrique.example.org{show.url}rss/")
    assert show.podcast_guid == expected
    # The request's host names nothing in it.
    _parsed, channel, _ = get_feed(client, show)
    assert channel.findtext("podcast:guid", namespaces=NS) == str(expected)
    # The site moves: the show keeps its identifier.
    settings.WAGTAILADMIN_BASE_URL = "https://ailleurs.example.org"
    show.title = "Une émission renommée"
    show.save_revision().publish()
    show.refresh_from_db()
    assert show.podcast_guid == expected
    _parsed, channel, _ = get_feed(client, show)
    assert channel.findtext("podcast:guid", namespaces=NS) == str(expected)
