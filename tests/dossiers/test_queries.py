"""Query counts that do not grow with the number of items, dossiers or articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fabrique.core.factories import ImageFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    # Renditions are made on the first view; Wagtail keeps the ones it finds in the
    # renditions cache on the next, which the lists kept for the generation then read.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def build(make_dossier, make_article, make_testimony):
    image = ImageFactory(title="Illustration partagée")

    def build_dossier(n: int, prefix: str, **kwargs):
        items = []
        for i in range(n):
            if i % 2:
                items.append(
                    (make_testimony(title=f"{prefix} témoignage {i}", quote="Une phrase"), "Note")
                )
            else:
                items.append(
                    (make_article(title=f"{prefix} article {i}", listing_image=image), "Note")
                )
        return make_dossier(items=items, **kwargs)

    return build_dossier


def test_dossier_page_queries_do_not_grow_with_items(client, build):
    small = build(5, "Petit", title="Petit dossier")
    large = build(50, "Grand", title="Grand dossier")
    assert count_queries(client, small.url) == count_queries(client, large.url)
    assert count_queries(client, large.url) <= 25


def test_dossier_listing_queries_do_not_grow_with_dossiers(client, make_dossier, dossier_index):
    image = ImageFactory(title="Vignette de dossier")
    for i in range(5):
        make_dossier(title=f"Dossier {i}", listing_image=image)
    five = count_queries(client, dossier_index.url)
    for i in range(5, 12):
        make_dossier(title=f"Dossier {i}", listing_image=image)
    twelve = count_queries(client, dossier_index.url)
    assert five == twelve


def test_in_dossiers_is_one_query(make_dossier, make_article):
    from dossiers.templatetags.dossiers_tags import dossiers_containing

    article = make_article(title="Loi Garot")
    for i in range(4):
        make_dossier(title=f"Dossier {i}", items=[article])
    with CaptureQueriesContext(connection) as queries:
        dossiers = dossiers_containing(article)
    assert len(dossiers) == 4
    assert len(queries) == 1
