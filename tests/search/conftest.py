"""The demo, built once for a module with its search index written, rolled back after.

The test settings turn index updates off (``AUTO_UPDATE``); as the ``search_index``
fixture of tests/conftest.py does for one test, ``searched_demo`` turns them on for the
module's build, so every page and story is indexed by the same saves as on the site.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from fabrique.demo.site import seed_site
from tests.caches import clear_all_caches


def indexing_backends():
    return {
        name: {**backend, "AUTO_UPDATE": True}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }


@pytest.fixture(scope="module")
def searched_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(WAGTAILSEARCH_BACKENDS=indexing_backends()):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed_site()
            call_command("seed_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(searched_demo, db, search_index):
    """Each test sees the module's demo; what it adds is rolled back after it."""
    clear_all_caches()
