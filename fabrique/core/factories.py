"""Factories for the shared models; tests and ``seed_demo`` both build content with them."""

import functools
import io
import unicodedata

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from fabrique.core.models import Person
from fabrique.core.templatetags.fabrique_typography import french_spacing

# Colours that keep white text at AA contrast, so demo images stay legible.
DEMO_COLOURS = ["#8b1e4f", "#1f4e79", "#2d5a27", "#5b2a86", "#7a4100", "#1c4d4d"]
# A lighter companion for each colour: shapes and gradients, never behind text.
_COMPANIONS = ["#e0719c", "#5fa8d3", "#8cc084", "#b28dd8", "#e8a65d", "#6cc3b8"]
DEMO_LAYOUTS = 4


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(size, start, end, direction: str) -> Image.Image:
    """A two-colour gradient (vertical, horizontal or diagonal), drawn by Pillow in C."""
    vertical = Image.linear_gradient("L")
    horizontal = vertical.rotate(90)
    mask = {"v": vertical, "h": horizontal, "d": Image.blend(vertical, horizontal, 0.5)}[direction]
    return Image.composite(
        Image.new("RGB", size, end), Image.new("RGB", size, start), mask.resize(size)
    )


def _wrap(draw, text: str, font, width: int, max_lines: int = 4) -> list[str]:
    """The text cut into lines no wider than ``width`` pixels (an ellipsis if it overflows)."""
    lines, line = [], ""
    # French spacing first: « : » and « ? » stay on the line of the word before them.
    for word in french_spacing(text).split(" "):
        if not word:
            continue
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,;:") + "…"
    return lines


# Scalable fonts with every French accent, as Debian and most Linux images install them
# (fonts-dejavu-core, fonts-liberation). Pillow's own font has no accented letter: it is
# the last resort, with the label folded to ASCII rather than drawn with holes.
DEMO_FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
    "DejaVuSans-Bold.ttf",
]


@functools.cache
def _font_path() -> str | None:
    for candidate in DEMO_FONTS:
        try:
            ImageFont.truetype(candidate, 12)
        except OSError:
            continue
        return candidate
    return None


def _font(size: int):
    path = _font_path()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def _drawable(text: str) -> str:
    """The text as the chosen font can draw it: as is, or folded to ASCII without a font."""
    if _font_path():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _pick(label: str, count: int) -> int:
    """A stable choice from the label (Python's own hash() changes between runs)."""
    return sum(label.encode()) % count


def make_image_file(
    label: str,
    colour: str = DEMO_COLOURS[0],
    size=(1200, 675),
    *,
    layout: int | None = None,
    kicker: str = "La Fabrique des Soignants",
) -> ImageFile:
    """A PNG illustration drawn locally with Pillow (nothing is downloaded).

    One of a few editorial layouts (chosen from the label unless ``layout`` is given):
    a gradient of the colour, soft shapes, and the label itself, accents and all, in the
    system's DejaVu or Liberation font (``DEMO_FONTS``; Pillow's own font, which has no
    accents, draws it folded to ASCII where neither is installed). White text sits on the
    dark colour only, which keeps it at AA contrast.
    """
    width, height = size
    base = _rgb(colour)
    index = DEMO_COLOURS.index(colour) if colour in DEMO_COLOURS else _pick(colour, 6)
    light = _rgb(_COMPANIONS[index % len(_COMPANIONS)])
    dark = _mix(base, (0, 0, 0), 0.45)
    layout = _pick(label, DEMO_LAYOUTS) if layout is None else layout % DEMO_LAYOUTS
    unit = min(width, height)

    image = _gradient(size, base, dark, "dvh"[layout % 3]).convert("RGBA")
    shapes = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    text_box = (int(width * 0.07), int(height * 0.12), int(width * 0.86))  # left, top, width
    if layout == 0:  # large soft circles on the right
        for i, (cx, cy, r) in enumerate(
            [(0.82, 0.25, 0.55), (0.95, 0.85, 0.4), (0.62, 0.95, 0.22)]
        ):
            box = [
                width * cx - unit * r,
                height * cy - unit * r,
                width * cx + unit * r,
                height * cy + unit * r,
            ]
            draw.ellipse(box, fill=(*light, 70 + 30 * i))
        text_box = (int(width * 0.07), int(height * 0.3), int(width * 0.6))
    elif layout == 1:  # a band of diagonal stripes on the right
        for i in range(-height, width, max(12, unit // 14)):
            if i > width * 0.45:
                draw.line(
                    [(i, height), (i + height, 0)], fill=(*light, 90), width=max(4, unit // 40)
                )
        draw.rectangle([0, 0, width * 0.62, height], fill=(*dark, 200))
        text_box = (int(width * 0.06), int(height * 0.22), int(width * 0.52))
    elif layout == 2:  # concentric rings, top right
        cx, cy = width * 0.85, height * 0.2
        for i in range(7, 0, -1):
            r = unit * 0.11 * i
            draw.ellipse(
                [cx - r, cy - r, cx + r, cy + r],
                outline=(*light, 60 + 20 * (7 - i)),
                width=max(3, unit // 60),
            )
        text_box = (int(width * 0.07), int(height * 0.45), int(width * 0.8))
    else:  # a grid of dots and a large opening guillemet
        step = max(16, unit // 12)
        for x in range(step // 2, width, step):
            for y in range(step // 2, height, step):
                r = max(2, unit // 160)
                draw.ellipse([x - r, y - r, x + r, y + r], fill=(*light, 80))
        quote_font = _font(int(unit * 0.5))
        draw.text(
            (width * 0.05, -unit * 0.08),
            "«" if _font_path() else "<<",
            font=quote_font,
            fill=(*light, 170),
        )
        text_box = (int(width * 0.08), int(height * 0.42), int(width * 0.84))
    image = Image.alpha_composite(image, shapes)

    draw = ImageDraw.Draw(image)
    left, top, text_width = text_box
    kicker_font = _font(max(12, unit // 24))
    title_font = _font(max(16, unit // 11))
    if kicker:
        draw.rectangle(
            [left, top, left + unit // 12, top + max(3, unit // 110)], fill=(*light, 255)
        )
        draw.text(
            (left, top + unit // 40), _drawable(kicker.upper()), font=kicker_font, fill="#ffffff"
        )
        top += unit // 40 + int(kicker_font.size * 1.8)
    line_height = int(title_font.size * 1.18)
    lines = _wrap(draw, _drawable(label), title_font, text_width)
    if top + line_height * len(lines) > height * 0.94:  # long titles start higher
        top = max(int(height * 0.06), int(height * 0.94) - line_height * len(lines))
    for n, line in enumerate(lines):
        draw.text((left, top + n * line_height), line, font=title_font, fill="#ffffff")

    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", compress_level=6)
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
