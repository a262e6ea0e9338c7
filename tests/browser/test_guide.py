"""The guide's screenshot script against the live server: a broken admin address or a
renamed button in ``docs/screenshots.py`` fails here, not on the day the guide is rebuilt."""

import importlib.util
import sys

from PIL import Image

from .harness import ROOT

# Three shots, three kinds of step: a dashboard, a moderator's form, a dialog opened by
# clicks in the page editor.
SHOTS = ["tableau-de-bord-moderation", "temoignage", "programmer"]


def load_script():
    spec = importlib.util.spec_from_file_location("guide_screenshots", ROOT / "docs/screenshots.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # the script's dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def test_the_guide_script_captures_real_admin_screens(site, browser, tmp_path):
    screenshots = load_script()
    screenshots.prepare()
    written = screenshots.capture(site, tmp_path, names=SHOTS, browser=browser)

    assert sorted(path.stem for path in written) == sorted(SHOTS)
    for path in written:
        image = Image.open(path)
        assert image.width == 1280, path.name
        # A blank or error page has a handful of colours; an admin screen has many.
        colours = image.convert("RGB").getcolors(maxcolors=100_000)
        assert len(colours) > 16, f"{path.name} semble vide"
        assert path.stat().st_size < 150_000, f"{path.name} pèse {path.stat().st_size} octets"
