"""Editors create and fix events in the Wagtail admin: French messages beside the fields,
hours read in the event's own time zone, nothing saved half-way."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventPage
from tests.page_form_data import admin_datetime

from .conftest import paris

pytestmark = pytest.mark.django_db


def event_data(**overrides) -> dict:
    data = {
        "title": "Direct : la santé mentale des internes",
        "slug": "direct-sante-mentale-internes",
        "summary": "Un direct avec des internes.",
        # As the admin's date picker writes them (WAGTAIL_DATETIME_FORMAT).
        "start": admin_datetime(datetime.datetime(2025, 10, 26, 18)),
        "end": admin_datetime(datetime.datetime(2025, 10, 26, 20)),
        "timezone": "Europe/Paris",
        "format": "en-ligne",
        "status": "prevu",
        "live_url": "https://www.twitch.tv/lafabriquedessoignants",
        "organiser_name": "La Fabrique des Soignants",
        "step_free_access": "",
        "tags": "direct, internes",
        "body": streamfield([]),
        "speakers": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def field_error(response, name: str) -> str:
    """The error text Wagtail shows with the field ``name`` (empty when none)."""
    form = response.context["form"]
    assert name in form.errors, form.errors
    message = " ".join(form.errors[name])
    html = BeautifulSoup(response.content.decode(), "html.parser")
    field = html.find(attrs={"name": name})
    wrapper = field.find_parent(attrs={"data-field-wrapper": True}) or field.parent.parent
    assert message in wrapper.get_text(" ", strip=True), "le message doit suivre le champ"
    return message


def test_editor_publishes_an_online_event(admin_client, index):
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {**event_data(), "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="direct-sante-mentale-internes")
    assert event.live
    # 18:00 in Paris on the last Sunday of October (winter time): 17:00 UTC.
    assert event.start == paris(2025, 10, 26, 18)
    assert event.start.astimezone(datetime.UTC).hour == 17
    assert event.ical_sequence == 1
    assert sorted(tag.name for tag in event.tags.all()) == ["direct", "internes"]


def test_hours_are_those_of_the_events_time_zone(admin_client, index):
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    data = event_data(
        timezone="America/Martinique", start="2025-06-03 19:00", end="2025-06-03 21:00"
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(
        slug="direct-sante-mentale-internes"
    ).get_latest_revision_as_object()
    martinique = ZoneInfo("America/Martinique")
    assert event.start == datetime.datetime(2025, 6, 3, 19, tzinfo=martinique)
    # The edit form shows the same 19:00 back, not the Paris hour.
    edit = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    field = BeautifulSoup(edit.content.decode(), "html.parser").find(
        "input", attrs={"name": "start"}
    )
    assert field["value"] == "03/06/2025 19:00"


def test_end_before_start_is_refused_with_a_french_message(admin_client, make_event, clock):
    clock(paris(2025, 5, 1, 12))
    event = make_event(title="Avant", slug="avant", start=paris(2025, 6, 3, 18))
    revisions = event.revisions.count()
    response = admin_client.post(
        f"/admin/pages/{event.pk}/edit/",
        event_data(
            title="Après modification",
            slug="avant",
            start="2025-06-03 18:00",
            end="2025-06-03 17:00",
        ),
    )
    assert response.status_code == 200
    assert field_error(response, "end") == "La fin doit venir après le début."
    # The editor's text is kept in the form, nothing was saved.
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.find("input", attrs={"name": "title"})["value"] == "Après modification"
    assert event.revisions.count() == revisions
    event.refresh_from_db()
    assert event.title == "Avant"


def test_on_site_event_needs_a_venue_and_online_one_a_url(admin_client, index):
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    response = admin_client.post(url, event_data(format="sur-place", live_url=""))
    assert field_error(response, "venue_name") == "Indiquez le lieu d'un événement sur place."
    assert field_error(response, "venue_city") == "Indiquez la ville d'un événement sur place."
    response = admin_client.post(url, event_data(format="hybride", live_url="", venue_name="Salle"))
    assert field_error(response, "live_url") == (
        "Un événement en ligne a besoin de l'adresse du direct ou de celle de l'inscription."
    )
    assert "venue_name" not in response.context["form"].errors
    response = admin_client.post(url, event_data(live_url="https://exemple.org/direct"))
    assert field_error(response, "live_url").startswith("Adresse non reconnue")
    assert not EventPage.objects.exists()
    # An online event on another platform: the registration address is enough.
    response = admin_client.post(
        url, event_data(live_url="", registration_url="https://inscriptions.example.org/x")
    )
    assert response.status_code == 302


def test_skipped_hour_of_the_spring_change_is_refused(admin_client, index):
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    response = admin_client.post(url, event_data(start="2026-03-29 02:30", end="2026-03-29 04:00"))
    assert field_error(response, "start") == (
        "Cette heure n'existe pas ce jour-là dans ce fuseau (passage à l'heure d'été) : "
        "choisissez-en une autre."
    )
    # In Martinique, where the clocks do not change, the same hour is fine.
    response = admin_client.post(
        url,
        event_data(timezone="America/Martinique", start="2026-03-29 02:30", end="2026-03-29 04:00"),
    )
    assert response.status_code == 302, response.context["form"].errors


def test_all_day_event_is_edited_as_its_first_and_last_day(admin_client, index):
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    response = admin_client.post(
        url,
        event_data(all_day="on", start="2025-06-03 10:00", end="2025-06-04 00:00"),
    )
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get().get_latest_revision_as_object()
    assert event.start == paris(2025, 6, 3)
    assert event.end == paris(2025, 6, 5)  # the midnight after the last day
    edit = BeautifulSoup(
        admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode(), "html.parser"
    )
    assert edit.find("input", attrs={"name": "end"})["value"] == "04/06/2025 00:00"


def test_the_pickers_format_is_saved_and_an_unchanged_event_saves_again(admin_client, index):
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    response = admin_client.post(
        url, {**event_data(start="12/02/2027 18:30", end="12/02/2027 20:00")}
    )
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get().get_latest_revision_as_object()
    assert event.start == paris(2027, 2, 12, 18, 30)
    # Saved again as the edit form shows it: the values the picker put in the fields.
    edit = BeautifulSoup(
        admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode(), "html.parser"
    )
    shown = {name: edit.find("input", attrs={"name": name})["value"] for name in ("start", "end")}
    assert shown == {"start": "12/02/2027 18:30", "end": "12/02/2027 20:00"}
    response = admin_client.post(
        f"/admin/pages/{event.pk}/edit/", event_data(title="Encore", **shown)
    )
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get().get_latest_revision_as_object()
    assert (event.title, event.start, event.end) == (
        "Encore",
        paris(2027, 2, 12, 18, 30),
        paris(2027, 2, 12, 20),
    )


def test_iso_typed_by_hand_is_accepted(admin_client, index):
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    response = admin_client.post(url, event_data(start="2027-02-12 18:30", end="2027-02-12T20:00"))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get().get_latest_revision_as_object()
    assert (event.start, event.end) == (paris(2027, 2, 12, 18, 30), paris(2027, 2, 12, 20))


@pytest.mark.parametrize(
    "typed", ["demain soir", "31/02/2027 18:30", "12/02/2027 25:00", "01/01/0001 00:00"]
)
def test_an_unreadable_date_gets_a_french_message_beside_it(admin_client, index, typed):
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    response = admin_client.post(url, event_data(start=typed))
    assert response.status_code == 200
    assert field_error(response, "start") == (
        "Date ou heure non reconnue : écrivez-la sous la forme 12/02/2027 18:30."
    )
    # What was typed is kept for the editor to correct; nothing was stored.
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.find("input", attrs={"name": "start"})["value"] == typed
    assert not EventPage.objects.exists()
