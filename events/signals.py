"""Publication side effects of events: the calendar SEQUENCE and the live banner.

RFC 5545 asks for a SEQUENCE raised at each significant change so that calendars which
imported or subscribed replace their copy; every publication counts as one. The counter
is raised in the database (``F() + 1``) so two publications never lose one, and
``EventPage.with_content_json`` keeps it out of revisions.
"""

from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .banner import forget_live_banner
from .models import EventPage


@receiver(page_published, sender=EventPage)
def raise_sequence(sender, instance, **kwargs):
    EventPage.objects.filter(pk=instance.pk).update(ical_sequence=F("ical_sequence") + 1)
    instance.ical_sequence = (
        EventPage.objects.filter(pk=instance.pk).values_list("ical_sequence", flat=True).get()
    )
    forget_live_banner()


@receiver(page_unpublished, sender=EventPage)
@receiver(post_delete, sender=EventPage)
def forget_banner(sender, instance, **kwargs):
    forget_live_banner()
