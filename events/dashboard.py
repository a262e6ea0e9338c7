"""Dashboard panel « Prochains événements »: the next published events, soonest first."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models import EventPage


class UpcomingEventsPanel(Component):
    """One query, whatever the number of events: no count, the next few only."""

    name = "upcoming_events"
    order = 70
    template_name = "events/admin/upcoming_panel.html"
    limit = 5

    def get_context_data(self, parent_context=None):
        events = (
            EventPage.objects.live().upcoming(timezone.now()).order_by("start", "pk")[: self.limit]
        )
        return {"events": list(events)}
