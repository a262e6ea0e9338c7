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

from tests.caches import clear_all_caches

from .harness import count_server_requests, settle, wait_for_idle_server
from .states import MIGRATED, DatabaseStates

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
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium introuvable ({CHROMIUM}).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright n'est pas installé.")
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are
    # ordinary blocking ones, which Django would otherwise refuse inside a loop. Set for
    # the browser tests only: the deploy check refuses it anywhere else.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    count_server_requests()
    with sync_playwright() as playwright:
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


def serialise_requests(server):
    """One request at a time: the live server's threads share the test's database
    connection, and on in-memory SQLite two writes at once lock a table (a 503 mid-test)."""
    import threading

    httpd = server.thread.httpd
    app = httpd.get_app()
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

    httpd.set_app(serialised)


@pytest.fixture(scope="session")
def database_states(django_db_setup, django_db_blocker):
    """The saved database states of this run (``states.py``): the migrated database at
    first, each other state once a test first asks for it."""
    with django_db_blocker.unblock():
        states = DatabaseStates()
        states.install()
    yield states
    with django_db_blocker.unblock():
        states.uninstall()


@pytest.fixture
def db(request, database_states, django_db_blocker):
    """The database, for the test and the live server alike.

    It replaces pytest-django's own ``db`` here (whose name still tells pytest-django to
    create the test database): no transaction around the test, which the live server
    could not see through, and no flush of every table at its end, as pytest-django's
    ``transactional_db`` does. The next test puts back what this one changed instead
    (``start_from``); a test asking for ``db`` alone starts from the migrated database.
    """
    with django_db_blocker.unblock():
        if "start_from" not in request.fixturenames:
            database_states.start_from(MIGRATED)
        yield database_states


@pytest.fixture(scope="session")
def browser_server(request, database_states):
    """One live server for the run, answering one request at a time.

    Not pytest-django's ``live_server``: asking for it makes every test transactional,
    and each would empty the whole database at its end.
    """
    from pytest_django.live_server_helper import LiveServer

    address = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address)
    serialise_requests(server)
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture(scope="session")
def states_media(tmp_path_factory):
    """The media files of each saved state, one folder a state."""
    return tmp_path_factory.mktemp("states-media")


def _link_or_copy(source, destination):
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


@pytest.fixture
def served(browser_server, settings, tmp_path):
    """The live server's address, with the settings a deployment would have.

    Media go to a temporary folder the live server serves through the production view
    (``FABRIQUE_SERVE_MEDIA``, as ``make serve`` does), so images load as in production;
    the site record follows the live server's port like a deployment would.
    """
    settings.WAGTAILADMIN_BASE_URL = browser_server.url
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FABRIQUE_SERVE_MEDIA = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return browser_server.url


@pytest.fixture
def start_from(db, served, settings, tmp_path, states_media):
    """``start_from(name, build)``: the database and the media as state ``name`` saved
    them, built by ``build()`` the first time in the run.

    The media files of the state are linked into this test's own folder (no copy): a test
    that uploads or deletes a file does so in its folder only, since Django never writes
    into an existing file.
    """

    def start(name: str, build=None) -> None:
        media = states_media / name
        if not db.is_saved(name):
            media.mkdir()
            settings.MEDIA_ROOT = media
            db.start_from(name, build)
            clear_all_caches()  # nothing the build cached reaches the tests
            settings.MEDIA_ROOT = tmp_path / "media"
        else:
            db.start_from(name)
        shutil.copytree(media, tmp_path / "media", copy_function=_link_or_copy)

    return start


def seed_demo() -> None:
    """The demo, and every public page read once.

    A reader's first visit makes the pictures' renditions (``seed_demo`` leaves them to
    readers); made here, they are part of the saved state, instead of being made again by
    each test that goes through every page (a third of such a test's time).
    """
    from django.test import Client

    from .pages import PAGE_TYPES

    call_command("seed_demo", stdout=io.StringIO())
    reader = Client()
    for target in PAGE_TYPES:
        reader.get(target.path() if callable(target.path) else target.path)


@pytest.fixture
def site(start_from, served):
    """The demo site, served by the live server at its own address."""
    start_from("demo", build=seed_demo)
    return served


@pytest.fixture
def live_site(start_from, served):
    """The live server with the migrated database only (tests that need little build it
    themselves, faster than the whole demo)."""
    start_from(MIGRATED)
    return served
