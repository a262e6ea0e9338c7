"""The abstract submission every moderated public contribution extends."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    """The one set of states of everything the public submits. A kind may label them in its
    own words (an answer to a call is « reçue », « en cours d'examen », « retenue »…) and
    offer moderators only some of them (``ModeratedSubmission.moderation_decisions``)."""

    PENDING = "pending", _("en attente")
    NEEDS_REVIEW = "needs_review", _("à revoir")
    # Chosen for publication, not yet public: an answer to a call whose Inspir'action is
    # being written. Testimonies go straight from review to published and never use it.
    SELECTED = "selected", _("retenu")
    PUBLISHED = "published", _("publié")
    REFUSED = "refused", _("refusé")
    WITHDRAWN = "withdrawn", _("retiré")


class ModeratedSubmissionQuerySet(models.QuerySet):
    def pending(self):
        """What still waits for a moderator's decision (including "à revoir")."""
        return self.filter(status__in=[ModerationStatus.PENDING, ModerationStatus.NEEDS_REVIEW])

    def published(self):
        return self.filter(status=ModerationStatus.PUBLISHED)

    def refused(self):
        return self.filter(status=ModerationStatus.REFUSED)


class ModeratedSubmission(models.Model):
    """Status and the trace of who decided what and when; nothing about the author.

    The refusal reason is internal: it is never shown on the public site. The status is
    changed by the actions in ``fabrique.moderation.actions`` only, each of which dates
    the change, names the moderator and writes an admin log entry.
    """

    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        db_index=True,
        help_text=_(
            "Seul « publié » rend la contribution visible sur le site ; les autres statuts restent internes."
        ),
    )
    submitted_at = models.DateTimeField(_("reçu le"), default=timezone.now, editable=False)
    status_changed_at = models.DateTimeField(
        _("statut modifié le"), null=True, blank=True, editable=False
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("statut modifié par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_reason = models.TextField(
        _("motif du refus (interne)"),
        blank=True,
        help_text=_("Visible seulement par l'équipe de modération."),
    )

    objects = ModeratedSubmissionQuerySet.as_manager()

    #: The statuses a moderator may choose for this kind, each applied by its action in
    #: ``fabrique.moderation.actions`` (pending and withdrawn are never chosen).
    moderation_decisions = (
        ModerationStatus.PUBLISHED,
        ModerationStatus.REFUSED,
        ModerationStatus.NEEDS_REVIEW,
    )

    #: Labels of other models whose admin log entries carry this submission's number as
    #: their object id (its private contact row, say): an erasure deletes them too.
    erase_log_entries_of: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def get_log_label(self) -> str:
        """The label of this submission's admin log entries: its kind and number, never the
        author's text (Wagtail would otherwise store ``str(self)``, the title)."""
        return _("%(kind)s n°%(pk)s") % {
            "kind": capfirst(self._meta.verbose_name),
            "pk": self.pk,
        }

    def stored_files(self) -> list:
        """The files this submission keeps (``FieldFile``s): an erasure deletes them."""
        return []

    @property
    def is_published(self) -> bool:
        return self.status == ModerationStatus.PUBLISHED

    # Hooks for subclasses. Only the actions in ``fabrique.moderation.actions`` call them:
    # saving a submission with another status changes that field and nothing else. What
    # follows a committed change (an e-mail, say) is a receiver of ``..signals``.

    def on_status_change(self, new_status: str) -> None:
        """Called by an action before it saves the new status (e.g. set a publication date)."""

    def has_been_published(self) -> bool:
        """Whether an earlier publication happened; the publish action reads it first."""
        return False
