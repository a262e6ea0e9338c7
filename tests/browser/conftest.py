"""The browser-test harness: Debian's Chromium driven by Playwright, one live server a run.

Every test here is marked ``browser`` and runs in its own pytest process without xdist
(``make test`` does that after the unit suite), so the run has one server and one browser.
Chromium is Debian's package (``.ci/run`` installs it); Playwright never downloads a browser.
Without it, CI fails loudly; a developer without Chromium gets a skip that says why.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from .harness import count_server_requests, settle, wait_for_idle_server

CHROMIUM = os.environ.get("FABRIQUE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str):
    message = (
        f"{reason} Installez le paquet Debian « chromium » (apt-get install chromium) "
        "et les dépendances de test (make install-test)."
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium introuvable ({CHROMIUM}).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright n'est pas installé.")
    from django.db import connections

    # Django restores the migrations' data (root page, groups, workflow) after each
    # transactional test from a copy kept on the connection object. Once Playwright's
    # loop runs in this thread, Django hands out another connection object: give it the
    # same copy, or every test after the first would start from an empty database.
    initial_data = getattr(connections["default"], "_test_serialized_contents", None)
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are
    # ordinary blocking ones, which Django would otherwise refuse inside a loop. Set for
    # the browser tests only: the deploy check refuses it anywhere else.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    count_server_requests()
    with sync_playwright() as playwright:
        if initial_data is not None:
            connections["default"]._test_serialized_contents = initial_data
        chromium = playwright.chromium.launch(
            executable_path=shutil.which(CHROMIUM) or CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    """A fresh browser tab (own cookies), French, at desktop width."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    settle(tab)
    context.close()
    wait_for_idle_server()


def serialise_requests(live_server):
    """One request at a time: the live server's threads share the test's database
    connection, and on in-memory SQLite two writes at once lock a table (a 503 mid-test)."""
    import threading

    server = live_server.thread.httpd
    app = server.get_app()
    if getattr(app, "serialised", False):
        return
    lock = threading.Lock()

    def serialised(environ, start_response):
        with lock:
            result = app(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        return [body]

    serialised.serialised = True
    server.set_app(serialised)


@pytest.fixture
def site(live_site):
    """The demo site, served by the live server at its own address."""
    call_command("seed_demo", stdout=io.StringIO())
    return live_site


@pytest.fixture
def live_site(django_db_serialized_rollback, live_server, settings, tmp_path):
    """The live server with an empty database (tests that need little build it themselves,
    faster than the whole demo).

    Media go to a temporary folder the live server serves through the production view
    (``FABRIQUE_SERVE_MEDIA``, as ``make serve`` does), so images load as in production;
    the site record follows the live server's port like a deployment would.
    """
    serialise_requests(live_server)
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FABRIQUE_SERVE_MEDIA = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return live_server.url
