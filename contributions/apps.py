from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Appels à contributions")

    def ready(self):
        # views: fill the routes of the call pages (models never import views);
        # signals: publishing an Inspir'action publishes the answer it came from.
        # notifications: the mail worker writes this app's messages at send time.
        from fabrique.web.uploads import register_public_upload_limit

        from . import notifications, signals, views  # noqa: F401
        from .attachments import public_limit

        notifications.register_messages()
        # The answer form takes files from strangers: the site's upload handler keeps
        # every public request within these limits while the body arrives.
        register_public_upload_limit(public_limit)
