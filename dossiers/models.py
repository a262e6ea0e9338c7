"""Resource dossiers: one topic gathering every kind of content, with sources readers can cite.

A dossier's items are rows (``DossierItem``) pointing at any page, or at a published
testimony: the table answers "which dossiers hold this page?" in one query, on any page
type, and Wagtail keeps the rows of a draft in its revision until it is published.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from fabrique.core import generation
from fabrique.core.admin_labels import InlinePanel
from fabrique.core.blocks import BaseStreamBlock
from fabrique.core.footnotes import link_footnote_calls
from fabrique.core.listing import (
    attach_listing_images,
    forget_prefetched_renditions,
    without_view_restrictions,
)
from fabrique.core.models import BasePage, SectionIndexPage, Theme, section_intro
from fabrique.moderation.models import ModerationStatus
from fabrique.web.querystring import clean_filter_value
from fabrique.web.site_url import public_url
from testimonies.models import Testimony, TestimonyIndexPage

from . import bibliography
from .choices import EntryKind

DOSSIERS_PER_PAGE = 12
UUID_IN_TEXT = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE
)


class DossierStreamBlock(BaseStreamBlock):
    """The state of play: the shared blocks; footnote calls are written « [n] »."""


class DossierIndexPage(SectionIndexPage):
    """/dossiers/: every live dossier, most recently updated first."""

    intro = section_intro(_("Affichée sous le titre de la page Dossiers, au-dessus de la liste."))

    subpage_types = ["dossiers.DossierPage"]

    class Meta:
        verbose_name = _("index des dossiers")

    def get_dossiers(self):
        """Live public dossiers with what a card shows, in a fixed number of queries."""
        return (
            without_view_restrictions(DossierPage.objects.live().child_of(self))
            .select_related("listing_image", "theme")
            .prefetch_related("listing_image__renditions")
            .order_by(F("updated_on").desc(nulls_last=True), "-last_published_at", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        dossiers = self.get_dossiers()
        # The themes that have a live dossier here, for the filter (one query).
        themes = list(
            Theme.objects.filter(dossiers__live=True, dossiers__path__startswith=self.path)
            .distinct()
            .order_by("name")
        )
        theme_slug = clean_filter_value(request.GET.get("theme"))
        current_theme = next((t for t in themes if t.slug == theme_slug), None)
        if current_theme:
            dossiers = dossiers.filter(theme=current_theme)
        context.update(
            page_obj=Paginator(dossiers, DOSSIERS_PER_PAGE).get_page(request.GET.get("page")),
            themes=themes,
            current_theme=current_theme,
        )
        return context


class DossierPage(RoutablePageMixin, BasePage):
    """One topic: introduction, state of play, curated items, sources, related dossiers."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Affichée en gros caractères sous le titre, et reprise dans les listes et les partages si le résumé est vide."
        ),
    )
    state_of_play = StreamField(
        DossierStreamBlock(),
        verbose_name=_("état des lieux"),
        blank=True,
        help_text=_("Enjeux et politiques publiques. Appelez la note n en écrivant [n]."),
    )
    theme = models.ForeignKey(
        "core.Theme",
        verbose_name=_("thème"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        help_text=_("Le thème du site sous lequel ranger ce dossier."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dossier à télécharger (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Affiche un lien « Télécharger le dossier » avec le format et le poids du fichier. Vide : pas de lien."
        ),
    )
    updated_on = models.DateField(
        _("mis à jour le"),
        null=True,
        blank=True,
        help_text=_("Vide : la date de la dernière publication."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("updated_on"), FieldPanel("document")],
            heading=_("Classement"),
        ),
        InlinePanel(
            "items",
            heading=_("Contenus du dossier"),
            label=_("contenu"),
            add_label=_("Ajouter un contenu"),
            help_text=_(
                "Dans l'ordre de lecture : une page du site (article, vidéo, épisode, "
                "événement…) ou un témoignage publié, avec la note de la rédaction."
            ),
        ),
        FieldPanel("state_of_play"),
        InlinePanel(
            "footnotes",
            heading=_("Notes de l'état des lieux"),
            label=_("note"),
            add_label=_("Ajouter une note"),
            ignore_blank=["text"],
        ),
        InlinePanel(
            "bibliography",
            heading=_("Bibliographie"),
            label=_("référence"),
            add_label=_("Ajouter une référence"),
        ),
        InlinePanel(
            "related_links",
            heading=_("Dossiers liés"),
            label=_("dossier lié"),
            add_label=_("Ajouter un dossier lié"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("state_of_play"),
    ]
    summary_field = "introduction"
    parent_page_types = ["dossiers.DossierIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    @classmethod
    def get_route_queryset(cls):
        return (
            super()
            .get_route_queryset()
            .select_related("theme", "document")
            .prefetch_related("items", "footnotes", "bibliography", "related_links")
        )

    def get_content_date(self):
        """A dossier lives on: the date readers see is its last update."""
        return self.get_updated_on()

    def get_updated_on(self):
        """The date readers see as « mis à jour le »: the editors' one, else the last publication."""
        if self.updated_on:
            return self.updated_on
        if self.last_published_at:
            return timezone.localdate(self.last_published_at)
        return None

    @cached_property
    def visible_items(self) -> list["VisibleItem"]:
        """The items readers may see, in the editors' order; hidden ones are left out.

        A page must be live and public, a testimony published. Works on a preview's
        unsaved items too. Queries: the items, the pages (one, then one per kind), their
        images and renditions (two), the testimonies: never one per item. Outside a
        preview the list is kept for the publication generation (a story published or
        withdrawn starts a new one too).
        """
        if self.pk is None or "items" in getattr(self, "_cluster_related_objects", {}):
            return self._read_visible_items()
        return generation.memo(
            f"fabrique:dossier-items:{self.pk}",
            lambda: forget_prefetched_renditions(self._read_visible_items()),
        )

    def _read_visible_items(self) -> list["VisibleItem"]:
        items = list(self.items.all())
        page_ids = {item.page_id for item in items if item.page_id}
        pages = {
            page.pk: page
            for page in attach_listing_images(
                without_view_restrictions(Page.objects.live().filter(pk__in=page_ids)).specific()
            )
        }
        uuids = {item.testimony_id for item in items if item.testimony_id}
        testimonies = {}
        if uuids:
            testimonies = {t.uuid: t for t in Testimony.objects.published().filter(uuid__in=uuids)}
            # One look-up of the stories' page for all of them (Testimony.get_url runs one each).
            story_index = TestimonyIndexPage.objects.live().first() if testimonies else None
            for testimony in testimonies.values():
                testimony.dossier_url = (
                    story_index.url
                    + story_index.reverse_subpage("detail", args=[str(testimony.uuid)])
                    if story_index
                    else ""
                )
        visible = []
        for item in items:
            if item.page_id in pages:
                visible.append(VisibleItem(item, pages[item.page_id], "page"))
            elif item.testimony_id in testimonies:
                visible.append(VisibleItem(item, testimonies[item.testimony_id], "testimony"))
        return visible

    @cached_property
    def sources(self) -> list["BibliographyEntry"]:
        """The bibliography, read once for the page, its structured data and the exports."""
        return list(self.bibliography.all())

    def get_related_dossiers(self) -> list["DossierPage"]:
        """Live public related dossiers in the editors' order (one query)."""
        order = {link.related_id: i for i, link in enumerate(self.related_links.all())}
        order.pop(self.pk, None)
        if not order:
            return []
        dossiers = without_view_restrictions(
            DossierPage.objects.live().filter(pk__in=order)
        ).select_related("listing_image", "theme")
        return sorted(dossiers, key=lambda d: order[d.pk])

    def render_state_of_play(self) -> str:
        """The state of play with each « [n] » turned into a link to note n."""
        return link_footnote_calls(str(self.state_of_play), len(self.footnotes.all()))

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        data["@type"] = "CollectionPage"
        data["headline"] = self.title
        if updated := self.get_updated_on():
            data["dateModified"] = updated.isoformat()
        data["publisher"] = self.get_publisher(request)
        if self.theme:
            data["about"] = {"@type": "Thing", "name": self.theme.name}
        data["hasPart"] = [item.json_ld(request) for item in self.visible_items]
        citations = [
            {
                "@type": "CreativeWork",
                "name": entry.title,
                **({"url": entry.url} if entry.url else {}),
            }
            for entry in self.sources
        ]
        if citations:
            data["citation"] = citations
        return data

    def _export(self, content: str, content_type: str, extension: str) -> HttpResponse:
        response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.{extension}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @path("bibliographie/bibtex/", name="bibtex")
    def bibtex_route(self, request):
        return self._export(bibliography.to_bibtex(self.sources), "application/x-bibtex", "bib")

    @path("bibliographie/ris/", name="ris")
    def ris_route(self, request):
        return self._export(
            bibliography.to_ris(self.sources),
            "application/x-research-info-systems",
            "ris",
        )


SCHEMA_TYPES = {"article": "Article", "video": "VideoObject", "music": "AudioObject"}


class VisibleItem:
    """An item as a reader sees it: the content (a page or a testimony) and the note."""

    def __init__(self, item: "DossierItem", content, kind: str):
        self.item = item
        self.content = content
        self.kind = kind
        self.note = item.note

    @property
    def is_page(self) -> bool:
        return self.kind == "page"

    @property
    def kind_label(self) -> str:
        if self.is_page:
            return str(self.content._meta.verbose_name).capitalize()
        return str(_("Témoignage"))

    @property
    def url(self) -> str:
        return self.content.url if self.is_page else self.content.dossier_url

    def json_ld(self, request=None) -> dict:
        if self.is_page:
            # The schema.org type from the page's OpenGraph type: asking the page for its
            # whole JSON-LD would cost queries (authors…) for each item.
            og_type = str(getattr(self.content, "og_type", "website")).split(".")[0]
            return {
                "@type": SCHEMA_TYPES.get(og_type, "WebPage"),
                "name": self.content.title,
                "url": self.content.get_full_url(request),
            }
        return {
            "@type": "CreativeWork",
            "name": self.content.title,
            "url": public_url(self.url, request=request),
        }


class TestimonyReferenceField(forms.ModelChoiceField):
    """A published testimony named by its public address or identifier.

    Testimonies have no chooser outside the moderation team (their admin is closed to
    editors on purpose): an editor copies the story's public address from the site.
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid_choice": _(
            "Aucun témoignage publié à cette adresse : collez l'adresse d'un témoignage "
            "publié (…/vos-histoires/<identifiant>/) ou son identifiant."
        ),
    }

    def __init__(self, *args, **kwargs):
        kwargs["widget"] = forms.TextInput(attrs={"placeholder": "…/vos-histoires/…/"})
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, models.Model):
            return str(value.uuid)
        return "" if value is None else str(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        match = UUID_IN_TEXT.search(str(value))
        if not match:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(match.group(0).lower())


class TestimonyForeignKey(models.ForeignKey):
    """A foreign key to a testimony edited as an address (see TestimonyReferenceField)."""

    def formfield(self, **kwargs):
        kwargs.pop("widget", None)
        return super().formfield(**{**kwargs, "form_class": TestimonyReferenceField})


class DossierItem(Orderable):
    """One piece of content in a dossier, at the editors' position, with their note."""

    dossier = ParentalKey(DossierPage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page du site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dossier_items",
        help_text=_(
            "Un contenu du site affiché dans « Au sommaire du dossier », dans cet ordre ; caché tant qu'il n'est pas publié."
        ),
    )
    testimony = TestimonyForeignKey(
        "testimonies.Testimony",
        to_field="uuid",
        verbose_name=_("ou témoignage publié (adresse)"),
        help_text=_(
            "Collez l'adresse publique du témoignage, copiée depuis le site "
            "(…/vos-histoires/<identifiant>/)."
        ),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dossier_items",
        limit_choices_to={"status": ModerationStatus.PUBLISHED.value},
    )
    note = models.TextField(
        _("note de la rédaction"),
        blank=True,
        max_length=600,
        help_text=_("Pourquoi lire ce contenu dans ce dossier, en une ou deux phrases."),
    )

    panels = [FieldPanel("page"), FieldPanel("testimony"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("contenu du dossier")
        verbose_name_plural = _("contenus du dossier")

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.testimony_id):
            message = _(
                "Choisissez une page du site ou collez l'adresse d'un témoignage publié : "
                "un seul des deux par contenu."
            )
            raise ValidationError({"page": message})
        if self.page_id and self.page_id == self.dossier_id:
            raise ValidationError({"page": _("Un dossier ne peut pas se contenir lui-même.")})


class DossierFootnote(Orderable):
    """A note of the state of play; its number is its position."""

    page = ParentalKey(DossierPage, on_delete=models.CASCADE, related_name="footnotes")
    text = RichTextField(
        _("texte"),
        features=["bold", "italic", "link"],
        help_text=_(
            "La note numérotée, affichée en bas de l'état des lieux ; [1] dans le texte renvoie à la première."
        ),
    )

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("note")
        verbose_name_plural = _("notes")


doi_validator = RegexValidator(
    r"\A10\.\d{4,9}/[^\s{}\\\"<>]+\Z",
    _("Un DOI commence par « 10. », par exemple 10.1136/bmj.n71 (sans https://doi.org/)."),
)


class BibliographyEntry(Orderable):
    """One source, as structured data: the citation and both exports come from it."""

    dossier = ParentalKey(DossierPage, on_delete=models.CASCADE, related_name="bibliography")
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=EntryKind.choices,
        default=EntryKind.ARTICLE,
        help_text=_(
            "Décide de la forme de la référence affichée (article, livre, rapport, page web…) et des exports."
        ),
    )
    authors = models.TextField(
        _("auteurs ou autrices"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Une personne ou une organisation par ligne : « Nom, Prénom » ou "
            "« Organisation mondiale de la santé »."
        ),
    )
    title = models.CharField(
        _("titre"),
        max_length=400,
        help_text=_(
            "Dans la référence : en italique pour un ouvrage, entre guillemets pour un article ou un chapitre."
        ),
    )
    container = models.CharField(
        _("revue, site ou collection"),
        max_length=300,
        blank=True,
        help_text=_("La revue d'un article, le site d'une page web, le Journal officiel…"),
    )
    publisher = models.CharField(
        _("éditeur ou institution"),
        max_length=200,
        blank=True,
        help_text=_("Affiché avant l'année dans la référence (« Éditeur, année »)."),
    )
    year = models.PositiveSmallIntegerField(
        _("année"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1500), MaxValueValidator(2100)],
        help_text=_("Affichée après l'éditeur dans la référence."),
    )
    url = models.URLField(
        _("adresse web"),
        max_length=500,
        blank=True,
        help_text=_("Affichée en lien après « Disponible sur : », à la fin de la référence."),
    )
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[doi_validator],
        help_text=_(
            "Par exemple 10.1000/xyz123 ; affiché « DOI : … » avec un lien doi.org dans la référence."
        ),
    )
    accessed_on = models.DateField(
        _("consulté le"),
        null=True,
        blank=True,
        help_text=_("Affiché « (consulté le …) » après l'adresse web ; utile pour une page web."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldPanel("container"),
        FieldPanel("publisher"),
        FieldPanel("year"),
        FieldPanel("url"),
        FieldPanel("doi"),
        FieldPanel("accessed_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("référence")
        verbose_name_plural = _("bibliographie")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        doi = (self.doi or "").strip()
        for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
            if doi.lower().startswith(prefix):
                doi = doi[len(prefix) :]
        self.doi = doi
        if self.kind == EntryKind.WEB_PAGE and not self.url:
            raise ValidationError({"url": _("Une page web a besoin de son adresse.")})
        if self.accessed_on and not self.url:
            raise ValidationError(
                {"accessed_on": _("La date de consultation accompagne une adresse web.")}
            )

    @property
    def citation(self):
        return bibliography.citation_html(self)


class DossierRelated(Orderable):
    """Another dossier readers may continue with."""

    dossier = ParentalKey(DossierPage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        DossierPage,
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Affiché dans « Dossiers liés » en bas de la page."),
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("dossier lié")
        verbose_name_plural = _("dossiers liés")
