"""Whether an event is coming, live or over: computed from the clock, in one place.

Nothing about an event's state is stored: a page rendered at 17:59 says « à venir » and
the same page at 18:00 says « en direct ». ``state_at`` also says when the state will next
change, which is exactly how long a cached rendering of it stays true (the live banner
uses it today; a page cache would tomorrow).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .choices import EventPhase


@dataclass(frozen=True)
class EventState:
    phase: EventPhase
    # The instant the phase changes next (the start, then the end); None once over.
    next_change: datetime.datetime | None

    @property
    def is_upcoming(self) -> bool:
        return self.phase == EventPhase.UPCOMING

    @property
    def is_live(self) -> bool:
        return self.phase == EventPhase.LIVE

    @property
    def is_over(self) -> bool:
        return self.phase == EventPhase.OVER

    @property
    def label(self) -> str:
        return str(self.phase.label)


def state_at(
    start: datetime.datetime, end: datetime.datetime, now: datetime.datetime | None = None
) -> EventState:
    """The phase of an event running from ``start`` (included) to ``end`` (excluded) at ``now``."""
    now = now or timezone.now()
    if now < start:
        return EventState(EventPhase.UPCOMING, start)
    if now < end:
        return EventState(EventPhase.LIVE, end)
    return EventState(EventPhase.OVER, None)
