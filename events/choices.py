"""The fixed lists of the events app: time zones, formats, statuses, access, phases.

They live apart from the models so that the admin form, the listing, the feeds and the
state machine read them without importing the page models (which import those modules).
Choices are written out in the migrations, so moving one here changes no table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "Europe/Paris"
# The zones the association's events happen in: metropolitan France, the overseas
# departments and territories, and the neighbours it works with.
TIME_ZONES = [
    ("Europe/Paris", _("France métropolitaine (Paris)")),
    ("America/Guadeloupe", _("Guadeloupe")),
    ("America/Martinique", _("Martinique")),
    ("America/Cayenne", _("Guyane")),
    ("Indian/Reunion", _("La Réunion")),
    ("Indian/Mayotte", _("Mayotte")),
    ("America/Miquelon", _("Saint-Pierre-et-Miquelon")),
    ("Pacific/Noumea", _("Nouvelle-Calédonie")),
    ("Pacific/Tahiti", _("Polynésie française (Tahiti)")),
    ("Europe/Brussels", _("Belgique")),
    ("Europe/Zurich", _("Suisse")),
    ("America/Toronto", _("Québec (Montréal)")),
    ("UTC", _("UTC")),
]


class EventFormat(models.TextChoices):
    ONLINE = "en-ligne", _("En ligne")
    ON_SITE = "sur-place", _("Sur place")
    HYBRID = "hybride", _("Hybride (sur place et en ligne)")


ONLINE_FORMATS = (EventFormat.ONLINE, EventFormat.HYBRID)
ON_SITE_FORMATS = (EventFormat.ON_SITE, EventFormat.HYBRID)


class EventStatus(models.TextChoices):
    SCHEDULED = "prevu", _("Prévu")
    CANCELLED = "annule", _("Annulé")
    POSTPONED = "reporte", _("Reporté")
    MOVED_ONLINE = "deplace-en-ligne", _("Déplacé en ligne")


class StepFreeAccess(models.TextChoices):
    UNKNOWN = "", _("Non renseigné")
    NONE = "aucun", _("Pas d'accès de plain-pied")
    PARTIAL = "partiel", _("Accès de plain-pied partiel")
    FULL = "complet", _("Accès de plain-pied complet")


class EventPhase(models.TextChoices):
    """Where an event stands at a given instant (computed by ``events.state``, never stored)."""

    UPCOMING = "a-venir", _("À venir")
    LIVE = "en-direct", _("En direct")
    OVER = "termine", _("Terminé")
