"""Public pages: only published stories, escaped text, filters, no private data anywhere."""

import pytest
from django.core.cache import caches
from django.test import Client

from fabrique.core.models import Theme
from fabrique.moderation.actions import publish
from testimonies.factories import TestimonyContactFactory, TestimonyFactory
from testimonies.models import Testimony
from tests.a11y import assert_accessible
from tests.html import plain


def _url(testimony) -> str:
    return f"/vos-histoires/{testimony.uuid}/"


def test_index_lists_published_only(published, pending):
    response = Client().get("/vos-histoires/")
    assert response.status_code == 200
    assert_accessible(response)
    html = response.content.decode()
    assert "Histoire publiée" in html
    assert "Histoire en attente" not in html
    assert "secret-" not in html


def test_detail_page(published, pending):
    client = Client()
    response = client.get(_url(published))
    assert response.status_code == 200
    assert_accessible(response)
    html = response.content.decode()
    assert "Une citation" in html
    assert "Sur deux lignes" in html and "<br>" in html
    assert "secret-publie@example.org" not in html
    assert client.get(_url(pending)).status_code == 404


@pytest.mark.parametrize("status", ["pending", "needs_review", "refused", "withdrawn"])
def test_unpublished_never_public(site_tree, status):
    testimony = TestimonyFactory(status=status, title="Invisible")
    client = Client()
    assert client.get(_url(testimony)).status_code == 404
    assert "Invisible" not in client.get("/vos-histoires/").content.decode()
    assert "Invisible" not in client.get("/").content.decode()


def test_hostile_text_is_escaped(site_tree):
    testimony = publish(
        TestimonyFactory(
            title="<script>alert(1)</script>",
            story="<script>alert(1)</script>\n<b>gras</b>",
            quote="<img src=x onerror=alert(1)>",
        )
    )
    client = Client()
    for url in (_url(testimony), "/vos-histoires/", "/"):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(_url(testimony)).content.decode()


def test_pseudonym_defaults_to_anonymous(site_tree):
    testimony = publish(TestimonyFactory(pseudonym=""))
    assert "Anonyme" in Client().get(_url(testimony)).content.decode()


def test_filters_by_theme_role_and_department(site_tree):
    theme = Theme.objects.create(name="Accès aux soins")
    first = publish(TestimonyFactory(title="Patiente creusoise", role="patient", department="23"))
    first.themes.add(theme)
    publish(TestimonyFactory(title="Infirmier lyonnais", role="soignant", department="69"))
    client = Client()

    def titles(query):
        html = client.get(f"/vos-histoires/?{query}").content.decode()
        return {t for t in ("Patiente creusoise", "Infirmier lyonnais") if t in html}

    assert titles("") == {"Patiente creusoise", "Infirmier lyonnais"}
    assert titles(f"theme={theme.slug}") == {"Patiente creusoise"}
    assert titles("role=soignant") == {"Infirmier lyonnais"}
    assert titles("departement=23") == {"Patiente creusoise"}
    assert titles("role=inconnu") == {"Patiente creusoise", "Infirmier lyonnais"}


def test_index_is_paginated_newest_first(site_tree):
    for n in range(14):
        publish(TestimonyFactory(title=f"Histoire numéro {n:02d}"))
    client = Client()
    first = client.get("/vos-histoires/").content.decode()
    assert "Histoire numéro 13" in first and "Histoire numéro 00" not in first
    second = client.get("/vos-histoires/?page=2").content.decode()
    assert "Histoire numéro 00" in second
    assert client.get("/vos-histoires/?page=abc").status_code == 200


def test_home_section_shows_latest_quotes(site_tree):
    for n in range(4):
        publish(TestimonyFactory(title=f"Titre {n}", quote=f"Citation {n}"))
    html = Client().get("/").content.decode()
    assert "Vos histoires" in html
    assert "Citation 3" in html and "Citation 1" in html and "Citation 0" not in html
    assert "/vos-histoires/temoigner/" in html


def test_email_never_in_public_pages(published, pending):
    contact_emails = ["secret-publie@example.org", "secret-attente@example.org"]
    client = Client()
    for url in ("/", "/vos-histoires/", _url(published), "/vos-histoires/temoigner/"):
        html = client.get(url).content.decode()
        for email in contact_emails:
            assert email not in html


def test_contact_is_deleted_with_testimony(site_tree):
    contact = TestimonyContactFactory()
    contact.testimony.delete()
    assert not Testimony.objects.exists()
    assert not type(contact).objects.exists()


def test_detail_has_its_own_canonical_url(published):
    html = Client().get(_url(published)).content.decode()
    assert f'<link rel="canonical" href="http://testserver{_url(published)}">' in html


def test_listing_queries_do_not_grow_with_the_number_of_testimonies(site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme = Theme.objects.create(name="Accès aux soins")

    def add(count):
        for n in range(count):
            testimony = publish(TestimonyFactory(title=f"Histoire {Testimony.objects.count()} {n}"))
            testimony.themes.add(theme)

    def queries_for_listing() -> int:
        # As at a generation's start: what is kept for it (menu, frame) is read again.
        caches["reading"].clear()
        with CaptureQueriesContext(connection) as queries:
            assert Client().get("/vos-histoires/").status_code == 200
        return len(queries)

    add(2)
    queries_for_listing()  # the first request fills per-site caches (menu, settings)
    few = queries_for_listing()
    add(8)
    assert queries_for_listing() == few


def test_story_without_quote_shows_its_opening_not_its_title_as_a_quote(site_tree):
    """Home section and cards: an excerpt of the published text, never « title »."""
    testimony = publish(
        TestimonyFactory(
            title="Le titre seulement",
            quote="",
            story="Texte d'origine jamais montré tel quel.",
            published_text="Le début relu de mon histoire, " + "puis la suite " * 40,
        )
    )
    client = Client()
    for url in ("/", "/vos-histoires/"):
        html = plain(client.get(url).content.decode())
        assert "Le début relu de mon histoire" in html, url
        assert "« Le titre seulement »" not in html.replace("Lire « Le titre seulement »", ""), url
        assert "puis la suite " * 40 not in html, url  # an excerpt, not the whole text
    assert f"/vos-histoires/{testimony.uuid}/" in client.get("/").content.decode()
    assert_accessible(client.get("/"))


def test_models_import_neither_views_nor_notifications():
    """One-way dependencies inside the app: views import models, never the reverse."""
    import ast
    import inspect

    from testimonies import models

    tree = ast.parse(inspect.getsource(models))
    anywhere = {
        (node.module or "") + ":" + ",".join(a.name for a in node.names)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert not [name for name in anywhere if "views" in name.split(":")[0]]
    top_level = [node.module for node in tree.body if isinstance(node, ast.ImportFrom)]
    assert "notifications" not in top_level and "testimonies.notifications" not in top_level
    # The edit form belongs to the admin viewset, not to the model.
    assert not [name for name in anywhere if "admin_forms" in name.split(":")[0]]
    # The routes still reach their views.
    assert set(models.TestimonyIndexPage.route_views) == {
        "index",
        "form",
        "thanks",
        "follow",
        "confirm",
        "detail",
    }


def test_published_stories_are_in_the_sitemap_with_their_date(published, pending):
    from xml.etree import ElementTree

    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {
        url.find("s:loc", ns).text: url.find("s:lastmod", ns)
        for url in ElementTree.fromstring(response.content).findall("s:url", ns)
    }
    location = f"http://testserver{_url(published)}"
    assert location in entries
    assert entries[location].text == published.status_changed_at.date().isoformat()
    assert "http://testserver/vos-histoires/" in entries
    assert f"http://testserver{_url(pending)}" not in entries


def test_sitemap_queries_do_not_grow_with_the_number_of_stories(site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def sitemap_queries() -> int:
        caches["reading"].clear()  # as at a generation's start
        with CaptureQueriesContext(connection) as queries:
            assert Client().get("/sitemap.xml").status_code == 200
        return len(queries)

    publish(TestimonyFactory(title="Première"))
    sitemap_queries()
    few = sitemap_queries()
    for n in range(8):
        publish(TestimonyFactory(title=f"Histoire {n}"))
    assert sitemap_queries() == few
    assert Client().get("/sitemap.xml").content.decode().count("/vos-histoires/") == 10


def test_a_pseudonym_redacted_whole_signs_as_anonymous(site_tree):
    """An e-mail used as pseudonym becomes "[…]" once redacted: readers see « Anonyme »."""
    testimony = publish(TestimonyFactory(title="Signée", pseudonym="[…]", quote="Une phrase"))
    html = Client().get(f"/vos-histoires/{testimony.uuid}/").content.decode()
    assert "Anonyme" in html
    assert "[…]," not in html
    assert TestimonyFactory.build(pseudonym="Lou […]").display_name == "Lou […]"
