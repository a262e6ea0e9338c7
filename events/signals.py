"""Publication side effect of events: the calendar SEQUENCE.

RFC 5545 asks for a SEQUENCE raised at each significant change so that calendars which
imported or subscribed replace their copy; every publication counts as one. The counter
is raised in the database (``F() + 1``) so two publications never lose one, and
``EventPage.with_content_json`` keeps it out of revisions. The live banner needs no
receiver here: every publication, unpublication (deleting a live page unpublishes it
first) or move starts a new publication generation (``fabrique/core/generation.py``).
"""

from django.db.models import F
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import EventPage


@receiver(page_published, sender=EventPage)
def raise_sequence(sender, instance, **kwargs):
    EventPage.objects.filter(pk=instance.pk).update(ical_sequence=F("ical_sequence") + 1)
    instance.ical_sequence = (
        EventPage.objects.filter(pk=instance.pk).values_list("ical_sequence", flat=True).get()
    )
