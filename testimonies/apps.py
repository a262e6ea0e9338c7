from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimoniesConfig(AppConfig):
    name = "testimonies"
    verbose_name = _("Vos histoires")

    def ready(self):
        # signals: keep unpublished stories out of the search index.
        # views: register the views behind TestimonyIndexPage's routes (models never
        # import views).
        # notifications: the mail worker writes this app's messages at send time.
        from . import notifications, signals, views  # noqa: F401

        notifications.register_messages()
