"""Publishing a page prepares its pictures: its first reader waits for no image encoding
and that reader's GET writes nothing to the database."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from fabrique.accounts.roles import EDITORS
from fabrique.core.factories import ImageFactory
from tests.page_form_data import Things, page_form_data
from tests.team import member

WRITES = ("INSERT", "UPDATE", "DELETE")


def renditions() -> int:
    return get_image_model().get_rendition_model().objects.count()


def writes_of(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def published_article(site_tree, django_capture_on_commit_callbacks):
    """An article with a main image and an image in its body, published by an Éditeur."""
    editor = Client()
    editor.force_login(member(EDITORS, "dominique"))
    hero = ImageFactory(title="Couloir", description="Un couloir d'hôpital")
    inline = ImageFactory(title="Mains", description="Deux mains")
    data = page_form_data(ArticlePage, Things(), "Soigner la nuit", "soigner-la-nuit")
    data.update(
        nested_form_data(
            {
                "hero_image": str(hero.pk),
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Un paragraphe.</p>")),
                        (
                            "image",
                            {
                                "image": str(inline.pk),
                                "alt_text": "",
                                "decorative": "",
                                "caption": "Une légende",
                                "credit": "",
                            },
                        ),
                    ]
                ),
            }
        )
    )
    data["action-publish"] = "action-publish"
    articles = site_tree["sections"]["articles"]
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", articles.pk))
    # The publication's callbacks run as after a real commit; the test settings' immediate
    # task backend then runs the queued task at once, as the worker would.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="soigner-la-nuit")
    assert article.live
    return article


def test_the_first_reader_makes_no_rendition_and_writes_nothing(published_article):
    reader = Client()
    before = renditions()
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(published_article.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<picture" in page and "Une légende" in page
    assert renditions() == before
    assert writes_of(queries.captured_queries) == []


def test_the_section_and_home_cards_are_ready_too(published_article, site_tree):
    reader = Client()
    before = renditions()
    for url in (site_tree["sections"]["articles"].url, site_tree["home"].url):
        with CaptureQueriesContext(connection) as queries:
            response = reader.get(url)
        assert response.status_code == 200
        assert "Soigner la nuit" in response.content.decode()
        assert writes_of(queries.captured_queries) == [], url
    assert renditions() == before
