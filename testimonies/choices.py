"""The choices of a story's fields, in the words readers and authors see."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PATIENT = "patient", _("patient·e")
    CAREGIVER = "soignant", _("soignant·e")
    CARER = "aidant", _("aidant·e")
    STUDENT = "etudiant", _("étudiant·e en santé")
    OTHER = "autre", _("autre")
