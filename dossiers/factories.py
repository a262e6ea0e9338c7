"""Factories for dossiers; tests and ``seed_demo`` both build content with them."""

import factory
import wagtail_factories

from .models import DossierIndexPage, DossierPage


class DossierIndexPageFactory(wagtail_factories.PageFactory):
    title = "Dossiers"
    slug = "dossiers"

    class Meta:
        model = DossierIndexPage


class DossierPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Dossier {n}")
    introduction = "<p>Un sujet, et tout ce que le site publie pour le comprendre.</p>"

    class Meta:
        model = DossierPage
