"""Inspir'actions: short case studies of local actions, written from answers to calls."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from fabrique.core.models import BasePage, Theme
from fabrique.web.querystring import clean_filter_value

from ..choices import ActorKind, department_validator

PER_PAGE = 12


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
        "contributions.CallPage",
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

    @classmethod
    def get_route_queryset(cls):
        return super().get_route_queryset().select_related("call").prefetch_related("themes")

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
