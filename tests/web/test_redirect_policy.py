"""Redirects cannot take the site's own addresses, nor send readers to unlisted sites.

Walked through the real admin views (add, edit, CSV import) as an Éditeur, and through
the real middleware for rows that reach the database some other way.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.redirects.models import Redirect

from fabrique.web.redirects import is_reserved_path

PHISHING = "https://phishing.example/admin/"
ADD_URL = "/admin/redirects/add/"
SITE = "https://lafabriquedessoignants.fr"
ON_SITE = f"{SITE}/a-propos/"


@pytest.fixture(autouse=True)
def _public_address(settings):
    """The site's public address, one of its own hosts (URLField wants a dotted host)."""
    settings.WAGTAILADMIN_BASE_URL = SITE


def errors_beside(response, field):
    """The error text Wagtail renders beside one field of the form."""
    soup = BeautifulSoup(response.content, "html.parser")
    wrapper = soup.find(attrs={"data-field-wrapper": True, "id": re.compile(f"{field}")}) or (
        soup.find("input", attrs={"name": field}).find_parent(attrs={"data-field-wrapper": True})
    )
    return " ".join(e.get_text(" ", strip=True) for e in wrapper.select(".error-message"))


# --- which paths are reserved ------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "//",
        "/admin",
        "/admin/",
        "/admin/login/",
        "/admin/password_reset/",
        "/Admin",
        "/%61dmin",
        "//admin",
        "/articles/../admin",
        "/admin?next=/",
        "/documents/12/rapport.pdf",
        "/_util/authenticate_with_password/3/4/",
        "/static/css/fabrique.css",
        "/media/images/photo.jpg",
        "/healthz/",
        "/robots.txt",
        "/sitemap.xml",
        "/recherche/",
        "/.well-known/security.txt",
        "/faire-un-don",
        "/faire-un-don/",
        "/articles/rss/",
        "/articles/rss/prise-de-recul/",
        "/evenements/ical/",
        "/evenements/un-evenement/ical/",
        "/podcasts/une-emission/rss/",
        "/vos-histoires/temoigner/",
        "/vos-histoires/merci/",
        "/vos-histoires/suivi/ab12/xyz/",
        "/vos-histoires/confirmer/a/b/c/",
        "/appels-a-contributions/un-appel/merci/",
    ],
)
def test_reserved_paths(path):
    assert is_reserved_path(path)


@pytest.mark.parametrize(
    "path",
    ["/ancienne-page", "/articles/deserts", "/administration-publique", "/a-propos/", "/rssi"],
)
def test_ordinary_paths_are_not_reserved(path):
    assert not is_reserved_path(path)


def _literal_prefix(pattern) -> str:
    text = str(pattern.pattern).lstrip("^")
    return "/" + re.split(r"[<(\[\\$?*+]", text, maxsplit=1)[0]


def test_every_url_of_the_site_is_reserved():
    """A URL added to urls.py beside Wagtail's pages must be added to the reserved list."""
    for pattern in get_resolver().url_patterns:
        prefix = _literal_prefix(pattern)
        if prefix == "/":  # Wagtail's pages: their own paths are free
            continue
        assert isinstance(pattern, URLPattern | URLResolver)
        assert is_reserved_path(prefix), prefix


# --- the admin form ------------------------------------------------------------------------


def test_an_editor_cannot_take_admin(editor_client):
    response = editor_client.post(ADD_URL, {"old_path": "/admin", "redirect_link": PHISHING})
    assert response.status_code == 200
    assert not Redirect.objects.exists()
    assert "réservée au site" in errors_beside(response, "old_path")
    # What was typed stays in the form.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "old_path"})["value"] == "/admin"
    # And anonymous readers still reach the admin's login.
    answer = Client().get("/admin")
    assert answer.status_code == 301
    assert answer["Location"] == "/admin/"


@pytest.mark.parametrize(
    "old_path",
    ["/admin/login", "/admin/password_reset/", "/faire-un-don", "/articles/rss/", "/%61dmin"],
)
def test_reserved_paths_refused_by_the_form(editor_client, old_path):
    response = editor_client.post(ADD_URL, {"old_path": old_path, "redirect_link": ON_SITE})
    assert response.status_code == 200
    assert "réservée au site" in errors_beside(response, "old_path")
    assert not Redirect.objects.exists()


def test_editing_a_redirect_onto_a_reserved_path_is_refused(editor_client):
    redirect = Redirect.objects.create(old_path="/ancienne-page", redirect_link=ON_SITE)
    response = editor_client.post(
        f"/admin/redirects/{redirect.pk}/",
        {"old_path": "/admin/login", "redirect_link": ON_SITE},
    )
    assert response.status_code == 200
    assert "réservée au site" in errors_beside(response, "old_path")
    redirect.refresh_from_db()
    assert redirect.old_path == "/ancienne-page"


def test_external_redirect_to_an_unlisted_host_is_refused(editor_client):
    response = editor_client.post(
        ADD_URL, {"old_path": "/ancienne-page", "redirect_link": "https://ailleurs.example/x"}
    )
    assert response.status_code == 200
    assert "ailleurs.example" in errors_beside(response, "redirect_link")
    assert not Redirect.objects.exists()


@pytest.mark.parametrize(
    "link",
    [
        "https://testserver@phishing.example/",
        "https://phishing.example\\@testserver/",
        "ftp://testserver/fichier",
    ],
)
def test_tricky_targets_are_refused(editor_client, link):
    response = editor_client.post(ADD_URL, {"old_path": "/ancienne-page", "redirect_link": link})
    assert response.status_code == 200
    assert not Redirect.objects.exists()


def test_external_redirect_to_a_listed_host_is_accepted(editor_client, settings):
    settings.FABRIQUE_REDIRECT_HOSTS = ["partenaire.example"]
    response = editor_client.post(
        ADD_URL,
        {"old_path": "/ancienne-page", "redirect_link": "https://partenaire.example/page"},
    )
    assert response.status_code == 302
    redirect = Redirect.objects.get()
    assert redirect.redirect_link == "https://partenaire.example/page"
    answer = Client().get("/ancienne-page")
    assert answer["Location"] == "https://partenaire.example/page"


def test_a_link_to_the_site_itself_is_accepted(editor_client):
    response = editor_client.post(ADD_URL, {"old_path": "/ancienne-page", "redirect_link": ON_SITE})
    assert response.status_code == 302
    assert Redirect.objects.filter(old_path="/ancienne-page").exists()


def test_superusers_are_held_to_the_same_list(site_tree, django_user_model):
    admin = django_user_model.objects.create_superuser("racine", "r@example.org", "x")
    client = Client()
    client.force_login(admin)
    response = client.post(ADD_URL, {"old_path": "/ancienne-page", "redirect_link": PHISHING})
    assert response.status_code == 200
    assert not Redirect.objects.exists()


def test_contributors_cannot_add_redirects(contributor_client):
    response = contributor_client.post(
        ADD_URL, {"old_path": "/ancienne-page", "redirect_link": ON_SITE}
    )
    assert response.status_code in (302, 403)
    assert not Redirect.objects.exists()


# --- temporary by default ------------------------------------------------------------------


def test_new_redirects_are_temporary_by_default(editor_client):
    form = BeautifulSoup(editor_client.get(ADD_URL).content, "html.parser")
    assert not form.find("input", attrs={"name": "is_permanent"}).has_attr("checked")
    # The browser sends no value for an unchecked box.
    response = editor_client.post(ADD_URL, {"old_path": "/ancienne-page", "redirect_link": ON_SITE})
    assert response.status_code == 302
    assert Redirect.objects.get().is_permanent is False
    assert Client().get("/ancienne-page").status_code == 302


def test_a_permanent_redirect_may_still_be_chosen(editor_client):
    editor_client.post(
        ADD_URL,
        {"old_path": "/ancienne-page", "redirect_link": ON_SITE, "is_permanent": "on"},
    )
    assert Redirect.objects.get().is_permanent is True
    assert Client().get("/ancienne-page").status_code == 301


def test_editing_keeps_a_permanent_redirect_checked(editor_client):
    redirect = Redirect.objects.create(
        old_path="/ancienne-page", redirect_link=ON_SITE, is_permanent=True
    )
    form = BeautifulSoup(
        editor_client.get(f"/admin/redirects/{redirect.pk}/").content, "html.parser"
    )
    assert form.find("input", attrs={"name": "is_permanent"}).has_attr("checked")


# --- the middleware, whatever the database holds --------------------------------------------


@pytest.mark.parametrize(
    ("old_path", "visited"),
    [
        ("/admin", "/admin"),
        ("/faire-un-don", "/faire-un-don"),
        ("/vos-histoires/temoigner", "/vos-histoires/temoigner"),
        ("/articles/rss", "/articles/rss"),
        ("/%61dmin", "/%61dmin"),
    ],
)
def test_the_middleware_never_answers_for_a_reserved_path(site_tree, old_path, visited):
    Redirect.objects.create(old_path=old_path, redirect_link=PHISHING)
    response = Client().get(visited)
    assert response.get("Location", "") != PHISHING
    assert "phishing" not in response.get("Location", "")


@pytest.mark.parametrize(
    "target", [PHISHING, "///phishing.example/admin/", "//phishing.example/admin/"]
)
def test_the_middleware_ignores_rows_to_unlisted_hosts(site_tree, target):
    """``///host`` has no host for urlsplit, but a browser goes to that host."""
    Redirect.objects.create(old_path="/ancienne-page", redirect_link=target)
    assert Client().get("/ancienne-page/").status_code == 404


def test_the_middleware_still_answers_ordinary_redirects(site_tree):
    about = site_tree["home"].get_children().get(slug="a-propos")
    Redirect.objects.create(old_path="/ancienne-page", redirect_page=about, is_permanent=False)
    response = Client().get("/ancienne-page/")
    assert response.status_code == 302
    assert response["Location"] == "/a-propos/"


# --- the CSV import goes through the same checks ----------------------------------------------


def _import(client, csv_text, permanent=False):
    upload = SimpleUploadedFile("redirections.csv", csv_text.encode(), content_type="text/csv")
    confirm = client.post("/admin/redirects/import/", {"import_file": upload})
    assert confirm.status_code == 200
    soup = BeautifulSoup(confirm.content, "html.parser")
    permanent_box = soup.find("input", attrs={"name": "permanent"})
    data = {
        field["name"]: field["value"]
        for field in soup.select("input[type=hidden]")
        if field.get("name") in {"import_file_name", "input_format", "csrfmiddlewaretoken"}
    }
    data.update({"from_index": "0", "to_index": "1"})
    if permanent:
        data["permanent"] = "on"
    return permanent_box, client.post("/admin/redirects/import/process/", data)


def test_import_refuses_reserved_paths_and_unlisted_hosts(editor_client):
    permanent_box, response = _import(
        editor_client,
        f"de,vers\n/admin,https://phishing.example/admin/\n"
        f"/ancienne-page,https://ailleurs.example/\n/vieux-lien,{ON_SITE}\n",
    )
    assert not permanent_box.has_attr("checked")
    assert response.status_code == 200
    text = response.content.decode()
    assert "réservée au site" in text
    assert "ailleurs.example" in text
    assert list(Redirect.objects.values_list("old_path", "is_permanent")) == [
        ("/vieux-lien", False)
    ]
    assert Client().get("/admin")["Location"] == "/admin/"
