"""Vidéos: replays of the live shows and interviews, behind a privacy-first player.

The video itself stays at its provider (YouTube, Twitch, PeerTube, Vimeo, Dailymotion);
the site keeps what makes it readable without the provider: a poster stored here, the
transcript, the chapters and the credits. ``fabrique.core.embeds`` reads the source URL.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Prefetch
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from fabrique.core.admin_labels import InlinePanel
from fabrique.core.blocks import BaseStreamBlock
from fabrique.core.embeds import (
    duration_display,
    iso_duration,
    parse_video_url,
    validate_video_url,
    video_player_context,
)
from fabrique.core.models import BasePage, NameSlugSnippet, SectionIndexPage, section_intro
from fabrique.core.people import live_people
from fabrique.core.querysets import SitePageQuerySet
from fabrique.web.querystring import clean_filter_value

from .validators import validate_webvtt

VIDEOS_PER_PAGE = 12


class VideoSeries(NameSlugSnippet):
    """An « émission »: « La nuit des jeunes en santé », « Les entretiens »…"""

    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Affichée en tête de la liste des vidéos filtrée sur cette émission."),
    )

    panels = [*NameSlugSnippet.panels, FieldPanel("description")]

    class Meta(NameSlugSnippet.Meta):
        verbose_name = _("émission")
        verbose_name_plural = _("émissions")


class VideoKind(models.TextChoices):
    REPLAY = "replay", _("Replay d'un direct")
    INTERVIEW = "entretien", _("Entretien")
    EXCERPT = "extrait", _("Extrait")


class CreditRole(models.TextChoices):
    HOST = "animation", _("Animation")
    GUEST = "invite", _("Invité·e")


class VideoIndexPage(SectionIndexPage):
    """The vidéos section: the newest first, filtered by series, kind and keyword."""

    intro = section_intro(
        _("Affichée sous le titre de la page Vidéos, au-dessus des filtres et de la liste.")
    )

    subpage_types = ["videos.VideoPage"]

    class Meta:
        verbose_name = _("index des vidéos")

    def get_videos(self):
        """Live public videos with everything a card shows, in a fixed number of queries."""
        return VideoPage.objects.live().public().child_of(self).for_cards()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        videos = self.get_videos()
        # Only series a published video belongs to: Contributeurs may add a series
        # (to file their video), and its name reaches readers with a reviewed page.
        series = list(VideoSeries.objects.filter(pk__in=videos.values("series_id")))
        series_slug = clean_filter_value(request.GET.get("emission"))
        current_series = next((s for s in series if s.slug == series_slug), None)
        if current_series:
            videos = videos.filter(series=current_series)
        kind = clean_filter_value(request.GET.get("type"))
        current_kind = kind if kind in VideoKind.values else ""
        if current_kind:
            videos = videos.filter(kind=current_kind)
        tag_slug = clean_filter_value(request.GET.get("tag"))
        current_tag = Tag.objects.filter(slug=tag_slug).first() if tag_slug else None
        if current_tag:
            videos = videos.filter(tags=current_tag)
        context.update(
            page_obj=Paginator(videos, VIDEOS_PER_PAGE).get_page(request.GET.get("page")),
            series_list=series,
            current_series=current_series,
            kinds=VideoKind.choices,
            current_kind=current_kind,
            current_tag=current_tag,
        )
        return context


class VideoPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "videos.VideoPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class VideoPageQuerySet(SitePageQuerySet):
    def for_cards(self):
        """Everything a card shows (poster, series, duration) without a query per card."""
        return (
            self.select_related("series", "poster", "listing_image")
            .prefetch_related("poster__renditions", "listing_image__renditions")
            .order_by(F("recorded_on").desc(nulls_last=True), "-first_published_at", "-pk")
        )

    def replays(self):
        return self.filter(kind=VideoKind.REPLAY)


class VideoPage(BasePage):
    """One video: its player, credits, chapters and transcript."""

    source_url = models.URLField(
        _("adresse de la vidéo"),
        max_length=500,
        help_text=_("Le lien de la vidéo chez YouTube, Vimeo, Dailymotion, PeerTube ou Twitch."),
    )
    summary = models.TextField(
        _("résumé"),
        blank=True,
        help_text=_(
            "Affiché sous le titre et sur les cartes ; repris par les moteurs de recherche si le résumé de vignette est vide."
        ),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("affiche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Image montrée avant la lecture ; renseignez sa description (texte alternatif). "
            "Vide : un fond neutre, jamais l'image du fournisseur."
        ),
    )
    duration = models.DurationField(
        _("durée"), null=True, blank=True, help_text=_("Par exemple 1:02:30 pour 1 h 02 min 30 s.")
    )
    series = models.ForeignKey(
        VideoSeries,
        verbose_name=_("émission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="videos",
        help_text=_(
            "Affichée sur la page et les cartes ; les lecteurs filtrent les vidéos par émission."
        ),
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=VideoKind.choices,
        default=VideoKind.REPLAY,
        help_text=_(
            "Affiché au-dessus du titre (rediffusion, entretien…) ; les lecteurs filtrent les vidéos par type."
        ),
    )
    recorded_on = models.DateField(
        _("date d'enregistrement"),
        null=True,
        blank=True,
        help_text=_("Le jour du direct ou de l'entretien. Vide : la date de publication."),
    )
    tags = ClusterTaggableManager(verbose_name=_("mots-clés"), through=VideoPageTag, blank=True)
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("présentation"),
        blank=True,
        help_text=_("Le texte affiché sous le lecteur : contexte, liens, ressources."),
    )
    transcript = RichTextField(
        _("transcription"),
        blank=True,
        features=["bold", "italic", "link", "h3", "ol", "ul"],
        help_text=_("Ce qui est dit dans la vidéo, pour qui ne peut pas l'écouter."),
    )
    captions = models.FileField(
        _("sous-titres (WebVTT)"),
        upload_to="videos/sous-titres/",
        blank=True,
        validators=[validate_webvtt],
        help_text=_("Fichier .vtt proposé au téléchargement."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("source_url"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("poster"),
                FieldPanel("duration"),
                FieldPanel("recorded_on"),
                FieldPanel("series"),
                FieldPanel("kind"),
                FieldPanel("tags"),
            ],
            heading=_("Classement"),
        ),
        InlinePanel(
            "credits",
            heading=_("Animation et invité·es"),
            label=_("personne"),
            add_label=_("Ajouter une personne"),
        ),
        InlinePanel(
            "chapters",
            heading=_("Chapitres"),
            label=_("chapitre"),
            add_label=_("Ajouter un chapitre"),
            help_text=_("Le début de chaque partie, par exemple 12:30."),
        ),
        FieldPanel("transcript"),
        FieldPanel("captions"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("body"),
        # Keywords, found by the site's search (docs/search.md).
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
    ]
    summary_field = "summary"
    parent_page_types = ["videos.VideoIndexPage"]
    subpage_types = []
    og_type = "video.other"

    objects = PageManager.from_queryset(VideoPageQuerySet)()
    # "À voir" on the home page shows a "Jouer" affordance for playable pages.
    is_playable = True

    class Meta:
        verbose_name = _("vidéo")

    @classmethod
    def get_route_queryset(cls):
        return (
            super()
            .get_route_queryset()
            .select_related("series")
            .prefetch_related(
                "chapters",
                "tags",
                Prefetch(
                    "credits",
                    queryset=VideoCredit.objects.select_related("person", "person__photo"),
                ),
            )
        )

    def clean(self):
        super().clean()
        try:
            validate_video_url(self.source_url)
        except ValidationError as error:
            raise ValidationError({"source_url": error}) from None

    @cached_property
    def video(self):
        return parse_video_url(self.source_url)

    @property
    def duration_seconds(self) -> int | None:
        return int(self.duration.total_seconds()) if self.duration else None

    def get_duration_display(self) -> str:
        """« 1 h 02 min »; "" when unknown."""
        return duration_display(self.duration_seconds)

    def get_iso_duration(self) -> str:
        return iso_duration(self.duration_seconds)

    def get_content_date(self):
        """The day of the live show or interview, else the publication day."""
        return self.recorded_on or super().get_content_date()

    def get_listing_image(self):
        return self.listing_image or self.poster

    def get_credits(self) -> list:
        """(person, role label) in the editors' order, published people only; prefetched
        in listings."""
        credits = self.credits.all()
        if "credits" not in getattr(self, "_prefetched_objects_cache", {}):
            credits = credits.select_related("person")
        return live_people(credits)

    def get_replayed_events(self) -> list:
        """The live events this video replays, published: the event holds the link
        (``EventPage.replay``, docs/architecture.md « Une relation, un seul endroit »); one query,
        cached."""
        if not self.pk:
            return []
        if not hasattr(self, "_replayed_events"):
            self._replayed_events = list(self.replayed_by_events.live().public().order_by("start"))
        return self._replayed_events

    def get_player(self, request=None) -> dict:
        return video_player_context(
            self.video,
            title=self.title,
            request=request,
            poster=self.poster,
            poster_alt=self.poster.default_alt_text if self.poster else "",
            duration=self.duration_seconds,
            dom_id="lecteur",
        )

    def get_chapters(self, request=None) -> list[dict]:
        """Each chapter with its provider link (without JS) and player address (with JS)."""
        from fabrique.core.embeds import request_host

        video = self.video
        host = request_host(request)
        chapters = []
        # In time order whatever order they were typed in: links and JSON-LD clips follow it.
        for chapter in sorted(self.chapters.all(), key=lambda chapter: chapter.seconds):
            seconds = chapter.seconds
            chapters.append(
                {
                    "title": chapter.title,
                    "seconds": seconds,
                    "timecode": chapter.timecode,
                    "iso": iso_duration(seconds) or "PT0S",
                    "url": video.watch_url(seconds) if video else self.source_url,
                    "player_url": video.player_url_for(host, seconds) if video else "",
                }
            )
        return chapters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["player"] = self.get_player(request)
        context["chapters"] = self.get_chapters(request)
        return context

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        data["@type"] = "VideoObject"
        data["name"] = self.title
        data["description"] = self.get_meta_description() or self.title
        if date := self.get_content_date():
            data["uploadDate"] = date.isoformat()
        if duration := self.get_iso_duration():
            data["duration"] = duration
        image = self.get_listing_image()
        if image:
            data["thumbnailUrl"] = [image.get_rendition("fill-1280x720").full_url]
        video = self.video
        if video:
            from fabrique.core.embeds import request_host

            # The player; no contentUrl: the video's own address is a watch page on the
            # platform, not the media file that property names.
            if embed := video.player_url_for(request_host(request)):
                data["embedUrl"] = embed
        if self.transcript:
            data["transcript"] = " ".join(strip_tags(self.transcript).split())
        if events := self.get_replayed_events():
            data["recordedAt"] = {
                "@type": "Event",
                "name": events[0].title,
                "url": events[0].get_full_url(request),
            }
        chapters = self.get_chapters(request)
        if chapters:
            parts = []
            for position, chapter in enumerate(chapters):
                clip = {
                    "@type": "Clip",
                    "name": chapter["title"],
                    "startOffset": chapter["seconds"],
                    "url": chapter["url"],
                }
                if position + 1 < len(chapters):
                    clip["endOffset"] = chapters[position + 1]["seconds"]
                elif self.duration_seconds:
                    clip["endOffset"] = self.duration_seconds
                parts.append(clip)
            data["hasPart"] = parts
        data["publisher"] = self.get_publisher(request)
        return data


class VideoChapter(Orderable):
    """A part of the video: where it starts and what it is about."""

    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="chapters")
    start = models.DurationField(_("début"), help_text=_("Par exemple 12:30 ou 1:02:00."))
    title = models.CharField(
        _("titre"),
        max_length=200,
        help_text=_("Affiché dans la liste des chapitres sous la vidéo, avec son horodatage."),
    )

    panels = [FieldPanel("start"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("chapitre")
        verbose_name_plural = _("chapitres")

    @property
    def seconds(self) -> int:
        return int(self.start.total_seconds()) if self.start else 0

    @property
    def timecode(self) -> str:
        hours, rest = divmod(self.seconds, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class VideoCredit(Orderable):
    """Someone who hosts or is a guest of the video, in the editors' order."""

    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(
        "core.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Affichée dans « Avec » sous la vidéo, avec sa biographie."),
    )
    role = models.CharField(
        _("rôle"),
        max_length=20,
        choices=CreditRole.choices,
        default=CreditRole.GUEST,
        help_text=_("Affiché après son nom, par exemple « animation » ou « invitée »."),
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("personne créditée")
        verbose_name_plural = _("personnes créditées")
