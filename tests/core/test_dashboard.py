"""The admin's home page tells each person what they have in progress and what goes
online by itself: a Contributeur their own, an Éditeur every scheduled page."""

import datetime

import pytest
from django.utils import timezone

from articles.factories import ArticlePageFactory
from fabrique.accounts.roles import CONTRIBUTORS, EDITORS
from tests.team import dashboard, member


@pytest.fixture
def team(site_tree):
    return {"contributor": member(CONTRIBUTORS, "camille"), "editor": member(EDITORS, "dominique")}


def test_drafts_and_scheduled_pages_on_the_dashboard(team, site_tree):
    articles = site_tree["sections"]["articles"]
    draft = ArticlePageFactory(
        parent=articles, title="Mon brouillon", live=False, owner=team["contributor"]
    )
    draft.save_revision(user=team["contributor"])
    scheduled = ArticlePageFactory(
        parent=articles, title="Pour lundi", live=False, owner=team["editor"]
    )
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=2)
    scheduled.save_revision(user=team["editor"]).publish(user=team["editor"])

    mine = dashboard(team["contributor"])
    assert "Mes brouillons et pages programmées" in mine
    assert "Mon brouillon" in mine
    assert "Pour lundi" not in mine

    editors = dashboard(team["editor"])
    assert "Pour lundi" in editors
    assert "en ligne le" in editors
    assert "Mon brouillon" not in editors
