"""What the moderation actions announce, once their change is committed.

Each action in ``fabrique.moderation.actions`` changes a submission and then sends one of
these with ``transaction.on_commit``, as Wagtail's own actions send ``page_published``: a
receiver never runs for a change that was rolled back, and a failing receiver never
undoes the change. The consequences (e-mails to moderators, to the author) are receivers
each kind connects in its ``AppConfig.ready()``, for its own model as ``sender``; this
package knows no kind.

Every signal passes ``sender`` (the submission's model) and ``instance`` (the submission).
"""

from django.dispatch import Signal

#: A new submission was stored by the public form.
submission_received = Signal()

#: A moderator's action changed the status; also passes ``old_status`` and ``new_status``.
#: Not sent when the action left the status as it was.
status_changed = Signal()

#: The submission was published; also passes ``first_time`` (no earlier publication).
#: Sent after ``status_changed``.
submission_published = Signal()
