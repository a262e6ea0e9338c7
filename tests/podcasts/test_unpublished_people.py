"""A person waiting for review (docs/accounts-and-rights.md « Rien de public sans relecture »)
is credited nowhere public: not on the show or episode page, not as podcast:person in the
feed; once published, everywhere."""

import xml.etree.ElementTree as ET

import pytest

from fabrique.core.factories import PersonFactory
from podcasts.choices import PersonRole

pytestmark = pytest.mark.django_db

NS = {"podcast": "https://podcastindex.org/namespace/1.0"}


def feed_people(client, show) -> list[str]:
    channel = ET.fromstring(client.get(f"{show.url}rss/").content).find("channel")
    return [person.text for person in channel.iter(f"{{{NS['podcast']}}}person")]


def test_a_person_not_yet_published_is_left_out_until_published(client, show, make_episode):
    host = PersonFactory(name="Hôte En Attente", live=False)
    guest = PersonFactory(name="Invitée En Attente", live=False)
    known = PersonFactory(name="Karim Haddad")
    show.hosts.create(person=host)
    show.save_revision().publish()
    episode = make_episode(
        title="Premier", guests=[(guest, PersonRole.GUEST), (known, PersonRole.GUEST)]
    )
    assert feed_people(client, show) == ["Karim Haddad"]
    pages = client.get(show.url).content.decode() + client.get(episode.url).content.decode()
    assert "En Attente" not in pages and "Karim Haddad" in pages

    for person in (host, guest):
        person.save_revision().publish()
    # The host is named on the show and again on its episode (the apps read the episode's).
    assert sorted(feed_people(client, show)) == [
        "Hôte En Attente",
        "Hôte En Attente",
        "Invitée En Attente",
        "Karim Haddad",
    ]
