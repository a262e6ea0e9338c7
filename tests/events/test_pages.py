"""Event pages and the listing as readers see them: facts, accessibility, replay, JSON-LD."""

import datetime
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.choices import EventFormat, EventStatus
from fabrique.core.factories import PersonFactory
from tests.a11y import assert_accessible
from tests.html import plain

from .conftest import paris

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(response) -> dict:
    return json.loads(soup(response).find("script", type="application/ld+json").string)


def card_titles(response) -> list[str]:
    return [plain(h.get_text(strip=True)) for h in soup(response).select(".card__title")]


@pytest.fixture
def hybrid(make_event, clock):
    clock(paris(2025, 5, 1, 12))
    return make_event(
        title="Conférence à Nantes",
        start=paris(2025, 6, 3, 9),
        end=paris(2025, 6, 3, 17),
        format=EventFormat.HYBRID,
        venue_name="Cité des congrès",
        venue_address="5 rue de Valmy",
        venue_postcode="44000",
        venue_city="Nantes",
        venue_department="Loire-Atlantique",
        latitude="47.2130",
        longitude="-1.5430",
        live_url="https://www.youtube.com/watch?v=abcdefghijk",
        registration_url="https://inscriptions.example.org/nantes",
        price=Decimal("15.00"),
        step_free_access="partiel",
        live_subtitles=True,
        access_contact="06 00 00 00 00",
        speakers=[PersonFactory(name="Mickaël Worms-Ehrminger", role="chercheur")],
    )


def test_event_page_shows_when_where_price_and_accessibility(client, hybrid):
    response = client.get(hybrid.url)
    page = soup(response)
    assert_accessible(response)
    facts = plain(page.select_one(".event-facts").get_text(" ", strip=True))
    assert "mardi 3 juin 2025 , de 9 h 00 à 17 h 00" in facts
    assert "Hybride (sur place et en ligne)" in facts
    assert "Cité des congrès" in facts and "44000 Nantes (Loire-Atlantique)" in facts
    assert "15 €" in facts
    assert page.find("a", href="https://www.youtube.com/watch?v=abcdefghijk").get_text() == (
        "Suivre le direct sur YouTube"
    )
    assert page.find("a", href="https://inscriptions.example.org/nantes")
    access = [plain(li.get_text(strip=True)) for li in page.select(".event-access li")]
    assert access == [
        "Accès de plain-pied partiel",
        "Sous-titrage en direct",
        "Contact pour un aménagement : 06 00 00 00 00",
    ]
    assert page.select_one(".event-speakers .person__name").get_text() == (
        "Mickaël Worms-Ehrminger"
    )
    # Not live yet: no player, nothing from YouTube on the page.
    assert page.select_one(".event-live") is None
    assert "youtube-nocookie" not in response.content.decode()


def test_event_page_json_ld_is_a_schema_org_event(client, hybrid):
    data = json_ld(client.get(hybrid.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Conférence à Nantes"
    assert data["startDate"] == "2025-06-03T09:00:00+02:00"
    assert data["endDate"] == "2025-06-03T17:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place"
    assert place["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FR",
        "streetAddress": "5 rue de Valmy",
        "postalCode": "44000",
        "addressLocality": "Nantes",
        "addressRegion": "Loire-Atlantique",
    }
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 47.213, "longitude": -1.543}
    assert place["amenityFeature"][0]["name"] == "Accès de plain-pied partiel"
    assert virtual == {"@type": "VirtualLocation", "url": hybrid.live_url}
    assert data["organizer"] == {"@type": "Organization", "name": "La Fabrique des Soignants"}
    assert data["performer"] == [{"@type": "Person", "name": "Mickaël Worms-Ehrminger"}]
    assert data["isAccessibleForFree"] is False
    assert data["offers"] == {
        "@type": "Offer",
        "price": "15.00",
        "priceCurrency": "EUR",
        "url": "https://inscriptions.example.org/nantes",
    }
    assert data["url"] == hybrid.full_url


def test_cancelled_and_free_event_in_json_ld(client, make_event, clock):
    clock(paris(2025, 5, 1, 12))
    event = make_event(title="Annulé", start=paris(2025, 6, 3, 18), status=EventStatus.CANCELLED)
    data = json_ld(client.get(event.url))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["isAccessibleForFree"] is True
    assert "offers" not in data


def test_live_player_loads_only_on_request_while_live(client, hybrid, clock):
    clock(paris(2025, 6, 3, 10))
    response = client.get(hybrid.url)
    live = soup(response).select_one(".event-live")
    figure = live.select_one("figure.video-embed")
    assert figure["data-player-url"].startswith(
        "https://www.youtube-nocookie.com/embed/abcdefghijk"
    )
    assert live.find("iframe") is None
    assert_accessible(response)


def test_replay_appears_once_the_event_is_over(client, make_event, clock, site_tree):
    clock(paris(2025, 6, 3, 20, 30))
    event = make_event(
        title="Le direct",
        start=paris(2025, 6, 3, 20),
        end=paris(2025, 6, 3, 22),
        replay_url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    assert soup(client.get(event.url)).select_one(".event-replay") is None
    clock(paris(2025, 6, 3, 22))
    response = client.get(event.url)
    replay = soup(response).select_one(".event-replay")
    link = replay.find("a")
    assert link["href"] == "https://www.youtube.com/watch?v=abcdefghijk"
    assert link.get_text() == "Voir la rediffusion sur YouTube"
    assert_accessible(response)
    # A replay page on the site wins over the address (the video page, once videos exist).
    video_page = site_tree["pages"]["a-propos"]
    event.replay = video_page
    event.save_revision().publish()
    link = soup(client.get(event.url)).select_one(".event-replay a")
    assert link["href"] == video_page.url
    assert plain(link.get_text()) == f"Voir la rediffusion : {video_page.title}"
    assert list(video_page.replayed_by_events.all()) == [event]


def test_listing_queries_do_not_grow_with_events(client, index, make_event, clock):
    clock(paris(2025, 6, 10, 12))

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(index.url, {"page": 1})
        assert response.status_code == 200
        return len(queries)

    for number in range(5):
        make_event(title=f"É{number}", start=paris(2025, 6, 1 + number, 18), tags=["direct"])
    client.get(index.url)  # warm the site root cache shared with every page
    five = count_queries()
    for number in range(45):
        make_event(
            title=f"Encore {number}",
            start=paris(2025, 7, 1, 18) + datetime.timedelta(days=number),
            tags=["direct", f"tag-{number % 3}"],
        )
    client.get(index.url)  # the banner is recomputed once after publications
    fifty = count_queries()
    assert five == fifty
    assert len(card_titles(client.get(index.url))) == 12


def test_event_page_costs_at_most_25_queries(client, hybrid, django_assert_max_num_queries):
    client.get(hybrid.url)
    with django_assert_max_num_queries(25):
        assert client.get(hybrid.url).status_code == 200


def test_filters_by_format_tag_and_month(client, index, make_event, clock):
    clock(paris(2025, 6, 10, 12))
    make_event(title="Direct de juin", start=paris(2025, 6, 20, 18), tags=["direct"])
    make_event(
        title="Rencontre de juillet",
        start=paris(2025, 7, 2, 18),
        format=EventFormat.ON_SITE,
        venue_name="Salle",
        venue_city="Lille",
        tags=["rencontre"],
    )
    # 23:30 on 31 July in Paris is already 1 August in UTC: the month is Paris's.
    make_event(title="Tard le 31 juillet", start=paris(2025, 7, 31, 23, 30))
    assert card_titles(client.get(index.url, {"format": "sur-place"})) == ["Rencontre de juillet"]
    assert card_titles(client.get(index.url, {"tag": "direct"})) == ["Direct de juin"]
    response = client.get(index.url, {"mois": "2025-07"})
    assert card_titles(response) == ["Rencontre de juillet", "Tard le 31 juillet"]
    assert_accessible(response)
    months = [plain(o.get_text()) for o in soup(response).select("#filter-mois option")]
    assert months == ["Tous les mois", "juillet 2025", "juin 2025"]
    # Unknown or hostile values are ignored, never an error.
    for params in (
        {"mois": "2025-13"},
        {"format": 'en-ligne" OR 1=1'},
        {"mois": "9" * 500},
        {"tag": "inconnu"},
        {"quand": "x"},
    ):
        assert len(card_titles(client.get(index.url, params))) == 3


def test_content_date_is_the_local_day_of_the_event(make_event, clock):
    clock(paris(2025, 5, 1, 12))
    event = make_event(title="Minuit", start=paris(2025, 6, 3, 0, 30))
    assert event.start.astimezone(datetime.UTC).date() == datetime.date(2025, 6, 2)
    assert event.get_content_date() == datetime.date(2025, 6, 3)


def test_event_elsewhere_shows_its_own_hour_and_zone(client, make_event, clock):
    from zoneinfo import ZoneInfo

    clock(paris(2025, 5, 1, 12))
    martinique = ZoneInfo("America/Martinique")
    event = make_event(
        title="Direct depuis Fort-de-France",
        start=datetime.datetime(2025, 6, 3, 19, tzinfo=martinique),
        timezone="America/Martinique",
    )
    facts = plain(
        soup(client.get(event.url)).select_one(".event-facts dd").get_text(" ", strip=True)
    )
    assert "de 19 h 00 à 21 h 00" in facts
    assert "heure locale : Martinique" in facts
