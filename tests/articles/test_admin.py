"""Editors create, publish and classify articles in the Wagtail admin."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage, Rubric
from tests.html import plain

pytestmark = pytest.mark.django_db


def test_editor_creates_and_publishes_an_article(admin_client, index, rubric, person):
    data = nested_form_data(
        {
            "title": "Déserts médicaux : que peut vraiment la loi ?",
            "slug": "deserts-medicaux",
            "standfirst": "Un chapô.",
            "date": "2025-05-07",
            "rubric": rubric.pk,
            "tags": "déserts médicaux, installation",
            "body": streamfield(
                [
                    ("heading", {"text": "Contexte", "level": "h2"}),
                    ("paragraph", rich_text("Un paragraphe avec une note[1].")),
                ]
            ),
            "authors": inline_formset([{"person": person.pk}]),
            "footnotes": inline_formset([{"text": rich_text("La source.")}]),
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/articles/articlepage/{index.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="deserts-medicaux")
    assert article.live
    assert article.get_parent().pk == index.pk
    assert [p.name for p in article.get_authors()] == ["Jalel Malek Hamza"]
    page = admin_client.get(article.url).content.decode()
    assert "7 mai 2025" in plain(page)
    assert '<a href="#note-1" id="ref-1">1</a>' in page
    assert "La source." in page
    assert "Contexte" in page


def test_add_view_and_rubric_snippets_are_reachable(admin_client, index, rubric):
    assert admin_client.get(f"/admin/pages/add/articles/articlepage/{index.pk}/").status_code == 200
    response = admin_client.get("/admin/snippets/articles/rubric/")
    assert response.status_code == 200
    assert "Tribune" in response.content.decode()
    assert Rubric.objects.count() == 1
