"""Every slug the site makes is ASCII, and the old accented addresses redirect (301).

Accented slugs break in e-mails, in some clients and in Wagtail's front-end cache purge.
The data migrations are run here on accented rows written as they were before.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from articles.factories import ArticlePageFactory
from articles.models import Rubric
from fabrique.core.mixins import ascii_slug
from fabrique.core.models import Person, Theme
from fabrique.demo.site import publish
from fabrique.standard.models import StandardPage

core_migration = import_module("fabrique.core.migrations.0003_ascii_slugs")
rubric_migration = import_module("articles.migrations.0004_rubric_ascii_slugs")
theme_migration = import_module("testimonies.migrations.0004_theme_ascii_slugs")


def test_ascii_slug_transliterates_rather_than_drops():
    assert ascii_slug("Cœur à l’ouvrage") == "coeur-a-l-ouvrage"
    assert ascii_slug("Éducation à la santé") == "education-a-la-sante"
    assert ascii_slug("Mickaël Worms-Ehrminger") == "mickael-worms-ehrminger"


@pytest.mark.django_db
def test_snippets_get_ascii_unique_slugs_from_their_name():
    assert Rubric.objects.create(name="Décryptage").slug == "decryptage"
    assert Theme.objects.create(name="Santé mentale").slug == "sante-mentale"
    assert Person.objects.create(name="Mickaël Œuvre").slug == "mickael-oeuvre"
    # Two people with one name: the second gets "-2" instead of a database error.
    assert Person.objects.create(name="Mickaël Œuvre").slug == "mickael-oeuvre-2"


def test_a_page_title_makes_an_ascii_slug(home):
    page = StandardPage(title="Éducation à la santé")
    home.add_child(instance=page)
    assert page.slug == "education-a-la-sante"
    assert page.url_path.endswith("/education-a-la-sante/")


def _force_slug(model, pk, slug):
    """Write a slug as the old code did, bypassing today's validation."""
    model.objects.filter(pk=pk).update(slug=slug)


def test_migration_converts_page_slugs_and_redirects_old_urls(site_tree, client):
    articles = site_tree["sections"]["articles"]
    article = publish(ArticlePageFactory(parent=articles, title="Éducation", slug="education"))
    # An accented page with a child and an ASCII sibling already holding the folded slug.
    parent = StandardPage(title="Santé", slug="sante")
    site_tree["home"].add_child(instance=parent)
    publish(parent)
    child = StandardPage(title="Sous-page", slug="sous-page")
    parent.add_child(instance=child)
    publish(child)
    sibling = StandardPage(title="Sante ascii", slug="sante-ascii")
    site_tree["home"].add_child(instance=sibling)
    publish(sibling)
    _force_slug(Page, article.pk, "éducation-à-la-santé")
    _force_slug(Page, parent.pk, "santé")
    _force_slug(Page, sibling.pk, "sante")
    for page in (article, parent, sibling):
        page.refresh_from_db()
        page.set_url_path(page.get_parent())
        page.save(update_fields=["url_path"])
        for descendant in page.get_descendants().specific():
            descendant.set_url_path(descendant.get_parent())
            descendant.save(update_fields=["url_path"])
    assert client.get("/articles/éducation-à-la-santé/").status_code == 200

    core_migration.page_slugs(apps, connection.schema_editor())

    article.refresh_from_db()
    parent.refresh_from_db()
    child.refresh_from_db()
    assert article.slug == "education-a-la-sante"
    assert parent.slug == "sante-2"  # "sante" is the sibling's
    assert child.url_path.endswith("/sante-2/sous-page/")
    assert all(p.slug.isascii() for p in Page.objects.all())

    for old, new in [
        ("/articles/éducation-à-la-santé/", "/articles/education-a-la-sante/"),
        ("/santé/", "/sante-2/"),
        ("/santé/sous-page/", "/sante-2/sous-page/"),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(new), (old, response["Location"])
        assert client.get(new).status_code == 200
    assert Redirect.objects.filter(is_permanent=True).count() == 3

    # A draft saved before the migration does not bring the accent back when published.
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.slug == "education-a-la-sante"


class ThemeMovedToCore:
    """The app registry as the themes' slug migration saw it, before themes moved to core."""

    def get_model(self, app_label, model_name):
        if (app_label, model_name) == ("testimonies", "Theme"):
            return Theme
        return apps.get_model(app_label, model_name)


def test_migration_converts_snippet_slugs_and_old_feed_and_author_links_redirect(site_tree, client):
    rubric = Rubric.objects.create(name="Décryptage")
    theme = Theme.objects.create(name="Santé mentale")
    taken = Person.objects.create(name="Mickael Hamza")
    person = Person.objects.create(name="Mickaël Hamza", slug="x")
    _force_slug(Rubric, rubric.pk, "décryptage")
    _force_slug(Theme, theme.pk, "santé-mentale")
    _force_slug(Person, person.pk, "mickaël-hamza")

    rubric_migration.rubric_slugs(apps, connection.schema_editor())
    theme_migration.theme_slugs(ThemeMovedToCore(), connection.schema_editor())
    core_migration.people_slugs(apps, connection.schema_editor())

    rubric.refresh_from_db()
    theme.refresh_from_db()
    person.refresh_from_db()
    assert (rubric.slug, theme.slug) == ("decryptage", "sante-mentale")
    assert taken.slug == "mickael-hamza"
    assert person.slug == "mickael-hamza-2"

    response = client.get("/articles/rss/décryptage/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/rss/decryptage/"
    assert client.get("/articles/rss/decryptage/").status_code == 200
    assert client.get("/articles/rss/inconnue/").status_code == 404

    response = client.get("/articles/", {"rubrique": "décryptage", "page": "2"})
    assert response.status_code == 301
    assert "rubrique=decryptage" in response["Location"]
    assert "page=2" in response["Location"]


def test_keywords_get_ascii_slugs_and_old_keyword_links_redirect(site_tree, client):
    from taggit.models import Tag

    tag_migration = import_module("articles.migrations.0005_tag_ascii_slugs")
    new = Tag.objects.create(name="Santé des soignant·es")
    assert new.slug.isascii() and new.slug.startswith("sante-des-soignant")

    old = Tag.objects.create(name="Déserts médicaux")
    Tag.objects.filter(pk=old.pk).update(slug="déserts-médicaux")
    tag_migration.tag_slugs(apps, connection.schema_editor())
    old.refresh_from_db()
    assert old.slug == "deserts-medicaux"

    response = client.get("/articles/", {"tag": "déserts-médicaux"})
    assert response.status_code == 301
    assert "tag=deserts-medicaux" in response["Location"]
    # An accented value that names no keyword is shown unfiltered, not redirected.
    assert client.get("/articles/", {"tag": "inconnu-é"}).status_code == 200
