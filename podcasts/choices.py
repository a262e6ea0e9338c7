"""The fixed lists of the podcasts app: show and episode types, people's roles, transcript formats.

They live apart from the models so that the feed, the importer and the transcript reader
use them without importing the page models (which import those modules). Choices are
written out in the migrations, so moving one here changes no table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShowType(models.TextChoices):
    EPISODIC = "episodic", _("Épisodique (les plus récents d'abord)")
    SERIAL = "serial", _("Feuilleton (dans l'ordre)")


class EpisodeType(models.TextChoices):
    FULL = "full", _("Épisode")
    TRAILER = "trailer", _("Bande-annonce")
    BONUS = "bonus", _("Bonus")


class PersonRole(models.TextChoices):
    """Roles of the Podcasting 2.0 taxonomy (podcast:person), labelled in French."""

    GUEST = "guest", _("Invité·e")
    HOST = "host", _("Animation")
    COHOST = "co-host", _("Co-animation")
    GUEST_HOST = "guest host", _("Animation invitée")
    PRODUCER = "producer", _("Production")
    EDITOR = "editor", _("Montage")
    SOUND_DESIGNER = "sound designer", _("Création sonore")


class TranscriptFormat(models.TextChoices):
    TEXT = "text", _("Texte (un paragraphe par ligne)")
    VTT = "vtt", _("WebVTT (.vtt)")
    SRT = "srt", _("SubRip (.srt)")
