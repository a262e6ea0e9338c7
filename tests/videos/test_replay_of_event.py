"""A replay and its live event: the event holds the link, the video page shows it back."""

import json

from django.test import Client

from events.factories import EventPageFactory
from fabrique.demo.site import publish
from tests.html import plain, soup_of


def test_the_video_page_names_the_event_it_replays(video, site_tree):
    events = site_tree["sections"]["evenements"]
    event = publish(
        EventPageFactory(parent=events, title="Direct : la nuit des internes", replay=video)
    )
    hidden = EventPageFactory(
        parent=events, title="Brouillon d'événement", replay=video, live=False
    )
    hidden.save_revision()

    page = soup_of(Client().get(video.url))
    line = page.select_one(".video__replay-of")
    assert plain(line.get_text(" ", strip=True)) == "Rediffusion de Direct : la nuit des internes"
    assert line.a["href"] == event.url
    assert "Brouillon d'événement" not in page.get_text()
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["recordedAt"]["name"] == "Direct : la nuit des internes"


def test_a_video_without_event_says_nothing_of_one(video):
    page = soup_of(Client().get(video.url))
    assert page.select_one(".video__replay-of") is None
