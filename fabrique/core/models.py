"""The shared base every page type extends, the shared Person snippet and site settings."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PageViewRestriction,
    PreviewableMixin,
    RevisionMixin,
    Site,
    WorkflowMixin,
)
from wagtail.search import index

from fabrique.accounts.page_permissions import FabriquePagePermissionTester
from fabrique.core import generation
from fabrique.core.frame import FRAME_TIMEOUT, get_frame
from fabrique.core.listing import (
    attach_listing_images,
    forget_prefetched_renditions,
    image_fields,
    related_pages,
)
from fabrique.core.mixins import ListingMixin, SeoMixin, SlugFromNameMixin, plain_text
from fabrique.core.page_forms import PageForm
from fabrique.core.querysets import SitePageManager
from fabrique.core.site_settings import SiteSettingsForm, clean_site_settings
from fabrique.core.xml_text import strip_instance_text
from fabrique.search.index import NormalisedSearchMixin


def get_site_name(request=None) -> str:
    """The site's public name: the Wagtail Site's ``site_name``, else ``WAGTAIL_SITE_NAME``.

    Editors rename the site in the admin (Sites); nothing else holds the name.
    """
    if request is not None:
        site = Site.find_for_request(request)  # remembered on the request
    else:
        site = Site.objects.filter(is_default_site=True).only("site_name").first()
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


class BasePage(NormalisedSearchMixin, ListingMixin, SeoMixin, Page):
    """Abstract base of every public page: SEO, listing card, OpenGraph and JSON-LD.

    Panels are composed tab by tab so a page type only lists its own content fields.
    """

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("Référencement"),
        ),
        *ListingMixin.listing_panels,
        *SeoMixin.seo_panels,
        FieldPanel("show_in_menus"),
    ]

    # Slug clashes explained in French; a title-derived slug made unique (page_forms.py).
    base_form_class = PageForm

    # ``public()`` without a query (core/querysets.py).
    objects = SitePageManager()

    # A page type with a standfirst or intro names the field here; it feeds the
    # meta description when the editor left "search_description" empty.
    summary_field = ""

    class Meta:
        abstract = True

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        """The sites' root paths from the frame when no request is at hand.

        Wagtail reads them from the shared cache each time a URL is built without a
        request (a page's JSON-LD, its related events…): on the database cache, a query.
        With a request, Wagtail's own per-request copy is used, which the frame presets.
        """
        if cache_object is None and not kwargs:
            return get_frame().root_paths
        return super()._get_site_root_paths(cache_object, **kwargs)

    def get_view_restrictions(self):
        """No query when neither this page nor an ancestor is restricted (most pages).

        Wagtail's ``check_view_restrictions`` hook asks this on every page view, and its
        answer costs two queries; the restricted paths are known for the whole generation
        (``fabrique/core/frame.py``). Restricted pages and aliases still ask Wagtail.
        """
        if not self.alias_of_id and self.path and not get_frame().is_restricted(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def save(self, *args, **kwargs):
        # Forms refuse characters a feed cannot carry; a save no form checked (scripts,
        # imports, an old revision) drops them, or Page.save()'s own validation would fail.
        strip_instance_text(self)
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        strip_instance_text(self)
        return super().save_revision(*args, **kwargs)

    def get_meta_description(self) -> str:
        if self.search_description:
            return self.search_description
        if self.listing_summary:
            return self.listing_summary
        if self.summary_field:
            return plain_text(str(getattr(self, self.summary_field, "") or ""), 40)
        return ""

    def get_listing_summary(self) -> str:
        return self.listing_summary or self.get_meta_description()

    def get_content_date(self) -> datetime.date | None:
        """The one date readers see for this content: cards, the page, feeds, JSON-LD.

        A page type with an editor-set date answers it (``ArticlePage.date``); by default
        it is the day of first publication, in the site's time zone (a page published
        at 00:30 in Paris belongs to that day, not the UTC one), and None while unpublished.
        It reads only fields already loaded, so a listing adds no query per card.
        The sitemap's ``lastmod`` is another date on purpose: the LAST publication
        (Wagtail's ``last_published_at``), which tells crawlers when to come back.
        """
        if self.first_published_at is None:
            return None
        return timezone.localdate(self.first_published_at)

    # A page a reader plays (a video, an episode): its cards get a "Jouer" badge.
    is_playable = False

    def can_be_featured(self) -> bool:
        """Whether the home page may fill its « À voir » with this page on its own.

        Editors may pick anything; the automatic fill-in skips what a type says is not
        worth showing first (a cancelled event).
        """
        return True

    def get_card_badge(self) -> str:
        """A short word shown over the page's card image ("Jouer"), or "".

        Duck-typed on purpose: the home page and mixed listings call it on any page
        without knowing its app; a page type sets ``is_playable`` or overrides this.
        """
        return str(_("Jouer")) if self.is_playable else ""

    def get_related_condition(self):
        """Extra condition (a ``Q``) for related pages of this same type; None by default."""
        return None

    @classmethod
    def get_route_queryset(cls):
        """The query that reads the page a reader asked for (``core/routing.py``).

        A page type adds the relations its template shows (``select_related`` for its
        images and snippets, ``prefetch_related`` for its lists), so a page view reads
        each of them once, the template and the JSON-LD alike.
        """
        images = [field.name for field in image_fields(cls)]
        return cls.objects.select_related(*images) if images else cls.objects.all()

    def get_related_pages(self, limit: int = 3) -> list:
        """ "Lire aussi": live content of any kind sharing a tag or theme, newest first.

        Kept for the publication generation: what is related changes only when a page is
        published, unpublished or moved. A preview (unsaved tags) is computed each time.
        """
        if self.pk is None or getattr(self, "_cluster_related_objects", None):
            return related_pages(self, limit)
        return generation.memo(
            f"fabrique:related:{self.pk}:{limit}",
            lambda: forget_prefetched_renditions(related_pages(self, limit)),
            FRAME_TIMEOUT,
        )

    def get_json_ld(self, request=None) -> dict:
        """Structured data for search engines; page types extend the dict."""
        data = {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": self.seo_title or self.title,
            "url": self.get_full_url(request),
            "inLanguage": "fr-FR",
            **({"description": d} if (d := self.get_meta_description()) else {}),
        }
        if review := self.get_caregiver_review():
            data["lastReviewed"] = timezone.localdate(review.reviewed_at).isoformat()
            data["reviewedBy"] = review.as_json_ld()
        return data

    def get_og_image(self):
        """The image shared with the page (``og:image``); a type with a fallback names it."""
        return self.get_listing_image()

    def get_breadcrumb_json_ld(self, request=None, leaf=None) -> dict | None:
        """``BreadcrumbList`` from the home page down to this page (and ``leaf``, a
        (name, url) pair served below it); None on the home page itself."""
        if self.depth is not None and self.depth <= 2:
            return None  # the home page
        # Routing found the ancestors already (core/routing.py); a preview asks the tree.
        ancestors = getattr(self, "route_ancestors", None)
        if ancestors is None:
            ancestors = self.get_ancestors()
        pages = [*(page for page in ancestors if page.depth > 1), self]
        crumbs = [(page.title, page.get_full_url(request)) for page in pages]
        if leaf:
            crumbs.append(leaf)
        if len(crumbs) < 2:
            return None
        return {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": name, "item": url}
                for position, (name, url) in enumerate(crumbs, start=1)
            ],
        }

    def needs_caregiver_review(self) -> bool:
        """Whether this content makes health claims a caregiver must check before it runs.

        Page types that can make such claims answer it (articles: a flag editors tick);
        the workflow's "Relecture soignante" step (``fabrique/core/review.py``) asks it.
        """
        return False

    def get_caregiver_review(self):
        """The latest caregiver review of this page, when it needs one; one query, cached."""
        if not self.pk or not self.needs_caregiver_review():
            return None
        if not hasattr(self, "_caregiver_review"):
            self._caregiver_review = self.caregiver_reviews.first()
        return self._caregiver_review

    def permissions_for_user(self, user):
        """Wagtail's tester, with the project's deletion policy (``deletion.py``)."""
        return FabriquePagePermissionTester(user, self)

    def get_publisher(self, request=None) -> dict:
        """The organisation publishing the site, for structured data."""
        return {"@type": "Organization", "name": get_site_name(request)}

    # OpenGraph type; articles, videos and episodes name their own.
    og_type = "website"


# What an index introduction may hold: it sits between the title and a listing.
SECTION_INTRO_FEATURES = ["bold", "italic", "link"]


def section_intro(help_text, features=SECTION_INTRO_FEATURES) -> RichTextField:
    """The ``intro`` field of a section index, with the help text saying where it shows.

    Each section redefines ``intro`` with this so editors read where their text lands on
    that very page; the field stays the same column everywhere.
    """
    return RichTextField(_("introduction"), blank=True, features=features, help_text=help_text)


class SectionIndexPage(BasePage):
    """Abstract base of a section's index (Articles, Vidéos, Podcasts, Événements…).

    One per site, right under the home page: an introduction above the section's
    listing, searchable, and the meta description when none is written. A section names
    its own ``subpage_types``, ``Meta.verbose_name`` and listing; anything else it
    repeats from here is a difference worth a comment.
    """

    intro = section_intro(_("Affichée sous le titre de la page, au-dessus de la liste."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    summary_field = "intro"
    max_count = 1
    parent_page_types = ["home.HomePage"]

    class Meta:
        abstract = True


class NameSlugSnippet(SlugFromNameMixin, PreviewableMixin, models.Model):
    """Abstract snippet for a short curated list (rubrics, themes): a unique name and its slug.

    The slug is the name's ASCII form, filled in on save; it is what filter links carry.
    Its preview shows the name as cards show it, then the latest published pages filed
    under it, found through whatever page types point to it (no list of apps here).
    """

    name = models.CharField(
        _("nom"),
        max_length=80,
        unique=True,
        help_text=_(
            "Affiché tel quel sur le site : sur les cartes, sur les pages et dans les filtres des "
            "listes."
        ),
    )
    slug = models.SlugField(
        _("identifiant d'URL"),
        max_length=80,
        unique=True,
        # Left empty, the name gives it on save (SlugFromNameMixin).
        blank=True,
        allow_unicode=False,
        help_text=_(
            "Vide : tiré du nom. Apparaît dans l'adresse des listes filtrées ; le changer casse les "
            "liens déjà partagés."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_preview_template(self, request, mode_name):
        return "core/label_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "pages": self.latest_pages()}

    def latest_pages(self, limit: int = 6) -> list[Page]:
        """The newest live pages of any type pointing to this entry (none while unsaved)."""
        if self.pk is None:
            return []
        found = []
        for relation in self._meta.related_objects:
            if issubclass(relation.related_model, Page):
                pages = relation.related_model.objects.live().filter(**{relation.field.name: self})
                found.extend(pages.order_by("-first_published_at")[:limit])
        found.sort(
            key=lambda page: (page.first_published_at is not None, page.first_published_at),
            reverse=True,
        )
        return attach_listing_images(found[:limit])


class Theme(NameSlugSnippet):
    """A subject of the site's one curated list, shared by every kind of content.

    Testimonies, calls, Inspir'actions and dossiers file themselves under the same themes
    so that a reader following one finds every kind of content on it; free keywords stay
    tags. Moved here from the testimonies app, which used it first (its table was renamed).
    """

    # Longer than a rubric's: kept as it was when themes had their own fields.
    slug = models.SlugField(
        _("identifiant d'URL"),
        max_length=90,
        unique=True,
        # Left empty, the name gives it on save (SlugFromNameMixin).
        blank=True,
        allow_unicode=False,
        help_text=_(
            "Vide : tiré du nom. Apparaît dans l'adresse des listes filtrées ; le changer casse les "
            "liens déjà partagés."
        ),
    )

    class Meta(NameSlugSnippet.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class Person(
    SlugFromNameMixin,
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """Anyone credited on the site: authors, guests, hosts, speakers. Shared by every app.

    A person's name, bio and links show on every page that credits them, in the JSON-LD
    and in the feeds, so a change goes through review like a page: drafts and revisions,
    the site's "Relecture avant publication" workflow, and publishing only for those who
    hold ``publish_person`` (the Éditeurs). A draft of a live person lives only in its
    revision; the row keeps the published values the public reads. A person never
    published (``live`` false) is credited nowhere public: the getters of every app skip
    them (``live`` is a field of the row, so a prefetched list is filtered without a query),
    and the page editor warns about them (``fabrique/core/people.py``).
    """

    name = models.CharField(
        _("nom"),
        max_length=150,
        help_text=_("Affiché sur les contenus qu'elle signe, anime ou auxquels elle participe."),
    )
    slug = models.SlugField(
        _("identifiant d'URL"),
        max_length=160,
        unique=True,
        # Left empty, the name gives it on save (SlugFromNameMixin).
        blank=True,
        help_text=_(
            "Vide : tiré du nom. Apparaît dans l'adresse de la liste de ses articles ; le changer "
            "casse les liens déjà partagés."
        ),
    )
    role = models.CharField(
        _("fonction"), max_length=200, blank=True, help_text=_("Par exemple « médecin pédiatre ».")
    )
    bio = RichTextField(
        _("biographie"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Quelques lignes affichées avec sa photo en bas des contenus auxquels elle participe."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Portrait affiché en petit, carré, à côté de son nom. Vide : pas de photo."),
    )
    website = models.URLField(
        _("site web"), blank=True, help_text=_("Lien « Site web » affiché sous sa biographie.")
    )
    social_url = models.URLField(
        _("réseau social"),
        blank=True,
        help_text=_("Lien « Réseau social » affiché sous sa biographie (une seule adresse)."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte de l'administration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_(
            "Le compte de cette personne, si elle relit des pages : « Relu par » affiche "
            "alors son nom et sa fonction."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("social_url")], heading=_("Liens")),
        # Only those who manage accounts link one to a public name.
        FieldPanel("user", permission="auth.change_user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def get_preview_template(self, request, mode_name):
        return "core/person_preview.html"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What editors change without a developer: social links, donation and contact."""

    tagline = models.CharField(
        _("slogan"), max_length=120, default="Le média pour refaçonner le soin"
    )
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    podcast_email = models.EmailField(
        _("e-mail des podcasts"),
        blank=True,
        help_text=_(
            "Donné aux annuaires de podcasts (Apple, Spotify) dans chaque flux de podcast "
            "(itunes:owner), pour vérifier que les émissions sont à l'association. Il est "
            "public : choisissez une adresse de l'association. Vide : l'e-mail de contact."
        ),
    )
    donation_url = models.URLField(
        _("lien de paiement des dons"),
        blank=True,
        help_text=_(
            "Adresse de la page de don chez le prestataire de paiement de l'association, en "
            "https:// (prestataires acceptés : réglage FABRIQUE_DONATION_HOSTS)."
        ),
    )
    donate_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Faire un don »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Mise en avant comme un bouton dans le menu."),
    )
    twitch_url = models.URLField("Twitch", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("tagline"), FieldPanel("contact_email"), FieldPanel("podcast_email")],
                heading=_("Général"),
            ),
            ObjectList([FieldPanel("donate_page"), FieldPanel("donation_url")], heading=_("Dons")),
            ObjectList(
                [
                    FieldPanel("twitch_url"),
                    FieldPanel("youtube_url"),
                    FieldPanel("instagram_url"),
                    FieldPanel("linkedin_url"),
                ],
                heading=_("Réseaux sociaux"),
            ),
        ]
    )

    # Changes are e-mailed to the administrators (site_settings.py).
    base_form_class = SiteSettingsForm

    class Meta:
        verbose_name = _("réglages du site")

    def clean(self):
        """The donation link on an accepted payment host, every link in https (beside each field)."""
        super().clean()
        clean_site_settings(self)

    @classmethod
    def for_site(cls, site):
        """The settings as of this publication generation: no query on a page view.

        Wagtail's ``for_site`` runs a ``get_or_create`` on every request; the settings are
        read once per generation instead (a save starts a new one: ``core/apps.py``).
        The first read of a site without settings still creates them, as Wagtail does.
        """
        if site is None:
            return super().for_site(site)
        return generation.memo(
            f"fabrique:site-settings:{site.pk}",
            lambda: cls.base_queryset().select_related("donate_page").get_or_create(site=site)[0],
            FRAME_TIMEOUT,
        )

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """(label, url) of the networks that are filled in, in the seed's order."""
        pairs = [
            ("Twitch", self.twitch_url),
            ("YouTube", self.youtube_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(label, url) for label, url in pairs if url]


class JobRun(models.Model):
    """When each periodic job (``fabrique/jobs/scheduler.py``) runs next, and how it last ended.

    The scheduler claims a due job by moving ``next_run_at`` forward in one UPDATE, so a
    job runs once however many schedulers run; administrators read ``last_error``.
    """

    name = models.CharField(_("travail"), max_length=80, unique=True)
    next_run_at = models.DateTimeField(_("prochaine exécution"))
    last_started_at = models.DateTimeField(_("dernier lancement"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("dernière fin"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("travail périodique")
        verbose_name_plural = _("travaux périodiques")

    def __str__(self) -> str:
        return self.name


# Models of the caregiver's check live beside their workflow logic.
from fabrique.core.review import CaregiverReview, CaregiverReviewTask  # noqa: E402, F401
