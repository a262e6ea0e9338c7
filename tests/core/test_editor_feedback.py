"""What the admin tells an Éditeur after an action: the checks describe the content that was
saved, an approval says the page is online, the credit's help matches what readers see."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from fabrique.accounts.roles import CONTRIBUTORS, EDITORS
from fabrique.core.factories import ImageFactory
from fabrique.demo.site import publish
from podcasts.factories import PodcastShowPageFactory
from podcasts.models import EpisodePage
from tests.html import soup_of
from tests.page_form_data import Things, page_form_data
from tests.team import member


@pytest.fixture
def editor(site_tree):
    client = Client()
    client.force_login(member(EDITORS, "dominique"))
    return client


def messages_of(response) -> str:
    return " ".join(
        node.get_text(" ", strip=True) for node in soup_of(response).select(".messages li")
    )


def test_checks_after_publishing_describe_the_published_episode(site_tree, editor):
    """The first autosave makes the episode with no transcript; the editor then writes it and
    publishes: nothing then speaks of a missing transcript."""
    things = Things.make()
    show = publish(
        PodcastShowPageFactory(
            parent=site_tree["sections"]["podcasts"], title="Les Voix", cover_image=things.cover
        )
    )
    add_url = reverse("wagtailadmin_pages:add", args=("podcasts", "episodepage", show.pk))
    early = page_form_data(EpisodePage, things, "Épisode 1", "episode-1")
    early["transcript"] = ""
    autosave = editor.post(add_url, early, HTTP_ACCEPT="application/json")
    assert autosave.status_code == 200, autosave.content
    created = autosave.json()
    # The editor's script then loads the editor as a fragment, as a browser does.
    assert editor.get(created["hydrate_url"]).status_code == 200

    final = page_form_data(EpisodePage, things, "Épisode 1", "episode-1")
    final["action-publish"] = "action-publish"
    published = editor.post(
        reverse("wagtailadmin_pages:edit", args=(created["pk"],)), final, follow=True
    )
    assert EpisodePage.objects.get(pk=created["pk"]).live
    shown = messages_of(published)
    assert "publiée" in shown
    assert "Pas de transcription" not in shown
    assert "Avant de publier" not in shown
    # Reopened, the editor shows the checks of the saved episode: none about the transcript.
    reopened = editor.get(reverse("wagtailadmin_pages:edit", args=(created["pk"],)))
    assert "Pas de transcription" not in messages_of(reopened)


def test_approve_and_publish_says_the_page_is_published(site_tree, editor):
    contributor = member(CONTRIBUTORS, "camille")
    article = ArticlePageFactory(
        parent=site_tree["sections"]["articles"], title="Vaccins : ce qui change", live=False
    )
    article.save_revision(user=contributor)
    Workflow.objects.get(name="Relecture avant publication").start(article, contributor)
    data = page_form_data(ArticlePage, Things(), "Vaccins : ce qui change", article.slug)
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)), data, follow=True
    )
    assert Page.objects.get(pk=article.pk).live
    shown = messages_of(response)
    assert "La page « Vaccins : ce qui change » a été approuvée et publiée." in shown
    assert "mise à jour" not in shown


def test_the_credit_help_matches_what_readers_see(site_tree, editor):
    article = ArticlePageFactory(
        parent=site_tree["sections"]["articles"],
        title="Portrait",
        hero_image=ImageFactory(description="Une soignante sourit"),
        hero_credit="Camille Martin",
    )
    publish(article)
    form = soup_of(editor.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))))
    help_text = form.find("input", attrs={"name": "hero_credit"}).find_parent(
        class_="w-field__wrapper"
    )
    said = help_text.get_text(" ", strip=True)
    assert "Photo :" not in said
    assert "© Camille Martin" in said
    assert "© Camille Martin" in Client().get(article.url).content.decode()


def test_a_new_page_titled_like_an_abandoned_draft_leads_to_that_draft(site_tree, editor):
    """Autosave made the page the editor then left; the same title, a moment later, says
    where that draft is; much later, the new page simply gets the next free address."""
    articles = site_tree["sections"]["articles"]
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", articles.pk))
    data = page_form_data(ArticlePage, Things(), "Soigner la nuit", "soigner-la-nuit")
    abandoned = editor.post(url, data, HTTP_ACCEPT="application/json").json()["pk"]

    again = editor.post(url, data)
    assert again.status_code == 200
    error = soup_of(again).find("a", string="Reprendre ce brouillon")
    assert error is not None
    assert error["href"] == reverse("wagtailadmin_pages:edit", args=(abandoned,))
    assert "jamais publié" in error.parent.get_text(" ", strip=True)
    assert ArticlePage.objects.filter(title="Soigner la nuit").count() == 1

    with time_machine.travel(timezone.now() + timedelta(minutes=15)):
        later = editor.post(url, data)
    assert later.status_code == 302
    assert "/login/" not in later["Location"]
    assert ArticlePage.objects.filter(title="Soigner la nuit").count() == 2
    assert ArticlePage.objects.filter(slug="soigner-la-nuit-2").exists()
