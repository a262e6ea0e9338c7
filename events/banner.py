"""The site-wide « En direct » banner: shown on every page while an online event is live.

Which events are live, and until when that answer holds, come from ``events.state``
and the queryset filters; the answer is kept in this process's memory exactly until the
next start or end of an online event (``valid_until``), under the publication
generation that any publication, unpublication or deletion replaces
(``fabrique/core/generation.py``). Most pages thus cost no query for it.
"""

import datetime

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone

from fabrique.core import generation
from fabrique.web.page_cache import keep_no_longer_than

from .models import EventPage

CACHE_KEY = "events:live-banner"
# Even without any change ahead, the answer is recomputed at least this often.
MAX_VALIDITY = datetime.timedelta(hours=6)
# Online events not over yet looked at, soonest first (more would never fit a banner).
BANNER_CANDIDATES = 20


def live_banner_state(now: datetime.datetime | None = None) -> dict:
    """``{"events": [(title, url)…], "valid_from", "valid_until"}`` for ``now``."""
    now = now or timezone.now()
    key = f"{CACHE_KEY}:{generation.current()}"
    cached = caches["reading"].get(key)
    if cached and cached["valid_from"] <= now < cached["valid_until"]:
        return cached
    # One query when no online event is coming (the usual case on a cold cache); the
    # view restrictions are read only when there is a candidate to check.
    candidates = list(
        EventPage.objects.live()
        .broadcast()
        .filter(end__gt=now)
        .order_by("start", "pk")[:BANNER_CANDIDATES]
    )
    if candidates:
        public = set(
            EventPage.objects.filter(pk__in=[event.pk for event in candidates])
            .public()
            .values_list("pk", flat=True)
        )
        candidates = [event for event in candidates if event.pk in public]
    live = [event for event in candidates if event.state(now).is_live]
    changes = [event.state(now).next_change for event in candidates]
    changes.append(now + MAX_VALIDITY)
    valid_until = min(change for change in changes if change is not None)
    state = {
        "events": [(event.title, event.get_url()) for event in live],
        "valid_from": now,
        "valid_until": valid_until,
    }
    timeout = max(1, int((valid_until - now).total_seconds()))
    # In this process's memory, for this generation: a reader's GET writes nothing.
    caches["reading"].set(key, state, timeout)
    return state


def render(request) -> str:
    state = live_banner_state()
    # The banner turns on or off at valid_until: the page's cached copy ends there too.
    keep_no_longer_than(request, state["valid_until"])
    events = state["events"]
    if not events:
        return ""
    return render_to_string("events/includes/live_banner.html", {"events": events}, request=request)
