"""The demo events: a past live show with its replay, a future one, a cancellation, a
meet-up in Lyon with its accessibility; seeding twice changes nothing."""

import pytest
from bs4 import BeautifulSoup

from events.choices import EventStatus
from events.demo import seed
from events.models import EventPage
from tests.a11y import assert_accessible
from tests.html import plain

pytestmark = pytest.mark.django_db


def test_seed_builds_the_four_demo_events_once(client, site_tree, home):
    seed(site_tree)
    seed(site_tree)
    events = EventPage.objects.live()
    assert events.count() == 4
    past = events.get(slug="direct-deserts-medicaux")
    assert past.current_state.is_over
    page = BeautifulSoup(client.get(past.url).content.decode(), "html.parser")
    assert page.select_one(".event-replay a").get_text() == "Voir la rediffusion sur YouTube"
    cancelled = events.get(status=EventStatus.CANCELLED)
    assert "annulé" in client.get(cancelled.url).content.decode()
    meetup = events.get(slug="rencontre-lyon-refaconner-le-soin")
    response = client.get(meetup.url)
    assert_accessible(response)
    access = [
        li.get_text()
        for li in BeautifulSoup(response.content, "html.parser").select(".event-access li")
    ]
    assert "Accès de plain-pied complet" in access
    listing = client.get(site_tree["sections"]["evenements"].url)
    assert_accessible(listing)
    home_page = BeautifulSoup(client.get(home.url).content.decode(), "html.parser")
    titles = [
        plain(h.get_text(strip=True)) for h in home_page.select(".section--events .card__title")
    ]
    # The next events, the cancelled one left out, the past one too.
    assert titles == [
        "Direct : prendre soin des soignant·es",
        "Rencontre à Lyon : refaçonner le soin ensemble",
    ]
