"""Nothing a Contributeur adds reaches readers before review (docs/accounts-and-rights.md
« Rien de public sans relecture »): a person
waiting for review is not credited on the video page, and a new series stays out of the
public filter until a published video belongs to it."""

import pytest

from fabrique.core.factories import PersonFactory
from fabrique.demo.site import publish
from videos.factories import VideoPageFactory
from videos.models import CreditRole, VideoSeries

pytestmark = pytest.mark.django_db


def test_a_credit_waits_for_the_person_to_be_published(client, video):
    waiting = PersonFactory(name="Invité En Attente", live=False)
    video.credits.create(person=waiting, role=CreditRole.GUEST)
    video.save_revision().publish()
    page = client.get(video.url).content.decode()
    assert "Camille Roussel" in page and "En Attente" not in page
    waiting.save_revision().publish()
    assert "Invité En Attente" in client.get(video.url).content.decode()


def test_a_series_added_by_a_contributor_is_listed_once_a_published_video_has_it(
    client, contributor_client, video_index, video
):
    response = contributor_client.post(
        "/admin/snippets/videos/videoseries/add/",
        {"name": "Série Pas Relue", "slug": "serie-pas-relue"},
    )
    assert response.status_code == 302
    series = VideoSeries.objects.get(name="Série Pas Relue")
    assert "Série Pas Relue" not in client.get("/videos/").content.decode()
    # A draft video in the series changes nothing; the published one lists it.
    draft = VideoPageFactory(parent=video_index, title="Brouillon", series=series, live=False)
    assert "Série Pas Relue" not in client.get("/videos/").content.decode()
    publish(draft)
    assert "Série Pas Relue" in client.get("/videos/").content.decode()
    assert "La nuit des jeunes en santé" in client.get("/videos/").content.decode()
