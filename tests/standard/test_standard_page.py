"""Simple pages (À propos, Faire un don, legal pages) as a visitor reads them."""

import json

import pytest

from fabrique.core.factories import ImageFactory
from fabrique.core.models import SiteSettings
from fabrique.demo.site import publish
from fabrique.standard.factories import StandardPageFactory
from tests.a11y import assert_accessible
from tests.html import soup_of

pytestmark = pytest.mark.django_db


def test_about_page_shows_title_intro_and_body(client, site_tree):
    response = client.get("/a-propos/")
    soup = soup_of(response)
    assert soup.find("h1").get_text(strip=True) == "À propos"
    assert "fait par celles et ceux qui le vivent" in soup.find(class_="standfirst").get_text()
    prose = soup.find(class_="prose")
    assert [h.get_text(strip=True) for h in prose.find_all("h2")] == ["Notre indépendance"]
    assert "liberté de ton" in prose.get_text()
    assert "À propos · La Fabrique des Soignants" in soup.title.get_text()


def test_donate_page_links_to_the_payment_provider(client, site_tree):
    soup = soup_of(client.get("/faire-un-don/"))
    button = soup.find("a", class_="button--large")
    assert button["href"] == "https://www.helloasso.com/associations/la-fabrique-des-soignants"
    assert "Faire un don" in button.get_text()


def test_no_donate_button_without_a_payment_url(client, default_site):
    settings = SiteSettings.for_site(default_site)
    settings.donation_url = ""
    settings.save()
    soup = soup_of(client.get("/faire-un-don/"))
    assert not soup.find("a", class_="button--large")


def test_other_pages_have_no_donate_button(client, site_tree):
    soup = soup_of(client.get("/a-propos/"))
    assert not soup.find("a", class_="button--large")


def test_every_block_renders_accessibly(client, home):
    image = ImageFactory(title="Une salle", description="Une salle d'attente vide")
    page = publish(
        StandardPageFactory(
            parent=home,
            title="Tous les blocs",
            slug="tous-les-blocs",
            body=json.dumps(
                [
                    {"type": "heading", "value": {"text": "Une section", "level": "h2"}},
                    {"type": "heading", "value": {"text": "Une sous-section", "level": "h3"}},
                    {"type": "paragraph", "value": "<p>Un <b>paragraphe</b>.</p>"},
                    {
                        "type": "quote",
                        "value": {
                            "quote": "Soigner, c'est écouter.",
                            "attribution": "Une infirmière",
                        },
                    },
                    {
                        "type": "callout",
                        "value": {"title": "À retenir", "text": "<p>L'essentiel.</p>"},
                    },
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "alt_text": "",
                            "caption": "Légende",
                            "credit": "Fabrique",
                        },
                    },
                ]
            ),
        )
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert_accessible(response)
    soup = soup_of(response)
    assert soup.find("h3").get_text(strip=True) == "Une sous-section"
    assert soup.find("blockquote").get_text(strip=True) == "Soigner, c'est écouter."
    assert soup.find("aside", class_="callout")["aria-label"] == "À retenir"
    figure_img = soup.select_one("figure.figure img")
    assert figure_img["alt"] == "Une salle d'attente vide"
    assert "© Fabrique" in soup.select_one("figure.figure figcaption").get_text()


def test_meta_description_falls_back_to_the_intro(client, site_tree):
    soup = soup_of(client.get("/mentions-legales/"))
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == "Informations sur l’éditeur et l’hébergeur du site."
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/mentions-legales/"


def test_editor_description_and_noindex_win(client, site_tree):
    page = site_tree["pages"]["mentions-legales"]
    page.search_description = "Qui publie ce site."
    page.noindex = True
    publish(page)
    soup = soup_of(client.get("/mentions-legales/"))
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Qui publie ce site."
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "WebPage"
    assert data["description"] == "Qui publie ce site."
    assert data["url"] == "http://testserver/mentions-legales/"


def test_legal_page_leaves_footer_when_unflagged(client, site_tree):
    page = site_tree["pages"]["accessibilite"]
    page.show_in_footer = False
    publish(page)
    footer = soup_of(client.get("/")).find("footer")
    assert "/accessibilite/" not in [a["href"] for a in footer.find_all("a")]
