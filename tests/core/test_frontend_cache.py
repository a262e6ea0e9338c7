"""A CDN in front of the site is told what to drop when a page is published."""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from articles.factories import ArticlePageFactory, RubricFactory
from fabrique.core.frontend_cache import purge_list
from fabrique.demo.site import publish


class RecordingBackend(BaseBackend):
    """A purge backend that keeps what it was asked to purge (a real one calls a CDN)."""

    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def articles(site_tree):
    return site_tree["sections"]["articles"]


def test_an_article_purges_itself_its_listing_the_home_page_and_its_feeds(articles):
    article = publish(
        ArticlePageFactory(
            parent=articles,
            title="Un article",
            slug="un-article",
            rubric=RubricFactory(slug="tribune"),
        )
    )
    urls = purge_list(article)
    home = articles.get_parent().get_full_url()
    assert urls[0] == article.get_full_url()
    assert articles.get_full_url() in urls
    assert home in urls
    assert articles.get_full_url() + "rss/" in urls
    assert articles.get_full_url() + "rss/tribune/" in urls
    assert len(urls) == len(set(urls))


def test_a_non_ascii_address_is_percent_encoded(settings, articles):
    """Wagtail's HTTP backend fails on a non-ASCII path; pages made before slugs were
    ASCII-only still have one."""
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = True
    article = publish(
        ArticlePageFactory(parent=articles, title="Déserts médicaux", slug="déserts-médicaux")
    )
    urls = purge_list(article)
    assert urls[0].endswith("/articles/d%C3%A9serts-m%C3%A9dicaux/")
    assert all(url.isascii() for url in urls)


def test_a_publication_purges_once_committed(
    settings, articles, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.core.test_frontend_cache.RecordingBackend"}
    }
    RecordingBackend.purged = []
    article = ArticlePageFactory(parent=articles, title="Un article", slug="un-article")
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    assert article.get_full_url() in RecordingBackend.purged
    assert articles.get_full_url() + "rss/" in RecordingBackend.purged


def test_nothing_is_purged_without_a_backend(articles, django_capture_on_commit_callbacks):
    RecordingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish(ArticlePageFactory(parent=articles, title="Un article", slug="un-article"))
    assert RecordingBackend.purged == []
    assert callbacks is not None
