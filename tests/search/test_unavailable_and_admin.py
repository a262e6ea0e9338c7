"""When the search backend is away, and the administration's search boxes."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_an_unreachable_search_backend_answers_a_french_503(settings, site_tree):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "tests.search.failing_backend", "AUTO_UPDATE": False}
    }
    response = Client().get("/recherche/", {"q": "desert medical"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Recherche indisponible" in html
    assert "Réessayer" in html
    # The box without words does not need the backend.
    assert Client().get("/recherche/").status_code == 200


@pytest.mark.parametrize(
    "address",
    ["/admin/pages/search/", "/admin/snippets/articles/rubric/", "/admin/images/"],
)
def test_the_admin_search_boxes_go_through_the_cleaner(admin_client, site_tree, address):
    hostile = 'desert"  medical <b>' + " mot" * 50 + "\u200b"
    response = admin_client.get(address, {"q": hostile})
    assert response.status_code == 200
    html = response.content.decode()
    # Quotes, markup and format characters dropped, the first 10 terms kept.
    assert 'value="desert medical b mot mot mot mot mot mot mot"' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's configuration")
def test_postgresql_reads_french_without_accents():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('french_unaccent', 'Déserts médicaux, hôpitaux') "
            "@@ plainto_tsquery('french_unaccent', 'desert medical hopital'),"
            " to_tsvector('simple_unaccent', 'Hôpital') @@ to_tsquery('simple_unaccent', 'hopi:*')"
        )
        assert cursor.fetchone() == (True, True)


def unaccent_objects() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM pg_ts_config WHERE cfgname LIKE '%%_unaccent')"
            " + (SELECT count(*) FROM pg_indexes WHERE indexname = %s)",
            [migration.INDEX],
        )
        return cursor.fetchone()[0]


migration = importlib.import_module("fabrique.search.migrations.0001_french_unaccent")


def execute(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


def test_the_migration_is_idempotent_reversible_and_a_no_op_elsewhere():
    editor = SimpleNamespace(connection=connection, execute=execute)
    if connection.vendor != "postgresql":
        with CaptureQueriesContext(connection) as queries:
            migration.run(migration.FORWARD)(None, editor)
        assert not queries.captured_queries
        return
    migration.run(migration.FORWARD)(None, editor)
    migration.run(migration.FORWARD)(None, editor)
    assert unaccent_objects() == 3
    migration.run(migration.BACKWARD)(None, editor)
    assert unaccent_objects() == 0
    migration.run(migration.FORWARD)(None, editor)
    assert unaccent_objects() == 3
