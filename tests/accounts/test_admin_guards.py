"""Admin doors: logging out takes a POST; accounts without page rights see no draft title.

Real admin views, through the Django test client, logged in as members of the real groups.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client

from articles.factories import ArticlePageFactory
from fabrique.accounts.roles import CAREGIVER_REVIEWERS, MODERATORS
from tests.team import logged_in, member

DRAFT_TITLE = "Projet confidentiel"
PENDING_TITLE = "Nouveau titre pas encore relu"


def session_kept(client, response) -> bool:
    """The response leaves the session cookie as it was (it may refresh it, not clear it)."""
    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie is None or cookie.value == client.cookies[settings.SESSION_COOKIE_NAME].value


# --- logout -----------------------------------------------------------------------------


def test_a_cross_site_get_on_logout_keeps_the_session(site_tree, editor_client):
    response = editor_client.get("/admin/logout/", HTTP_REFERER="https://ailleurs.example/")
    assert response.status_code == 200
    # The cookie is neither deleted nor replaced, and the session still opens the admin.
    assert session_kept(editor_client, response)
    assert response.cookies[settings.SESSION_COOKIE_NAME].value  # not emptied
    assert editor_client.get("/admin/").status_code == 200
    # The page asks to confirm with a form that posts, with its CSRF token.
    form = BeautifulSoup(response.content, "html.parser").find("form", action="/admin/logout/")
    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_other_methods_do_not_log_out(site_tree, editor_client):
    for method in ("put", "delete", "options"):
        response = getattr(editor_client, method)("/admin/logout/")
        assert response.status_code == 405, method
        assert session_kept(editor_client, response)
    assert editor_client.get("/admin/").status_code == 200


def test_the_admin_menu_logs_out_by_post(site_tree, editor):
    """The sidebar's "Se déconnecter" is a form posting to the logout URL with the CSRF token."""
    session = logged_in(editor, enforce_csrf_checks=True)
    page = BeautifulSoup(session.get("/admin/").content, "html.parser")
    props = json.loads(page.find(id="wagtail-sidebar-props").string)
    menu = json.dumps(props)
    assert '"action": "/admin/logout/"' in menu
    assert '"method": "POST"' in menu
    token = session.cookies[settings.CSRF_COOKIE_NAME].value
    response = session.post("/admin/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert session.get("/admin/").status_code == 302  # back to the login page


def test_a_logout_post_without_token_is_refused(site_tree, editor):
    session = logged_in(editor, enforce_csrf_checks=True)
    assert session.post("/admin/logout/").status_code == 403
    assert session.get("/admin/").status_code == 200


def test_anonymous_get_on_logout_goes_to_login(site_tree):
    response = Client().get("/admin/logout/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- page chooser and bulk actions ------------------------------------------------------


@pytest.fixture
def pages(site_tree):
    """A draft never published, and a live page whose next title waits for review."""
    articles = site_tree["sections"]["articles"]
    draft = ArticlePageFactory(parent=articles, title=DRAFT_TITLE, slug="projet", live=False)
    draft.save_revision()
    live = ArticlePageFactory(parent=articles, title="Titre public", slug="public")
    live.save_revision().publish()
    live.title = PENDING_TITLE
    live.save_revision()
    return {"articles": articles, "draft": draft, "live": live}


def chooser_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("group", [MODERATORS, CAREGIVER_REVIEWERS])
def test_no_draft_title_in_the_chooser_without_page_rights(search_index, pages, group):
    client = logged_in(member(group, "membre"))
    articles = pages["articles"]
    seen = " ".join(
        [
            chooser_text(client, "/admin/choose-page/"),
            chooser_text(client, f"/admin/choose-page/{articles.pk}/"),
            chooser_text(client, "/admin/choose-page/search/?q=projet"),
            chooser_text(client, "/admin/choose-page/search/?q=titre"),
        ]
    )
    assert DRAFT_TITLE not in seen
    assert PENDING_TITLE not in seen
    assert "Articles" in seen  # published pages stay choosable
    # Naming a draft by its id is refused.
    assert client.get(f"/admin/choose-page/{pages['draft'].pk}/").status_code == 403
    chosen = client.get(f"/admin/choose-page/chosen-multiple/?id={pages['draft'].pk}")
    assert chosen.status_code == 403
    assert DRAFT_TITLE not in chosen.content.decode()


def test_editors_still_see_drafts_in_the_chooser(pages, editor_client):
    seen = chooser_text(editor_client, f"/admin/choose-page/{pages['articles'].pk}/")
    assert DRAFT_TITLE in seen
    assert PENDING_TITLE in seen


@pytest.mark.parametrize("action", ["delete", "unpublish", "publish", "move"])
def test_bulk_page_actions_refused_without_page_rights(pages, action, moderator_client):
    ids = f"id={pages['draft'].pk}&id={pages['live'].pk}"
    response = moderator_client.get(f"/admin/bulk/wagtailcore/page/{action}/?next=/admin/&{ids}")
    assert response.status_code == 403
    assert DRAFT_TITLE not in response.content.decode()
    response = moderator_client.post(f"/admin/bulk/wagtailcore/page/{action}/?next=/admin/&{ids}")
    assert response.status_code == 403
    assert pages["draft"].__class__.objects.filter(pk=pages["draft"].pk).exists()


def test_editors_keep_bulk_page_actions(pages, editor_client):
    response = editor_client.get(
        f"/admin/bulk/wagtailcore/page/delete/?next=/admin/&id={pages['draft'].pk}"
    )
    assert response.status_code == 200


def test_the_chooser_restricted_to_a_page_type_is_closed_to_moderators(
    site_tree, moderator_client, editor_client
):
    """Restricted to a type, Wagtail's chooser opens on the pages' common ancestor, drafts
    included, under its draft title: not for accounts without page rights."""
    parent = ArticlePageFactory(parent=site_tree["sections"]["articles"], title=DRAFT_TITLE)
    parent.unpublish()
    response = moderator_client.get("/admin/choose-page/", {"page_type": "articles.articlepage"})
    assert response.status_code == 403
    assert DRAFT_TITLE not in response.content.decode()
    assert (
        editor_client.get("/admin/choose-page/", {"page_type": "articles.articlepage"}).status_code
        == 200
    )
