"""The home page's « Événements » block and the event pages' small template helpers."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from ..choices import EventStatus
from ..feeds import calendar_links
from ..models import EventIndexPage, EventPage

register = template.Library()

HOME_EVENTS = 3


def render_home(request, page) -> str:
    """The event live now first, then the next ones; empty when nothing is coming."""
    now = timezone.now()
    events = list(
        EventPage.objects.live()
        .public()
        .upcoming(now)
        .exclude(status=EventStatus.CANCELLED)
        .for_cards()
        .order_by("start", "pk")[: HOME_EVENTS * 2]
    )
    for event in events:
        event.current_state = event.state(now)
    # Live ones first (a live event started earlier than the next one anyway, but a long
    # on-site event may have begun before a live show that is on now).
    events.sort(key=lambda event: (not event.current_state.is_live, event.start))
    events = events[:HOME_EVENTS]
    if not events:
        return ""
    index = EventIndexPage.objects.live().public().first()
    return render_to_string(
        "events/includes/home_section.html",
        {"events": events, "index": index, "request": request},
        request=request,
    )


@register.simple_tag(takes_context=True)
def event_calendar_links(context, event) -> list[dict]:
    return calendar_links(event, context.get("request"))
