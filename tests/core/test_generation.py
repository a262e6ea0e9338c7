"""Memos readers keep are computed once per publication generation, in every worker."""

from django.core.cache import caches

from fabrique.core import generation


def test_a_memo_is_computed_once_until_a_publication_anywhere(site_tree):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert generation.memo("test-memo", compute) == 1
    assert generation.memo("test-memo", compute) == 1
    # Another worker publishes: it only replaces the generation in the shared cache.
    generation.bump()
    assert generation.memo("test-memo", compute) == 2
    # This worker's memory still holds the old generation's memo, never served again.
    assert len(computed) == 2


def test_publishing_a_page_starts_a_new_generation(site_tree):
    before = generation.current()
    about = site_tree["pages"]["a-propos"]
    about.save_revision().publish()
    assert generation.current() != before


def test_the_generation_lives_in_the_shared_cache_the_memos_do_not(site_tree):
    generation.bump()
    assert caches["default"].get(generation.KEY) == generation.current()
    generation.memo("test-where", lambda: "ici")
    assert caches["default"].get(f"test-where:{generation.current()}") is None
    assert caches["reading"].get(f"test-where:{generation.current()}") == "ici"


def test_unpublishing_or_deleting_a_live_page_starts_a_new_generation(site_tree):
    about = site_tree["pages"]["a-propos"]
    before = generation.current()
    about.unpublish()
    assert generation.current() != before
    about.save_revision().publish()
    before = generation.current()
    about.delete()  # Wagtail unpublishes a live page before deleting it
    assert generation.current() != before


def test_a_migration_starts_a_new_generation(site_tree):
    from fabrique.core.generation import bump_after_migrate

    before = generation.current()
    bump_after_migrate()
    assert generation.current() != before


def test_a_first_migration_without_the_cache_table_goes_on(site_tree, settings):
    """``createcachetable`` comes after ``migrate`` on a first deployment."""
    from django.db import connection

    from fabrique.core.generation import bump_after_migrate
    from fabrique.settings.base import cache_settings

    settings.CACHES = cache_settings("database")
    settings.CACHES["default"]["LOCATION"] = "no_such_cache_table"
    bump_after_migrate()
    # The test's own transaction is still usable.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
