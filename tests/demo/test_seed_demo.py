"""``seed_demo`` runs on every ``make run``: it must never duplicate nor overwrite content."""

import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from fabrique.core.models import Person, SiteSettings
from fabrique.demo.site import publish
from fabrique.home.models import HomePage
from fabrique.standard.models import StandardPage

pytestmark = pytest.mark.django_db


def counts():
    return (
        Page.objects.count(),
        get_image_model().objects.count(),
        Person.objects.count(),
    )


def test_seed_demo_builds_the_site(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Contenu de démonstration prêt." in out.getvalue()
    assert HomePage.objects.count() == 1
    assert client.get("/").status_code == 200
    assert client.get("/a-propos/").status_code == 200
    # Wagtail's placeholder welcome page is gone: the home page is the site's root.
    assert not Page.objects.filter(depth=2).exclude(pk=HomePage.objects.get().pk).exists()


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first


def test_seed_demo_keeps_editors_changes():
    call_command("seed_demo")
    about = StandardPage.objects.get(slug="a-propos")
    about.title = "Qui sommes-nous ?"
    publish(about)
    home = HomePage.objects.get()
    settings = SiteSettings.for_site(home.get_site())
    settings.contact_email = "redaction@fabrique.example"
    settings.save()
    deleted = StandardPage.objects.get(slug="accessibilite")
    deleted.unpublish()

    call_command("seed_demo")

    about.refresh_from_db()
    assert about.title == "Qui sommes-nous ?"
    assert StandardPage.objects.filter(slug="a-propos").count() == 1
    settings = SiteSettings.for_site(home.get_site())
    assert settings.contact_email == "redaction@fabrique.example"
    assert not StandardPage.objects.get(slug="accessibilite").live
