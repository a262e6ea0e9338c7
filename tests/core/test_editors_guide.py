"""The editors' guide and its screenshots stay in step: every image it shows exists, has
a French text alternative, and every captured image is shown somewhere."""

import importlib.util
import re
import sys

from django.conf import settings

GUIDE = settings.BASE_DIR / "docs" / "guide-editeurs.md"
IMAGES = settings.BASE_DIR / "docs" / "images" / "guide"
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")


def referenced() -> dict[str, str]:
    return {path: alt for alt, path in IMAGE.findall(GUIDE.read_text(encoding="utf-8"))}


def test_every_image_of_the_guide_exists_with_a_text_alternative():
    images = referenced()
    assert images, "le guide ne montre aucune capture"
    for path, alt in images.items():
        assert (GUIDE.parent / path).is_file(), f"{path} manque (make guide)"
        assert len(alt.split()) >= 3, f"{path} : texte alternatif trop court"


def test_every_captured_image_is_shown_in_the_guide():
    shown = {(GUIDE.parent / path).resolve() for path in referenced()}
    for image in IMAGES.glob("*.png"):
        assert image.resolve() in shown, f"{image.name} n'est pas dans le guide"


def test_every_shot_of_the_script_is_in_the_guide():
    spec = importlib.util.spec_from_file_location(
        "guide_screenshots", settings.BASE_DIR / "docs" / "screenshots.py"
    )
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # the script's dataclass looks its module up
    spec.loader.exec_module(script)
    names = {image.stem for image in IMAGES.glob("*.png")}
    assert {shot.name for shot in script.SHOTS} == names
