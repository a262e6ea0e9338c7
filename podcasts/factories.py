"""Factories for podcasts; tests and ``seed_demo`` both build content with them."""

import array
import math

import factory
import lameenc
import wagtail_factories
from django.core.files.base import ContentFile

from fabrique.core.factories import DEMO_COLOURS, ImageFactory, make_image_file

from .models import AudioFile, EpisodePage, PodcastIndexPage, PodcastShowPage

SAMPLE_RATE = 22050


def make_tone_mp3(seconds: float = 3.0, frequency: float = 440.0) -> bytes:
    """A short sine tone encoded as MP3 with lameenc: made here, nothing is downloaded.

    32 kbit/s mono keeps a three-second sound near 12 KB, encoded in a few milliseconds.
    """
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(7)
    count = int(SAMPLE_RATE * seconds)
    fade = SAMPLE_RATE // 20
    samples = array.array(
        "h",
        (
            int(
                6000
                * min(1.0, i / fade, (count - i) / fade)
                * math.sin(2 * math.pi * frequency * i / SAMPLE_RATE)
            )
            for i in range(count)
        ),
    )
    return bytes(encoder.encode(samples.tobytes()) + encoder.flush())


def make_cover_image(title: str, colour_index: int = 0):
    """A square 1400 px cover (the smallest Apple accepts), drawn with Pillow."""
    colour = DEMO_COLOURS[colour_index % len(DEMO_COLOURS)]
    return ImageFactory(
        title=title,
        description=title,
        file=make_image_file(title, colour, size=(1400, 1400)),
    )


class AudioFileFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Son {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(make_tone_mp3(o.seconds, o.frequency), name="son.mp3")
    )

    class Params:
        seconds = 2.0
        frequency = 440.0

    class Meta:
        model = AudioFile


class PodcastIndexPageFactory(wagtail_factories.PageFactory):
    title = "Podcasts"
    slug = "podcasts"

    class Meta:
        model = PodcastIndexPage


class PodcastShowPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Émission {n}")
    description = "Une émission de La Fabrique des Soignants."
    owner_name = "La Fabrique des Soignants"
    owner_email = "podcast@example.org"
    copyright = "© La Fabrique des Soignants"

    class Meta:
        model = PodcastShowPage


class EpisodePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Épisode {n}")
    summary = "Un épisode à écouter."
    audio = factory.SubFactory(AudioFileFactory)

    class Meta:
        model = EpisodePage
