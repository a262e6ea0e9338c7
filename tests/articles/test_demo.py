"""The demo content: the eight real articles, published, and seeding twice changes nothing."""

import pytest

from articles.demo import seed
from articles.models import ArticlePage, Rubric
from tests.a11y import assert_accessible
from tests.html import plain

pytestmark = pytest.mark.django_db


def test_seed_publishes_the_eight_articles_once(client, site_tree):
    seed(site_tree)
    seed(site_tree)
    articles = ArticlePage.objects.live()
    assert articles.count() == 8
    assert set(Rubric.objects.values_list("name", flat=True)) >= {
        "Prise de recul",
        "Tribune",
        "Décryptage",
        "Portrait",
    }
    first = articles.get(title="Des soignant·es à politiser, une santé à réparer")
    assert first.rubric.name == "Prise de recul"
    response = client.get(first.url)
    assert_accessible(response)
    assert "Jalel Malek Hamza" in response.content.decode()
    assert 'href="#note-1"' in response.content.decode()
    listing = client.get(site_tree["sections"]["articles"].url)
    assert_accessible(listing)
    assert "11 octobre 2024" in plain(listing.content.decode())
