"""Draw the site's default sharing card (``static/img/card.png``, 1200×630) with Pillow.

Shown by social networks and chat apps for a page without an image of its own
(``og:image``). Drawn from the site's colours (``static/css/fabrique.css``: --accent,
--paper, --soft) and its name; run again after a change of name or colours, then commit
the image. DejaVu (packaged with most Linux systems) when present, else Pillow's font.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
ACCENT = "#8b1e4f"
ACCENT_DARK = "#6a1239"
PAPER = "#ffffff"
SOFT = "#f5f2ee"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def _font(name: str, size: int):
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def draw_card(name: str, tagline: str) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), ACCENT)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=ACCENT_DARK)
    draw.rectangle((80, 150, 96, 420), fill=SOFT)
    title = _font("DejaVuSerif-Bold.ttf", 76)
    words, lines, line = name.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=title) > WIDTH - 260 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    y = 170
    for text in lines:
        draw.text((130, y), text, font=title, fill=PAPER)
        y += 96
    draw.text((130, y + 30), tagline, font=_font("DejaVuSans.ttf", 38), fill=SOFT)
    return image


class Command(BaseCommand):
    help = "Dessine l'image de partage par défaut du site (static/img/card.png, 1200×630)."

    def add_arguments(self, parser):
        parser.add_argument("--name", default="La Fabrique des Soignants")
        parser.add_argument("--tagline", default="Le média pour refaçonner le soin")

    def handle(self, *args, name, tagline, **options):
        target = Path(settings.BASE_DIR) / "static" / "img" / "card.png"
        draw_card(name, tagline).save(target, optimize=True)
        self.stdout.write(f"Image écrite : {target.relative_to(settings.BASE_DIR)}")
