"""The .ics of an event and the subscribable feeds: parsed back with icalendar."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from events.choices import EventFormat, EventStatus
from events.models import EventPage
from fabrique.core.factories import PersonFactory
from tests.html import plain

from .conftest import PARIS, paris

pytestmark = pytest.mark.django_db


def ics_url(event) -> str:
    return event.url + event.reverse_subpage("ics")


def calendar_of(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def only_event(calendar: Calendar):
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


@pytest.fixture
def meetup(make_event, clock):
    clock(paris(2025, 5, 1, 12))
    return make_event(
        title="Rencontre à Lyon",
        summary="Une soirée <b>entre</b> lecteur·rices et soignant·es.",
        start=paris(2025, 6, 3, 18, 30),
        end=paris(2025, 6, 3, 21),
        format=EventFormat.ON_SITE,
        venue_name="Maison de la santé",
        venue_address="12 rue de Marseille",
        venue_postcode="69007",
        venue_city="Lyon",
        latitude="45.7533",
        longitude="4.8436",
        organiser_email="rencontres@example.org",
        step_free_access="complet",
        sign_language=True,
        quiet_room=True,
        access_contact="accessibilite@example.org",
        tags=["rencontre", "vos histoires"],
        speakers=[PersonFactory(name="Jalel Malek Hamza")],
        body=[{"type": "paragraph", "value": "<p>Un <i>buffet</i> suivra.</p>"}],
    )


def test_event_ics_carries_every_field_a_calendar_needs(client, meetup):
    response = client.get(ics_url(meetup))
    assert response["Content-Disposition"] == 'attachment; filename="rencontre-a-lyon.ics"'
    raw = response.content
    # CRLF line ends everywhere, lines folded at 75 octets.
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = calendar_of(response)
    assert str(calendar["VERSION"]) == "2.0"
    vevent = only_event(calendar)
    assert str(vevent["UID"]) == f"{meetup.translation_key}@fabrique-des-soignants"
    assert vevent["DTSTAMP"].dt.tzinfo is not None
    assert vevent["SEQUENCE"] == 1
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent["DTSTART"].dt == paris(2025, 6, 3, 18, 30)
    assert vevent["DTEND"].dt == paris(2025, 6, 3, 21)
    # The matching VTIMEZONE is in the file.
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(vevent["SUMMARY"]) == "Rencontre à Lyon"
    description = str(vevent["DESCRIPTION"])
    assert "<" not in description
    assert "Une soirée entre lecteur·rices et soignant·es." in description
    assert "Un buffet suivra." in description
    assert "Accès de plain-pied complet" in description
    assert "Interprétation en langue des signes française (LSF)" in description
    assert "Salle calme disponible" in description
    assert "accessibilite@example.org" in description
    assert description.endswith(meetup.full_url)
    assert str(vevent["URL"]) == meetup.full_url
    assert str(vevent["LOCATION"]) == "Maison de la santé, 12 rue de Marseille, 69007 Lyon"
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (45.7533, 4.8436)
    assert str(vevent["ORGANIZER"]) == "mailto:rencontres@example.org"
    assert vevent["ORGANIZER"].params["CN"] == "La Fabrique des Soignants"
    assert sorted(vevent.categories) == ["rencontre", "vos histoires"]
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_cancelled_event_says_so_to_calendars(client, make_event, clock):
    clock(paris(2025, 5, 1, 12))
    event = make_event(title="Annulé", start=paris(2025, 6, 3, 18), status=EventStatus.CANCELLED)
    vevent = only_event(calendar_of(client.get(ics_url(event))))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["DESCRIPTION"]).startswith("Événement annulé.")
    page = BeautifulSoup(client.get(event.url).content.decode(), "html.parser")
    assert page.select_one(".event-status").get_text(strip=True) == "Événement annulé"
    # No « add to my calendar » nor « follow the live » for an event that will not happen.
    assert page.find(id="calendar-title") is None
    assert "Suivre le direct" not in page.get_text()


def test_sequence_rises_with_each_publication_and_the_uid_stays(client, meetup):
    first = only_event(calendar_of(client.get(ics_url(meetup))))
    draft = meetup.save_revision()  # a draft saved now, published later
    meetup.title = "Rencontre à Lyon (salle changée)"
    meetup.venue_name = "Salle des fêtes"
    meetup.save_revision().publish()
    second = only_event(calendar_of(client.get(ics_url(meetup))))
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1 == 2
    assert str(second["UID"]) == str(first["UID"])
    assert "Salle des fêtes" in str(second["LOCATION"])
    # Publishing the older draft is a change too: the counter never goes back.
    draft.publish()
    third = only_event(calendar_of(client.get(ics_url(meetup))))
    assert third["SEQUENCE"] == 3
    # Saving a draft changes nothing readers' calendars see.
    meetup.refresh_from_db()
    meetup.save_revision()
    assert only_event(calendar_of(client.get(ics_url(meetup))))["SEQUENCE"] == 3


def test_same_local_hour_on_both_sides_of_daylight_saving(client, make_event, clock):
    """The last Sundays of October and March: 18:00 in Paris on the page and in the .ics."""
    clock(paris(2025, 9, 1, 12))
    october = make_event(title="Dernier dimanche d'octobre", start=paris(2025, 10, 26, 18))
    march = make_event(title="Dernier dimanche de mars", start=paris(2026, 3, 29, 18))
    # Two different offsets from UTC, one local hour.
    assert october.start.astimezone(datetime.UTC).hour == 17
    assert march.start.astimezone(datetime.UTC).hour == 16
    for event, day in ((october, "dimanche 26 octobre 2025"), (march, "dimanche 29 mars 2026")):
        page = BeautifulSoup(client.get(event.url).content.decode(), "html.parser")
        when = plain(page.select_one(".event-facts dd").get_text(" ", strip=True))
        assert when.startswith(day)
        assert "de 18 h 00 à 20 h 00" in when
        vevent = only_event(calendar_of(client.get(ics_url(event))))
        assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
        local = vevent["DTSTART"].dt
        assert (local.hour, local.minute) == (18, 0)
        assert local.astimezone(PARIS).hour == 18
        assert b"DTSTART;TZID=Europe/Paris:" + local.strftime("%Y%m%dT1800").encode() in (
            client.get(ics_url(event)).content
        )
    # Both events in the feed, with one VTIMEZONE describing both offsets.
    feed = calendar_of(client.get(october.get_parent().url + "ical/"))
    timezones = feed.walk("VTIMEZONE")
    assert len(timezones) == 1
    # A calendar that knows only this VTIMEZONE (not the tz database) gets both offsets right.
    described = timezones[0].to_tz()
    hour = datetime.timedelta(hours=1)
    assert datetime.datetime(2025, 10, 26, 18, tzinfo=described).utcoffset() == hour
    assert datetime.datetime(2026, 3, 29, 18, tzinfo=described).utcoffset() == 2 * hour


def test_all_day_event_uses_dates(client, make_event, clock):
    clock(paris(2025, 5, 1, 12))
    event = make_event(
        title="Congrès",
        start=paris(2025, 6, 3),
        end=paris(2025, 6, 5),
        all_day=True,
    )
    vevent = only_event(calendar_of(client.get(ics_url(event))))
    assert vevent["DTSTART"].dt == datetime.date(2025, 6, 3)
    assert vevent["DTEND"].dt == datetime.date(2025, 6, 5)  # exclusive: the 3rd and the 4th
    page = BeautifulSoup(client.get(event.url).content.decode(), "html.parser")
    when = plain(page.select_one(".event-facts dd").get_text(" ", strip=True))
    assert when == "Du mardi 3 juin 2025 au mercredi 4 juin 2025"


def test_feed_lists_coming_events_and_one_feed_per_tag(client, index, make_event, clock):
    clock(paris(2025, 6, 10, 12))
    make_event(title="Passé", start=paris(2025, 6, 1, 18), tags=["direct"])
    make_event(title="Bientôt", start=paris(2025, 6, 20, 18), tags=["direct"])
    make_event(title="Rencontre", start=paris(2025, 6, 15, 18), tags=["rencontre"])
    make_event(title="Annulé", start=paris(2025, 6, 16, 18), status=EventStatus.CANCELLED)
    page = BeautifulSoup(client.get(index.url).content.decode(), "html.parser")
    link = page.find("link", rel="alternate", type="text/calendar")
    assert link["href"] == f"http://testserver{index.url}ical/"
    feed = client.get(index.url + "ical/")
    assert feed["Content-Disposition"] == 'inline; filename="evenements.ics"'
    calendar = calendar_of(feed)
    # Past events stay a year: a calendar keeps its history.
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [
        "Passé",
        "Rencontre",
        "Annulé",
        "Bientôt",
    ]
    assert str(calendar["X-WR-CALNAME"]).endswith("Événements")
    tagged = client.get(index.url, {"tag": "direct"})
    tag_link = BeautifulSoup(tagged.content.decode(), "html.parser").find_all(
        "link", rel="alternate", type="text/calendar"
    )[-1]
    assert tag_link["href"] == index.url + "ical/direct/"
    tag_calendar = calendar_of(client.get(tag_link["href"]))
    assert [str(e["SUMMARY"]) for e in tag_calendar.walk("VEVENT")] == ["Passé", "Bientôt"]
    assert client.get(index.url + "ical/inconnu/").status_code == 404


def test_a_calendar_keeps_a_year_of_past_events_and_is_never_empty(
    client, index, make_event, clock
):
    from taggit.models import Tag

    clock(paris(2024, 6, 1, 12))
    make_event(title="Ancien", start=paris(2024, 6, 3, 18), tags=["archives"])
    make_event(title="L'an dernier", start=paris(2024, 9, 3, 18), tags=["direct"])
    Tag.objects.get_or_create(name="jamais", slug="jamais")
    clock(paris(2025, 7, 1, 12))
    calendar = calendar_of(client.get(index.url + "ical/"))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["L'an dernier"]
    # Every event of the tag is older than a year: no event, but never an empty VCALENDAR.
    old = client.get(index.url + "ical/archives/")
    assert not calendar_of(old).walk("VEVENT")
    assert calendar_of(old).subcomponents, "RFC 5545: at least one component"
    assert b"BEGIN:VTIMEZONE" in old.content
    # A tag no event ever carried has no calendar at all.
    assert client.get(index.url + "ical/jamais/").status_code == 404


def test_commas_in_a_calendar_name_are_escaped(client, index, make_event, clock):
    clock(paris(2025, 6, 1, 12))
    make_event(title="Soirée", start=paris(2025, 6, 3, 18), tags=["soin, santé"])
    index.title = "Rencontres, débats"
    index.save_revision().publish()
    for url in (index.url + "ical/", index.url + "ical/soin-sante/"):
        response = client.get(url)
        unfolded = response.content.decode().replace("\r\n ", "")
        name = next(line for line in unfolded.split("\r\n") if line.startswith("X-WR-CALNAME"))
        assert "Rencontres\\, débats" in name, name
        assert not re.search(r"(?<!\\),", name), name


def test_add_to_calendar_links(client, meetup):
    page = BeautifulSoup(client.get(meetup.url).content.decode(), "html.parser")
    section = page.find(id="calendar-title").parent
    links = {a.get_text(strip=True): a["href"] for a in section.find_all("a")}
    assert links["Fichier .ics (Apple, Thunderbird…)"] == ics_url(meetup)
    google = links["Google Agenda"]
    assert google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
    assert "dates=20250603T163000Z%2F20250603T190000Z" in google
    outlook = links["Outlook"]
    assert outlook.startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    assert "startdt=2025-06-03T16%3A30%3A00Z" in outlook
    # Plain links: nothing on the page loads from those services.
    assert not page.find("script", src=lambda src: src and "google" in src)
    assert not page.find("iframe")


def test_a_copied_event_is_a_new_event_for_calendars(client, meetup):
    meetup.save_revision().publish()
    meetup.save_revision().publish()
    assert only_event(calendar_of(client.get(ics_url(meetup))))["SEQUENCE"] == 3
    # Copied live: published once as itself, with its own UID.
    copy = meetup.copy(update_attrs={"slug": "rencontre-a-lyon-bis", "title": "Rencontre bis"})
    second = only_event(calendar_of(client.get(ics_url(copy))))
    assert second["SEQUENCE"] == 1
    assert str(second["UID"]) != f"{meetup.translation_key}@fabrique-des-soignants"


def test_line_breaks_in_titles_and_names_keep_every_calendar_whole(client, index, meetup):
    """Titles set around the admin's one-line input (an import, the API, an old row): the
    calendar's name is escaped like the summary, the organiser's name is put on one line."""
    EventPage.objects.filter(pk=meetup.pk).update(
        title="Rencontre\nà Lyon; salle 2, étage", organiser_name="Équipe\nrencontres"
    )
    index.title = "Agenda\ndes soignant·es"
    index.save_revision().publish()
    event = EventPage.objects.get(pk=meetup.pk)
    for url in (ics_url(event), index.url + "ical/", index.url + "ical/rencontre/"):
        response = client.get(url)
        # Every content line is a property: no bare line break split one in two.
        unfolded = response.content.decode().replace("\r\n ", "")
        for line in unfolded.split("\r\n")[:-1]:
            assert re.match(r"^[A-Z-]+[;:]", line), line
        calendar = calendar_of(response)
        vevent = only_event(calendar)
        assert str(vevent["SUMMARY"]) == "Rencontre\nà Lyon; salle 2, étage"
        assert vevent["ORGANIZER"].params["CN"] == "Équipe rencontres"
        # Escaped as RFC 5545 text (icalendar reads an X- property back as it was written).
        assert "\\n" in str(calendar["X-WR-CALNAME"])
    ics = Calendar.from_ical(client.get(ics_url(event)).content)
    assert str(ics["X-WR-CALNAME"]).endswith("Rencontre\\nà Lyon\\; salle 2\\, étage")
