from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Événements")

    def ready(self):
        # signals: the calendar SEQUENCE and the live banner follow each publication.
        from fabrique.core.frontend_cache import register_purge_urls

        from . import signals  # noqa: F401
        from .feeds import purge_urls
        from .models import EventPage

        # A CDN drops the calendars that list an event when it is published.
        register_purge_urls(EventPage, purge_urls)
