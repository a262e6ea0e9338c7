"""The events app's place in the admin: its dashboard panel."""

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission

from .dashboard import UpcomingEventsPanel


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    """For the people who write pages (Éditeurs, Contributeurs): what is coming up, so a
    page announcing it can be written in time. Modérateurs, who write no page, do not
    get it."""
    if user_has_any_page_permission(request.user):
        panels.append(UpcomingEventsPanel())
