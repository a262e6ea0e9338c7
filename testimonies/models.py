"""Readers' stories: the section page, the moderated testimony and its private contact data."""

import copy
import secrets
import uuid

from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import RichTextField
from wagtail.models import PreviewableMixin
from wagtail.search import index

from fabrique.core.models import SectionIndexPage, Theme
from fabrique.core.routing import RoutableViewsMixin
from fabrique.moderation.models import ModeratedSubmission, ModerationStatus
from fabrique.search.index import NormalisedSearchMixin

from .choices import Role
from .pii import REDACTED

STORY_MAX_LENGTH = 10_000
PER_PAGE = 12
# Bumped when the consent wording changes, so each stored consent says what was agreed to.
CONSENT_VERSION = "2026-11"


# ASCII digits only ("\d" would accept Arabic-Indic digits); no "20" since Corsica split
# into 2A and 2B; \Z so a trailing newline is not accepted either.
department_validator = RegexValidator(
    r"\A(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])\Z",
    _("Indiquez un numéro de département, par exemple 33, 2A ou 974."),
)


def signs_anonymously(pseudonym: str) -> bool:
    """True when the story is signed « Anonyme »: no pseudonym, or one redacted whole
    ("[…]", e.g. an e-mail address), since a lone "[…]" is no signature."""
    return not (pseudonym or "").replace(REDACTED, "").strip(" ,.;:-")


class Testimony(NormalisedSearchMixin, PreviewableMixin, index.Indexed, ModeratedSubmission):
    """The public part of a story; the author's contact data lives in TestimonyContact.

    Not a page: stories come from the public form and only moderators publish them.
    No IP address or user agent is stored.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pseudonym = models.CharField(
        _("pseudonyme"),
        max_length=60,
        blank=True,
        help_text=_("Affiché sous le titre comme signature ; vide ou caviardé : « Anonyme »."),
    )
    role = models.CharField(
        _("vous êtes"),
        max_length=20,
        choices=Role.choices,
        help_text=_(
            "Affiché après la signature (« patient·e », « soignant·e »…) ; les lecteurs filtrent par profil."
        ),
    )
    department = models.CharField(
        _("département"),
        max_length=3,
        blank=True,
        validators=[department_validator],
        help_text=_("Affiché entre parenthèses après le profil. Vide : rien n'est affiché."),
    )
    title = models.CharField(
        _("titre"),
        max_length=150,
        help_text=_("Affiché tel quel en titre du témoignage et sur sa carte dans les listes."),
    )
    story = models.TextField(
        _("témoignage d'origine"),
        validators=[MaxLengthValidator(STORY_MAX_LENGTH)],
        help_text=_(
            "Le texte envoyé par l'auteur·rice, jamais modifié ; publié tel quel seulement si « Texte publié » est vide."
        ),
    )
    published_text = models.TextField(
        _("texte publié"),
        blank=True,
        help_text=_("Copie relue par la modération ; vide, le texte d'origine est publié."),
    )
    quote = models.CharField(
        _("citation mise en avant"),
        max_length=200,
        blank=True,
        help_text=_(
            "Phrase affichée en exergue sur le témoignage, et sur sa carte dans les listes "
            "à la place du début du texte."
        ),
    )
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("thèmes"),
        blank=True,
        help_text=_(
            "Affichés en bas du témoignage ; chacun mène aux autres contenus du même thème."
        ),
    )
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    # What the identifying-details detection found, with a hash of the texts it read and
    # the passages moderators confirmed: the language model runs once per text version.
    identifying_details = models.JSONField(
        _("détails identifiants repérés"), default=dict, blank=True, editable=False
    )
    # A keyed hash of one sending (see TestimonyForm.fingerprint): unique, so a double
    # click stores one story even when both posts arrive at the same moment. Empty
    # (NULL, never equal to another) for stories that did not come from the form.
    submission_fingerprint = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    # The moderators' edit form (panels, detection, redaction) lives with the admin
    # viewset in wagtail_hooks.py: the model imports no admin code.
    # Only public fields, only while published (see get_indexed_objects and signals.py):
    # the index is a copy of its text, and it must never hold what moderators hide.
    search_fields = [
        index.SearchField("title"),
        index.SearchField("public_text"),
        index.SearchField("pseudonym"),
        index.FilterField("status"),
    ]

    # The contact row shares the story's number: its log entries go with an erasure.
    erase_log_entries_of = ("testimonies.TestimonyContact",)

    class Meta:
        ordering = ["-published_at", "-submitted_at"]
        verbose_name = _("témoignage")
        verbose_name_plural = _("témoignages")

    def __str__(self) -> str:
        return self.title

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().filter(status=ModerationStatus.PUBLISHED)

    @property
    def display_name(self) -> str:
        if signs_anonymously(self.pseudonym):
            return str(_("Anonyme"))
        return self.pseudonym

    @property
    def public_text(self) -> str:
        return self.published_text or self.story

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._first_published_at = self.__dict__.get("published_at")

    def save(self, *args, **kwargs):
        # The first publication date starts the e-mail's retention period: an unpublished
        # story must keep it, or its author's e-mail would never be blanked.
        if self.published_at is None and self._first_published_at is not None:
            self.published_at = self._first_published_at
        super().save(*args, **kwargs)
        self._first_published_at = self.published_at

    def on_status_change(self, new_status: str) -> None:
        if new_status == ModerationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def has_been_published(self) -> bool:
        return self.published_at is not None

    # Moderators preview the story as readers will see it: the public page's template,
    # the edited (and redacted) public fields, never the author's contact data.
    def get_preview_template(self, request, mode_name):
        return "testimonies/testimony_detail.html"

    def get_preview_context(self, request, mode_name):
        index_page = TestimonyIndexPage.objects.live().first()
        context = index_page.get_context(request) if index_page else {"request": request}
        shown = copy.copy(self)
        if shown.published_at is None:  # dated today, as if published now
            shown.published_at = timezone.now()
        context.update(object=shown, testimony=shown)
        return context

    def get_url(self) -> str:
        index_page = TestimonyIndexPage.objects.live().first()
        if index_page is None:
            return ""
        return index_page.url + index_page.reverse_subpage("detail", args=[str(self.uuid)])


def new_withdrawal_token() -> str:
    return secrets.token_hex(32)


class TestimonyContact(models.Model):
    """Private data about the author, kept apart so no public query can reach it."""

    testimony = models.OneToOneField(
        Testimony, on_delete=models.CASCADE, related_name="contact", primary_key=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # Set when the author opens the link of the confirmation e-mail; no other e-mail is
    # ever sent to an address that was not confirmed (a typo must not reach a stranger).
    email_confirmed_at = models.DateTimeField(_("e-mail confirmé le"), null=True, blank=True)
    consent_publication_at = models.DateTimeField(_("consentement à la publication le"))
    consent_publication_version = models.CharField(max_length=20)
    consent_health_data_at = models.DateTimeField(_("consentement aux données de santé le"))
    consent_health_data_version = models.CharField(max_length=20)
    withdrawal_token = models.CharField(
        max_length=64, unique=True, default=new_withdrawal_token, editable=False
    )

    class Meta:
        verbose_name = _("coordonnées de l'auteur·rice")
        verbose_name_plural = _("coordonnées des auteur·rices")

    def __str__(self) -> str:
        return str(_("Coordonnées : %(title)s") % {"title": self.testimony.title})


class TestimonyIndexPage(RoutableViewsMixin, SectionIndexPage):
    """/vos-histoires/: published stories, one story, the form and the author's follow-up."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "Affichée sous le titre de la page Vos histoires, au-dessus de la liste et du bouton pour témoigner."
        ),
    )

    subpage_types = []

    class Meta:
        verbose_name = _("index des témoignages")

    # The views behind each route, by name, are registered by testimonies.views.

    def published_testimonies(self):
        return Testimony.objects.published().prefetch_related("themes")

    @path("")
    def index_route(self, request):
        return self.serve_route("index", request)

    @path("temoigner/", name="form")
    def form_route(self, request):
        return self.serve_route("form", request)

    # No token in this URL: the private link is shown once, from the session, and never
    # lands in the browser's history.
    @path("merci/", name="thanks")
    def thanks_route(self, request):
        return self.serve_route("thanks", request)

    # Two segments (value/signature): Wagtail's page URLs only allow letters, digits and "-".
    @re_path(r"^suivi/(?P<value>[0-9a-f]+)/(?P<signature>[-\w]+)/$", name="follow")
    def follow_route(self, request, value, signature):
        return self.serve_route("follow", request, f"{value}:{signature}")

    # The e-mail confirmation link: a signed, dated token in three segments.
    @re_path(
        r"^confirmer/(?P<payload>[-\w]+)/(?P<stamp>[-\w]+)/(?P<signature>[-\w]+)/$",
        name="confirm",
    )
    def confirm_route(self, request, payload, stamp, signature):
        return self.serve_route("confirm", request, payload, stamp, signature)

    @re_path(r"^(?P<key>[0-9a-f-]{36})/$", name="detail")
    def detail_route(self, request, key):
        return self.serve_route("detail", request, key)

    def get_sitemap_urls(self, request=None):
        """The index, then each published story's own page (one query for all of them)."""
        base = self.get_full_url(request)
        stories = Testimony.objects.published().only("uuid", "published_at", "status_changed_at")
        return [
            *super().get_sitemap_urls(request),
            *(
                {
                    "location": base + self.reverse_subpage("detail", args=[str(story.uuid)]),
                    "lastmod": story.status_changed_at or story.published_at,
                }
                for story in stories
            ),
        ]

    def paginate(self, queryset, request):
        return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
