"""Calls for contributions, the answers local actors send, and the Inspir'actions made of them.

A call (``CallPage``) has an opening and a closing moment; its state (not yet open, open,
closed) is read from the clock, never stored, so the form closes by itself at the deadline.
Answers (``CallAnswer``) are public submissions: they go through the shared moderation
queue (``fabrique.moderation``) with the shared statuses, labelled here in the words of a
call (« reçue », « en cours d'examen », « retenue »…). An answer's contact data stays on the
answer, seen by moderators only; an Inspir'action made from it never copies it.
"""

import os
import secrets
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from fabrique.core.admin_labels import InlinePanel
from fabrique.core.models import BasePage, Theme
from fabrique.core.querystring import clean_filter_value
from fabrique.moderation.models import ModeratedSubmission, ModerationStatus

PER_PAGE = 12
# Bumped when the consent wording changes, so each stored consent says what was agreed to.
CONSENT_VERSION = "2026-11"


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


def open_calls(now=None):
    """Live calls open right now, closing soonest first."""
    now = now or timezone.now()
    return (
        CallPage.objects.live()
        .public()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at", "pk")
    )


class CallIndexPage(BasePage):
    """/appels-a-contributions/: open calls first, then closed ones."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Affichée sous le titre de la page des appels à contributions, au-dessus de la liste."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["contributions.CallPage", "contributions.InspirActionIndexPage"]

    class Meta:
        verbose_name = _("index des appels à contributions")

    def get_calls(self):
        return (
            CallPage.objects.live()
            .public()
            .child_of(self)
            .select_related("listing_image")
            .prefetch_related("listing_image__renditions")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        calls = list(
            self.get_calls()
            .annotate(
                state_rank=Case(
                    When(Q(opens_at__lte=now) & Q(closes_at__gt=now), then=Value(0)),
                    When(opens_at__gt=now, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("state_rank", "closes_at", "pk")
        )
        closed = [call for call in calls if call.state_rank == 2]
        closed.sort(key=lambda call: call.closes_at, reverse=True)
        context.update(
            open_calls=[call for call in calls if call.state_rank == 0],
            upcoming_calls=[call for call in calls if call.state_rank == 1],
            closed_calls=closed,
            inspir_index=InspirActionIndexPage.objects.live().public().child_of(self).first(),
        )
        return context


class CallPage(RoutablePageMixin, BasePage):
    """One call: its context with numbered notes, questions, dates, contact and the fiche-type."""

    standfirst = models.TextField(
        _("chapô"),
        blank=True,
        help_text=_(
            "Affiché en gros caractères sous le titre, et repris dans les listes et les partages si le résumé est vide."
        ),
    )
    context = RichTextField(
        _("contexte"),
        help_text=_("Les appels de note (¹, ², ³) renvoient aux notes numérotées ci-dessous."),
    )
    opens_at = models.DateTimeField(
        _("ouverture"),
        default=timezone.now,
        help_text=_(
            "Avant ce moment, la page annonce l'appel sans son formulaire (heure de Paris)."
        ),
    )
    closes_at = models.DateTimeField(
        _("clôture"),
        help_text=_("Le formulaire se ferme seul à ce moment (heure de Paris)."),
    )
    organisation = models.CharField(
        _("organisation à l'origine de l'appel"),
        max_length=200,
        help_text=_("Affichée en tête de l'appel et en titre de l'encadré « À propos de … »."),
    )
    organisation_url = models.URLField(
        _("site de l'organisation"),
        blank=True,
        help_text=_("Lien « Site de l'organisation » affiché dans l'encadré « À propos de … »."),
    )
    organisation_about = RichTextField(
        _("présentation de l'organisation"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "Affichée dans l'encadré « À propos de … » en bas de l'appel. Vide : pas d'encadré."
        ),
    )
    contact_name = models.CharField(
        _("contact : nom"),
        max_length=150,
        blank=True,
        help_text=_("Affiché dans la partie « Contact » de l'appel, pour les questions."),
    )
    contact_email = models.EmailField(
        _("contact : e-mail"),
        blank=True,
        help_text=_(
            "Affiché dans la partie « Contact » de l'appel ; public, choisissez une adresse générique."
        ),
    )
    contact_phone = models.CharField(
        _("contact : téléphone"),
        max_length=30,
        blank=True,
        help_text=_("Affiché dans la partie « Contact » de l'appel. Vide : pas de téléphone."),
    )
    form_intro = RichTextField(
        _("introduction du formulaire"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Affichée juste au-dessus de la fiche-type à remplir."),
    )
    after_close = RichTextField(
        _("après la clôture"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Ce qui se passe ensuite, affiché une fois l'appel clos."),
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("thèmes"),
        blank=True,
        help_text=_(
            "Non affichés sur l'appel : ils le rangent avec les autres contenus des mêmes thèmes."
        ),
    )
    # DESIGN "One place for each relation": the call names the dossier it feeds.
    dossier = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("dossier alimenté"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fed_by_calls",
        help_text=_("Le dossier ressources où paraîtront les actions retenues."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldPanel("context"),
        InlinePanel(
            "notes",
            heading=_("Notes numérotées"),
            label=_("note"),
            add_label=_("Ajouter une note"),
            ignore_blank=["text"],
        ),
        InlinePanel(
            "questions",
            heading=_("Questions"),
            label=_("question"),
            add_label=_("Ajouter une question"),
        ),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates de l'appel")
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("organisation_url"),
                FieldPanel("organisation_about"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        FieldPanel("form_intro"),
        FieldPanel("after_close"),
        FieldPanel("themes"),
        PageChooserPanel("dossier", "dossiers.DossierPage"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("context"),
        index.SearchField("organisation"),
    ]
    summary_field = "standfirst"
    parent_page_types = ["contributions.CallIndexPage"]
    subpage_types = []
    # Not in the home page's "newest content" fill-in: a closed call is not news; the
    # calls' own home block shows the open ones.
    is_news = False

    class Meta:
        verbose_name = _("appel à contributions")
        verbose_name_plural = _("appels à contributions")

    def save(self, *args, **kwargs):
        # Whole seconds: the HTML <time datetime> allows at most three decimal digits, and
        # nobody sets a deadline to the microsecond.
        for name in ("opens_at", "closes_at"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, value.replace(microsecond=0))
        super().save(*args, **kwargs)

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return CallState.UPCOMING
        if now >= self.closes_at:
            return CallState.CLOSED
        return CallState.OPEN

    @property
    def is_open(self) -> bool:
        return self.state() == CallState.OPEN

    @property
    def current_state(self) -> str:
        return self.state()

    @property
    def local_closes_at(self):
        return timezone.localtime(self.closes_at)

    @property
    def local_opens_at(self):
        return timezone.localtime(self.opens_at)

    def get_content_date(self):
        """A call's date is its opening day (readers ask "since when?", then "until when?")."""
        return timezone.localdate(self.opens_at)

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        data["publisher"] = {"@type": "Organization", "name": self.organisation}
        return data

    # The views behind each route, by name; contributions.views fills it when the app is
    # ready, so that models never import views.
    route_views: dict = {}

    def serve_route(self, name: str, request, *args):
        return self.route_views[name](request, self, *args)

    @path("")
    def index_route(self, request):
        return self.serve_route("detail", request)

    # The e-mail confirmation link: a signed, dated token in three segments.
    @re_path(
        r"^confirmer/(?P<payload>[-\w]+)/(?P<stamp>[-\w]+)/(?P<signature>[-\w]+)/$",
        name="confirm",
    )
    def confirm_route(self, request, payload, stamp, signature):
        return self.serve_route("confirm", request, payload, stamp, signature)

    # No token in this URL: the private follow link is shown once, from the session.
    @path("merci/", name="thanks")
    def thanks_route(self, request):
        return self.serve_route("thanks", request)

    # Two segments (value/signature): Wagtail's page URLs allow letters, digits, "-", "_".
    @re_path(r"^suivi/(?P<value>[0-9a-f]+)/(?P<signature>[-\w]+)/$", name="follow")
    def follow_route(self, request, value, signature):
        return self.serve_route("follow", request, f"{value}:{signature}")


class CallNote(Orderable):
    """A numbered note of the call's context (¹ ² ³): its number is its place in the list."""

    page = ParentalKey(CallPage, related_name="notes", on_delete=models.CASCADE)
    text = models.TextField(
        _("texte"),
        help_text=_(
            "La note numérotée, affichée dans « Notes » en bas de l'appel ; ¹ dans le texte renvoie à la première."
        ),
    )
    url = models.URLField(
        _("lien"),
        blank=True,
        max_length=500,
        help_text=_("Lien facultatif affiché à la fin de la note (la source)."),
    )

    panels = [FieldPanel("text"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("note")


class CallQuestion(Orderable):
    page = ParentalKey(CallPage, related_name="questions", on_delete=models.CASCADE)
    text = models.TextField(
        _("question"),
        help_text=_(
            "Une question affichée dans la liste « Les questions de l'appel », dans cet ordre."
        ),
    )

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")


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

    class Source(models.TextChoices):
        FORM = "form", _("formulaire du site")
        IMPORT = "import", _("import (papier, réunion)")

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


class InspirActionIndexPage(BasePage):
    """The Inspir'actions: a listing filterable by département, kind of actor and theme."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Affichée sous le titre de la page des Inspir'actions, au-dessus de la liste."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    summary_field = "intro"
    max_count = 1
    parent_page_types = ["contributions.CallIndexPage"]
    subpage_types = ["contributions.InspirActionPage"]

    class Meta:
        verbose_name = _("index des Inspir'actions")

    def get_inspir_actions(self):
        return (
            InspirActionPage.objects.live()
            .public()
            .child_of(self)
            .select_related("listing_image")
            .prefetch_related("themes", "listing_image__renditions")
            .order_by("-first_published_at", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.get_inspir_actions()
        themes = list(Theme.objects.all())
        theme_slug = clean_filter_value(request.GET.get("theme"))
        current_theme = next((t for t in themes if t.slug == theme_slug), None)
        if current_theme:
            items = items.filter(themes=current_theme)
        actor = request.GET.get("acteur", "")
        if actor not in ActorKind.values:
            actor = ""
        if actor:
            items = items.filter(actor_kind=actor)
        department = clean_filter_value(request.GET.get("departement")).upper()[:3]
        if department:
            items = items.filter(department=department)
        context.update(
            page_obj=Paginator(items, PER_PAGE).get_page(request.GET.get("page")),
            themes=themes,
            actor_kinds=ActorKind.choices,
            current_theme=current_theme,
            current_actor=actor,
            current_department=department,
        )
        return context


class InspirActionPage(BasePage):
    """A short case study of a local action, written from an answer to a call."""

    standfirst = models.TextField(
        _("en bref"),
        blank=True,
        help_text=_(
            "Affiché en gros caractères sous le titre, et repris dans les listes et les partages si le résumé est vide."
        ),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        help_text=_("Affichée sous le titre, sur les cartes et dans le lien « Contacter … »."),
    )
    actor_kind = models.CharField(
        _("type d'acteur"),
        max_length=20,
        choices=ActorKind.choices,
        help_text=_(
            "Affiché sous le titre (association, centre de santé, commune…) ; les lecteurs filtrent par type."
        ),
    )
    commune = models.CharField(
        _("commune"),
        max_length=120,
        blank=True,
        help_text=_("Affichée sous le titre avec le département."),
    )
    department = models.CharField(
        _("département"),
        max_length=3,
        blank=True,
        validators=[department_validator],
        help_text=_("Affiché avec la commune ; les lecteurs filtrent les actions par département."),
    )
    partners = models.TextField(
        _("acteurs et partenaires"),
        blank=True,
        help_text=_(
            "Affiché dans la fiche sous le titre (« Acteurs et partenaires »), une ligne par acteur."
        ),
    )
    target_public = models.TextField(
        _("public visé"),
        blank=True,
        help_text=_("Affiché dans la fiche sous le titre (« Public »)."),
    )
    actions = RichTextField(
        _("actions"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "Le cœur de la page : ce qui a été fait, affiché sous la fiche (« Les actions »)."
        ),
    )
    results = RichTextField(
        _("résultats"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Affichés sous les actions, dans la partie « Les résultats »."),
    )
    helped = models.TextField(
        _("ce qui a aidé"), blank=True, help_text=_("Affiché dans la partie « Ce qui a aidé ».")
    )
    difficulties = models.TextField(
        _("ce qui a été difficile"),
        blank=True,
        help_text=_("Affiché dans la partie « Ce qui a été difficile »."),
    )
    since = models.CharField(
        _("depuis"),
        max_length=120,
        blank=True,
        help_text=_("Affiché dans la fiche sous le titre (« Depuis »), par exemple « 2021 »."),
    )
    website = models.URLField(
        _("site de l'organisation ou lien de contact"),
        blank=True,
        help_text=_("Affiche un lien « Contacter … ou visiter son site ». Vide : pas de lien."),
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("thèmes"),
        blank=True,
        help_text=_(
            "Affichés dans la fiche sous le titre et sur la carte ; les lecteurs filtrent les actions par thème."
        ),
    )
    call = models.ForeignKey(
        CallPage,
        verbose_name=_("appel d'origine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Affiche « Issue de l'appel à contributions … » avec un lien vers l'appel."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("actor_kind"),
                FieldPanel("commune"),
                FieldPanel("department"),
                FieldPanel("website"),
            ],
            heading=_("Qui et où"),
        ),
        FieldPanel("partners"),
        FieldPanel("target_public"),
        FieldPanel("since"),
        FieldPanel("actions"),
        FieldPanel("results"),
        FieldPanel("helped"),
        FieldPanel("difficulties"),
        FieldPanel("themes"),
        FieldPanel("call"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("organisation"),
        index.SearchField("actions"),
        index.SearchField("commune"),
    ]
    summary_field = "standfirst"
    parent_page_types = ["contributions.InspirActionIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("Inspir'action")
        verbose_name_plural = _("Inspir'actions")

    @cached_property
    def territory(self) -> str:
        if self.commune and self.department:
            return f"{self.commune} ({self.department})"
        return self.commune or self.department

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        data["@type"] = "Article"
        data["headline"] = self.title
        if published := self.get_content_date():
            data["datePublished"] = published.isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        about = [{"@type": "Thing", "name": theme.name} for theme in self.themes.all()]
        about.append({"@type": "Organization", "name": self.organisation})
        data["about"] = about
        if self.territory:
            place = {"@type": "Place", "name": self.territory}
            if self.department:
                place["address"] = {
                    "@type": "PostalAddress",
                    "addressLocality": self.commune,
                    "addressRegion": self.department,
                    "addressCountry": "FR",
                }
            data["spatialCoverage"] = place
        data["publisher"] = self.get_publisher(request)
        return data
