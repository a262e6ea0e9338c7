"""Pages awaiting review reach the right person's dashboard (Wagtail's own panel): the
caregiver first for a page with health claims, then the Éditeurs."""

from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow

from articles.factories import ArticlePageFactory
from fabrique.accounts.roles import CAREGIVER_REVIEWERS, CONTRIBUTORS, EDITORS
from tests.team import dashboard, member

WAITING = "En attente de votre vérification"


def test_a_submitted_page_waits_on_the_dashboard_of_whoever_reviews_it(site_tree):
    contributor = member(CONTRIBUTORS, "camille")
    caregiver = member(CAREGIVER_REVIEWERS, "awa")
    editor = member(EDITORS, "dominique")
    article = ArticlePageFactory(
        parent=site_tree["sections"]["articles"],
        title="Vaccins : ce qui change",
        live=False,
        health_claims=True,
    )
    article.save_revision(user=contributor)
    Workflow.objects.get(name="Relecture avant publication").start(article, contributor)

    seen_by_caregiver = dashboard(caregiver)
    assert WAITING in seen_by_caregiver
    assert "Vaccins : ce qui change" in seen_by_caregiver
    assert "Vaccins : ce qui change" not in dashboard(editor)

    client = Client()
    client.force_login(caregiver)
    state = article.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.pk))
    assert client.post(url, {"comment": ""}).status_code == 302

    seen_by_editor = dashboard(editor)
    assert WAITING in seen_by_editor
    assert "Vaccins : ce qui change" in seen_by_editor
