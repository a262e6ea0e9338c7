from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fabrique.moderation.signals import submission_published, submission_received


class TestimoniesConfig(AppConfig):
    name = "testimonies"
    verbose_name = _("Vos histoires")

    def ready(self):
        # signals: keep unpublished stories out of the search index.
        # views: register the views behind TestimonyIndexPage's routes (models never
        # import views).
        # notifications: the mail worker writes this app's messages at send time.
        # Imported here, not at the top: they import models, which Django loads only
        # after every app's configuration.
        from . import notifications, signals, views  # noqa: F401
        from .models import Testimony

        notifications.register_messages()
        # A published story is shown (its index, dossiers, the home page): its edits,
        # its erasure and any change of status of a story once published (withdrawn,
        # refused after all) start a new publication generation. A story received from
        # the public changes no page, and starts none.
        from fabrique.core.generation import register_generation_model

        register_generation_model(Testimony, when=Testimony.has_been_published)
        # The e-mails that follow a committed moderation action, in the order they leave.
        submission_received.connect(
            notifications.notify_moderators_new_testimony,
            sender=Testimony,
            dispatch_uid="testimonies.notify_moderators",
        )
        submission_received.connect(
            notifications.send_email_confirmation,
            sender=Testimony,
            dispatch_uid="testimonies.confirm_address",
        )
        submission_published.connect(
            notifications.notify_author_published,
            sender=Testimony,
            dispatch_uid="testimonies.notify_author_published",
        )
