"""Deleting pages, group by group: a Contributeur deletes only their own never-published
pages; a page that is or was public goes only through an Éditeur, with a reason kept in
the log; the bulk delete follows the same rule."""

import pytest
from django.test import Client
from wagtail.models import Page, PageLogEntry

from articles.factories import ArticlePageFactory
from fabrique.accounts.deletion import DELETE_REASON
from fabrique.accounts.roles import CONTRIBUTORS, EDITORS
from tests.html import soup_of
from tests.team import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_tree, contributor):
    """Two members of each group that writes: rights on one's own page and on another's."""
    return {
        "camille": contributor,
        "sacha": member(CONTRIBUTORS, "sacha"),
        "dominique": member(EDITORS, "dominique"),
        "eli": member(EDITORS, "eli"),
    }


@pytest.fixture
def articles(site_tree):
    return site_tree["sections"]["articles"]


def draft(parent, owner, title="Un brouillon"):
    """A page as the editor's "Enregistrer le brouillon" leaves it: never published."""
    page = ArticlePageFactory(parent=parent, title=title, live=False, owner=owner)
    page.save_revision(user=owner)
    return page


def published(parent, owner, title="Un article en ligne"):
    page = draft(parent, owner, title)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live and page.first_published_at
    return page


def unpublished(parent, owner, title="Un article retiré"):
    page = published(parent, owner, title)
    page.unpublish()
    page.refresh_from_db()
    assert not page.live and page.first_published_at
    return page


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def delete_url(page) -> str:
    return f"/admin/pages/{page.pk}/delete/"


def exists(page) -> bool:
    return Page.objects.filter(pk=page.pk).exists()


def test_a_contributor_deletes_their_own_draft(people, articles):
    page = draft(articles, people["camille"])
    client = client_for(people["camille"])
    confirm = client.get(delete_url(page))
    assert confirm.status_code == 200
    assert "Raison de la suppression" not in confirm.content.decode()
    assert client.post(delete_url(page)).status_code == 302
    assert not exists(page)


def test_a_contributor_cannot_delete_another_contributors_draft(people, articles):
    page = draft(articles, people["sacha"], "Le brouillon de Sacha")
    client = client_for(people["camille"])
    # Still allowed to edit it (Contributeurs help each other), never to delete it.
    assert page.permissions_for_user(people["camille"]).can_edit()
    assert not page.permissions_for_user(people["camille"]).can_delete()
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert delete_url(page) not in edit.content.decode()
    listing = client.get(f"/admin/pages/{articles.pk}/")
    assert delete_url(page) not in listing.content.decode()

    assert client.get(delete_url(page)).status_code in (302, 403)
    assert client.post(delete_url(page)).status_code in (302, 403)
    assert exists(page)


def test_a_draft_waiting_for_review_stays_when_another_contributor_tries(people, articles):
    from wagtail.models import Workflow

    page = draft(articles, people["sacha"], "En attente de relecture")
    Workflow.objects.get(name="Relecture avant publication").start(page, people["sacha"])
    client_for(people["camille"]).post(delete_url(page))
    assert exists(page)


@pytest.mark.parametrize("make", [published, unpublished], ids=["live", "was-published"])
def test_a_contributor_cannot_delete_a_published_page_even_their_own(people, articles, make):
    page = make(articles, people["camille"])
    client = client_for(people["camille"])
    assert not page.permissions_for_user(people["camille"]).can_delete()
    assert client.get(delete_url(page)).status_code in (302, 403)
    client.post(delete_url(page), {"reason": "Je n'en veux plus"})
    assert exists(page)


def test_a_contributor_cannot_delete_a_draft_holding_a_published_page(people, articles):
    parent = draft(articles, people["camille"], "Parent")
    published(parent, people["sacha"], "Enfant en ligne")
    assert not parent.permissions_for_user(people["camille"]).can_delete()


def test_an_editor_deletes_a_live_page_only_with_a_reason(people, articles):
    page = published(articles, people["eli"], "L'article d'Eli")
    client = client_for(people["dominique"])

    confirm = client.get(delete_url(page))
    assert confirm.status_code == 200
    html = soup_of(confirm)
    assert (
        html.select_one("label[for=id_reason]")
        .get_text(strip=True)
        .startswith("Raison de la suppression")
    )
    text = html.get_text(" ", strip=True)
    assert "il n'y a pas de corbeille" in text
    assert html.select_one(f'a[href="/admin/pages/{page.pk}/unpublish/"]')

    for empty in ({}, {"reason": "   "}):
        refused = client.post(delete_url(page), empty)
        assert refused.status_code == 200
        assert "Dites pourquoi cette page est supprimée." in refused.content.decode()
        assert exists(page)
    assert not PageLogEntry.objects.filter(action=DELETE_REASON).exists()

    response = client.post(delete_url(page), {"reason": "Doublon de « Vaccins : le point »"})
    assert response.status_code == 302
    assert not exists(page)


def test_the_reason_stays_in_the_log_after_the_page_is_gone(people, articles):
    page = published(articles, people["eli"], "L'article d'Eli")
    page_id = page.pk
    client = client_for(people["dominique"])
    client.post(delete_url(page), {"reason": "Demande de la personne citée"})

    entry = PageLogEntry.objects.get(page_id=page_id, action=DELETE_REASON)
    assert entry.user == people["dominique"]
    assert entry.data["reason"] == "Demande de la personne citée"
    assert entry.label == "L'article d'Eli"
    assert PageLogEntry.objects.filter(page_id=page_id, action="wagtail.delete").exists()

    # Éditeurs read it in the section's history (Wagtail shows a deleted page's own
    # entries in the site history to superusers only).
    history = client.get(f"/admin/pages/{articles.pk}/history/")
    assert history.status_code == 200
    text = soup_of(history).get_text(" ", strip=True)
    assert "Sous-page « L'article d'Eli » supprimée : Demande de la personne citée" in text
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    site_history = client_for(admin).get("/admin/reports/site-history/", {"action": DELETE_REASON})
    assert site_history.status_code == 200
    text = soup_of(site_history).get_text(" ", strip=True)
    assert "Raison de la suppression : Demande de la personne citée" in text
    assert "Il y a 1 correspondance" in text  # the filter holds: the action is a choice


def test_an_editor_deletes_another_editors_draft_without_a_reason(people, articles):
    page = draft(articles, people["eli"])
    client = client_for(people["dominique"])
    assert "id_reason" not in client.get(delete_url(page)).content.decode()
    assert client.post(delete_url(page)).status_code == 302
    assert not exists(page)


def test_a_reason_is_asked_for_a_draft_holding_a_live_page(people, articles):
    parent = draft(articles, people["eli"], "Parent")
    published(parent, people["eli"], "Enfant en ligne")
    client = client_for(people["eli"])
    # Éditeurs delete one page at a time (no "bulk_delete"): the subtree waits.
    assert client.get(delete_url(parent)).status_code in (302, 403)
    # A superuser may delete a subtree, with a reason since a page in it is live.
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client = client_for(admin)
    assert client.post(delete_url(parent)).status_code == 200
    assert exists(parent)
    assert client.post(delete_url(parent), {"reason": "Rubrique fermée"}).status_code == 302
    assert not exists(parent)


def bulk_url(pages, parent) -> str:
    ids = "&".join(f"id={page.pk}" for page in pages)
    return f"/admin/bulk/wagtailcore/page/delete/?{ids}&childOf={parent.pk}&next=/admin/pages/{parent.pk}/"


def test_bulk_delete_by_a_contributor_takes_only_their_own_drafts(people, articles):
    own = draft(articles, people["camille"], "Mon brouillon")
    other = draft(articles, people["sacha"], "Le brouillon de Sacha")
    own_live = published(articles, people["camille"], "Mon article en ligne")
    client = client_for(people["camille"])
    url = bulk_url([own, other, own_live], articles)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not exists(own)
    assert exists(other)
    assert exists(own_live)


def test_bulk_delete_by_an_editor_leaves_published_pages(people, articles):
    a_draft = draft(articles, people["eli"], "Un brouillon d'Eli")
    live = published(articles, people["eli"], "En ligne")
    was_live = unpublished(articles, people["eli"], "Retiré")
    client = client_for(people["dominique"])
    url = bulk_url([a_draft, live, was_live], articles)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "ne se supprime pas en groupe" in confirm.content.decode()
    assert client.post(url).status_code == 302
    assert not exists(a_draft)
    assert exists(live)
    assert exists(was_live)


def test_moving_keeps_wagtails_rule(people, articles):
    """Moving is not deleting: a Contributeur still moves another's draft."""
    page = draft(articles, people["sacha"])
    assert page.permissions_for_user(people["camille"]).can_move()
    live = published(articles, people["camille"])
    assert not live.permissions_for_user(people["camille"]).can_move()


def test_the_admin_api_does_not_delete_a_live_page_without_a_reason(people, articles):
    """Wagtail's admin API deletes without the delete view's hooks: refused for a page that
    is or was public; a never-published draft may still go that way."""
    live = published(articles, people["eli"], "L'article d'Eli")
    client = client_for(people["dominique"])
    response = client.post(f"/admin/api/main/pages/{live.pk}/action/delete/")
    assert response.status_code == 403
    assert exists(live)

    page = draft(articles, people["eli"], "Un brouillon d'Eli")
    response = client.post(f"/admin/api/main/pages/{page.pk}/action/delete/")
    assert response.status_code == 204
    assert not exists(page)
