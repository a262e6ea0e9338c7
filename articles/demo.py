"""Demo articles: the eight articles shown on the association's home page.

Titles and standfirsts are the real ones; the bodies are short neutral summaries written
for the demo. Idempotent: an article whose slug already exists under the index is left
as editors made it.
"""

import datetime
import json

from django.utils.text import slugify

from fabrique.core.factories import PersonFactory
from fabrique.demo.site import get_or_create_image, publish

from .factories import ArticlePageFactory, RubricFactory

RUBRICS = ["Prise de recul", "Tribune", "Décryptage", "Portrait"]

PEOPLE = {
    "jalel": ("Jalel Malek Hamza", "médecin pédiatre"),
    "mickael": ("Mickaël Worms-Ehrminger", "chercheur"),
    "redaction": ("La rédaction", "La Fabrique des Soignants"),
}

ARTICLES = [
    {
        "title": "Des soignant·es à politiser, une santé à réparer",
        "rubric": "Prise de recul",
        "author": "jalel",
        "date": datetime.date(2024, 10, 11),
        "tags": ["formation", "racisme", "soin"],
        "standfirst": (
            "Si les études de médecine enseignent à prendre en charge des patient·es, elles "
            "n’enseignent pas (encore) à en prendre soin, défend Jalel Malek Hamza, médecin "
            "pédiatre et membre de l’Assemblée pour des soins antiracistes et populaires, dans "
            "cette tribune. À partir de son propre parcours, il engage les professionnel·les à…"
        ),
        "paragraphs": [
            "Prendre en charge n’est pas prendre soin. Dans cette tribune, l’auteur part de son "
            "parcours d’étudiant puis de médecin pour interroger ce que la formation transmet, "
            "et ce qu’elle laisse de côté[1].",
            "Il invite les soignant·es à regarder les conditions de vie de leurs patient·es "
            "comme une part du soin, et non comme un décor.",
            "Pour lui, se politiser n’est pas quitter le soin : c’est en reprendre le sens, "
            "collectivement.",
        ],
        "footnotes": [
            "Assemblée pour des soins antiracistes et populaires, collectif dont l’auteur est "
            "membre."
        ],
    },
    {
        "title": (
            "Et si supprimer l’Aide médicale d’État permettait enfin d’assumer une vraie "
            "protection universelle ?"
        ),
        "rubric": "Décryptage",
        "author": "redaction",
        "date": datetime.date(2024, 10, 4),
        "tags": ["AME", "accès aux soins"],
        "standfirst": (
            "Contestée à droite, défendue par de nombreuses associations et une partie du corps "
            "médical, l’Aide médicale d’État (AME) est toujours au cœur des discussions "
            "politiques. Que recouvre exactement ce dispositif ? Quels sont ses usages réels, "
            "ses limites et les pistes envisagées pour son évolution ?"
        ),
        "paragraphs": [
            "L’Aide médicale d’État revient régulièrement dans le débat public. Avant d’en "
            "discuter l’avenir, il faut savoir ce qu’elle recouvre et à qui elle s’adresse[1].",
            "Cet article fait le point sur ses usages, sur les difficultés d’accès rapportées "
            "par les associations et sur les propositions d’évolution discutées.",
            "Il pose enfin une question : intégrer ce dispositif à une protection universelle "
            "serait-il plus simple, et plus juste ?",
        ],
        "footnotes": ["Les conditions d’accès sont fixées par le Code de l’action sociale."],
    },
    {
        "title": "Ça veut dire quoi le validisme ?",
        "rubric": "Décryptage",
        "author": "redaction",
        "date": datetime.date(2024, 9, 27),
        "tags": ["validisme", "fin de vie"],
        "standfirst": (
            "Le 27 mai dernier, l’Assemblée nationale a voté pour la loi sur l’aide active à "
            "mourir. Saluée par une partie de la gauche comme une avancée sociétale, plusieurs "
            "collectifs anti-validistes dénoncent une loi sans frontières strictes, aux dérives "
            "potentiellement dangereuses. Pourquoi considèrent-ils cette loi comme validiste ?"
        ),
        "paragraphs": [
            "Le validisme désigne les discriminations que subissent les personnes handicapées "
            "dans une société pensée pour les personnes valides.",
            "Des collectifs anti-validistes expliquent pourquoi le texte sur l’aide active à "
            "mourir les inquiète, et ce qu’ils demandent.",
        ],
    },
    {
        "title": (
            "Face aux discriminations, les associations qui accompagnent les personnes "
            "transgenres se mobilisent"
        ),
        "rubric": "Portrait",
        "author": "redaction",
        "date": datetime.date(2024, 9, 20),
        "tags": ["discriminations", "associations"],
        "standfirst": (
            "Les personnes trans sont souvent discriminées dans le système de santé, alerte un "
            "récent rapport du Défenseur des droits. À Paris, des associations comme "
            "Acceptess-T et l’Espace santé Trans les accompagnent au quotidien et forment les "
            "soignant·es."
        ),
        "paragraphs": [
            "Renoncer à consulter par peur d’être mal accueilli·e : c’est une réalité que "
            "décrivent de nombreuses personnes trans.",
            "À Paris, des associations les accompagnent dans leurs démarches de soin et "
            "proposent aussi des formations aux professionnel·les de santé.",
            "Leur travail rappelle qu’un accueil respectueux fait partie du soin.",
        ],
    },
    {
        "title": "Déserts médicaux : que peut vraiment la loi Garot ?",
        "rubric": "Décryptage",
        "author": "redaction",
        "date": datetime.date(2024, 9, 13),
        "tags": ["déserts médicaux", "installation"],
        "standfirst": (
            "Adoptée le 7 mai, la loi Garot veut limiter l’installation des médecins dans les "
            "zones déjà couvertes pour lutter contre les déserts médicaux. Mais cette régulation "
            "relance un débat plus large sur la liberté d’installation et l’organisation des "
            "soins en France."
        ),
        "paragraphs": [
            "Réguler l’installation des médecins : l’idée n’est pas nouvelle, mais elle reste "
            "discutée au sein de la profession.",
            "Cet article présente ce que prévoit le texte et les arguments de ses partisans "
            "comme de ses opposants.",
            "Au-delà de la loi, il interroge l’organisation des soins dans les territoires.",
        ],
    },
    {
        "title": "Pour repolitiser la santé mentale",
        "rubric": "Tribune",
        "author": "mickael",
        "date": datetime.date(2024, 9, 6),
        "tags": ["santé mentale"],
        "standfirst": (
            "« Si tout le monde va mal, plus personne n’est vraiment malade. » Face à la "
            "banalisation du mal-être et à la marchandisation du bien-être psychique, le "
            "chercheur Mickaël Worms-Ehrminger alerte sur une santé mentale qui se dépolitise – "
            "au risque d’oublier l’essentiel : l’action collective et la justice sociale."
        ),
        "paragraphs": [
            "On n’a jamais autant parlé de santé mentale. Pour l’auteur, ce succès a un revers : "
            "le mal-être devient une affaire individuelle, à gérer seul·e.",
            "Il propose de replacer la souffrance psychique dans ses causes sociales, et de "
            "penser les réponses collectivement.",
        ],
        # The interview of the videos demo, embedded with the privacy-first video block.
        "video": {
            "url": "https://vimeo.com/761234567",
            "title": "Repolitiser la santé mentale, avec Mickaël Worms-Ehrminger",
            "caption": "L'entretien vidéo avec l'auteur.",
        },
    },
    {
        "title": (
            "Pénurie de médicament en France : “Il faut sortir du modèle de marchandisation de "
            "la santé”"
        ),
        "rubric": "Décryptage",
        "author": "redaction",
        "date": datetime.date(2024, 8, 30),
        "tags": ["médicaments", "pénuries"],
        "standfirst": (
            "Début 2025, 400 médicaments d’intérêt thérapeutique majeur étaient en rupture ou en "
            "passe de le devenir en France. Depuis plusieurs années les pénuries s’enchaînent, "
            "poussant certain·es spécialistes à questionner le modèle actuel de marchandisation "
            "des médicaments qui enrichit les laboratoires au détriment de la santé publique."
        ),
        "paragraphs": [
            "Les ruptures de médicaments touchent patient·es, pharmacien·nes et médecins au "
            "quotidien.",
            "Des spécialistes interrogent le modèle économique du médicament et les pistes pour "
            "garantir l’approvisionnement.",
        ],
    },
    {
        "title": (
            "Antoine Prioux, pharmacien condamné pour avoir délivré des médicaments à l’unité "
            "appelle à une “prise de conscience”"
        ),
        "rubric": "Portrait",
        "author": "redaction",
        "date": datetime.date(2024, 8, 23),
        "tags": ["pharmacie", "médicaments"],
        "standfirst": (
            "Antoine Prioux est pharmacien en Corrèze. Lui et sa consœur Eliza Castagné ont été "
            "condamnés le 30 avril par le conseil de l’ordre des pharmaciens de "
            "Nouvelle-Aquitaine à six mois d’interdiction d’exercer, pour avoir délivré des "
            "médicaments à l’unité. Une décision injuste et totalement déconnectée du terrain, "
            "pour ce soignant."
        ),
        "paragraphs": [
            "Délivrer la juste quantité de médicaments : pour ce pharmacien, c’est une façon de "
            "répondre aux besoins de ses patient·es et d’éviter le gaspillage.",
            "Il revient sur sa condamnation et appelle la profession à une prise de conscience.",
        ],
    },
]


def _body(paragraphs: list[str], video: dict | None = None) -> str:
    blocks = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
    if video:
        blocks.append({"type": "video", "value": video})
    return json.dumps(blocks)


def seed(context: dict) -> None:
    """Rubrics, authors and the eight articles under the articles index."""
    index = context["sections"]["articles"]
    rubrics = {name: RubricFactory(name=name) for name in RUBRICS}
    people = {key: PersonFactory(name=name, role=role) for key, (name, role) in PEOPLE.items()}
    existing = set(index.get_children().values_list("slug", flat=True))
    for position, spec in enumerate(ARTICLES):
        slug = slugify(spec["title"])[:80].strip("-")
        if slug in existing:
            continue
        article = ArticlePageFactory(
            parent=index,
            title=spec["title"],
            slug=slug,
            standfirst=spec["standfirst"],
            date=spec["date"],
            rubric=rubrics[spec["rubric"]],
            hero_image=get_or_create_image(spec["title"][:60], position, label=spec["title"]),
            body=_body(spec["paragraphs"], spec.get("video")),
        )
        article.authors.create(person=people[spec["author"]])
        for text in spec.get("footnotes", []):
            article.footnotes.create(text=f"<p>{text}</p>")
        article.tags.add(*spec["tags"])
        article.save()
        publish(article)
