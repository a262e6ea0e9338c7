"""Fixtures for the podcasts tests: the real section index, a show and a way to publish episodes."""

import pytest

from fabrique.demo.site import publish
from podcasts.factories import (
    AudioFileFactory,
    EpisodePageFactory,
    PodcastShowPageFactory,
    make_cover_image,
)


@pytest.fixture
def index(site_tree):
    return site_tree["sections"]["podcasts"]


@pytest.fixture
def cover(db):
    return make_cover_image("Pochette", 0)


@pytest.fixture
def show(index, cover):
    return publish(
        PodcastShowPageFactory(parent=index, title="Les Voix du soin", cover_image=cover)
    )


@pytest.fixture
def audio(db):
    return AudioFileFactory(title="Un son", seconds=2.0)


@pytest.fixture
def make_episode(show, audio):
    """Publish an episode under the show, as an editor would."""

    def make(parent=None, guests=(), chapters=(), **kwargs):
        kwargs.setdefault("audio", audio)
        episode = EpisodePageFactory(parent=parent or show, **kwargs)
        for person, role in guests:
            episode.guests.create(person=person, role=role)
        for position, (start, title) in enumerate(chapters):
            episode.chapters.create(start=start, title=title, sort_order=position)
        episode.save()
        return publish(episode)

    return make
