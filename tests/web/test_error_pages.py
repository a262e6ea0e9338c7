"""HEAD answers like GET; the CSRF refusal and the 400 page are French and keep nothing hidden."""

import pytest
from django.test import Client

from tests.a11y import assert_accessible
from tests.testimonies.conftest import FORM_URL, valid_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/healthz/", "/robots.txt", "/recherche/?q=soin"])
def test_head_answers_like_get(site_tree, url):
    client = Client()
    head = client.head(url)
    assert head.status_code == 200
    assert head["Content-Type"] == client.get(url)["Content-Type"]


def test_csrf_refusal_is_a_french_page_that_says_the_text_is_kept(
    site_tree, django_assert_num_queries
):
    client = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        response = client.post(FORM_URL, valid_data())
    assert response.status_code == 403
    assert_accessible(response)
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Votre envoi n'a pas pu être vérifié" in html
    assert "ce que vous avez tapé y est conservé" in html
    assert "CSRF" not in html  # no jargon for the visitor


def test_bad_request_page_is_french_and_accessible(site_tree):
    response = Client().get("/articles/?tag=%00")
    assert response.status_code == 400
    assert_accessible(response)
    assert "Demande incorrecte" in response.content.decode()
