"""Coming, live, over: computed from a frozen clock; the « En direct » banner and the home block."""

import datetime

import pytest
from bs4 import BeautifulSoup

from events.choices import EventFormat, EventPhase, EventStatus
from events.state import state_at
from tests.a11y import assert_accessible

from .conftest import paris

pytestmark = pytest.mark.django_db

START = paris(2025, 6, 12, 20)
END = paris(2025, 6, 12, 22)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(response) -> list[str]:
    return [h.get_text(strip=True) for h in soup(response).select(".card__title")]


def test_state_changes_exactly_at_start_and_end():
    one_second = datetime.timedelta(seconds=1)
    before = state_at(START, END, START - one_second)
    assert before.phase == EventPhase.UPCOMING and before.next_change == START
    at_start = state_at(START, END, START)
    assert at_start.phase == EventPhase.LIVE and at_start.next_change == END
    assert state_at(START, END, END - one_second).is_live
    at_end = state_at(START, END, END)
    assert at_end.phase == EventPhase.OVER and at_end.next_change is None


def test_listing_shows_coming_events_soonest_first_then_past_ones_latest_first(
    client, index, make_event, clock
):
    clock(paris(2025, 6, 10, 12))
    make_event(title="Passé ancien", start=paris(2025, 1, 5, 18))
    make_event(title="Dans un mois", start=paris(2025, 7, 10, 18))
    make_event(title="Passé récent", start=paris(2025, 6, 1, 18))
    make_event(title="Demain", start=paris(2025, 6, 11, 18))
    # Started two hours ago, ends in an hour: live, so among the coming ones, first.
    make_event(title="En cours", start=paris(2025, 6, 10, 10), end=paris(2025, 6, 10, 13))
    response = client.get(index.url)
    assert response.status_code == 200
    assert_accessible(response)
    assert card_titles(response) == [
        "En cours",
        "Demain",
        "Dans un mois",
        "Passé récent",
        "Passé ancien",
    ]
    assert card_titles(client.get(index.url, {"quand": "a-venir"})) == [
        "En cours",
        "Demain",
        "Dans un mois",
    ]
    assert card_titles(client.get(index.url, {"quand": "passes"})) == [
        "Passé récent",
        "Passé ancien",
    ]
    # The clock moves past « Demain »: it joins the past events, at their head.
    clock(paris(2025, 6, 11, 21))
    assert card_titles(client.get(index.url)) == [
        "Dans un mois",
        "Demain",
        "En cours",
        "Passé récent",
        "Passé ancien",
    ]


def banner(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return soup(response).select_one("aside.live-banner")


def test_live_banner_on_every_page_from_the_first_second_to_the_last(
    client, make_event, clock, index
):
    clock(START - datetime.timedelta(hours=1))
    event = make_event(title="Le grand direct", start=START, end=END)
    assert banner(client) is None
    clock(START - datetime.timedelta(seconds=1))
    assert banner(client) is None
    clock(START)
    live = banner(client)
    assert live is not None
    assert live.find("a", string="Le grand direct")["href"] == event.url
    assert live["aria-label"] == "En direct"
    assert banner(client, "/a-propos/") is not None
    assert banner(client, index.url) is not None
    page = client.get(event.url)
    assert_accessible(page)
    assert soup(page).select_one(".event__state").get_text(strip=True) == "En direct"
    clock(END - datetime.timedelta(seconds=1))
    assert banner(client) is not None
    clock(END)
    assert banner(client) is None
    assert soup(client.get(event.url)).select_one(".event__state").get_text(strip=True) == (
        "Terminé"
    )


def test_banner_leaves_out_events_on_site_and_cancelled_ones(client, make_event, clock):
    clock(START)
    make_event(
        title="Rencontre",
        start=START,
        end=END,
        format=EventFormat.ON_SITE,
        venue_name="Salle",
        venue_city="Lyon",
    )
    cancelled = make_event(title="Annulé", start=START, end=END, status=EventStatus.CANCELLED)
    assert banner(client) is None
    # An editor restores the event: the banner follows the publication at once.
    cancelled.status = EventStatus.SCHEDULED
    cancelled.save_revision().publish()
    assert banner(client).find("a", string="Annulé") is not None


def test_banner_costs_no_query_until_its_next_change(
    client, make_event, clock, django_assert_num_queries
):
    from events.banner import live_banner_state

    clock(START - datetime.timedelta(hours=1))
    with django_assert_num_queries(1):  # nothing coming online: one query, cold
        assert live_banner_state()["events"] == []
    make_event(title="Le grand direct", start=START, end=END)
    state = live_banner_state()
    assert state["events"] == [] and state["valid_until"] == START
    with django_assert_num_queries(0):
        live_banner_state()
    clock(START)
    state = live_banner_state()
    assert [title for title, url in state["events"]] == ["Le grand direct"]
    assert state["valid_until"] == END


def test_home_shows_the_live_event_first_then_the_next_ones(client, make_event, clock, home):
    clock(paris(2025, 6, 12, 21))
    make_event(title="Demain", start=paris(2025, 6, 13, 18))
    make_event(title="Hier", start=paris(2025, 6, 11, 18))
    make_event(title="Annulé", start=paris(2025, 6, 14, 18), status=EventStatus.CANCELLED)
    make_event(
        title="Congrès de trois jours",
        start=paris(2025, 6, 11, 9),
        end=paris(2025, 6, 13, 18),
        format=EventFormat.ON_SITE,
        venue_name="Palais des congrès",
        venue_city="Lille",
    )
    make_event(title="Le direct de ce soir", start=START, end=END)
    response = client.get(home.url)
    section = soup(response).select_one(".section--events")
    titles = [h.get_text(strip=True) for h in section.select(".card__title")]
    assert titles == ["Congrès de trois jours", "Le direct de ce soir", "Demain"]
    assert section.select_one(".card--live .event-badge--live").get_text() == "En direct"
    assert_accessible(response)
