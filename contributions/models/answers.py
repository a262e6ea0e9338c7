"""The answers local actors send to a call, and the files attached to them."""

import os
import secrets
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from fabrique.moderation.models import ModeratedSubmission, ModerationStatus

from ..choices import (
    ANSWER_STATUS_CHOICES,
    ANSWER_STATUS_LABELS,
    ActorKind,
    AnswerSource,
    department_validator,
)
from .calls import CallPage

# Bumped when the consent wording changes, so each stored consent says what was agreed to.
CONSENT_VERSION = "2026-11"


class PrivateStorage(FileSystemStorage):
    """Attachments of answers: a folder outside MEDIA_ROOT (``FABRIQUE_PRIVATE_ROOT``, read
    at each use) with no URL at all. Only the moderators' permission-checked view reads
    them (``contributions.admin_views``)."""

    @property
    def base_location(self):
        return str(settings.FABRIQUE_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL: use the moderators' download view.")


def private_storage():
    return PrivateStorage()


def new_follow_token() -> str:
    return secrets.token_hex(32)


class CallAnswerQuerySet(models.QuerySet):
    """The shared moderation filters plus the ones of a call's answers."""

    def pending(self):
        return self.filter(status__in=[ModerationStatus.PENDING, ModerationStatus.NEEDS_REVIEW])

    def published(self):
        return self.filter(status=ModerationStatus.PUBLISHED)

    def for_call(self, call):
        return self.filter(call=call)


class CallAnswer(ModeratedSubmission):
    """One fiche-type sent for a call (by the form, or imported from paper or a meeting).

    The contact person, e-mail and phone are private: moderators read them, no page shows
    them, and turning the answer into an Inspir'action never copies them.
    """

    Source = AnswerSource

    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=ANSWER_STATUS_CHOICES,
        default=ModerationStatus.PENDING,
        db_index=True,
        help_text=_(
            "« Publiée » quand l'Inspir'action tirée de cette réponse est en ligne ; le contact en est prévenu si « Prévenir le contact » est coché."
        ),
    )
    moderation_decisions = (
        ModerationStatus.NEEDS_REVIEW,
        ModerationStatus.SELECTED,
        ModerationStatus.REFUSED,
        ModerationStatus.PUBLISHED,
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(
        CallPage, verbose_name=_("appel"), on_delete=models.PROTECT, related_name="answers"
    )
    source = models.CharField(
        _("origine"), max_length=10, choices=Source.choices, default=Source.FORM, editable=False
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    actor_kind = models.CharField(
        _("type d'acteur"),
        max_length=20,
        choices=ActorKind.choices,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    commune = models.CharField(
        _("commune"),
        max_length=120,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    department = models.CharField(
        _("département"),
        max_length=3,
        validators=[department_validator],
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    partners = models.TextField(
        _("partenaires"),
        blank=True,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    action_what = models.TextField(
        _("l'action : quoi"),
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    action_with = models.TextField(
        _("avec qui"),
        blank=True,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    action_for = models.TextField(
        _("pour qui"),
        blank=True,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    action_since = models.CharField(
        _("depuis quand"),
        max_length=120,
        blank=True,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    results = models.TextField(
        _("résultats"),
        blank=True,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    helped = models.TextField(
        _("ce qui a aidé"),
        blank=True,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    difficulties = models.TextField(
        _("ce qui a été difficile"),
        blank=True,
        help_text=_(
            "Réponse reçue, jamais publiée telle quelle : l'Inspir'action qui en est tirée la reprend."
        ),
    )
    # Private: the person to reach. Never copied to a page.
    contact_name = models.CharField(
        _("personne à contacter"),
        max_length=150,
        help_text=_("Donnée privée : vue par l'équipe de modération seulement, jamais publiée."),
    )
    email = models.EmailField(
        _("e-mail"),
        max_length=254,
        help_text=_("Donnée privée : vue par l'équipe de modération seulement, jamais publiée."),
    )
    phone = models.CharField(
        _("téléphone"),
        max_length=30,
        blank=True,
        help_text=_("Donnée privée : vue par l'équipe de modération seulement, jamais publiée."),
    )
    consent_contact_at = models.DateTimeField(
        _("accord pour être contacté·e le"),
        null=True,
        help_text=_("Date à laquelle le contact a accepté d'être recontacté ; jamais publiée."),
    )
    consent_publication_at = models.DateTimeField(
        _("accord pour la publication le"),
        null=True,
        blank=True,
        help_text=_(
            "Date à laquelle le contact a accepté la publication de son action. Vide : rien ne peut être publié."
        ),
    )
    consent_version = models.CharField(max_length=20, blank=True, editable=False)
    # Set when the contact opens the link of the confirmation e-mail. Until then the
    # address hears nothing but that request: no follow link, no status (a typo, or a
    # stranger's address typed on purpose, must not receive anything about the answer).
    email_confirmed_at = models.DateTimeField(
        _("e-mail confirmé le"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Vide : adresse non confirmée, le contact ne reçoit aucun e-mail sur sa fiche."
        ),
    )
    notify_contact = models.BooleanField(
        _("prévenir le contact à chaque changement de statut"),
        default=True,
        help_text=_("Décoché : le contact ne reçoit plus d'e-mail quand le statut change."),
    )
    follow_token = models.CharField(
        max_length=64, unique=True, default=new_follow_token, editable=False
    )
    submission_fingerprint = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # Reviewing as a team.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relu par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le membre de l'équipe qui s'occupe de cette réponse ; jamais publié."),
    )
    private_notes = models.TextField(
        _("notes internes"),
        blank=True,
        help_text=_("Visibles seulement par l'équipe de modération ; jamais publiées."),
    )
    inspir_action = models.ForeignKey(
        "contributions.InspirActionPage",
        verbose_name=_("Inspir'action"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="answers",
    )

    objects = CallAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("réponse à un appel")
        verbose_name_plural = _("réponses aux appels")

    def __str__(self) -> str:
        return self.organisation

    def stored_files(self) -> list:
        return [attachment.file for attachment in self.attachments.all()]

    @property
    def status_label(self) -> str:
        return str(ANSWER_STATUS_LABELS.get(self.status, self.status))


class AnswerAttachment(models.Model):
    """A file sent with an answer: in the private storage, read only by moderators."""

    answer = models.ForeignKey(CallAnswer, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="answers/%Y/%m/", max_length=255)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("taille (octets)"))

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self) -> str:
        return self.original_name
