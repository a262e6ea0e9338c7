"""Calls for contributions, the answers local actors send, and the Inspir'actions made of them.

A call (``CallPage``) has an opening and a closing moment; its state (not yet open, open,
closed) is read from the clock, never stored, so the form closes by itself at the deadline.
Answers (``CallAnswer``) are public submissions: they go through the shared moderation
queue (``fabrique.moderation``) with the shared statuses, labelled here in the words of a
call (« reçue », « en cours d'examen », « retenue »…). An answer's contact data stays on the
answer, seen by moderators only; an Inspir'action made from it never copies it.

One module each: ``calls``, ``answers``, ``inspirations``; the choices of their fields are
in ``contributions.choices``. Everything is importable from here, as before the split
(migrations name ``contributions.models.new_follow_token`` and ``private_storage``).
"""

from ..choices import (
    ANSWER_STATUS_CHOICES,
    ANSWER_STATUS_LABELS,
    ActorKind,
    AnswerSource,
    CallState,
    department_validator,
)
from .answers import (
    CONSENT_VERSION,
    AnswerAttachment,
    CallAnswer,
    CallAnswerQuerySet,
    PrivateStorage,
    new_follow_token,
    private_storage,
)
from .calls import CallIndexPage, CallNote, CallPage, CallQuestion, open_calls
from .inspirations import PER_PAGE, InspirActionIndexPage, InspirActionPage

__all__ = [
    "ANSWER_STATUS_CHOICES",
    "ANSWER_STATUS_LABELS",
    "CONSENT_VERSION",
    "PER_PAGE",
    "ActorKind",
    "AnswerAttachment",
    "AnswerSource",
    "CallAnswer",
    "CallAnswerQuerySet",
    "CallIndexPage",
    "CallNote",
    "CallPage",
    "CallQuestion",
    "CallState",
    "InspirActionIndexPage",
    "InspirActionPage",
    "PrivateStorage",
    "department_validator",
    "new_follow_token",
    "open_calls",
    "private_storage",
]
