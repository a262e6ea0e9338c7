"""The review workflow, group by group: Contributeurs submit, a caregiver of the
"Relecteurs soignants" checks pages that make health claims, Éditeurs approve; the page
then says who checked it and when, in its text and its JSON-LD."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow

from articles.factories import ArticlePageFactory
from fabrique.accounts.roles import CAREGIVER_REVIEWERS, EDITORS
from fabrique.core.models import CaregiverReview, Person
from tests.html import soup_of
from tests.team import member


@pytest.fixture
def people(site_tree, contributor):
    reviewer = member(CAREGIVER_REVIEWERS, "awa", first_name="Awa", last_name="Diallo")
    Person.objects.create(name="Awa Diallo", role="infirmière en pédiatrie", user=reviewer)
    return {
        "contributor": contributor,
        "editor": member(EDITORS, "dominique"),
        "reviewer": reviewer,
    }


def submit(site_tree, user, **fields):
    """A Contributeur's draft, submitted for review as the editor's "Soumettre" does."""
    article = ArticlePageFactory(
        parent=site_tree["sections"]["articles"],
        title="Vaccins : ce qui change",
        live=False,
        **fields,
    )
    revision = article.save_revision(user=user)
    workflow = Workflow.objects.get(name="Relecture avant publication")
    workflow.start(article, user)
    return article, revision


def current_task_name(article) -> str:
    article.refresh_from_db()
    state = article.current_workflow_state
    return state.current_task_state.task.name if state else ""


def act(user, article, action="approve"):
    state = article.current_workflow_state.current_task_state
    client = Client()
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, state.pk))
    return client.post(url, {"comment": ""})


def test_a_page_without_health_claims_goes_straight_to_the_editors(people, site_tree):
    article, _ = submit(site_tree, people["contributor"])
    assert current_task_name(article) == "Validation par l'équipe éditoriale"
    assert act(people["editor"], article).status_code == 302
    article.refresh_from_db()
    assert article.live
    assert not CaregiverReview.objects.exists()
    assert "Relu par" not in Client().get(article.url).content.decode()


def test_health_claims_wait_for_a_caregiver_then_for_the_editors(people, site_tree):
    article, _ = submit(site_tree, people["contributor"], health_claims=True)
    assert current_task_name(article) == "Relecture soignante"

    # Neither the author nor an editor can pass the caregiver's step.
    for user in (people["contributor"], people["editor"]):
        act(user, article)
        assert current_task_name(article) == "Relecture soignante", user

    assert act(people["reviewer"], article).status_code == 302
    assert current_task_name(article) == "Validation par l'équipe éditoriale"
    # The caregiver checks; publishing stays the editors' call.
    act(people["reviewer"], article)
    assert current_task_name(article) == "Validation par l'équipe éditoriale"
    assert act(people["editor"], article).status_code == 302
    article.refresh_from_db()
    assert article.live

    review = CaregiverReview.objects.get(page=article)
    assert review.reviewer == people["reviewer"]
    page = soup_of(Client().get(article.url))
    line = page.select_one(".caregiver-review").get_text(" ", strip=True)
    assert line.startswith("Relu par Awa Diallo (infirmière en pédiatrie) le")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["lastReviewed"] == review.reviewed_at.date().isoformat()
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Awa Diallo",
        "jobTitle": "infirmière en pédiatrie",
    }


def test_a_caregiver_asking_for_changes_sends_the_page_back(people, site_tree):
    article, _ = submit(site_tree, people["contributor"], health_claims=True)
    assert act(people["reviewer"], article, "reject").status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert article.workflow_states.get().status == "needs_changes"
    assert not CaregiverReview.objects.exists()
