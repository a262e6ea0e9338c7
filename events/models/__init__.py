"""Événements: live shows, meet-ups and conferences, from announcement to replay.

Times are stored as instants (aware datetimes, UTC in the database) with the name of the
time zone the event happens in: the page, the listing and the calendar files show the
wall-clock hour of that zone, so an event at 18:00 in Paris stays at 18:00 across the
daylight-saving changes. Whether an event is coming, live or over is never stored: it
is computed from the clock by ``events.state`` on each request.
"""

from .event import EventManager, EventPage, EventPageTag, EventQuerySet, EventSpeaker
from .index import EventIndexPage

__all__ = [
    "EventIndexPage",
    "EventManager",
    "EventPage",
    "EventPageTag",
    "EventQuerySet",
    "EventSpeaker",
]
