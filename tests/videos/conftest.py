import datetime
import json
from datetime import timedelta

import pytest

from fabrique.core.factories import ImageFactory, PersonFactory
from fabrique.demo.site import publish
from videos.factories import VideoPageFactory, VideoSeriesFactory
from videos.models import CreditRole, VideoKind


@pytest.fixture
def video_index(site_tree):
    return site_tree["sections"]["videos"]


@pytest.fixture
def series(db):
    return VideoSeriesFactory(name="La nuit des jeunes en santé")


@pytest.fixture
def video(video_index, series):
    """A replay with poster, credits, chapters, transcript and an embedded video in its body."""
    page = VideoPageFactory(
        parent=video_index,
        title="La nuit des jeunes en santé : les gardes",
        slug="la-nuit-des-gardes",
        source_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        summary="Trois internes racontent leurs gardes de nuit.",
        kind=VideoKind.REPLAY,
        series=series,
        recorded_on=datetime.date(2024, 10, 17),
        duration=timedelta(hours=1, minutes=2, seconds=3),
        poster=ImageFactory(title="Affiche de la nuit", description="Trois internes au micro"),
        transcript="<p>Inès : les gardes de nuit sont les plus longues.</p>",
        body=json.dumps(
            [
                {
                    "type": "video",
                    "value": {
                        "url": "https://www.twitch.tv/videos/123456",
                        "title": "Le direct entier sur Twitch",
                        "caption": "",
                    },
                }
            ]
        ),
    )
    page.credits.create(person=PersonFactory(name="Camille Roussel"), role=CreditRole.HOST)
    page.credits.create(person=PersonFactory(name="Inès Benali"), role=CreditRole.GUEST)
    page.chapters.create(start=timedelta(seconds=0), title="Ouverture")
    page.chapters.create(start=timedelta(minutes=12, seconds=30), title="Les gardes de nuit")
    page.tags.add("formation")
    page.save()
    return publish(page)
