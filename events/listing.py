"""The events listing: one queryset, server-side filters, a fixed number of queries.

Filters come from the query string (``quand``, ``format``, ``tag``, ``mois``) and work
without JavaScript; an unknown value is ignored rather than emptying the page.
"""

import re

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from fabrique.web.querystring import clean_filter_value

WHEN_CHOICES = [("a-venir", _("À venir")), ("passes", _("Passés"))]
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def listing_context(index, request) -> dict:
    from .models import EVENTS_PER_PAGE, EventFormat, EventPage, EventPageTag

    now = timezone.now()
    all_events = EventPage.objects.live().public().child_of(index)
    events = index.get_events()

    when = clean_filter_value(request.GET.get("quand"))
    if when == "a-venir":
        events = events.upcoming(now)
    elif when == "passes":
        events = events.past(now)
    else:
        when = ""

    event_format = clean_filter_value(request.GET.get("format"))
    if event_format in EventFormat.values:
        events = events.filter(format=event_format)
    else:
        event_format = ""

    tags = list(
        Tag.objects.filter(
            pk__in=EventPageTag.objects.filter(content_object__in=all_events).values("tag_id")
        ).order_by("name")
    )
    tag_slug = clean_filter_value(request.GET.get("tag"))
    current_tag = next((tag for tag in tags if tag.slug == tag_slug), None)
    if current_tag:
        events = events.filter(tags=current_tag)

    site_zone = timezone.get_current_timezone()
    months = list(all_events.datetimes("start", "month", order="DESC", tzinfo=site_zone))
    month = clean_filter_value(request.GET.get("mois"))
    match = MONTH.match(month)
    current_month = None
    if match and 1 <= int(match.group(2)) <= 12:
        year, number = int(match.group(1)), int(match.group(2))
        current_month = next((m for m in months if (m.year, m.month) == (year, number)), None)
        if current_month:
            events = events.in_month(year, number, site_zone)

    page_obj = Paginator(events.in_listing_order(now), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for event in page_obj:
        event.current_state = event.state(now)
    return {
        "page_obj": page_obj,
        "when": when,
        "when_choices": WHEN_CHOICES,
        "event_format": event_format,
        "format_choices": EventFormat.choices,
        "tags": tags,
        "current_tag": current_tag,
        "months": months,
        "current_month": current_month,
        "filtered": bool(when or event_format or current_tag or current_month),
    }
