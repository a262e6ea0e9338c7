"""The home page as a visitor and a search engine see it."""

import json

import pytest

from fabrique.demo.site import publish
from fabrique.home.models import HomePageFeaturedItem
from fabrique.standard.factories import StandardPageFactory
from tests.a11y import assert_accessible
from tests.html import soup_of

pytestmark = pytest.mark.django_db


def test_home_shows_tagline_and_intro(client, home):
    response = client.get("/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("h1").get_text(strip=True) == "Le média pour refaçonner le soin"
    intro = soup.find(class_="hero__intro").get_text()
    assert "média associatif d’intérêt général" in intro
    assert soup.find(id="bienvenue")
    assert_accessible(response)


def test_home_edits_show_up(client, home):
    home.intro = "<p>Une nouvelle introduction.</p>"
    publish(home)
    soup = soup_of(client.get("/"))
    assert "Une nouvelle introduction." in soup.find(class_="hero__intro").get_text()


def test_home_meta_tags(client, home):
    soup = soup_of(client.get("/"))
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/"
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:url"] == "http://testserver/"
    assert og["og:type"] == "website"
    assert og["og:title"] == "Accueil"
    assert og["og:site_name"] == "La Fabrique des Soignants"
    assert og["og:locale"] == "fr_FR"
    assert "média associatif" in og["og:description"]
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == og["og:description"]
    assert "La Fabrique des Soignants" in soup.title.get_text()


def test_home_json_ld(client, home):
    soup = soup_of(client.get("/"))
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebSite"
    assert data["url"] == "http://testserver/"
    assert data["inLanguage"] == "fr-FR"
    assert data["publisher"] == {"@type": "Organization", "name": "La Fabrique des Soignants"}


def test_json_ld_cannot_break_out_of_its_script(client, home):
    home.seo_title = "</script><script>alert(1)</script>"
    publish(home)
    soup = soup_of(client.get("/"))
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    assert json.loads(scripts[0].string)["name"] == "</script><script>alert(1)</script>"
    assert not [
        s
        for s in soup.find_all("script")
        if s.string and "alert(1)" in s.string and s.get("type") != "application/ld+json"
    ]


def _featured_titles(client):
    """The editors' list as readers see it: "À la une" (the first), then "À voir"."""
    soup = soup_of(client.get("/"))
    titles = []
    for label in ("a-la-une", "a-voir"):
        section = soup.find("section", attrs={"aria-labelledby": label})
        if section is not None:
            titles += [h.get_text(strip=True) for h in section.select(".card__title")]
    return titles


def test_featured_picks_in_editors_order_without_unpublished(client, home):
    first = publish(StandardPageFactory(parent=home, title="Premier choix", slug="premier"))
    second = publish(StandardPageFactory(parent=home, title="Deuxième choix", slug="deuxieme"))
    draft = publish(StandardPageFactory(parent=home, title="Brouillon", slug="brouillon"))
    draft.unpublish()
    home.featured_items = [
        HomePageFeaturedItem(page=second),
        HomePageFeaturedItem(page=draft),
        HomePageFeaturedItem(page=first),
    ]
    publish(home)
    assert _featured_titles(client) == ["Deuxième choix", "Premier choix"]

    home.featured_items = [HomePageFeaturedItem(page=first), HomePageFeaturedItem(page=second)]
    publish(home)
    assert _featured_titles(client) == ["Premier choix", "Deuxième choix"]
    assert_accessible(client.get("/"))


def test_no_featured_section_without_picks(client, home):
    soup = soup_of(client.get("/"))
    assert not soup.find("section", attrs={"aria-labelledby": "a-voir"})


def test_donate_call_links_to_the_donate_page(client, home):
    section = soup_of(client.get("/")).find("section", attrs={"aria-labelledby": "soutenir"})
    assert section.find("h2").get_text(strip=True) == "Soutenez un média indépendant"
    assert section.find("a", class_="button")["href"] == "/faire-un-don/"
