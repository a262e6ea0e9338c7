"""« Réponses aux appels à modérer » on the admin's home page: moderators only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions.dashboard import PendingAnswersPanel
from contributions.factories import CallAnswerFactory
from fabrique.moderation.models import ModerationStatus
from tests.team import dashboard


def test_moderators_see_waiting_answers_oldest_first(moderator, open_call):
    CallAnswerFactory(call=open_call, organisation="Centre de santé du Lac")
    CallAnswerFactory(call=open_call, organisation="Déjà retenue", status=ModerationStatus.SELECTED)
    html = dashboard(moderator)
    assert '<h2 id="pending-answers-title">Réponses aux appels à modérer</h2>' in html
    assert "1 réponse attend une décision." in html
    assert "Centre de santé du Lac" in html
    assert "Déjà retenue" not in html


def test_editors_do_not_see_answers_awaiting_moderation(editor, open_call):
    CallAnswerFactory(call=open_call, organisation="Centre de santé du Lac")
    html = dashboard(editor)
    assert "Réponses aux appels à modérer" not in html
    assert "Centre de santé du Lac" not in html


@pytest.mark.parametrize("count", [5, 20])
def test_the_panel_costs_the_same_queries_with_many_answers(open_call, count):
    CallAnswerFactory.create_batch(count, call=open_call)
    with CaptureQueriesContext(connection) as captured:
        html = PendingAnswersPanel().render_html({})
    assert len(captured.captured_queries) == 2
    assert html.count("<li>") == 5
