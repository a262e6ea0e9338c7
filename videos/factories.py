"""Factories for videos; tests and ``seed_demo`` both build content with them."""

import factory
import wagtail_factories

from .models import VideoIndexPage, VideoKind, VideoPage, VideoSeries


class VideoIndexPageFactory(wagtail_factories.PageFactory):
    title = "Vidéos"
    slug = "videos"

    class Meta:
        model = VideoIndexPage


class VideoSeriesFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Émission {n}")

    class Meta:
        model = VideoSeries
        django_get_or_create = ("name",)


class VideoPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Vidéo {n}")
    source_url = factory.Sequence(lambda n: f"https://www.youtube.com/watch?v=video{n:06d}")
    summary = "Ce qui se dit dans cette vidéo, en deux phrases."
    kind = VideoKind.REPLAY

    class Meta:
        model = VideoPage
