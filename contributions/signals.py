"""Publishing an Inspir'action publishes the answers it was written from (each contact
hears of it, with the link to the page)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from fabrique.moderation.actions import publish
from fabrique.moderation.models import ModerationStatus

from .models import CallAnswer, InspirActionPage


@receiver(page_published, sender=InspirActionPage)
def publish_answers_of_inspir_action(sender, instance, revision=None, **kwargs):
    answers = CallAnswer.objects.filter(inspir_action_id=instance.pk).exclude(
        status=ModerationStatus.PUBLISHED
    )
    user = getattr(revision, "user", None)
    for answer in answers:
        publish(answer, user)
