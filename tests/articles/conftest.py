"""Fixtures for the articles tests: the real section index and a way to publish articles."""

import datetime
import json

import pytest

from articles.factories import ArticlePageFactory, RubricFactory
from fabrique.core.factories import ImageFactory, PersonFactory
from fabrique.demo.site import publish


@pytest.fixture
def index(site_tree):
    return site_tree["sections"]["articles"]


@pytest.fixture
def make_article(index):
    """Publish an article under the index, as an editor would."""

    def make(**kwargs):
        kwargs.setdefault("parent", index)
        authors = kwargs.pop("authors", [])
        footnotes = kwargs.pop("footnotes", [])
        tags = kwargs.pop("tags", [])
        body = kwargs.pop("body", None)
        if body is not None:
            kwargs["body"] = json.dumps(body)
        article = ArticlePageFactory(**kwargs)
        for person in authors:
            article.authors.create(person=person)
        for text in footnotes:
            article.footnotes.create(text=text)
        if tags:
            article.tags.add(*tags)
        article.save()
        return publish(article)

    return make


@pytest.fixture
def rubric(db):
    return RubricFactory(name="Tribune", slug="tribune")


@pytest.fixture
def image(db):
    return ImageFactory(title="Une illustration", description="Une salle d'attente vide")


@pytest.fixture
def person(db):
    return PersonFactory(name="Jalel Malek Hamza", role="médecin pédiatre")


@pytest.fixture
def article_date():
    return datetime.date(2024, 10, 11)
