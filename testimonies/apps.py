from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimoniesConfig(AppConfig):
    name = "testimonies"
    verbose_name = _("Vos histoires")

    def ready(self):
        # Connects the receivers that keep unpublished stories out of the search index.
        from . import signals  # noqa: F401
