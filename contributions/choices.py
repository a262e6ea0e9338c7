"""What the fields of calls, answers and Inspir'actions accept: their choices (in French
for readers and moderators) and the département pattern."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fabrique.moderation.models import ModerationStatus


class ActorKind(models.TextChoices):
    ASSOCIATION = "association", _("association")
    RESIDENTS = "collectif", _("collectif d'habitant·es")
    MSP = "msp", _("maison de santé pluriprofessionnelle")
    CMS = "cms", _("centre municipal de santé")
    CPTS = "cpts", _("CPTS")
    LOCAL_AUTHORITY = "collectivite", _("collectivité territoriale")
    OTHER = "autre", _("autre")


class CallState(models.TextChoices):
    UPCOMING = "upcoming", _("bientôt ouvert")
    OPEN = "open", _("ouvert")
    CLOSED = "closed", _("clos")


# An answer's status in the words of a call; the values are the shared ModerationStatus.
ANSWER_STATUS_LABELS = {
    ModerationStatus.PENDING: _("reçue"),
    ModerationStatus.NEEDS_REVIEW: _("en cours d'examen"),
    ModerationStatus.SELECTED: _("retenue"),
    ModerationStatus.PUBLISHED: _("publiée"),
    ModerationStatus.REFUSED: _("non retenue"),
    ModerationStatus.WITHDRAWN: _("retirée"),
}
ANSWER_STATUS_CHOICES = [
    (status.value, ANSWER_STATUS_LABELS[status]) for status in ModerationStatus
]

# ASCII digits only; no "20" since Corsica split into 2A and 2B; \Z refuses a trailing newline.
department_validator = RegexValidator(
    r"\A(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])\Z",
    _("Indiquez un numéro de département, par exemple 33, 2A ou 974."),
)


class AnswerSource(models.TextChoices):
    """Where an answer came from: the site's form, or typed in from paper or a meeting."""

    FORM = "form", _("formulaire du site")
    IMPORT = "import", _("import (papier, réunion)")
