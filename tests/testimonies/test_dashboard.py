"""« Témoignages à modérer » on the admin's home page: moderators only, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from testimonies.factories import TestimonyFactory
from testimonies.wagtail_hooks import PendingTestimoniesPanel
from tests.team import dashboard


def test_a_moderator_sees_stories_and_no_page_panels(moderator):
    TestimonyFactory(title="Une histoire qui attend")
    html = dashboard(moderator)
    assert '<h2 id="pending-testimonies-title">Témoignages à modérer</h2>' in html
    assert "Une histoire qui attend" in html
    # Modérateurs write no page: the events panel and « Mes brouillons » are for those who do.
    assert "Prochains événements" not in html
    assert "Mes brouillons et pages programmées" not in html


def test_an_editor_never_reads_waiting_story_titles(editor):
    """Éditeurs may not read testimonies (docs/accounts-and-rights.md, « Groupes »): not even
    their titles."""
    TestimonyFactory(title="Une histoire confidentielle")
    html = dashboard(editor)
    assert "Témoignages à modérer" not in html
    assert "Une histoire confidentielle" not in html
    assert "Prochains événements" in html


@pytest.mark.parametrize("count", [5, 20])
def test_the_panel_costs_the_same_queries_with_many_stories(site_tree, count):
    TestimonyFactory.create_batch(count)
    with CaptureQueriesContext(connection) as captured:
        html = PendingTestimoniesPanel().render_html({})
    assert len(captured.captured_queries) == 2
    assert html.count("<li>") == 5
