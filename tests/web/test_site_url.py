"""One public address: every absolute link names the address the site is served at.

``make run`` with PORT=8011 sets ``WAGTAILADMIN_BASE_URL`` to http://127.0.0.1:8011; the
demo loader (run again on an existing database) and ``sync_site_url`` bring the Wagtail
site record in step, and canonical, og:url, og:image, JSON-LD, sitemap and RSS follow.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site

from articles.factories import ArticlePageFactory
from fabrique.core.factories import ImageFactory
from fabrique.demo.site import publish, seed_site
from fabrique.web.site_url import public_address, public_url

SERVED_AT = "http://127.0.0.1:8011"
OTHER_HOST = {"SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8011", "HTTP_HOST": "127.0.0.1:8011"}


@pytest.fixture
def served_elsewhere(db, settings):
    """A database seeded at the default address, then served on port 8011."""
    seed_site()
    settings.WAGTAILADMIN_BASE_URL = SERVED_AT
    tree = seed_site()  # the second `make run`, on the same database
    article = ArticlePageFactory(
        parent=tree["sections"]["articles"],
        title="Un article",
        listing_image=ImageFactory(title="Vignette", description="Une vignette"),
    )
    publish(article)
    return tree


def absolute_links(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    json_ld = json.loads(soup.find("script", type="application/ld+json").string)
    return {
        "canonical": soup.find("link", rel="canonical")["href"],
        "og:url": soup.find("meta", property="og:url")["content"],
        "JSON-LD url": json_ld["url"],
    }


def test_page_links_name_the_address_served(served_elsewhere, client):
    for path in ["/", "/articles/", "/articles/un-article/", "/a-propos/"]:
        html = client.get(path, **OTHER_HOST).content.decode()
        for kind, url in absolute_links(html).items():
            assert url.startswith(SERVED_AT + "/"), f"{path}: {kind} = {url}"


def test_og_image_comes_from_the_site_not_the_request(served_elsewhere, client):
    # Asked through another host name, the image still names the public address.
    html = client.get("/articles/un-article/", HTTP_HOST="localhost").content.decode()
    image = BeautifulSoup(html, "html.parser").find("meta", property="og:image")["content"]
    assert image.startswith(SERVED_AT + "/"), image


def test_sitemap_and_feed_links_name_the_address_served(served_elsewhere, client):
    sitemap = client.get("/sitemap.xml", **OTHER_HOST).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations
    assert all(loc.startswith(SERVED_AT + "/") for loc in locations), locations

    feed = client.get("/articles/rss/", **OTHER_HOST).content.decode()
    links = re.findall(r"<link>([^<]+)</link>", feed)
    assert f"{SERVED_AT}/articles/un-article/" in links
    assert all(link.startswith(SERVED_AT + "/") for link in links), links


def test_deploy_command_sets_the_real_domain(served_elsewhere, client, settings):
    call_command("sync_site_url", "https://lafabriquedessoignants.fr")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("lafabriquedessoignants.fr", 443)
    html = client.get("/", HTTP_HOST="lafabriquedessoignants.fr", secure=True).content.decode()
    assert absolute_links(html)["canonical"] == "https://lafabriquedessoignants.fr/"


def test_public_url_is_the_address_a_reader_opens(served_elsewhere, client):
    """Pages, their routes, media paths and the root all name the address served, and a
    reader following a page's address gets the page."""
    index = served_elsewhere["sections"]["articles"].specific
    article = index.get_children().get()
    feed = public_url(index, index.reverse_subpage("feed"))
    assert public_url(article) == f"{SERVED_AT}/articles/un-article/"
    assert feed == f"{SERVED_AT}/articles/rss/"
    assert public_url("/media/images/vignette.jpg") == f"{SERVED_AT}/media/images/vignette.jpg"
    assert public_url("https://cdn.example.org/son.mp3") == "https://cdn.example.org/son.mp3"
    assert public_url("") == ""
    assert public_url() == f"{SERVED_AT}/"
    for url in [public_url(article), feed]:
        assert client.get(url.removeprefix(SERVED_AT), **OTHER_HOST).status_code == 200, url


def test_a_malformed_address_is_refused_with_a_message():
    with pytest.raises(ImproperlyConfigured, match="adresse http"):
        public_address("lafabriquedessoignants.fr")
    assert public_address("https://exemple.fr") == ("exemple.fr", 443)
    assert public_address("http://127.0.0.1:8011/") == ("127.0.0.1", 8011)


def test_make_run_ends_with_addresses_login_and_password(db, settings, tmp_path, monkeypatch):
    """`make run` on port 8011: the last block names both addresses and a working password."""
    import io

    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    from fabrique.demo.management.commands import bootstrap_demo

    monkeypatch.setattr(bootstrap_demo, "PASSWORD_FILE", tmp_path / "demo_admin_password")
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    settings.WAGTAILADMIN_BASE_URL = SERVED_AT
    for _ in range(2):  # the first start creates the account, the next one says it again
        out = io.StringIO()
        call_command("bootstrap_demo", stdout=out)
        block = out.getvalue().rstrip().split("\n")[-6:]
        assert block[1].split() == ["Site", f"{SERVED_AT}/"]
        assert block[2].split() == ["Administration", f"{SERVED_AT}/admin/"]
        assert block[3].split() == ["Identifiant", "admin"]
        assert block[4].split()[:3] == ["Mot", "de", "passe"]
        password = block[4].split()[3]
        login = RequestFactory().post("/admin/login/")  # the login throttle reads the request
        assert authenticate(login, username="admin", password=password) is not None


def test_email_links_name_the_address_served(
    served_elsewhere, mailoutbox, django_capture_on_commit_callbacks
):
    from fabrique.moderation.actions import publish as publish_story
    from testimonies.factories import TestimonyContactFactory, TestimonyFactory

    contact = TestimonyContactFactory(testimony=TestimonyFactory(), email="auteur@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        publish_story(contact.testimony)
    assert len(mailoutbox) == 1
    links = re.findall(r"https?://\S+", mailoutbox[0].body)
    assert links
    assert all(link.startswith(f"{SERVED_AT}/vos-histoires/") for link in links), links
