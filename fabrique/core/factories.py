"""Factories for the shared models; tests and ``seed_demo`` both build content with them."""

import io
import unicodedata

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw

from .models import Person

# Colours that keep white text at AA contrast, so demo images stay legible.
DEMO_COLOURS = ["#8b1e4f", "#1f4e79", "#2d5a27", "#5b2a86", "#7a4100", "#1c4d4d"]


def make_image_file(label: str, colour: str = DEMO_COLOURS[0], size=(1200, 675)) -> ImageFile:
    """A PNG drawn locally with Pillow: a flat colour and a label (nothing is downloaded)."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 40, size[0] - 40, size[1] - 40], outline="#ffffff", width=6)
    # Pillow's built-in font has no accented glyphs: draw the label folded to ASCII.
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    draw.text((80, size[1] // 2 - 20), ascii_label[:60], fill="#ffffff", font_size=48)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    name = f"{slugify(label)[:40] or 'image'}.png"
    return ImageFile(buffer, name=name)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Illustration {n}")
    description = factory.LazyAttribute(lambda o: f"Illustration : {o.title}")
    file = factory.LazyAttribute(lambda o: make_image_file(o.title))
    collection = factory.LazyFunction(
        lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node()
    )


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Personne {n}")
    role = "soignante"

    class Meta:
        model = Person
        django_get_or_create = ("name",)
