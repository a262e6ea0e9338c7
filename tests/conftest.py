"""Shared fixtures: a real site tree built with the same code as ``seed_demo``."""

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page, Site

from fabrique.core import roles
from fabrique.core.demo import seed_site

from .accounts import logged_in, member


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments never leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db) -> dict:
    """The page tree of DESIGN.md (home, section indexes, standard pages) as seed_demo builds it."""
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
# One member of each real group (fabrique.core.roles), built by tests/accounts.py, so a
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
