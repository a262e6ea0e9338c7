"""What a moderator does to a submission; each action records who and when."""

from django.db import transaction
from django.utils import timezone

from .models import ModeratedSubmission, ModerationStatus


@transaction.atomic
def set_status(submission: ModeratedSubmission, status: str, user=None) -> ModeratedSubmission:
    submission.status = status
    submission.status_changed_at = timezone.now()
    submission.status_changed_by = user if user is not None and user.is_authenticated else None
    submission.on_status_change(status)
    submission._loaded_status = status
    submission.save()
    return submission


def publish(submission: ModeratedSubmission, user=None) -> ModeratedSubmission:
    return set_status(submission, ModerationStatus.PUBLISHED, user)


def refuse(submission: ModeratedSubmission, user=None, reason: str = "") -> ModeratedSubmission:
    submission.refusal_reason = reason
    return set_status(submission, ModerationStatus.REFUSED, user)


def mark_for_review(submission: ModeratedSubmission, user=None) -> ModeratedSubmission:
    return set_status(submission, ModerationStatus.NEEDS_REVIEW, user)
