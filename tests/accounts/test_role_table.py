"""The role table of docs/accounts-and-rights.md ("## Groupes"), walked group by group
through the real admin.

Each row is one action an editorial team member may try: ``@row`` gives its label and
which groups may do it; the function does it with a logged-in test client, through the
admin's own URLs, and answers whether it took effect (read back from the database). An
allowed action must take effect; a refused one must not (Wagtail answers 403, sends to the
dashboard with a message, or keeps a draft awaiting review), and nothing answers 500.

To add a row: write one function below, decorated with ``@row``. Its objects are made
fresh for it; ``team`` holds the member being tested (``team.user``) and colleagues of
other groups.
"""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from fabrique.accounts.roles import CAREGIVER_REVIEWERS, CONTRIBUTORS, EDITORS, MODERATORS
from fabrique.core.models import Person, SiteSettings
from testimonies.factories import TestimonyFactory
from testimonies.models import Testimony
from tests.team import logged_in, member

pytestmark = pytest.mark.django_db

GROUPS = (EDITORS, CONTRIBUTORS, MODERATORS, CAREGIVER_REVIEWERS)


@dataclass
class Row:
    label: str
    allowed: frozenset
    act: object


ROWS: list[Row] = []


def row(label: str, *allowed_groups: str):
    """Register an action of the role table, allowed to ``allowed_groups`` only."""

    def register(act):
        ROWS.append(Row(label, frozenset(allowed_groups), act))
        return act

    return register


@dataclass
class Team:
    """The member under test and colleagues, each in the real group."""

    site_tree: dict
    user: object
    client: Client

    @property
    def articles(self):
        return self.site_tree["sections"]["articles"]

    def colleague(self, group: str):
        """Another member of ``group`` (the same one for every row)."""
        username = f"collegue-{GROUPS.index(group)}"
        existing = get_user_model().objects.filter(username=username).first()
        return existing or member(group, username)


# --- helpers shared by rows -------------------------------------------------------------


def draft_article(team, owner, title="Un brouillon"):
    page = ArticlePageFactory(parent=team.articles, title=title, live=False, owner=owner)
    page.save_revision(user=owner)
    return page


def live_article(team, owner, title="Un article en ligne"):
    page = draft_article(team, owner, title)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    return page


def article_form(title: str, slug: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "standfirst": "Un chapô.",
            "date": "2025-05-07",
            "tags": "",
            "body": streamfield([("paragraph", rich_text("Un paragraphe."))]),
            "authors": inline_formset([]),
            "footnotes": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def gone(page) -> bool:
    return not Page.objects.filter(pk=page.pk).exists()


def png_upload(name="photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- the rows ---------------------------------------------------------------------------


@row("créer un article (brouillon)", EDITORS, CONTRIBUTORS)
def create_article(team):
    url = f"/admin/pages/add/articles/articlepage/{team.articles.pk}/"
    team.client.post(url, article_form("Nouvel article", "nouvel-article"))
    return ArticlePage.objects.filter(slug="nouvel-article").exists()


@row("modifier l'article d'un·e autre (brouillon enregistré)", EDITORS, CONTRIBUTORS)
def edit_article(team):
    page = live_article(team, team.colleague(EDITORS), "Titre d'origine")
    team.client.post(f"/admin/pages/{page.pk}/edit/", article_form("Titre corrigé", page.slug))
    page.refresh_from_db()
    return page.get_latest_revision().as_object().title == "Titre corrigé"


@row("publier un article", EDITORS)
def publish_article(team):
    """A Contributeur's "publish" is refused: the page stays an unpublished draft."""
    page = draft_article(team, team.user, "À publier")
    team.client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form("À publier", page.slug, **{"action-publish": "publish"}),
    )
    page.refresh_from_db()
    return page.live


@row("supprimer son propre brouillon jamais publié", EDITORS, CONTRIBUTORS)
def delete_own_draft(team):
    page = draft_article(team, team.user, "Mon brouillon")
    team.client.post(f"/admin/pages/{page.pk}/delete/")
    return gone(page)


@row("supprimer le brouillon d'un·e autre", EDITORS)
def delete_another_draft(team):
    page = draft_article(team, team.colleague(CONTRIBUTORS), "Le brouillon d'autrui")
    team.client.post(f"/admin/pages/{page.pk}/delete/")
    return gone(page)


@row("supprimer une page en ligne, en donnant la raison", EDITORS)
def delete_live_page_with_reason(team):
    page = live_article(team, team.user, "Article à retirer")
    team.client.post(f"/admin/pages/{page.pk}/delete/", {"reason": "Doublon"})
    return gone(page)


@row("supprimer une page en ligne sans raison")
def delete_live_page_without_reason(team):
    page = live_article(team, team.user, "Article sans raison")
    team.client.post(f"/admin/pages/{page.pk}/delete/")
    return gone(page)


@row("supprimer en groupe une page en ligne")
def bulk_delete_live_page(team):
    page = live_article(team, team.user, "Article en groupe")
    team.client.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}")
    return gone(page)


@row("ajouter une image", EDITORS, CONTRIBUTORS)
def add_image(team):
    from wagtail.models import Collection

    team.client.post(
        "/admin/images/add/",
        {
            "title": "Photo de la rencontre",
            "file": png_upload(),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )
    return get_image_model().objects.filter(title="Photo de la rencontre").exists()


@row("modifier les réglages du site", EDITORS)
def edit_site_settings(team):
    site = team.site_tree["site"]
    settings = SiteSettings.for_site(site)
    team.client.post(
        f"/admin/settings/core/sitesettings/{site.pk}/",
        {
            "tagline": "Un autre slogan",
            "contact_email": settings.contact_email,
            "donate_page": settings.donate_page_id or "",
            "donation_url": settings.donation_url,
            "twitch_url": settings.twitch_url,
            "youtube_url": settings.youtube_url,
            "instagram_url": settings.instagram_url,
            "linkedin_url": settings.linkedin_url,
        },
    )
    return SiteSettings.objects.get(site=site).tagline == "Un autre slogan"


@row("ajouter une redirection", EDITORS)
def add_redirect(team):
    team.client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/ancien-article/",
            "site": team.site_tree["site"].pk,
            "is_permanent": "",
            "redirect_page": team.articles.pk,
            "redirect_page_route_path": "",
            "redirect_link": "",
        },
    )
    return Redirect.objects.filter(old_path="/ancien-article").exists()


@row("modifier une personne (auteur·rice)", EDITORS, CONTRIBUTORS)
def edit_person(team):
    """Taken when the new name is saved, on the person or as a draft revision of it."""
    person = Person.objects.create(name="Léa Martin", role="infirmière")
    team.client.post(
        f"/admin/snippets/core/person/edit/{person.pk}/",
        {
            "name": "Léa Martin-Durand",
            "slug": person.slug,
            "role": "infirmière",
            "website": "",
            "social_url": "",
        },
    )
    person.refresh_from_db()
    latest = getattr(person, "latest_revision", None)
    draft_name = latest.content.get("name") if latest else None
    return "Léa Martin-Durand" in (person.name, draft_name)


@row("voir la liste des témoignages reçus", MODERATORS)
def list_testimonies(team):
    TestimonyFactory(title="Une histoire à modérer")
    response = team.client.get("/admin/snippets/testimonies/testimony/")
    return response.status_code == 200 and "Une histoire à modérer" in response.content.decode()


@row("modérer (publier) un témoignage", MODERATORS)
def moderate_testimony(team):
    testimony = TestimonyFactory(title="À publier")
    team.client.post(
        f"/admin/snippets/testimonies/testimony/edit/{testimony.pk}/",
        {
            "title": "À publier",
            "pseudonym": "",
            "role": "patient",
            "department": "",
            "published_text": "Un texte relu par la modération.",
            "quote": "",
            "status": "published",
            "refusal_reason": "",
        },
    )
    return Testimony.objects.published().filter(pk=testimony.pk).exists()


# --- the walk ---------------------------------------------------------------------------


@pytest.mark.parametrize("group", GROUPS)
def test_each_group_does_what_the_role_table_says(site_tree, group):
    user = member(group, "membre")
    client = logged_in(user)
    wrong = []
    for entry in ROWS:
        team = Team(site_tree=site_tree, user=user, client=client)
        took_effect = entry.act(team)
        expected = group in entry.allowed
        if took_effect is not expected:
            wrong.append(f"{entry.label}: {'refusé' if expected else 'permis'}")
    assert not wrong, f"{group} : " + " ; ".join(wrong)


def test_the_table_covers_every_group_and_the_docs_name_the_rules():
    """Rows name only real groups; docs/accounts-and-rights.md states the deletion rules
    it walks."""
    from pathlib import Path

    assert all(entry.allowed <= set(GROUPS) for entry in ROWS)
    rights = (Path(__file__).resolve().parents[2] / "docs" / "accounts-and-rights.md").read_text()
    assert "supprimer ses propres brouillons jamais publiés" in rights
    assert "supprimer une page publiée, en donnant la raison" in rights
