"""Podcasts: shows, their episodes, and the audio library the episodes draw from.

The audio library is a small model of the project's own (``AudioFile``, a snippet with
Wagtail's chooser) rather than wagtailmedia: an episode needs exactly one sound, checked
by its content, with its duration, size and MIME type read from the file for the feed;
wagtailmedia's extension-based checks, thumbnails and video fields would be more to
carry and still leave that work to do (README, « Podcasts »).
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PreviewableMixin
from wagtail.search import index

from fabrique.core.admin_labels import InlinePanel
from fabrique.core.blocks import BaseStreamBlock
from fabrique.core.models import BasePage, SectionIndexPage
from fabrique.core.page_forms import PageForm
from fabrique.core.people import live_people
from fabrique.core.site_url import public_url

from .audio import format_clock, format_duration, format_size, inspect_audio, iso_duration
from .categories import category_choices, split_category
from .transcripts import MIME_TYPES, TranscriptFormat, looks_valid, parse_cues

SHOWS_PER_PAGE = 12
EPISODES_PER_PAGE = 12
COVER_MIN, COVER_MAX = 1400, 3000

# The Podcasting 2.0 namespace's own UUID: podcast:guid is uuid5(this, feed URL).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

_CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


def podcast_guid_for(feed_url: str) -> uuid.UUID:
    """The feed's podcast:guid: uuid5 of its URL without scheme and trailing slashes."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, bare)


def new_guid() -> str:
    return str(uuid.uuid4())


def validate_cover(image) -> None:
    """Apple's rule for show art: square, between 1400 and 3000 pixels a side."""
    if image is None:
        return
    if image.width != image.height or not COVER_MIN <= image.width <= COVER_MAX:
        raise ValidationError(
            _(
                "La pochette doit être carrée, entre %(min)s et %(max)s pixels de côté "
                "(celle-ci fait %(width)s × %(height)s)."
            )
            % {"min": COVER_MIN, "max": COVER_MAX, "width": image.width, "height": image.height}
        )


class ShowPageForm(PageForm):
    """Editors cannot publish a show without its art: Apple refuses a feed without one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cover_image" in self.fields:
            self.fields["cover_image"].required = True


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


class AudioFile(PreviewableMixin, index.Indexed, models.Model):
    """One sound of the library: an uploaded file, or (imported) a file left at its host.

    Duration, size and MIME type are read from the file itself when it is uploaded;
    nobody types them, so the feed's ``enclosure`` length is always exact.
    """

    title = models.CharField(
        _("titre"),
        max_length=255,
        help_text=_("Sert à retrouver le son dans l'administration ; jamais affiché sur le site."),
    )
    file = models.FileField(
        _("fichier son"),
        upload_to="podcasts/audio/",
        blank=True,
        help_text=_("MP3 de préférence (lu partout), ou M4A, Ogg, Opus, FLAC, WAV."),
    )
    external_url = models.URLField(
        _("adresse externe"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Son laissé chez son ancien hébergeur (import). Son domaine doit figurer dans "
            "FABRIQUE_EXTRA_MEDIA_ORIGINS pour être lu sur le site."
        ),
    )
    source_url = models.URLField(
        _("adresse d'origine"), max_length=1000, blank=True, editable=False, db_index=True
    )
    mime_type = models.CharField(_("type"), max_length=50, blank=True, editable=False)
    duration = models.PositiveIntegerField(_("durée (secondes)"), null=True, editable=False)
    size = models.PositiveBigIntegerField(_("taille (octets)"), null=True, editable=False)
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("file")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("son")
        verbose_name_plural = _("sons")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self._read_new_file()
        super().save(*args, **kwargs)

    def _read_new_file(self) -> None:
        """Fill type, duration and size from a file just uploaded, and name it by its kind."""
        if not self.file or getattr(self.file, "_committed", True):
            return
        info = inspect_audio(self.file.file)
        self.mime_type, self.duration, self.size = info.mime_type, info.duration, info.size
        stem = slugify(self.title or self.file.name.rsplit(".", 1)[0])[:60] or "son"
        # The stored name follows the content: the media view types files by extension.
        self.file.name = f"{stem}.{info.extension}"

    def clean(self):
        super().clean()
        if not self.file and not self.external_url:
            raise ValidationError({"file": _("Envoyez un fichier son.")})
        try:
            self._read_new_file()
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None

    @property
    def url(self) -> str:
        return self.file.url if self.file else self.external_url

    def get_full_url(self, request=None) -> str:
        return public_url(self.url, request=request)

    @property
    def duration_display(self) -> str:
        return format_duration(self.duration)

    def get_preview_template(self, request, mode_name):
        # The episode page's player, so the sound is heard as readers will hear it.
        return "podcasts/audio_file_preview.html"


class PodcastIndexPage(SectionIndexPage):
    """The podcasts section: every live show, paginated."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Affichée sous le titre de la page Podcasts, au-dessus de la liste des émissions."
        ),
    )

    subpage_types = ["podcasts.PodcastShowPage"]

    class Meta:
        verbose_name = _("index des podcasts")

    def get_shows(self):
        return (
            PodcastShowPage.objects.live()
            .public()
            .child_of(self)
            .select_related("cover_image", "listing_image")
            .prefetch_related("cover_image__renditions", "listing_image__renditions")
            .order_by("title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = Paginator(self.get_shows(), SHOWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context


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
            # Computed once, at the first publication, from the feed's address then; kept
            # when the show or the site moves: apps identify the podcast by it.
            full_url = self.get_full_url()
            if full_url:
                self.podcast_guid = podcast_guid_for(full_url + "rss/")
                type(self).objects.filter(pk=self.pk).update(podcast_guid=self.podcast_guid)

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
        from .feeds import render_feed

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


class EpisodePage(RoutablePageMixin, BasePage):
    """One episode: its sound, notes, transcript and chapters, under its show."""

    summary = models.TextField(
        _("résumé"), help_text=_("Deux ou trois phrases : la description dans les applications.")
    )
    show_notes = StreamField(
        BaseStreamBlock(),
        verbose_name=_("notes de l'épisode"),
        blank=True,
        help_text=_(
            "Affichées sous le lecteur et reprises dans le flux du podcast : sujets, liens, ressources."
        ),
    )
    audio = models.ForeignKey(
        AudioFile,
        verbose_name=_("son"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="episodes",
        help_text=_("Le son joué par le lecteur de la page et publié dans le flux du podcast."),
    )
    publication_date = models.DateTimeField(
        _("date de publication"),
        null=True,
        blank=True,
        help_text=_("Vide : la date de première publication."),
    )
    season = models.PositiveIntegerField(
        _("saison"),
        null=True,
        blank=True,
        help_text=_(
            "Affichée avec le numéro (« Saison 2, épisode 3 ») et transmise aux applications. Vide : pas de saison."
        ),
    )
    episode_number = models.PositiveIntegerField(
        _("numéro d'épisode"),
        null=True,
        blank=True,
        help_text=_(
            "Affiché au-dessus du titre et transmis aux applications, qui rangent les épisodes par numéro."
        ),
    )
    episode_type = models.CharField(
        _("type d'épisode"),
        max_length=10,
        choices=EpisodeType.choices,
        default=EpisodeType.FULL,
        help_text=_(
            "Complet pour un épisode ordinaire ; bande-annonce ou bonus sont signalés comme tels par les applications."
        ),
    )
    explicit = models.BooleanField(
        _("contenu explicite"),
        default=False,
        help_text=_(
            "Signale aux applications de podcast un contenu réservé aux adultes ; n'apparaît pas sur le site."
        ),
    )
    transcript = models.TextField(
        _("transcription"),
        blank=True,
        help_text=_("Collez un fichier WebVTT ou SRT, ou le texte, un paragraphe par ligne."),
    )
    transcript_format = models.CharField(
        _("format de la transcription"),
        max_length=5,
        choices=TranscriptFormat.choices,
        default=TranscriptFormat.TEXT,
        help_text=_(
            "Comment lire le champ « Transcription » : texte simple, ou fichier horodaté WebVTT ou SRT."
        ),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("pochette propre à l'épisode"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vide : celle de l'émission. Carrée, de 1400 à 3000 pixels de côté."),
    )
    # The feed's <guid>: made once at creation, never derived from the URL, so an edit,
    # a new slug or a move leaves it alone; imported episodes keep their old one.
    guid = models.CharField(
        _("identifiant du flux"), max_length=500, default=new_guid, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audio"),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldRowPanel([FieldPanel("season"), FieldPanel("episode_number")]),
                FieldPanel("episode_type"),
                FieldPanel("explicit"),
                FieldPanel("cover_image"),
            ],
            heading=_("Pour les applications de podcast"),
        ),
        InlinePanel(
            "guests",
            heading=_("Invité·es et équipe"),
            label=_("personne"),
            add_label=_("Ajouter une personne"),
        ),
        FieldPanel("show_notes"),
        InlinePanel(
            "chapters",
            heading=_("Chapitres"),
            label=_("chapitre"),
            add_label=_("Ajouter un chapitre"),
            help_text=_("Début au format mm:ss ou h:mm:ss."),
        ),
        MultiFieldPanel(
            [FieldPanel("transcript_format"), FieldPanel("transcript")],
            heading=_("Transcription"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
    ]
    summary_field = "summary"
    parent_page_types = ["podcasts.PodcastShowPage"]
    subpage_types = []
    exclude_fields_in_copy = ["guid"]
    og_type = "article"

    class Meta:
        verbose_name = _("épisode")

    def clean(self):
        super().clean()
        errors = {}
        try:
            validate_cover(self.cover_image)
        except ValidationError as error:
            errors["cover_image"] = error.messages
        if self.transcript.strip() and not looks_valid(self.transcript, self.transcript_format):
            errors["transcript"] = _(
                "Cette transcription ne correspond pas au format choisi : un fichier WebVTT "
                "commence par « WEBVTT » et chaque réplique a ses temps (00:01.000 --> 00:04.000)."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.publication_date and self.first_published_at:
            self.publication_date = self.first_published_at
        super().save(*args, **kwargs)

    def get_content_date(self):
        if self.publication_date:
            return timezone.localdate(self.publication_date)
        return super().get_content_date()

    def get_listing_image(self):
        return self.listing_image or self.cover_image

    @cached_property
    def show(self) -> PodcastShowPage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    def get_cover(self):
        return self.cover_image or (self.show.cover_image if self.show else None)

    def get_guests(self) -> list:
        guests = self.guests.all()
        if "guests" not in getattr(self, "_prefetched_objects_cache", {}):
            guests = guests.select_related("person")
        return live_people(guests)

    def get_chapters(self) -> list:
        return list(self.chapters.all())

    def get_cues(self):
        return parse_cues(self.transcript, self.transcript_format)

    @property
    def transcript_mime(self) -> str:
        return MIME_TYPES[TranscriptFormat(self.transcript_format)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        show = self.show
        audio = self.audio
        context.update(
            show=show,
            feed_url=show.feed_url(request) if isinstance(show, PodcastShowPage) else "",
            audio=audio,
            audio_format=(audio.mime_type or "audio/mpeg")
            .split("/")[-1]
            .replace("mpeg", "mp3")
            .upper()
            if audio
            else "",
            audio_size=format_size(audio.size) if audio and audio.size else "",
            chapters=self.get_chapters(),
            cues=[
                (format_clock(start) if start is not None else None, words)
                for start, words in self.get_cues()
            ],
        )
        return context

    @path("transcription/")
    def transcript_file(self, request):
        """The transcript at its own address (podcast:transcript), typed as the feed says."""
        if not self.transcript.strip():
            raise Http404
        if self.transcript_format == TranscriptFormat.TEXT:
            return TemplateResponse(
                request,
                "podcasts/transcript.html",
                {"page": self, "episode": self, "cues": self.get_cues()},
            )
        response = HttpResponse(
            self.transcript, content_type=f"{self.transcript_mime}; charset=utf-8"
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @path("chapitres/")
    def chapters_file(self, request):
        """JSON chapters (Podcasting 2.0 « JSON Chapters Format », version 1.2.0)."""
        chapters = self.get_chapters()
        if not chapters:
            raise Http404
        data = {
            "version": "1.2.0",
            "title": self.title,
            "podcastName": self.show.title if self.show else "",
            "chapters": [chapter.as_json() for chapter in chapters],
        }
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["Content-Type"] = "application/json+chapters; charset=utf-8"
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        data["@type"] = "PodcastEpisode"
        if published := self.get_content_date():
            data["datePublished"] = published.isoformat()
        if self.episode_number:
            data["episodeNumber"] = self.episode_number
        if self.audio:
            data["duration"] = iso_duration(self.audio.duration)
            data["associatedMedia"] = {
                "@type": "MediaObject",
                "contentUrl": self.audio.get_full_url(request),
                "encodingFormat": self.audio.mime_type,
                **({"contentSize": str(self.audio.size)} if self.audio.size else {}),
                **({"duration": iso_duration(self.audio.duration)} if self.audio.duration else {}),
            }
        if self.show:
            data["partOfSeries"] = {
                "@type": "PodcastSeries",
                "name": self.show.title,
                "url": self.show.get_full_url(request),
            }
        cover = self.get_cover()
        if cover:
            data["image"] = cover.get_rendition("fill-1400x1400").full_url
        data["publisher"] = self.get_publisher(request)
        return data


class EpisodeGuest(Orderable):
    """A person heard in the episode, with their role (podcast:person)."""

    page = ParentalKey(EpisodePage, on_delete=models.CASCADE, related_name="guests")
    person = models.ForeignKey(
        "core.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Affichée dans « Avec » sous le lecteur, avec sa biographie."),
    )
    role = models.CharField(
        _("rôle"),
        max_length=20,
        choices=PersonRole.choices,
        default=PersonRole.GUEST,
        help_text=_("Affiché après son nom, par exemple « invitée » ou « animation »."),
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("invité·e")


def validate_clock(value: str) -> None:
    if not _CLOCK.match(value.strip()):
        raise ValidationError(_("Écrivez le début comme 12:30 ou 1:02:05."))


class EpisodeChapter(Orderable):
    """A chapter: where it starts, its title, an optional link (JSON chapters)."""

    page = ParentalKey(EpisodePage, on_delete=models.CASCADE, related_name="chapters")
    start = models.CharField(
        _("début"),
        max_length=12,
        validators=[validate_clock],
        help_text=_(
            "Moment du son où commence le chapitre, par exemple 12:30, affiché devant son titre."
        ),
    )
    title = models.CharField(
        _("titre"),
        max_length=200,
        help_text=_(
            "Affiché dans la liste des chapitres sous le lecteur et dans les applications."
        ),
    )
    url = models.URLField(
        _("lien"),
        blank=True,
        help_text=_("Lien facultatif : le titre du chapitre y mène (une ressource citée)."),
    )

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("title")]), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("chapitre")

    @property
    def seconds(self) -> int:
        match = _CLOCK.match(self.start.strip())
        if not match:
            return 0
        hours, minutes, seconds = match.groups()
        return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)

    @property
    def clock(self) -> str:
        return format_clock(self.seconds)

    def as_json(self) -> dict:
        data = {"startTime": self.seconds, "title": self.title}
        if self.url:
            data["url"] = self.url
        return data
