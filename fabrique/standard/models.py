"""Simple rich-text pages: À propos, Faire un don, legal pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from fabrique.core.blocks import BaseStreamBlock
from fabrique.core.models import BasePage


class StandardPage(BasePage):
    # About, legal, donate: pages of the site, not pieces of content listed with the news.
    is_content = False

    intro = RichTextField(
        _("chapô"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Affiché en gros caractères sous le titre, et repris dans les listes si le résumé est vide."
        ),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("contenu"),
        blank=True,
        help_text=_(
            "Le texte de la page, sous le chapô : paragraphes, intertitres, images, citations."
        ),
    )
    show_donate_button = models.BooleanField(
        _("afficher le bouton de don"),
        default=False,
        help_text=_(
            "Ajoute un lien vers le prestataire de paiement défini dans les réglages du site."
        ),
    )
    show_in_footer = models.BooleanField(
        _("lien dans le pied de page"),
        default=False,
        help_text=_("Pour les pages légales : mentions légales, confidentialité, accessibilité."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("show_donate_button"),
    ]
    promote_panels = [*BasePage.promote_panels, FieldPanel("show_in_footer")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    summary_field = "intro"

    parent_page_types = ["home.HomePage", "standard.StandardPage"]
    subpage_types = ["standard.StandardPage"]

    class Meta:
        verbose_name = _("page simple")
        verbose_name_plural = _("pages simples")
