"""The home page: intro, the editors' "À voir" picks and the latest of each kind.

Its h1 is the site's tagline, one field in the site settings shared with the header.
The "latest of each kind" blocks come from the sections content apps register
(``fabrique.core.sections``); editors choose their order and which ones appear.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, get_page_models
from wagtail.search import index

from fabrique.core import generation
from fabrique.core.admin_labels import InlinePanel
from fabrique.core.frame import FRAME_TIMEOUT
from fabrique.core.listing import (
    attach_listing_images,
    forget_prefetched_renditions,
    latest_content,
)
from fabrique.core.models import BasePage
from fabrique.core.querysets import private_q
from fabrique.core.routing import route_in_one_query
from fabrique.core.sections import Section, get_section, get_sections, section_choices
from fabrique.web.site_url import public_url

MAX_FEATURED = 7
# Without editors' picks: the newest piece of content leads, the next ones are "À voir".
FALLBACK_PICKS = 3


class HomePage(BasePage):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Affichée en haut de la page d'accueil, sous le slogan."),
    )
    welcome = RichTextField(
        _("message de bienvenue"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "Encadré « Bienvenue » affiché après les contenus mis en avant. Vide : pas d'encadré."
        ),
    )
    donate_heading = models.CharField(
        _("titre de l'appel au don"),
        max_length=120,
        blank=True,
        default=_("Soutenez un média indépendant"),
        help_text=_(
            "Titre de l'encadré d'appel au don, en bas de la page d'accueil. Vide : pas d'encadré."
        ),
    )
    donate_text = models.TextField(
        _("texte de l'appel au don"),
        blank=True,
        help_text=_("Une ou deux phrases sous ce titre, avant le bouton « Faire un don »."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("welcome"),
        InlinePanel(
            "featured_items",
            heading=_("À la une et À voir"),
            label=_("contenu mis en avant"),
            add_label=_("Ajouter un contenu mis en avant"),
            max_num=MAX_FEATURED,
            help_text=_(
                "Les contenus choisis par la rédaction, de tout type, dans cet ordre : le "
                "premier est « À la une », les suivants forment « À voir ». Sans choix, les "
                "contenus les plus récents sont affichés."
            ),
        ),
        InlinePanel(
            "home_sections",
            heading=_("Rubriques de la page d'accueil"),
            label=_("rubrique"),
            add_label=_("Ajouter une rubrique"),
            help_text=_(
                "Les rubriques affichées sous « À voir », dans cet ordre. Sans aucune rubrique "
                "choisie, toutes sont affichées dans leur ordre par défaut."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("donate_heading"), FieldPanel("donate_text")], heading=_("Appel au don")
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("welcome")]
    summary_field = "intro"

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    @classmethod
    def clean_subpage_models(cls):
        """Every page type but Wagtail's bare ``Page``: no list of apps here.

        Each section's index page names ``home.HomePage`` in its ``parent_page_types``,
        so a new app's index can be created under the home page without a change here.
        """
        return [model for model in get_page_models() if model is not Page]

    def get_featured_pages(self) -> list[Page]:
        """The editors' picks that are live and public, in the editors' order.

        One query for the picks, then one per page type for the specific pages
        (bounded by ``MAX_FEATURED``), never one per pick.
        """
        order = {
            pk: i for i, pk in enumerate(self.featured_items.values_list("page_id", flat=True))
        }
        pages = Page.objects.live().exclude(private_q()).filter(pk__in=order).specific()
        return attach_listing_images(sorted(pages, key=lambda page: order[page.pk]))

    def get_lead_and_picks(self) -> tuple[Page | None, list[Page]]:
        """ "À la une" (the first of the editors' list) and "À voir" (the rest).

        The editors choose both in one place, the ordered list of this page. With nothing
        chosen (or nothing of it live), the newest content of any kind stands in, so the
        home never opens on an empty space.
        """
        pages = self.get_featured_pages()
        if not pages:
            pages = latest_content(1 + FALLBACK_PICKS)
        if not pages:
            return None, []
        return pages[0], pages[1:]

    def _lead_and_picks_to_keep(self):
        lead, picks = self.get_lead_and_picks()
        forget_prefetched_renditions([lead, *picks] if lead else picks)
        return lead, picks

    def route(self, request, path_components):
        """Every page of the site is routed from here: one query for the whole way down."""
        if path_components:
            return route_in_one_query(self, request, path_components)
        return super().route(request, path_components)

    def get_sections(self) -> list[Section]:
        """The registered sections to render, in the editors' order (one query).

        With no order chosen, every registered section in registration order; a section
        whose app is no longer installed is skipped.
        """
        keys = list(self.home_sections.values_list("section", flat=True))
        if not keys:
            return get_sections()
        return [section for key in dict.fromkeys(keys) if (section := get_section(key))]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            lead, picks = self.get_lead_and_picks()
        else:
            # Chosen by editors, changed by a publication: kept for the generation.
            lead, picks = generation.memo(
                f"fabrique:home-picks:{self.pk}", self._lead_and_picks_to_keep, FRAME_TIMEOUT
            )
        context["lead_page"] = lead
        context["featured_pages"] = picks
        return context

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        data["@type"] = "WebSite"
        data["publisher"] = self.get_publisher(request)
        # Search engines may offer a search box for the site that lands on /recherche/.
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": public_url(reverse("search"), request=request)
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        }
        return data


class HomePageFeaturedItem(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contenu"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Le premier contenu de la liste est « À la une » (grand format), les suivants sont « À voir »."
        ),
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("contenu mis en avant")


class HomePageSection(Orderable):
    """One registered section shown on the home page, at the position editors chose."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="home_sections")
    section = models.CharField(
        _("rubrique"),
        max_length=50,
        choices=section_choices,
        help_text=_(
            "Une rubrique dont les derniers contenus s'affichent sur l'accueil, à cette position."
        ),
    )

    panels = [FieldPanel("section")]

    class Meta(Orderable.Meta):
        verbose_name = _("rubrique de la page d'accueil")
