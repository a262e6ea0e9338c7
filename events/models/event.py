"""An event page, its speakers and tags, and the queryset the listing, feeds and banner filter with."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from fabrique.core.admin_labels import InlinePanel
from fabrique.core.blocks import BaseStreamBlock
from fabrique.core.embeds import parse_video_url, video_player_context
from fabrique.core.models import BasePage
from fabrique.core.people import live_people
from fabrique.core.querysets import SitePageQuerySet
from fabrique.web.page_cache import keep_no_longer_than

from ..choices import (
    DEFAULT_TIME_ZONE,
    ON_SITE_FORMATS,
    ONLINE_FORMATS,
    TIME_ZONES,
    EventFormat,
    EventStatus,
    StepFreeAccess,
)
from ..feeds import event_ics
from ..forms import EventPageForm
from ..jsonld import event_json_ld
from ..state import EventState, state_at


class EventQuerySet(SitePageQuerySet):
    """The filters of the listing, the feeds and the banner, as queryset methods."""

    def upcoming(self, now=None):
        """Not over yet (coming or live): the end is still ahead."""
        return self.filter(end__gt=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lte=now or timezone.now())

    def live_now(self, now=None):
        now = now or timezone.now()
        return self.filter(start__lte=now, end__gt=now)

    def broadcast(self):
        """Online or hybrid events that still take place: the ones a banner may announce."""
        return self.filter(format__in=ONLINE_FORMATS).exclude(status=EventStatus.CANCELLED)

    def in_month(self, year: int, month: int, tz=None):
        """Starting in that month, in the site's time zone."""
        tz = tz or timezone.get_current_timezone()
        first = datetime.datetime(year, month, 1, tzinfo=tz)
        following = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
        return self.filter(start__gte=first, start__lt=following)

    def in_listing_order(self, now=None):
        """Coming and live events first, soonest first; then past events, latest first."""
        now = now or timezone.now()
        return self.annotate(
            is_over=Case(
                When(end__lte=now, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        ).order_by(
            "is_over",
            Case(When(end__gt=now, then=F("start"))).asc(),
            Case(When(end__lte=now, then=F("start"))).desc(),
            "pk",
        )

    def for_cards(self):
        return self.select_related("listing_image").prefetch_related(
            "tags", "listing_image__renditions"
        )


EventManager = PageManager.from_queryset(EventQuerySet)


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPage(RoutablePageMixin, BasePage):
    """One event: when, where or how to follow it, who speaks, how accessible it is."""

    summary = models.TextField(
        _("chapô"),
        blank=True,
        help_text=_(
            "Affiché sous le titre et sur les cartes ; repris dans le calendrier et les partages."
        ),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("description"),
        blank=True,
        help_text=_("Le programme et les détails, affichés sous les informations pratiques."),
    )

    start = models.DateTimeField(
        _("début"),
        help_text=_("Affiché en tête de page et sur les cartes ; exporté dans le calendrier."),
    )
    end = models.DateTimeField(
        _("fin"),
        help_text=_(
            "Affichée avec le début ; après cette heure, l'événement est rangé parmi les événements passés."
        ),
    )
    timezone = models.CharField(
        _("fuseau horaire"),
        max_length=64,
        choices=TIME_ZONES,
        default=DEFAULT_TIME_ZONE,
        help_text=_("Les heures saisies sont celles de ce fuseau, heure d'été comprise."),
    )
    all_day = models.BooleanField(
        _("journée entière"),
        default=False,
        help_text=_("Les heures sont alors ignorées : l'événement couvre les jours indiqués."),
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=EventFormat.choices,
        default=EventFormat.ONLINE,
        help_text=_(
            "En ligne, sur place ou les deux : décide si le lieu ou le lien du direct est affiché."
        ),
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_("« Annulé » ou « Reporté » s'affiche en évidence sur la page et les cartes."),
    )

    venue_name = models.CharField(
        _("lieu"),
        max_length=200,
        blank=True,
        help_text=_(
            "Affiché dans le bloc « Où » (sur place ou hybride), par exemple « Maison de la santé »."
        ),
    )
    venue_address = models.CharField(
        _("adresse"),
        max_length=255,
        blank=True,
        help_text=_("Rue et numéro, affichés sous le nom du lieu et exportés dans le calendrier."),
    )
    venue_postcode = models.CharField(
        _("code postal"),
        max_length=10,
        blank=True,
        help_text=_("Affiché avec la ville sous l'adresse."),
    )
    venue_city = models.CharField(
        _("ville"),
        max_length=100,
        blank=True,
        help_text=_("Affichée sur les cartes et sous l'adresse."),
    )
    venue_department = models.CharField(
        _("département"),
        max_length=100,
        blank=True,
        help_text=_("Affiché entre parenthèses après la ville, sur la page et les cartes."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_(
            "Facultatif : position du lieu pour les moteurs de recherche et les applications de calendrier."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_(
            "Facultatif : position du lieu pour les moteurs de recherche et les applications de calendrier."
        ),
    )

    live_url = models.URLField(
        _("adresse du direct"),
        blank=True,
        help_text=_("Lien YouTube, Twitch, Vimeo ou PeerTube de la diffusion."),
    )
    registration_url = models.URLField(
        _("adresse d'inscription"),
        blank=True,
        help_text=_("Affiche un bouton « S'inscrire » vers cette adresse. Vide : pas de bouton."),
    )
    price = models.DecimalField(
        _("prix (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Vide ou 0 : gratuit."),
    )
    organiser_name = models.CharField(
        _("organisé par"),
        max_length=200,
        default="La Fabrique des Soignants",
        help_text=_("Affiché dans « Organisé par » et donné aux moteurs de recherche."),
    )
    organiser_email = models.EmailField(
        _("e-mail de l'organisation"),
        blank=True,
        help_text=_("Vide : l'e-mail de contact des réglages du site."),
    )
    tags = ClusterTaggableManager(verbose_name=_("mots-clés"), through=EventPageTag, blank=True)

    replay = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("rediffusion (page vidéo)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replayed_by_events",
        help_text=_(
            "Affiche « Voir la rediffusion » sur l'événement passé ; la vidéo affiche « Rediffusion de … »."
        ),
    )
    replay_url = models.URLField(
        _("adresse de la rediffusion"),
        blank=True,
        help_text=_("Quand la rediffusion n'a pas de page vidéo sur le site."),
    )

    step_free_access = models.CharField(
        _("accès de plain-pied"),
        max_length=10,
        choices=StepFreeAccess.choices,
        default=StepFreeAccess.UNKNOWN,
        blank=True,
        help_text=_(
            "Affiché dans « Accessibilité » pour un événement sur place ; exporté dans le calendrier."
        ),
    )
    live_subtitles = models.BooleanField(
        _("sous-titrage en direct"),
        default=False,
        help_text=_("Coché : « Sous-titrage en direct » s'affiche dans « Accessibilité »."),
    )
    sign_language = models.BooleanField(
        _("interprétation en langue des signes"),
        default=False,
        help_text=_(
            "Coché : « Interprétation en langue des signes française (LSF) » s'affiche dans « Accessibilité »."
        ),
    )
    quiet_room = models.BooleanField(
        _("salle calme"),
        default=False,
        help_text=_(
            "Coché, pour un événement sur place : « Salle calme disponible » s'affiche dans « Accessibilité »."
        ),
    )
    access_contact = models.CharField(
        _("contact pour l'accessibilité"),
        max_length=200,
        blank=True,
        help_text=_("E-mail ou téléphone pour demander un aménagement."),
    )

    # RFC 5545 SEQUENCE: raised on each publication (signals.py), kept out of revisions.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = EventManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("timezone"), FieldPanel("all_day")]),
                FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
            ],
            heading=_("Date et format"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("venue_postcode"), FieldPanel("venue_city")]),
                FieldPanel("venue_department"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Lieu (sur place)"),
        ),
        MultiFieldPanel(
            [FieldPanel("live_url"), FieldPanel("registration_url"), FieldPanel("price")],
            heading=_("Suivre ou s'inscrire"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldRowPanel(
                    [
                        FieldPanel("live_subtitles"),
                        FieldPanel("sign_language"),
                        FieldPanel("quiet_room"),
                    ]
                ),
                FieldPanel("access_contact"),
            ],
            heading=_("Accessibilité"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser_name"), FieldPanel("organiser_email"), FieldPanel("tags")],
            heading=_("Organisation et mots-clés"),
        ),
        InlinePanel(
            "speakers",
            heading=_("Intervenant·es"),
            label=_("intervenant·e"),
            add_label=_("Ajouter un·e intervenant·e"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [PageChooserPanel("replay", "videos.VideoPage"), FieldPanel("replay_url")],
            heading=_("Rediffusion"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_city"),
        index.SearchField("search_credits"),
        index.FilterField("start"),
    ]
    summary_field = "summary"
    base_form_class = EventPageForm
    # A copy is a new event for calendars: a new UID (translation key) and SEQUENCE 0.
    exclude_fields_in_copy = ["ical_sequence"]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("événement")

    @classmethod
    def get_route_queryset(cls):
        return (
            super()
            .get_route_queryset()
            .prefetch_related(
                "tags",
                Prefetch(
                    "speakers",
                    queryset=EventSpeaker.objects.select_related("person", "person__photo"),
                ),
            )
        )

    def with_content_json(self, content):
        """A revision never brings back an older SEQUENCE: the counter is read from the
        database, since ``self`` may be an object loaded before the last publication."""
        obj = super().with_content_json(content)
        if self.pk:
            stored = EventPage.objects.filter(pk=self.pk).values_list("ical_sequence", flat=True)
            obj.ical_sequence = stored.first() or 0
        return obj

    # --- time --------------------------------------------------------------------------

    @cached_property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone or DEFAULT_TIME_ZONE)
        except (ValueError, KeyError):
            return ZoneInfo(DEFAULT_TIME_ZONE)

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(self.zone)

    @property
    def last_day(self) -> datetime.date:
        """The last day the event covers (an all-day event's end is the next midnight)."""
        if self.all_day:
            return (self.local_end - datetime.timedelta(days=1)).date()
        return self.local_end.date()

    @property
    def is_multi_day(self) -> bool:
        return self.last_day != self.local_start.date()

    @property
    def zone_label(self) -> str:
        """« heure de Paris » for the usual case, the zone's name otherwise."""
        if self.timezone == settings.TIME_ZONE:
            return ""
        return dict(TIME_ZONES).get(self.timezone, self.timezone)

    def get_content_date(self):
        """The day the event takes place, in its own time zone: cards, feeds, JSON-LD."""
        return self.local_start.date() if self.start else super().get_content_date()

    def state(self, now=None) -> EventState:
        return state_at(self.start, self.end, now)

    @cached_property
    def current_state(self) -> EventState:
        """The state at this request's time (a listing sets it for all its cards at once)."""
        return self.state()

    # --- what readers see ---------------------------------------------------------------

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.format in ONLINE_FORMATS or self.status == EventStatus.MOVED_ONLINE

    @property
    def is_on_site(self) -> bool:
        return self.format in ON_SITE_FORMATS and self.status != EventStatus.MOVED_ONLINE

    @property
    def is_free(self) -> bool:
        return not self.price

    @cached_property
    def live_video(self):
        return parse_video_url(self.live_url) if self.live_url else None

    def can_be_featured(self) -> bool:
        return self.status != EventStatus.CANCELLED

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["live_player"] = self.get_live_player(request)
        next_change = self.current_state.next_change
        if next_change is not None:
            # « À venir » becomes « En direct », then « Terminé »: the cached page ends there.
            keep_no_longer_than(request, next_change)
        return context

    def get_live_player(self, request=None) -> dict | None:
        """The live stream behind the site's privacy-first player (click to load)."""
        if not self.live_video:
            return None
        return video_player_context(
            self.live_video, title=self.title, request=request, dom_id="direct"
        )

    def search_credits(self) -> str:
        """Published speakers' names and the keywords, for the search index (docs/search.md)."""
        names = [person.name for person in self.get_speakers()]
        return " ".join(names + [tag.name for tag in self.tags.all()])

    def get_speakers(self) -> list:
        speakers = self.speakers.all()
        if "speakers" not in getattr(self, "_prefetched_objects_cache", {}):
            speakers = speakers.select_related("person")
        return [speaker.person for speaker in live_people(speakers)]

    def get_replay(self) -> dict | None:
        """The replay's title and address: the video page when chosen, else the URL."""
        if self.replay_id:
            replay = self.replay
            if replay and replay.live:
                # The template links it with ``pageurl``: a page's address needs the request
                # (without it Wagtail rereads, and on a miss rewrites, its cached site paths).
                return {"title": replay.title, "page": replay}
        if self.replay_url:
            video = parse_video_url(self.replay_url)
            return {
                "title": "",
                "url": self.replay_url,
                "provider": video.provider if video else "",
            }
        return None

    @property
    def address_line(self) -> str:
        parts = [
            self.venue_address,
            " ".join(p for p in (self.venue_postcode, self.venue_city) if p),
        ]
        return ", ".join(p for p in parts if p)

    @property
    def location_text(self) -> str:
        """One line for calendars: the venue and its address, or the live address."""
        if self.is_on_site:
            return ", ".join(p for p in (self.venue_name, self.address_line) if p)
        return self.live_url or ""

    def accessibility_lines(self) -> list[str]:
        """The accessibility information in plain sentences (page, calendar file)."""
        lines = []
        if self.is_on_site and self.step_free_access:
            lines.append(str(self.get_step_free_access_display()))
        if self.live_subtitles:
            lines.append(str(_("Sous-titrage en direct")))
        if self.sign_language:
            lines.append(str(_("Interprétation en langue des signes française (LSF)")))
        if self.is_on_site and self.quiet_room:
            lines.append(str(_("Salle calme disponible")))
        if self.access_contact:
            lines.append(str(_("Contact pour un aménagement : %s")) % self.access_contact)
        return lines

    def get_json_ld(self, request=None) -> dict:
        return event_json_ld(self, super().get_json_ld(request), request)

    @path("ical/")
    def ics(self, request):
        return event_ics(self, request)


class EventSpeaker(Orderable):
    """A person speaking at or hosting the event, in the order editors choose."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "core.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Affichée dans « Intervenant·es » sur la page de l'événement, avec sa biographie."
        ),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("intervenant·e")
        verbose_name_plural = _("intervenant·es")
