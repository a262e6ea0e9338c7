from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Événements")

    def ready(self):
        # signals: the calendar SEQUENCE and the live banner follow each publication.
        from . import signals  # noqa: F401
