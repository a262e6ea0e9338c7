"""What every visitor sees: pages that answer, the menu, the footer, search and errors."""

import pytest

from fabrique.core.models import SiteSettings
from tests.a11y import assert_accessible
from tests.html import plain, soup_of

pytestmark = pytest.mark.django_db

NAV_URLS = [
    "/",
    "/videos/",
    "/articles/",
    "/podcasts/",
    "/vos-histoires/",
    "/evenements/",
    "/dossiers/",
    "/appels-a-contributions/",
    "/a-propos/",
    "/faire-un-don/",
]
LEGAL_URLS = ["/mentions-legales/", "/politique-de-confidentialite/", "/accessibilite/"]
NAV_LABELS = [
    "Accueil",
    "Vidéos",
    "Articles",
    "Podcasts",
    "Vos histoires",
    "Événements",
    "Dossiers",
    "Appels à contributions",
    "À propos",
    "Faire un don",
]


@pytest.mark.parametrize("url", NAV_URLS + LEGAL_URLS)
def test_every_page_renders_and_is_accessible(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_accessible(response)


@pytest.mark.parametrize("url", NAV_URLS)
def test_header_menu_in_order_with_current_page(client, site_tree, url):
    soup = soup_of(client.get(url))
    nav = soup.find("nav", class_="site-nav")
    links = nav.find_all("a")
    assert [a.get_text(strip=True) for a in links] == NAV_LABELS
    assert [a["href"] for a in links] == NAV_URLS
    current = [a["href"] for a in links if a.get("aria-current") == "page"]
    assert current == [url]


def test_current_section_stays_highlighted_below_it(client, site_tree):
    from fabrique.demo.site import publish
    from fabrique.standard.factories import StandardPageFactory

    publish(
        StandardPageFactory(parent=site_tree["pages"]["a-propos"], title="L'équipe", slug="equipe")
    )
    soup = soup_of(client.get("/a-propos/equipe/"))
    current = soup.select("nav.site-nav a[aria-current=page]")
    assert [a["href"] for a in current] == ["/a-propos/"]


def test_donate_entry_stands_out(client, site_tree):
    soup = soup_of(client.get("/"))
    donate_items = soup.select("nav.site-nav li.site-nav__item--donate")
    assert [li.get_text(strip=True) for li in donate_items] == ["Faire un don"]


def test_footer_lists_legal_pages_and_social_links(client, site_tree):
    soup = soup_of(client.get("/"))
    footer = soup.find("footer")
    legal = footer.find("nav", attrs={"aria-label": "Informations légales"})
    assert [a["href"] for a in legal.find_all("a")] == LEGAL_URLS
    assert [a.get_text(strip=True) for a in legal.find_all("a")] == [
        "Mentions légales",
        "Politique de confidentialité",
        "Déclaration d’accessibilité",
    ]
    social = footer.find("nav", attrs={"aria-label": "Réseaux sociaux"})
    assert {a.get_text(strip=True): a["href"] for a in social.find_all("a")} == {
        "Twitch": "https://www.twitch.tv/lafabriquedessoignants",
        "YouTube": "https://www.youtube.com/@lafabriquedessoignants",
        "Instagram": "https://www.instagram.com/lafabriquedessoignants/",
        "LinkedIn": "https://www.linkedin.com/company/la-fabrique-des-soignants/",
    }
    assert footer.find("a", href="mailto:contact@example.org")


def test_site_settings_change_the_footer(client, default_site):
    settings = SiteSettings.for_site(default_site)
    settings.contact_email = "redaction@fabrique.example"
    settings.instagram_url = ""
    settings.save()

    footer = soup_of(client.get("/a-propos/")).find("footer")
    assert footer.find("a", href="mailto:redaction@fabrique.example")
    assert not footer.find("a", href="mailto:contact@example.org")
    social = footer.find("nav", attrs={"aria-label": "Réseaux sociaux"})
    assert "Instagram" not in [a.get_text(strip=True) for a in social.find_all("a")]


def test_search_finds_the_about_page(search_index, client, site_tree):
    response = client.get("/recherche/", {"q": "indépendance"})
    assert response.status_code == 200
    soup = soup_of(response)
    hrefs = [a["href"] for a in soup.select(".search-results a")]
    assert "/a-propos/" in hrefs
    assert "résultat" in soup.find(attrs={"role": "status"}).find("h2").get_text()
    assert_accessible(response)


def test_search_without_match_says_so(client, site_tree):
    response = client.get("/recherche/", {"q": "xyzzyplugh"})
    assert response.status_code == 200
    soup = soup_of(response)
    status = soup.find(attrs={"role": "status"}).find("h2").get_text()
    assert status.startswith("Aucun résultat")
    assert "résultats" not in status
    assert "« xyzzyplugh »" in plain(status)
    assert not soup.select(".search-results")
    assert_accessible(response)


def test_search_page_without_query(client, site_tree):
    response = client.get("/recherche/")
    assert response.status_code == 200
    assert not soup_of(response).find(attrs={"role": "status"})
    assert_accessible(response)


def test_robots_txt_points_to_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_the_pages(client, site_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    text = response.content.decode()
    for url in ["/a-propos/", "/videos/", "/mentions-legales/"]:
        assert url in text


def test_healthz(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_unknown_url_gives_french_404(client, site_tree):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.find("h1").get_text(strip=True) == "Page introuvable"
    assert "Cette page n'existe pas" in soup.get_text()
    assert_accessible(response)


def test_unpublished_page_is_not_public(client, site_tree):
    about = site_tree["pages"]["a-propos"]
    about.unpublish()
    assert client.get("/a-propos/").status_code == 404
    nav_labels = [a.get_text(strip=True) for a in soup_of(client.get("/")).select("nav.site-nav a")]
    assert "À propos" not in nav_labels


def test_header_tagline_comes_from_site_settings(client, default_site):
    brand = soup_of(client.get("/a-propos/")).find(class_="site-brand__tagline")
    assert brand.get_text(strip=True) == "Le média pour refaçonner le soin"
    settings = SiteSettings.for_site(default_site)
    settings.tagline = "Refaçonner le soin, ensemble"
    settings.save()
    brand = soup_of(client.get("/a-propos/")).find(class_="site-brand__tagline")
    assert brand.get_text(strip=True) == "Refaçonner le soin, ensemble"


def test_home_title_is_the_one_tagline_of_the_site_settings(client, default_site):
    settings = SiteSettings.for_site(default_site)
    settings.tagline = "Refaçonner le soin, ensemble"
    settings.save()
    soup = soup_of(client.get("/"))
    assert soup.find("h1").get_text(strip=True) == "Refaçonner le soin, ensemble"
    assert soup.find(class_="site-brand__tagline").get_text(strip=True) == (
        "Refaçonner le soin, ensemble"
    )


def test_site_name_comes_from_the_wagtail_site(client, default_site, settings):
    """Renaming the site in the admin (Sites) renames it everywhere it is shown."""
    import json

    settings.WAGTAIL_SITE_NAME = "Nom de réglage"
    default_site.site_name = "Les Soignants Réunis"
    default_site.save()
    for url in ("/", "/articles/"):
        soup = soup_of(client.get(url))
        assert soup.find(class_="site-brand__name").get_text(strip=True) == "Les Soignants Réunis"
        assert soup.title.get_text().endswith(" · Les Soignants Réunis")
        og_site_name = soup.find("meta", property="og:site_name")["content"]
        assert og_site_name == "Les Soignants Réunis"
        about = soup.find(class_="site-footer__about").get_text()
        assert about.startswith("Les Soignants Réunis est un média associatif")
        assert "La Fabrique des Soignants" not in str(soup.find("header"))
    data = json.loads(soup_of(client.get("/")).find("script", type="application/ld+json").string)
    assert data["publisher"]["name"] == "Les Soignants Réunis"
    feed = client.get("/articles/rss/").content.decode()
    assert "<title>Les Soignants Réunis · Articles</title>" in feed

    default_site.site_name = ""
    default_site.save()
    assert "Nom de réglage" in soup_of(client.get("/")).find(class_="site-brand__name").get_text()


def test_privacy_policy_states_collection_purpose_retention_and_withdrawal(client, site_tree):
    text = client.get("/politique-de-confidentialite/").content.decode()
    for expected in (
        "adresse IP",
        "consentement explicite",
        "six mois",
        "trente jours",
        "lien privé",
    ):
        assert expected in text
