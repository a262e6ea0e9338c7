"""Private pages and documents: ten wrong passwords, then a French refusal for a quarter hour."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from articles.factories import ArticlePageFactory
from fabrique.demo.site import publish

REFUSAL = "Trop de mots de passe erronés"


@pytest.fixture
def private_article(site_tree):
    article = publish(
        ArticlePageFactory(parent=site_tree["sections"]["articles"], title="Réservé au bureau")
    )
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="le-bon-mot"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
    return article, url


def test_ten_wrong_tries_then_refused_in_french_even_with_the_right_password(private_article):
    article, url = private_article
    client = Client(REMOTE_ADDR="203.0.113.20")
    for _ in range(10):
        wrong = client.post(url, {"password": "devine", "return_url": article.url})
        assert wrong.status_code == 200
        assert REFUSAL not in wrong.content.decode()
    refused = client.post(url, {"password": "le-bon-mot", "return_url": article.url})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert REFUSAL in html
    assert 'name="password"' in html, "the form comes back"
    assert client.get(article.url).status_code == 200
    assert "le-bon-mot" not in html
    # Not let in: the page still asks for its password.
    assert 'name="password"' in client.get(article.url).content.decode()

    # Another client is not concerned, and the right password lets it in.
    other = Client(REMOTE_ADDR="203.0.113.21")
    passed = other.post(url, {"password": "le-bon-mot", "return_url": article.url})
    assert passed.status_code == 302
    assert 'name="password"' not in other.get(article.url).content.decode()


def test_right_passwords_are_not_counted(private_article):
    article, url = private_article
    for _ in range(12):
        client = Client(REMOTE_ADDR="203.0.113.30")
        assert (
            client.post(url, {"password": "le-bon-mot", "return_url": article.url}).status_code
            == 302
        )
    wrong = Client(REMOTE_ADDR="203.0.113.30").post(url, {"password": "non", "return_url": "/"})
    assert wrong.status_code == 200


@pytest.mark.django_db
def test_a_private_document_collection_is_limited_too():
    root = Collection.get_first_root_node()
    private = root.add_child(name="Bureau")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="secret"
    )
    Document.objects.create(
        title="Compte rendu", collection=private, file=ContentFile(b"texte", name="cr.txt")
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    client = Client(REMOTE_ADDR="203.0.113.40")
    for _ in range(10):
        assert client.post(url, {"password": "non", "return_url": "/"}).status_code == 200
    refused = client.post(url, {"password": "secret", "return_url": "/"})
    assert refused.status_code == 429
    assert REFUSAL in refused.content.decode()


@pytest.mark.parametrize("return_url", ["abc", "", "/ok\r\nSet-Cookie: x=1", "\\\\evil.example"])
def test_a_return_address_that_is_not_a_path_returns_to_the_page(private_article, return_url):
    """Django's redirect() read « abc » as a view name (NoReverseMatch, a 500)."""
    article, url = private_article
    client = Client()
    response = client.post(url, {"password": "le-bon-mot", "return_url": return_url})
    assert response.status_code == 302
    assert response["Location"] == article.url
    assert 'name="password"' not in client.get(article.url).content.decode()


@pytest.mark.django_db
def test_a_private_document_return_address_stays_on_the_site():
    private = Collection.get_first_root_node().add_child(name="Bureau")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="secret"
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    response = Client().post(url, {"password": "secret", "return_url": "rapport"})
    assert response.status_code == 302
    assert response["Location"] == "/"
