"""A show: what podcast apps list (art, category, owner), its hosts, its episodes and its feed."""

import re
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from fabrique.core.admin_labels import InlinePanel
from fabrique.core.models import BasePage
from fabrique.core.page_forms import PageForm
from fabrique.core.people import live_people
from fabrique.web.site_url import public_address

from ..categories import category_choices, split_category
from ..choices import ShowType
from ..feeds import render_feed
from ..media import validate_cover
from .episodes import EpisodePage

EPISODES_PER_PAGE = 12

# The Podcasting 2.0 namespace's own UUID: podcast:guid is uuid5(this, feed URL).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid_for(feed_url: str) -> uuid.UUID:
    """The feed's podcast:guid: uuid5 of its URL without scheme and trailing slashes."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, bare)


class ShowPageForm(PageForm):
    """Editors cannot publish a show without its art: Apple refuses a feed without one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cover_image" in self.fields:
            self.fields["cover_image"].required = True


class PodcastShowPage(RoutablePageMixin, BasePage):
    """A show: what podcast apps list (art, category, owner) and its episodes, with its feed."""

    description = models.TextField(
        _("description"), help_text=_("Texte simple, repris par les applications de podcast.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("pochette"),
        null=True,
        blank=True,  # required in the admin form (ShowPageForm); an import may lack one
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Carrée, de 1400 à 3000 pixels de côté (exigence d'Apple Podcasts)."),
    )
    category = models.CharField(
        _("catégorie Apple Podcasts"),
        max_length=80,
        choices=category_choices(),
        default="Health & Fitness/Medicine",
        help_text=_(
            "Rangement du podcast dans Apple Podcasts et les autres applications ; n'apparaît pas sur le site."
        ),
    )
    explicit = models.BooleanField(
        _("contenu explicite"),
        default=False,
        help_text=_(
            "Signale aux applications de podcast un contenu réservé aux adultes ; n'apparaît pas sur le site."
        ),
    )
    author = models.CharField(
        _("auteur (affiché par les applications)"),
        max_length=200,
        default="La Fabrique des Soignants",
        help_text=_("Le nom que les applications de podcast affichent sous celui de l'émission."),
    )
    owner_name = models.CharField(
        _("nom du ou de la propriétaire"),
        max_length=200,
        help_text=_("Donné aux annuaires de podcasts dans le flux ; n'apparaît pas sur le site."),
    )
    owner_email = models.EmailField(
        _("e-mail du ou de la propriétaire"),
        blank=True,
        help_text=_("Sert aux annuaires (Apple, Spotify) à vérifier que le podcast est à vous."),
    )
    publish_owner_email = models.BooleanField(
        _("publier l'e-mail dans le flux"),
        default=False,
        help_text=_("Décoché : l'e-mail reste hors du flux public (itunes:owner sans e-mail)."),
    )
    language = models.CharField(
        _("langue"),
        max_length=10,
        default="fr",
        help_text=_(
            "Code de langue du flux, par exemple « fr » ; les applications l'utilisent pour le classement."
        ),
    )
    copyright = models.CharField(
        _("droits"),
        max_length=200,
        blank=True,
        help_text=_(
            "Mention de droits du flux, par exemple « © La Fabrique des Soignants » ; affichée par certaines applications."
        ),
    )
    show_type = models.CharField(
        _("type"),
        max_length=10,
        choices=ShowType.choices,
        default=ShowType.EPISODIC,
        help_text=_(
            "Épisodique : les plus récents d'abord. En série : dans l'ordre des numéros, pour une histoire à suivre."
        ),
    )
    feed_locked = models.BooleanField(
        _("verrouillé"),
        default=True,
        help_text=_("Interdit aux autres plateformes d'importer ce podcast (podcast:locked)."),
    )
    podcast_guid = models.UUIDField(_("identifiant Podcasting 2.0"), null=True, editable=False)
    previous_feed_url = models.URLField(
        _("ancienne adresse du flux"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Le flux chez l'ancien hébergeur, noté à l'import : demandez-lui d'y annoncer "
            "la nouvelle adresse (itunes:new-feed-url) ou une redirection permanente."
        ),
    )
    new_feed_url = models.URLField(
        _("nouvelle adresse du flux"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Seulement si le podcast part ailleurs : le flux annonce alors cette adresse "
            "(itunes:new-feed-url) et les applications suivent."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("cover_image"),
        InlinePanel(
            "hosts",
            heading=_("Animation"),
            label=_("personne"),
            add_label=_("Ajouter une personne"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldRowPanel([FieldPanel("show_type"), FieldPanel("language")]),
                FieldPanel("explicit"),
                FieldPanel("author"),
                FieldPanel("copyright"),
            ],
            heading=_("Pour les applications de podcast"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("owner_name"),
                FieldPanel("owner_email"),
                FieldPanel("publish_owner_email"),
            ],
            heading=_("Propriétaire"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feed_locked"),
                FieldPanel("previous_feed_url"),
                FieldPanel("new_feed_url"),
            ],
            heading=_("Flux et déménagement"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    summary_field = "description"
    base_form_class = ShowPageForm
    parent_page_types = ["podcasts.PodcastIndexPage"]
    subpage_types = ["podcasts.EpisodePage"]

    class Meta:
        verbose_name = _("émission")
        verbose_name_plural = _("émissions")

    def clean(self):
        super().clean()
        try:
            validate_cover(self.cover_image)
        except ValidationError as error:
            raise ValidationError({"cover_image": error.messages}) from None

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.podcast_guid is None and self.live and self.url_path:
            # Computed once, at the first publication, from the feed's public address then
            # (never from the host a request named); kept when the show or the site moves:
            # apps identify the podcast by it.
            self.podcast_guid = self.public_podcast_guid()
            if self.podcast_guid is not None:
                type(self).objects.filter(pk=self.pk).update(podcast_guid=self.podcast_guid)

    def public_podcast_guid(self) -> uuid.UUID | None:
        """uuid5 of the feed's address on the configured public address (``public_address``)."""
        parts = self.get_url_parts()
        if parts is None:
            return None
        hostname, port = public_address()
        scheme = urlsplit(settings.WAGTAILADMIN_BASE_URL).scheme
        default_port = 443 if scheme == "https" else 80
        host = hostname if port == default_port else f"{hostname}:{port}"
        return podcast_guid_for(f"{host}{parts[2]}{self.reverse_subpage('feed')}")

    def get_listing_image(self):
        return self.listing_image or self.cover_image

    @property
    def category_pair(self) -> tuple[str, str]:
        return split_category(self.category)

    def get_hosts(self) -> list:
        hosts = self.hosts.all()
        if "hosts" not in getattr(self, "_prefetched_objects_cache", {}):
            hosts = hosts.select_related("person")
        return [host.person for host in live_people(hosts)]

    def get_episodes(self):
        """Live public episodes, newest first (oldest first for a serial), in flat queries."""
        order = ["publication_date", "pk"]
        if self.show_type != ShowType.SERIAL:
            order = [F("publication_date").desc(nulls_last=True), "-pk"]
        return (
            EpisodePage.objects.live()
            .public()
            .child_of(self)
            .select_related("audio", "cover_image", "listing_image")
            .prefetch_related("cover_image__renditions", "listing_image__renditions")
            .order_by(*order)
        )

    def feed_url(self, request=None) -> str:
        return self.get_full_url(request) + self.reverse_subpage("feed")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = Paginator(self.get_episodes(), EPISODES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["feed_url"] = self.feed_url(request)
        return context

    @path("rss/")
    def feed(self, request):
        return HttpResponse(render_feed(self, request), content_type="application/rss+xml")

    og_type = "website"

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        data["@type"] = "PodcastSeries"
        data["webFeed"] = self.feed_url(request)
        data["author"] = {"@type": "Organization", "name": self.author}
        if self.cover_image:
            data["image"] = self.cover_image.get_rendition("fill-1400x1400").full_url
        return data


class ShowHost(Orderable):
    page = ParentalKey(PodcastShowPage, on_delete=models.CASCADE, related_name="hosts")
    person = models.ForeignKey(
        "core.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Affichée dans « Animé par » sur la page de l'émission."),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("animateur ou animatrice")
