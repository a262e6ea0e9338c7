"""iCalendar (RFC 5545) files of events, written with icalendar 7.

Each VEVENT carries a stable UID (the page's translation key, which never changes), a
SEQUENCE raised at each publication, its hours with a TZID and the matching VTIMEZONE
(so a calendar shows 18:00 Paris time whatever the season), an HTML-free DESCRIPTION
ending with the page's address, and STATUS:CANCELLED when the event is cancelled.
icalendar writes CRLF line ends and folds lines longer than 75 octets. Control
characters are removed from the finished file (``fabrique.core.xml_text``).
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from fabrique.core.xml_text import strip_illegal_bytes

PRODID = "-//La Fabrique des Soignants//Fabrique evenements//FR"


def _plain(html: str) -> str:
    text = strip_tags(html.replace("</p>", "</p>\n").replace("<br>", "\n"))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def one_line(text: str) -> str:
    """Text for a place that allows no line break (a parameter value): breaks become spaces."""
    return " ".join((text or "").split())


def event_uid(event) -> str:
    return f"{event.translation_key}@fabrique-des-soignants"


def event_description(event, page_url: str) -> str:
    """Plain text: summary, how to follow or reach it, accessibility, replay, the page."""
    parts = []
    if event.is_cancelled:
        parts.append(_("Événement annulé."))
    elif event.status != "prevu":
        parts.append(str(event.get_status_display()) + ".")
    if event.summary:
        parts.append(_plain(event.summary))
    body = _plain(str(event.body)) if event.body else ""
    if body:
        parts.append(Truncator(body).words(120, truncate="…"))
    if event.is_online and event.live_url:
        parts.append(_("En direct : %s") % event.live_url)
    if event.registration_url:
        parts.append(_("Inscription : %s") % event.registration_url)
    access = event.accessibility_lines()
    if access:
        parts.append(_("Accessibilité :") + "\n" + "\n".join(f"- {line}" for line in access))
    parts.append(_("Plus d'informations : %s") % page_url)
    return "\n\n".join(parts)


def build_event(event, request, organiser_email: str = "") -> Event:
    page_url = event.get_full_url(request)
    vevent = Event()
    vevent.add("uid", event_uid(event))
    stamp = event.last_published_at or timezone.now()
    vevent.add("dtstamp", stamp.astimezone(datetime.UTC))
    vevent.add("sequence", event.ical_sequence)
    if event.all_day:
        vevent.add("dtstart", event.local_start.date())
        vevent.add("dtend", event.local_end.date())
    else:
        vevent.add("dtstart", event.local_start)
        vevent.add("dtend", event.local_end)
    vevent.add("summary", event.title)
    vevent.add("description", event_description(event, page_url))
    vevent.add("url", page_url)
    location = event.location_text
    if location:
        vevent.add("location", location)
    if event.is_on_site and event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))
    email = event.organiser_email or organiser_email
    if email:
        organizer = vCalAddress(f"mailto:{email}")
        # A parameter value is quoted, never escaped: a line break would end the line.
        organizer.params["cn"] = vText(one_line(event.organiser_name))
        vevent.add("organizer", organizer)
    tags = [tag.name for tag in event.tags.all()]
    if tags:
        vevent.add("categories", tags)
    if event.is_cancelled:
        vevent.add("status", "CANCELLED")
    else:
        vevent.add("status", "CONFIRMED")
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    return vevent


def build_calendar(events, request, name: str, organiser_email: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # icalendar escapes only the properties it knows as text: an X- property given as a
    # plain string goes out as it is, and a line break in a title (the event's, the
    # site's) would end the line and break the whole file. vText escapes it.
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", vText(settings.TIME_ZONE))
    # Calendars that subscribe come back about every six hours.
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"value": "DURATION"})
    for event in events:
        calendar.add_component(build_event(event, request, organiser_email))
    calendar.add_missing_timezones()
    if not calendar.subcomponents:
        # No event (all older than a year, or none yet): the site's time zone keeps the
        # file valid (RFC 5545 wants one component) for calendars that subscribed.
        calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    # RFC 5545 text cannot carry control characters: text saved before they were refused
    # (or by code that skips validation) is cleaned here, the site's one helper.
    return strip_illegal_bytes(calendar.to_ical())
