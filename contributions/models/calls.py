"""Calls for contributions: the index of calls, one call with its notes and questions."""

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from fabrique.core.admin_labels import InlinePanel
from fabrique.core.models import BasePage, SectionIndexPage, Theme
from fabrique.core.routing import RoutableViewsMixin

from ..choices import CallState
from .inspirations import InspirActionIndexPage


def open_calls(now=None):
    """Live calls open right now, closing soonest first."""
    now = now or timezone.now()
    return (
        CallPage.objects.live()
        .public()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at", "pk")
    )


class CallIndexPage(SectionIndexPage):
    """/appels-a-contributions/: open calls first, then closed ones."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Affichée sous le titre de la page des appels à contributions, au-dessus de la liste."
        ),
    )

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


class CallPage(RoutableViewsMixin, BasePage):
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
    # docs/architecture.md, « Une relation, un seul endroit »: the call names the dossier it feeds.
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

    @classmethod
    def get_route_queryset(cls):
        return (
            super()
            .get_route_queryset()
            .select_related("dossier")
            .prefetch_related("notes", "questions", "themes")
        )

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

    # The views behind each route, by name, are registered by contributions.views.

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
