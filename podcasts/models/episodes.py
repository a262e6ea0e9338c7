"""An episode: its sound, notes, transcript and chapters, and the people heard in it."""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from fabrique.core.admin_labels import InlinePanel
from fabrique.core.blocks import BaseStreamBlock
from fabrique.core.models import BasePage
from fabrique.core.people import live_people

from ..audio import format_clock, format_size, iso_duration
from ..choices import EpisodeType, PersonRole, TranscriptFormat
from ..media import validate_cover
from ..transcripts import MIME_TYPES, looks_valid, parse_cues
from .audio_files import AudioFile

_CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


def new_guid() -> str:
    return str(uuid.uuid4())


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
        index.SearchField("search_credits"),
    ]
    summary_field = "summary"
    parent_page_types = ["podcasts.PodcastShowPage"]
    subpage_types = []
    exclude_fields_in_copy = ["guid"]
    og_type = "article"

    class Meta:
        verbose_name = _("épisode")

    @classmethod
    def get_route_queryset(cls):
        return (
            super()
            .get_route_queryset()
            .select_related("audio")
            .prefetch_related(
                "chapters",
                Prefetch(
                    "guests",
                    queryset=EpisodeGuest.objects.select_related("person", "person__photo"),
                ),
            )
        )

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

    def get_og_image(self):
        """Its own image, else its show's cover: the art podcast apps show for it too."""
        return self.get_listing_image() or (self.show.get_listing_image() if self.show else None)

    @cached_property
    def show(self) -> Page | None:
        """The show the episode is filed under (its parent page, as its own type)."""
        parent = self.get_parent()
        return parent.specific if parent else None

    def get_cover(self):
        return self.cover_image or (self.show.cover_image if self.show else None)

    def search_credits(self) -> str:
        """Published guests' names, for the search index (docs/search.md)."""
        return " ".join(guest.person.name for guest in self.get_guests())

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
            # Only a show has a feed (the parent is one, unless the tree was edited by hand).
            feed_url=show.feed_url(request) if hasattr(show, "feed_url") else "",
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
