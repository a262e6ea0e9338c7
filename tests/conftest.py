"""Shared fixtures: the site tree every test database holds, and the editorial team.

The database itself is built once a run by the plugin ``tests/template_database.py``.
"""

import pytest
from django.test import Client
from wagtail.models import Page, Site

from fabrique.accounts import roles
from fabrique.demo.site import seed_site

from .caches import clear_all_caches
from .team import logged_in, member

pytest_plugins = ["tests.template_database"]


# --- Every test -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments never leak from one test to the next."""
    clear_all_caches()
    yield
    clear_all_caches()


@pytest.fixture
def search_index(settings):
    """Saving writes the search index, as on the site (the test settings turn it off)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": True}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }


@pytest.fixture
def auto_redirects(settings):
    """A moved or renamed page leaves a redirect behind, as on the site."""
    settings.WAGTAILREDIRECTS_AUTO_CREATE = True


# --- The site tree ----------------------------------------------------------------------


@pytest.fixture
def site_tree(db) -> dict:
    """The page tree of ``docs/architecture.md`` (home, section indexes, standard pages).

    The template database already holds it; ``seed_site`` then only looks it up (and
    builds it where a test emptied the database, as the browser suite does).
    """
    return seed_site()


@pytest.fixture
def home(site_tree):
    return site_tree["home"]


@pytest.fixture
def root_page(db) -> Page:
    return Page.get_first_root_node()


@pytest.fixture
def default_site(site_tree) -> Site:
    return site_tree["site"]


# --- The editorial team ---------------------------------------------------------------
# One member of each real group (fabrique.accounts.roles), built by tests/team.py, so a
# group's name or an account's shape changes in one place. A superuser is pytest-django's
# ``admin_user`` / ``admin_client``. Tests needing two members of one group call
# ``member`` themselves.


@pytest.fixture
def editor(db):
    """A member of « Éditeurs »: writes, publishes and deletes editorial content."""
    return member(roles.EDITORS, "edit")


@pytest.fixture
def moderator(db):
    """A member of « Modérateurs », not a superuser: what a moderator really has."""
    return member(roles.MODERATORS, "modo")


@pytest.fixture
def contributor(db):
    """A member of « Contributeurs »: drafts, submits for review, never publishes."""
    return member(roles.CONTRIBUTORS, "camille")


@pytest.fixture
def caregiver_reviewer(db):
    """A member of « Relecteurs soignants »."""
    return member(roles.CAREGIVER_REVIEWERS, "awa")


@pytest.fixture
def editor_client(editor) -> Client:
    return logged_in(editor)


@pytest.fixture
def moderator_client(moderator) -> Client:
    return logged_in(moderator)


@pytest.fixture
def contributor_client(contributor) -> Client:
    return logged_in(contributor)
