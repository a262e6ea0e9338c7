"""Small abstract mixins that page models compose; each owns its fields and its panels.

They add fields and pure helpers only: no queries and no behaviour hidden from the
page that uses them.
"""

import re

from anyascii import anyascii
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class ListingMixin(models.Model):
    """How a page looks in listings, cards and when shared on social networks."""

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de vignette"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Affichée dans les listes et lors des partages. Renseignez son texte alternatif."
        ),
    )
    listing_summary = models.TextField(
        _("résumé"),
        blank=True,
        max_length=300,
        help_text=_("Deux ou trois phrases pour les listes et les moteurs de recherche."),
    )

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_summary")],
            heading=_("Vignette et résumé"),
        )
    ]

    class Meta:
        abstract = True

    def get_listing_image(self):
        """The image for cards and OpenGraph; page types with a hero image override this."""
        return self.listing_image

    def get_listing_summary(self) -> str:
        return self.listing_summary


class SeoMixin(models.Model):
    """Lets an editor keep a page out of search engines (e.g. a thank-you page)."""

    noindex = models.BooleanField(
        _("masquer aux moteurs de recherche"),
        default=False,
        help_text=_("Ajoute « noindex » : la page reste accessible mais n'est pas référencée."),
    )

    seo_panels = [FieldPanel("noindex")]

    class Meta:
        abstract = True


def ascii_slug(value: str, max_length: int | None = None) -> str:
    """An ASCII URL segment: « Cœur à l’ouvrage » → ``coeur-a-l-ouvrage``.

    Accented slugs break in e-mails, in some clients and in Wagtail's front-end cache
    purge, so every slug the site makes is ASCII; letters are transliterated, not dropped.
    """
    slug = slugify(anyascii(re.sub(r"['’]", " ", str(value))))
    return slug[:max_length].strip("-") if max_length else slug


class SlugFromNameMixin:
    """Fills an empty ``slug`` from ``name`` on save, so editors never have to type one.

    For snippets (people, rubrics, themes) whose URL segment follows their name; the slug
    is ASCII and made unique (``-2``, ``-3``…) when another row already has it.
    """

    def save(self, *args, **kwargs):
        if not self.slug:
            max_length = self._meta.get_field("slug").max_length
            base = ascii_slug(self.name, max_length - 4) or "sans-nom"
            slug, n = base, 1
            others = type(self)._default_manager.exclude(pk=self.pk)
            while others.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        super().save(*args, **kwargs)


def plain_text(html: str, words: int = 40) -> str:
    """Rich text reduced to a short plain sentence, for meta descriptions."""
    return Truncator(strip_tags(html or "")).words(words, truncate="…")
