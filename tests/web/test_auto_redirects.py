"""Old links never break: a slug change or a move leaves a redirect from the old address."""

from django.test import Client

from articles.factories import ArticlePageFactory
from fabrique.demo.site import publish


def test_a_renamed_article_keeps_its_old_address(
    auto_redirects, site_tree, django_capture_on_commit_callbacks
):
    articles = site_tree["sections"]["articles"]
    article = publish(ArticlePageFactory(parent=articles, title="Déserts", slug="deserts"))
    old_url = article.get_url()

    article.slug = "deserts-medicaux"
    # Wagtail makes the redirect once the publication is committed.
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()
    new_url = article.get_url()
    assert new_url != old_url

    response = Client().get(old_url, follow=True)
    assert response.redirect_chain[0][0] == new_url
    assert response.status_code == 200
    assert "Déserts" in response.content.decode()


def test_a_moved_page_keeps_its_old_address(
    auto_redirects, site_tree, django_capture_on_commit_callbacks
):
    about = site_tree["home"].get_children().get(slug="a-propos")
    legal = site_tree["home"].get_children().get(slug="mentions-legales")
    old_url = legal.get_url()

    with django_capture_on_commit_callbacks(execute=True):
        legal.move(about, pos="last-child")
    legal.refresh_from_db()
    assert legal.get_url() == "/a-propos/mentions-legales/"
    response = Client().get(old_url, follow=True)
    assert response.redirect_chain[0][0] == legal.get_url()
    assert response.status_code == 200
