"""Fixtures for the dossiers tests: the real section indexes and a way to publish dossiers."""

import pytest
from django.utils import timezone

from articles.factories import ArticlePageFactory
from dossiers.factories import DossierPageFactory
from fabrique.demo.site import publish
from fabrique.moderation.models import ModerationStatus
from testimonies.factories import TestimonyFactory


@pytest.fixture
def dossier_index(site_tree):
    return site_tree["sections"]["dossiers"]


@pytest.fixture
def article_index(site_tree):
    return site_tree["sections"]["articles"]


@pytest.fixture
def make_article(article_index):
    def make(**kwargs):
        kwargs.setdefault("parent", article_index)
        return publish(ArticlePageFactory(**kwargs))

    return make


@pytest.fixture
def make_testimony(db):
    def make(published=True, **kwargs):
        if published:
            kwargs.update(status=ModerationStatus.PUBLISHED, published_at=timezone.now())
        return TestimonyFactory(**kwargs)

    return make


@pytest.fixture
def make_dossier(dossier_index):
    """Publish a dossier with items (pages or testimonies, optionally with a note as a
    (content, note) pair), bibliography entries (dicts) and related dossiers."""

    def make(items=(), bibliography=(), related=(), footnotes=(), **kwargs):
        kwargs.setdefault("parent", dossier_index)
        dossier = DossierPageFactory(**kwargs)
        for entry in items:
            content, note = entry if isinstance(entry, tuple) else (entry, "")
            if hasattr(content, "path"):
                dossier.items.create(page=content, note=note)
            else:
                dossier.items.create(testimony=content, note=note)
        for spec in bibliography:
            dossier.bibliography.create(**spec)
        for other in related:
            dossier.related_links.create(related=other)
        for text in footnotes:
            dossier.footnotes.create(text=text)
        dossier.save()
        return publish(dossier)

    return make
