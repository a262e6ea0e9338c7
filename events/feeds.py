"""Calendar responses (one event, the upcoming events, one tag) and « Ajouter à mon agenda ».

The feeds list events that are not over and those that ended less than a year ago
(``KEEP_PAST``), cancelled ones included: a calendar that subscribed then shows the
cancellation instead of keeping a meeting that will not happen, and keeps last month's
meetings instead of seeing them vanish from its history. A tag that no live event ever
carried has no calendar (404); a calendar whose events are all older than a year still
holds its time zone (RFC 5545 wants at least one component).
"""

import datetime
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from fabrique.core.models import SiteSettings, get_site_name

from .ical import build_calendar, event_description

FEED_LENGTH = 200
KEEP_PAST = datetime.timedelta(days=365)


def _organiser_email(request) -> str:
    return SiteSettings.for_request(request).contact_email


def _calendar_response(content: bytes, filename: str, download: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def event_ics(event, request) -> HttpResponse:
    content = build_calendar(
        [event], request, f"{get_site_name(request)} · {event.title}", _organiser_email(request)
    )
    return _calendar_response(content, f"{event.slug}.ics", download=True)


def calendar_feed(index, request, tag_slug: str | None = None) -> HttpResponse:
    events = index.get_events()
    name = f"{get_site_name(request)} · {index.title}"
    filename = "evenements.ics"
    if tag_slug is not None:
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            raise Http404
        events = events.filter(tags=tag)
        if not events.exists():
            raise Http404
        name = f"{name} · {tag.name}"
        filename = f"evenements-{tag.slug}.ics"
    events = events.filter(end__gt=timezone.now() - KEEP_PAST)
    events = events.order_by("start", "pk")[:FEED_LENGTH]
    content = build_calendar(events, request, name, _organiser_email(request))
    return _calendar_response(content, filename, download=False)


def _utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(event, request) -> list[dict]:
    """« Ajouter à mon agenda »: the .ics file, Google Agenda and Outlook on the web.

    Plain links: nothing is loaded from those services until the reader follows one.
    """
    page_url = event.get_full_url(request) or ""
    details = event_description(event, page_url)
    location = event.location_text
    if event.all_day:
        google_dates = f"{event.local_start.date():%Y%m%d}/{event.local_end.date():%Y%m%d}"
        outlook_start = event.local_start.date().isoformat()
        outlook_end = event.local_end.date().isoformat()
    else:
        google_dates = f"{_utc_stamp(event.start)}/{_utc_stamp(event.end)}"
        outlook_start = event.start.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        outlook_end = event.end.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": google_dates,
            "details": details,
            "location": location,
            "ctz": event.timezone,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": outlook_start,
            "enddt": outlook_end,
            "allday": "true" if event.all_day else "false",
            "body": details,
            "location": location,
        }
    )
    links = [
        {"label": _("Google Agenda"), "url": google, "download": False},
        {"label": _("Outlook"), "url": outlook, "download": False},
    ]
    if event.url:  # not in the preview of a page never saved
        ics = event.url + event.reverse_subpage("ics")
        links.insert(
            0, {"label": _("Fichier .ics (Apple, Thunderbird…)"), "url": ics, "download": True}
        )
    return links


def purge_urls(event) -> list[str]:
    """The calendars that list ``event``: its own, the section's, its keywords' (front-end
    cache)."""
    urls = [event.get_full_url() + event.reverse_subpage("ics")]
    index = event.get_parent().specific
    if hasattr(index, "reverse_subpage"):
        base = index.get_full_url()
        urls.append(base + index.reverse_subpage("calendar"))
        urls += [
            base + index.reverse_subpage("tag_calendar", args=[tag.slug])
            for tag in event.tags.all()
        ]
    return urls
