"""State changes on answers shared by several entry points (the contact's withdrawal, the
admin's delete, a merge of duplicates)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.admin.models import EditingSession
from wagtail.models import ModelLogEntry

from fabrique.moderation.actions import log_erasure, record

from .models import AnswerAttachment, CallAnswer


def _delete_files(attachments) -> None:
    for attachment in attachments:
        storage, name = attachment.file.storage, attachment.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def erase_answers(answers, user=None) -> int:
    """Delete answers with their files, log entries and editing sessions; returns how many."""
    answer_type = ContentType.objects.get_for_model(CallAnswer)
    count = 0
    with transaction.atomic():
        for answer in list(answers):
            object_id = str(answer.pk)
            log_erasure(answer, user)
            ModelLogEntry.objects.filter(content_type=answer_type, object_id=object_id).delete()
            EditingSession.objects.filter(content_type=answer_type, object_id=object_id).delete()
            _delete_files(list(answer.attachments.all()))
            answer.delete()
            count += 1
    return count


MERGED_FIELDS = [
    "partners",
    "action_with",
    "action_for",
    "results",
    "helped",
    "difficulties",
]


@transaction.atomic
def merge_answers(kept: CallAnswer, duplicate: CallAnswer, user=None) -> CallAnswer:
    """Keep one answer: the duplicate's files move to it, its texts that differ are added to
    the internal notes (nothing is lost), then the duplicate is erased."""
    if kept.pk == duplicate.pk:
        raise ValueError("An answer cannot be merged with itself.")
    AnswerAttachment.objects.filter(answer=duplicate).update(answer=kept)
    lines = []
    for name in ["action_what", *MERGED_FIELDS]:
        theirs = getattr(duplicate, name)
        if theirs and theirs != getattr(kept, name):
            label = CallAnswer._meta.get_field(name).verbose_name
            lines.append(f"{label} : {theirs}")
    if duplicate.email != kept.email or duplicate.phone != kept.phone:
        lines.append(f"Contact : {duplicate.contact_name} {duplicate.email} {duplicate.phone}")
    header = f"Fusionnée avec la réponse n°{duplicate.pk} ({duplicate.organisation})"
    kept.private_notes = "\n".join(filter(None, [kept.private_notes, header, *lines]))
    kept.save(update_fields=["private_notes"])
    record(kept, "contributions.merged", user, data={"merged": duplicate.pk})
    erase_answers([duplicate], user)
    return kept
