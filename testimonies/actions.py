"""State changes on testimonies that several entry points share (public withdrawal,
retention purge, an author's erasure request)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.admin.models import EditingSession
from wagtail.models import ModelLogEntry, Revision
from wagtail.search import index

from fabrique.moderation.actions import log_erasure

from .models import Testimony, TestimonyContact


def erase_testimonies(testimonies, user=None) -> int:
    """Delete testimonies with everything that refers to them; returns how many.

    A plain ``delete()`` removes the contact row (cascade) but leaves the admin's log
    entries, editing sessions and, depending on the backend, search index rows: each
    would keep a trace of a story the author asked to erase. The admin's delete (single
    and bulk) comes here too, so a moderator's deletion leaves no ``wagtail.delete`` entry.
    """
    testimony_type = ContentType.objects.get_for_model(Testimony)
    contact_type = ContentType.objects.get_for_model(TestimonyContact)
    count = 0
    with transaction.atomic():
        for testimony in list(testimonies):
            object_id = str(testimony.pk)
            # Recorded like every moderation action, then deleted with the other entries.
            log_erasure(testimony, user)
            ModelLogEntry.objects.filter(
                content_type__in=[testimony_type, contact_type], object_id=object_id
            ).delete()
            # Who had the story open in the admin, and when: a trace that it existed.
            EditingSession.objects.filter(content_type=testimony_type, object_id=object_id).delete()
            # Testimony has no revisions today; this keeps erasure complete if it gains them.
            Revision.objects.filter(base_content_type=testimony_type, object_id=object_id).delete()
            if isinstance(testimony, index.Indexed):
                index.remove_object(testimony)
            testimony.delete()
            count += 1
    return count
