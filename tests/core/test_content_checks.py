"""The checks an editor reads at the top of the page editor before publishing."""

import json

import pytest

from articles.factories import ArticlePageFactory
from fabrique.core.content_checks import content_issues
from fabrique.core.factories import ImageFactory
from fabrique.demo.site import publish
from tests.html import soup_of


@pytest.fixture
def articles(site_tree):
    return site_tree["sections"]["articles"]


def described_image(**kwargs):
    return ImageFactory(description="Une infirmière prend la tension d'un patient", **kwargs)


def test_a_complete_article_raises_no_issue(articles):
    article = ArticlePageFactory(
        parent=articles,
        title="Un titre court",
        standfirst="Un chapô.",
        hero_image=described_image(),
    )
    assert content_issues(article) == []


def test_each_weakness_is_named(articles):
    undescribed = ImageFactory(title="IMG_2041.jpg", description="")
    article = ArticlePageFactory(
        parent=articles,
        title="Un titre beaucoup trop long pour tenir dans un résultat de recherche sans coupure",
        standfirst="",
        search_description="",
        hero_image=None,
        health_claims=True,
        body=json.dumps(
            [
                {
                    "type": "image",
                    "value": {"image": undescribed.pk, "alt_text": "", "decorative": False},
                },
                {
                    "type": "image",
                    "value": {"image": undescribed.pk, "alt_text": "", "decorative": True},
                },
            ]
        ),
    )
    issues = " | ".join(content_issues(article))
    assert "Le titre compte 81 caractères" in issues
    assert "Pas de description" in issues
    assert "Pas d'image" in issues
    assert issues.count("« IMG_2041.jpg » n'a pas de texte alternatif") == 1
    assert "ne cite aucune source" in issues


def test_a_decorative_or_described_image_is_fine(articles):
    bare = ImageFactory(title="fond.png", description="")
    article = ArticlePageFactory(
        parent=articles,
        title="Court",
        standfirst="Chapô",
        hero_image=described_image(),
        body=json.dumps(
            [
                {"type": "image", "value": {"image": bare.pk, "alt_text": "", "decorative": True}},
                {
                    "type": "image",
                    "value": {
                        "image": bare.pk,
                        "alt_text": "Un couloir d'hôpital",
                        "decorative": False,
                    },
                },
            ]
        ),
    )
    assert content_issues(article) == []


def test_the_editor_shows_the_checks_above_the_form(articles, editor_client):
    article = publish(
        ArticlePageFactory(parent=articles, title="Court", standfirst="", hero_image=None)
    )
    page = soup_of(editor_client.get(f"/admin/pages/{article.pk}/edit/"))
    text = page.get_text(" ", strip=True)
    assert "Avant de publier, 2 points à vérifier" in text
    assert "Pas de description" in text and "Pas d'image" in text
