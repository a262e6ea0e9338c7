from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Appels à contributions")

    def ready(self):
        # views: fill the routes of the call pages (models never import views);
        # signals: publishing an Inspir'action publishes the answer it came from.
        # notifications: the mail worker writes this app's messages at send time.
        from . import notifications, signals, views  # noqa: F401

        notifications.register_messages()
