"""Shared fixtures: a real site tree built with the same code as ``seed_demo``."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from fabrique.demo.site import seed_site


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments never leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db) -> dict:
    """The page tree of docs/architecture.md « Arborescence du site » (home, section indexes,
    standard pages) as seed_demo builds it."""
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
