"""« Prochains événements » on the admin's home page: for the people who write pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.factories import ArticlePageFactory
from events.dashboard import UpcomingEventsPanel
from fabrique.accounts.roles import CONTRIBUTORS, MODERATORS
from tests.team import dashboard, member


def soon(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_a_contributor_sees_the_next_events_and_their_own_drafts(make_event, site_tree):
    contributor = member(CONTRIBUTORS, "camille")
    make_event(title="Direct de jeudi", start=soon(3))
    make_event(title="Rencontre passée", start=soon(-3))
    draft = ArticlePageFactory(
        parent=site_tree["sections"]["articles"], title="Mon article", live=False, owner=contributor
    )
    draft.save_revision(user=contributor)

    html = dashboard(contributor)
    assert '<h2 id="upcoming-events-title">Prochains événements</h2>' in html
    assert "Direct de jeudi" in html
    assert "Rencontre passée" not in html
    assert "Mon article" in html


def test_the_next_five_soonest_first_unpublished_left_out(make_event, index):
    for days in (9, 2, 7, 4, 5, 6, 3):
        make_event(title=f"Dans {days} jours", start=soon(days))
    index.add_child(
        instance=type(make_event(start=soon(30)))(
            title="Brouillon",
            live=False,
            start=soon(1),
            end=soon(1) + datetime.timedelta(hours=1),
        )
    )
    events = UpcomingEventsPanel().get_context_data()["events"]
    assert [event.title for event in events] == [f"Dans {d} jours" for d in (2, 3, 4, 5, 6)]


def test_moderators_do_not_get_the_events_panel(make_event, site_tree):
    make_event(title="Direct de jeudi", start=soon(3))
    html = dashboard(member(MODERATORS, "modo"))
    assert "Prochains événements" not in html
    assert "Direct de jeudi" not in html


@pytest.mark.parametrize("count", [5, 20])
def test_the_panel_costs_the_same_queries_with_many_events(make_event, count):
    for days in range(1, count + 1):
        make_event(start=soon(days))
    queries = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            UpcomingEventsPanel().render_html({})
        queries.append(len(captured.captured_queries))
    # The second render is the one measured: the first may warm a cache (content types).
    assert queries[1] == 1
