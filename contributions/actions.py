"""Merging duplicate answers: the one action on answers that moderation does not share.
Erasing an answer (the contact's withdrawal, the admin's delete) is
``fabrique.moderation.actions.erase``, as for every kind of submission."""

from django.db import transaction

from fabrique.moderation.actions import erase, record

from .models import AnswerAttachment, CallAnswer

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
    erase([duplicate], user)
    return kept
