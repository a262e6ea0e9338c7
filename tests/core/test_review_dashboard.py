"""Pages awaiting review reach the right person's dashboard (Wagtail's own panel): the
caregiver first for a page with health claims, then the Éditeurs."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow

from articles.factories import ArticlePageFactory
from fabrique.core.roles import CAREGIVER_REVIEWERS, CONTRIBUTORS, EDITORS

WAITING = "En attente de votre vérification"


def member(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


def dashboard(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_submitted_page_waits_on_the_dashboard_of_whoever_reviews_it(
    site_tree, django_user_model
):
    contributor = member(django_user_model, CONTRIBUTORS, "camille")
    caregiver = member(django_user_model, CAREGIVER_REVIEWERS, "awa")
    editor = member(django_user_model, EDITORS, "dominique")
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
