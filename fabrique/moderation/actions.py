"""What a moderator does to a submission: the only way a moderation status changes, and
the one way a submission is erased.

Each action dates the change, names the moderator and writes one Wagtail log entry, so
the admin History tab and the author's data export show what happened and when. Log
entries carry the submission's kind and number ("Témoignage n°12"), never the author's
text: Wagtail would otherwise label them with ``str(instance)``, the title, and the site
history would show it. What follows a change (an e-mail) is no part of it: the action
sends a signal once the change is committed (``signals``), and each kind's receivers act.
"""

import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.models import EditingSession
from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry, Revision
from wagtail.search import index

from .models import ModeratedSubmission, ModerationStatus
from .signals import status_changed, submission_published, submission_received

PUBLISHED = "moderation.published"
REFUSED = "moderation.refused"
REVIEW = "moderation.review"
SELECTED = "moderation.selected"
REDACTED = "moderation.redacted"
# Written by an erasure, then removed with every other entry of the erased submission.
ERASED = "moderation.erased"

LOG_LABELS = {
    PUBLISHED: _("Publié"),
    REFUSED: _("Refusé"),
    REVIEW: _("Mis à revoir"),
    SELECTED: _("Retenu"),
    REDACTED: _("Caviardé"),
    ERASED: _("Effacé"),
}

logger = logging.getLogger(__name__)


class RedactedFormatter(LogFormatter):
    """ "Caviardé : texte publié, titre": the names of the fields, never their content."""

    label = LOG_LABELS[REDACTED]

    def format_message(self, log_entry):
        names = log_entry.data.get("fields") or []
        if not names:
            return self.label
        model = log_entry.content_type.model_class()
        labels = []
        for name in names:
            try:
                labels.append(str(model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                labels.append(name)
        return _("Caviardé : %(fields)s") % {"fields": ", ".join(labels)}


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for name, label in LOG_LABELS.items():
        if name != REDACTED:
            actions.register_action(name, label, label)
    actions.register_action(REDACTED)(RedactedFormatter)


def _moderator(user):
    return user if user is not None and user.is_authenticated else None


def record(submission: ModeratedSubmission, action: str, user=None, data=None):
    """Write one log entry for ``submission``, labelled without any of the author's text."""
    return log(
        instance=submission,
        action=action,
        user=_moderator(user),
        title=submission.get_log_label(),
        data=data or {},
    )


def _send_on_commit(signal, submission, **kwargs) -> None:
    """Send ``signal`` once the change is committed, to every receiver whatever one raises.

    A receiver that fails (a mail server down, say) is logged and the others still run:
    the submission is saved by then, so its author must not get an error page that would
    make them send it again, nor lose the confirmation another receiver sends.
    """

    def send():
        sender = type(submission)
        for receiver, result in signal.send_robust(sender=sender, instance=submission, **kwargs):
            if isinstance(result, Exception):
                logger.error(
                    "moderation: receiver %r failed for %s #%s",
                    receiver,
                    sender.__name__,
                    submission.pk,
                    exc_info=result,
                )

    transaction.on_commit(send)


def submit(submission: ModeratedSubmission) -> ModeratedSubmission:
    """A submission the public form has just stored: once committed, whoever listens to
    ``submission_received`` for its kind hears of it (moderators, the author's address)."""
    _send_on_commit(submission_received, submission)
    return submission


@transaction.atomic
def _change_status(submission, status, user, log_action):
    old_status = submission.status
    submission.status = status
    submission.status_changed_at = timezone.now()
    submission.status_changed_by = _moderator(user)
    submission.on_status_change(status)
    submission.save()
    record(submission, log_action, user)
    if old_status != status:
        _send_on_commit(status_changed, submission, old_status=old_status, new_status=status)
    return submission


def publish(submission: ModeratedSubmission, user=None) -> ModeratedSubmission:
    first_time = not submission.has_been_published()
    with transaction.atomic():
        _change_status(submission, ModerationStatus.PUBLISHED, user, PUBLISHED)
        _send_on_commit(submission_published, submission, first_time=first_time)
    return submission


def refuse(submission: ModeratedSubmission, user=None, reason: str = "") -> ModeratedSubmission:
    """The reason is internal: it is not copied into the log entry."""
    submission.refusal_reason = reason
    return _change_status(submission, ModerationStatus.REFUSED, user, REFUSED)


def mark_for_review(submission: ModeratedSubmission, user=None) -> ModeratedSubmission:
    return _change_status(submission, ModerationStatus.NEEDS_REVIEW, user, REVIEW)


def select(submission: ModeratedSubmission, user=None) -> ModeratedSubmission:
    """Chosen for publication (an answer whose Inspir'action is being written)."""
    return _change_status(submission, ModerationStatus.SELECTED, user, SELECTED)


# The statuses a moderator can choose, each with its action (pending and withdrawn are
# set by the public form and the author, never chosen in the admin). A kind offers the
# subset it names in ``moderation_decisions``.
DECISIONS = {
    ModerationStatus.PUBLISHED: publish,
    ModerationStatus.REFUSED: refuse,
    ModerationStatus.NEEDS_REVIEW: mark_for_review,
    ModerationStatus.SELECTED: select,
}


def decide(submission: ModeratedSubmission, status: str, user=None, reason: str = ""):
    """Apply the moderator's choice of status through its action."""
    if status not in type(submission).moderation_decisions:
        raise ValueError(f"No moderation action sets the status {status!r}.")
    if status == ModerationStatus.REFUSED:
        return refuse(submission, user, reason)
    return DECISIONS[status](submission, user)


def log_redaction(submission: ModeratedSubmission, user, fields: list[str]):
    """Record that a moderator redacted these fields: their names only, never the text."""
    return record(submission, REDACTED, user, data={"fields": list(fields)})


def log_erasure(submission: ModeratedSubmission, user=None):
    """Record an erasure; the erasing code then deletes it with every other entry."""
    return record(submission, ERASED, user)


def _delete_after_commit(stored_file) -> None:
    storage, name = stored_file.storage, stored_file.name
    transaction.on_commit(lambda: storage.delete(name))


def erase(submissions, user=None) -> int:
    """Delete submissions with everything that refers to them; returns how many.

    The author's withdrawal, a retention purge, an erasure request and the admin's delete
    (single and bulk) all come here. A plain ``delete()`` would leave the admin's log
    entries, editing sessions, revisions and, depending on the backend, search index rows:
    each would keep a trace of what the author asked to erase, so a moderator's deletion
    leaves no ``wagtail.delete`` entry either. A kind names what else carries its
    submissions' number (``erase_log_entries_of``) and the files it stores
    (``stored_files``); the files go once the erasure is committed, never before.
    """
    count = 0
    with transaction.atomic():
        for submission in list(submissions):
            model = type(submission)
            own_type = ContentType.objects.get_for_model(model)
            log_types = [own_type] + [
                ContentType.objects.get_for_model(apps.get_model(label))
                for label in model.erase_log_entries_of
            ]
            object_id = str(submission.pk)
            # Recorded like every moderation action, then deleted with the other entries.
            log_erasure(submission, user)
            ModelLogEntry.objects.filter(content_type__in=log_types, object_id=object_id).delete()
            # Who had it open in the admin, and when: a trace that it existed.
            EditingSession.objects.filter(content_type=own_type, object_id=object_id).delete()
            # No kind keeps revisions today; this keeps erasure complete if one gains them.
            Revision.objects.filter(base_content_type=own_type, object_id=object_id).delete()
            if isinstance(submission, index.Indexed):
                index.remove_object(submission)
            for stored_file in submission.stored_files():
                _delete_after_commit(stored_file)
            submission.delete()
            count += 1
    return count
