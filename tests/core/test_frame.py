"""The site frame and routing: what they rely on in Wagtail, and that a change shows at once.

``fabrique/core/frame.py`` hands Wagtail the site and the root paths through the
per-request attributes Wagtail documents; ``core/querysets.py`` overrides
``private_q``; ``core/routing.py`` routes from the home page in one query. If an upgrade
of Wagtail stops reading any of these, the tests here fail (and the budgets would
silently grow otherwise).
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from fabrique.core import generation
from fabrique.core.frame import FrameMiddleware, get_frame
from fabrique.standard.factories import StandardPageFactory


@pytest.fixture
def about(site_tree):
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPageFactory(parent=home, title="Qui sommes-nous", slug="qui-sommes-nous")
    page.save_revision().publish()
    return page


def prepared_request(path="/"):
    request = RequestFactory().get(path)
    FrameMiddleware(lambda r: None)(request)
    return request


def test_wagtail_reads_the_site_and_root_paths_the_frame_presets(about):
    request = RequestFactory().get("/")
    with generation.for_request():
        get_frame()  # computed once, outside the count
        FrameMiddleware(lambda r: None)(request)
        with CaptureQueriesContext(connection) as queries:
            site = Site.find_for_request(request)
            url = Page.objects.get(pk=about.pk).get_url(request)
    assert site.is_default_site
    assert url == "/qui-sommes-nous/"
    # The only query: the page itself; neither the site nor the root paths were read.
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_public_asks_the_frame_not_the_database(about):
    with generation.for_request():
        get_frame()
        with CaptureQueriesContext(connection) as queries:
            list(type(about).objects.live().public())
    assert len(queries) == 1


def test_a_new_restriction_makes_the_page_private_on_the_next_visit(client, about):
    assert client.get("/qui-sommes-nous/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get_or_create(name="Éditeurs")[0]])
    answer = client.get("/qui-sommes-nous/")
    assert answer.status_code == 302 and "login" in answer["Location"]
    assert about not in type(about).objects.live().public()
    restriction.delete()
    assert client.get("/qui-sommes-nous/").status_code == 200


def test_a_site_change_shows_on_the_next_visit(client, about):
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Fabrique renommée"
    site.save()
    assert "Fabrique renommée" in client.get("/qui-sommes-nous/").content.decode()


def test_settings_change_shows_on_the_next_visit(client, about):
    from fabrique.core.models import SiteSettings

    client.get("/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = "Un slogan tout neuf"
    settings.save()
    assert "Un slogan tout neuf" in client.get("/").content.decode()


def test_routing_answers_as_wagtail_does(client, about):
    child = StandardPageFactory(parent=about, title="Équipe", slug="equipe")
    child.save_revision().publish()
    assert client.get("/qui-sommes-nous/equipe/").status_code == 200
    assert client.get("/qui-sommes-nous/inconnue/").status_code == 404
    assert client.get("/inconnue/equipe/").status_code == 404
    child.unpublish()
    assert client.get("/qui-sommes-nous/equipe/").status_code == 404


def test_a_page_below_a_draft_is_routed_as_wagtail_routes_it(client, about):
    child = StandardPageFactory(parent=about, title="Équipe", slug="equipe")
    child.save_revision().publish()
    about.unpublish()
    # Wagtail routes through a parent that is not live; only the answering page must be.
    assert client.get("/qui-sommes-nous/").status_code == 404
    assert client.get("/qui-sommes-nous/equipe/").status_code == 200


def test_a_routable_page_keeps_its_own_addresses(client, site_tree):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    assert client.get("/articles/rss/").status_code == 200
    assert client.get("/evenements/ical/").status_code == 200
