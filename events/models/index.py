"""/evenements/: the events section's page, its listing and its calendar feeds.

The listing is one queryset with server-side filters read from the query string
(``quand``, ``format``, ``tag``, ``mois``); they work without JavaScript and an unknown
value is ignored rather than emptying the page. The number of queries does not grow
with the number of events.
"""

import re

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from fabrique.core.models import SectionIndexPage, section_intro
from fabrique.web.querystring import clean_filter_value

from ..choices import EventFormat
from ..feeds import calendar_feed
from .event import EventPage, EventPageTag

EVENTS_PER_PAGE = 12
WHEN_CHOICES = [("a-venir", _("À venir")), ("passes", _("Passés"))]
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """/evenements/: coming events then past ones, filters, and the calendar feeds."""

    intro = section_intro(
        _("Affichée sous le titre de la page Événements, au-dessus des événements à venir.")
    )

    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("index des événements")

    def get_events(self):
        """Live public events under this index, with what a card shows."""
        return EventPage.objects.live().public().child_of(self).for_cards()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context

    @path("ical/")
    def calendar(self, request):
        return calendar_feed(self, request)

    @path("ical/<str:tag_slug>/")
    def tag_calendar(self, request, tag_slug):
        return calendar_feed(self, request, tag_slug=tag_slug)


def listing_context(index, request) -> dict:
    """The listing's page of events and the filters' state, for the index's template."""
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
