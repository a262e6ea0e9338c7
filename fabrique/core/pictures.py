"""AVIF renditions fast enough to be made during a reader's request.

Wagtail makes a rendition the first time a page asks for it. Pillow encodes AVIF at speed
6 by default: 0.6 s for a 400 px card, 1.6 s at 1280 px on one core, so the first view of
a home page with a dozen cards spent half a minute encoding. Speed 8 (libavif's scale goes
0–10, faster is larger) measured 0.06 s and 0.5 s for files about 15 % larger, still far
below the JPEG fallback. ``FABRIQUE_AVIF_SPEED`` changes it (6 for the smallest files on a
site whose renditions are made ahead of time).
"""

from django.conf import settings
from PIL import Image

DEFAULT_AVIF_SPEED = 8


def configure_avif() -> None:
    """Make Pillow's AVIF encoder use the site's speed unless a caller chose one."""
    Image.init()
    original = Image.SAVE.get("AVIF")
    if original is None or getattr(original, "fabrique", False):
        return

    def save(im, fp, filename):
        im.encoderinfo.setdefault(
            "speed", getattr(settings, "FABRIQUE_AVIF_SPEED", DEFAULT_AVIF_SPEED)
        )
        return original(im, fp, filename)

    save.fabrique = True
    Image.register_save("AVIF", save)
