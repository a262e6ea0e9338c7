from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fabrique.moderation.signals import status_changed, submission_received
from fabrique.web.uploads import register_public_upload_limit

from .attachments import public_limit


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Appels à contributions")

    def ready(self):
        # views: fill the routes of the call pages (models never import views);
        # signals: publishing an Inspir'action publishes the answer it came from.
        # notifications: the mail worker writes this app's messages at send time.

        # Imported here, not at the top: they import models, which Django loads only
        # after every app's configuration.
        from . import notifications, signals, views  # noqa: F401
        from .models import CallAnswer

        notifications.register_messages()
        # The e-mails that follow a committed moderation action, in the order they leave.
        submission_received.connect(
            notifications.notify_moderators_new_answer,
            sender=CallAnswer,
            dispatch_uid="contributions.notify_moderators",
        )
        submission_received.connect(
            notifications.send_email_confirmation,
            sender=CallAnswer,
            dispatch_uid="contributions.confirm_address",
        )
        status_changed.connect(
            notifications.notify_decision,
            sender=CallAnswer,
            dispatch_uid="contributions.notify_decision",
        )
        # The answer form takes files from strangers: the site's upload handler keeps
        # every public request within these limits while the body arrives.
        register_public_upload_limit(public_limit)
