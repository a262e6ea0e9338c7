"""Demo dossier « Déserts médicaux », built from the seed's article, testimony and notes.

Its sources are the three notes of the call for contributions (``shared/seeds``): the
Pas Sans Nous manifesto, the DREES study and the WHO fact sheet; titles follow what the
seed says of each. The call's Inspir'actions join it when that section exists: editors
add them as pages, like any other content. Idempotent: an existing dossier is kept.
"""

import datetime
import json

from django.apps import apps
from wagtail.models import Page

from fabrique.core.models import Theme
from fabrique.demo.site import publish
from testimonies.models import Testimony

from .choices import EntryKind
from .factories import DossierPageFactory

SLUG = "deserts-medicaux"
ARTICLE_TITLE = "Déserts médicaux : que peut vraiment la loi Garot ?"
TESTIMONY_QUOTE = "J'ai fait 600 km pour voir un cardiologue"
THEME = "Accès aux soins"  # one of the site's themes (the testimonies' demo files stories under it)

STATE_OF_PLAY = [
    {"type": "heading", "value": {"text": "Ce que l'on sait", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Difficultés à trouver un médecin traitant, délais pour obtenir un rendez-vous, "
            "coût des déplacements : dans les quartiers populaires comme dans les territoires "
            "ruraux, l'accès aux soins recule[1][2].</p>"
        ),
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Beaucoup renoncent alors à se soigner. Or le droit à la santé comprend l'accès, "
            "en temps utile, à des soins acceptables et d'un coût abordable[3].</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Les politiques publiques", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Réguler l'installation des médecins, développer les centres et maisons de "
            "santé, coordonner les acteurs d'un territoire : les réponses se discutent, "
            "au Parlement comme sur le terrain.</p>"
        ),
    },
]

FOOTNOTES = [
    "Le Manifeste de la coordination Pas Sans Nous, résultat d'un tour de France des "
    "quartiers populaires.",
    "DREES, Études et résultats n° 1206, septembre 2021.",
    "Organisation mondiale de la santé, aide-mémoire « Droits humains et santé ».",
]

BIBLIOGRAPHY = [
    {
        "kind": EntryKind.REPORT,
        "authors": "Coordination Pas Sans Nous",
        "title": "Manifeste : synthèse du tour de France des quartiers populaires",
        "year": 2022,
        "url": (
            "https://passansnous.org/wp-content/uploads/2022/03/"
            "Manifeste-NQOG-synthe%CC%80se-du-12-mars-3.pdf"
        ),
        "accessed_on": datetime.date(2022, 9, 1),
    },
    {
        "kind": EntryKind.REPORT,
        "authors": "Direction de la recherche, des études, de l'évaluation et des statistiques",
        "title": "Études et résultats n° 1206",
        "container": "Études et résultats",
        "publisher": "DREES",
        "year": 2021,
        "url": "https://drees.solidarites-sante.gouv.fr/sites/default/files/2021-09/ER1206.pdf",
        "accessed_on": datetime.date(2022, 9, 1),
    },
    {
        "kind": EntryKind.WEB_PAGE,
        "authors": "Organisation mondiale de la santé",
        "title": "Droits humains et santé",
        "container": "Principaux repères",
        "publisher": "OMS",
        "url": "https://www.who.int/fr/news-room/fact-sheets/detail/human-rights-and-health",
        "accessed_on": datetime.date(2022, 9, 1),
    },
]


def seed(context: dict) -> None:
    """« Déserts médicaux » under the dossiers index, with whatever it can gather today."""
    index = context["sections"]["dossiers"]
    if index.get_children().filter(slug=SLUG).exists():
        return
    dossier = DossierPageFactory(
        parent=index,
        title="Déserts médicaux",
        slug=SLUG,
        introduction=(
            "<p>Trouver un médecin, obtenir un rendez-vous, faire la route : comprendre les "
            "déserts médicaux et ce que l'on peut y faire, avec des articles, des "
            "témoignages et des sources à citer.</p>"
        ),
        state_of_play=json.dumps(STATE_OF_PLAY),
        theme=Theme.objects.get_or_create(name=THEME)[0],
    )
    article = Page.objects.live().filter(title=ARTICLE_TITLE).first()
    if article:
        dossier.items.create(
            page=article,
            note="Ce que prévoit la loi Garot, et pourquoi la régulation fait débat.",
        )
    testimony = Testimony.objects.published().filter(quote=TESTIMONY_QUOTE).first()
    if testimony:
        dossier.items.create(
            testimony=testimony,
            note="Ce que la distance fait à un parcours de soin, racontée par une patiente.",
        )
    if apps.is_installed("contributions"):
        # The seed call's Inspir'actions, and the call names the dossier it feeds.
        inspir_actions = apps.get_model("contributions", "InspirActionPage")
        for action in inspir_actions.objects.live().order_by("pk")[:3]:
            dossier.items.create(page=action, note="Une action locale, retenue par l'appel.")
    for text in FOOTNOTES:
        dossier.footnotes.create(text=f"<p>{text}</p>")
    for spec in BIBLIOGRAPHY:
        dossier.bibliography.create(**spec)
    dossier.save()
    publish(dossier)
    if apps.is_installed("contributions"):
        for call in apps.get_model("contributions", "CallPage").objects.filter(dossier=None):
            call.dossier = dossier
            publish(call)
