"""Demo videos: replays of the live shows and interviews on the seed's themes.

The addresses have the shape of real YouTube, Twitch and PeerTube links but point to no
actual video: the demo never contacts a provider. Posters are generated locally.
Idempotent: a video whose slug already exists under the index is left as editors made it.
"""

import datetime
from datetime import timedelta

from django.utils.text import slugify

from fabrique.core.factories import PersonFactory
from fabrique.demo.site import get_or_create_image, publish

from .factories import VideoPageFactory, VideoSeriesFactory
from .models import CreditRole, VideoKind

SERIES = {
    "nuit": (
        "La nuit des jeunes en santé",
        "Une soirée en direct avec des étudiant·es et de jeunes professionnel·les du soin.",
    ),
    "entretiens": ("Les entretiens", "Une personne, une question, le temps d'y répondre."),
}

PEOPLE = {
    "animation": ("Camille Roussel", "infirmière, animatrice des directs"),
    "jalel": ("Jalel Malek Hamza", "médecin pédiatre"),
    "mickael": ("Mickaël Worms-Ehrminger", "chercheur"),
    "ines": ("Inès Benali", "interne en médecine générale"),
}

VIDEOS = [
    {
        "title": "La nuit des jeunes en santé : se former sans s'épuiser",
        "series": "nuit",
        "kind": VideoKind.REPLAY,
        "url": "https://www.youtube.com/watch?v=dmFabrique01",
        "date": datetime.date(2024, 10, 17),
        "duration": timedelta(hours=2, minutes=4, seconds=12),
        "tags": ["formation", "santé mentale"],
        "people": [("animation", CreditRole.HOST), ("ines", CreditRole.GUEST)],
        "summary": (
            "Replay du direct : des étudiant·es en santé racontent leurs stages, la fatigue et "
            "ce qui les aide à tenir, avec une interne en médecine générale."
        ),
        "chapters": [
            (0, "Ouverture du direct"),
            (6 * 60 + 30, "Premiers stages : ce qu'on n'apprend pas en cours"),
            (41 * 60, "La fatigue et le silence"),
            (1 * 3600 + 22 * 60, "Questions du tchat"),
            (1 * 3600 + 55 * 60, "Ce qui aide à tenir"),
        ],
        "transcript": [
            "Camille Roussel : Bonsoir à toutes et à tous, bienvenue dans cette nouvelle nuit "
            "des jeunes en santé.",
            "Inès Benali : En stage, on apprend vite les gestes. Ce qu'on apprend moins, c'est "
            "à dire qu'on est fatigué·e.",
            "Camille Roussel : Beaucoup d'entre vous écrivent dans le tchat que les gardes de "
            "nuit sont les plus dures.",
            "Inès Benali : Ce qui m'a aidée, c'est un groupe de parole entre internes, une fois "
            "par mois.",
        ],
    },
    {
        "title": "Entretien avec Jalel Malek Hamza : prendre soin, pas seulement prendre en charge",
        "series": "entretiens",
        "kind": VideoKind.INTERVIEW,
        "url": "https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        "date": datetime.date(2024, 10, 11),
        "duration": timedelta(minutes=18, seconds=40),
        "tags": ["formation", "racisme", "soin"],
        "people": [("jalel", CreditRole.GUEST), ("animation", CreditRole.HOST)],
        "summary": (
            "Le médecin pédiatre revient sur sa tribune et sur ce que la formation des "
            "soignant·es pourrait transmettre autrement."
        ),
        "chapters": [
            (0, "Présentation"),
            (3 * 60 + 15, "Prendre en charge, prendre soin"),
            (11 * 60, "Les conditions de vie comme part du soin"),
        ],
        "transcript": [
            "Jalel Malek Hamza : Prendre en charge, c'est gérer un dossier. Prendre soin, "
            "c'est regarder la personne et ce qui l'entoure.",
            "Camille Roussel : Qu'est-ce que la formation pourrait changer ?",
            "Jalel Malek Hamza : Parler des déterminants sociaux de la santé dès la première "
            "année, et pas comme un chapitre à part.",
        ],
    },
    {
        "title": "Repolitiser la santé mentale, avec Mickaël Worms-Ehrminger",
        "series": "entretiens",
        "kind": VideoKind.INTERVIEW,
        "url": "https://vimeo.com/761234567",
        "date": datetime.date(2024, 9, 6),
        "duration": timedelta(minutes=24, seconds=5),
        "tags": ["santé mentale"],
        "people": [("mickael", CreditRole.GUEST)],
        "summary": (
            "Pourquoi la santé mentale se dépolitise, et comment penser des réponses "
            "collectives à la souffrance psychique."
        ),
        "chapters": [(0, "Le succès d'un mot"), (9 * 60, "Les causes sociales du mal-être")],
        "transcript": [
            "Mickaël Worms-Ehrminger : On n'a jamais autant parlé de santé mentale, et "
            "pourtant on parle peu de ses causes.",
        ],
    },
    {
        "title": "Déserts médicaux : l'extrait du direct sur la loi Garot",
        "series": "nuit",
        "kind": VideoKind.EXCERPT,
        "url": "https://www.twitch.tv/videos/2284511093",
        "date": datetime.date(2024, 9, 13),
        "duration": timedelta(minutes=7, seconds=48),
        "tags": ["déserts médicaux", "installation"],
        "people": [("animation", CreditRole.HOST)],
        "summary": "Sept minutes pour comprendre ce que change la régulation de l'installation.",
        "chapters": [],
        "transcript": [
            "Camille Roussel : La loi veut limiter l'installation des médecins là où ils sont "
            "déjà nombreux. Voyons ce que cela change pour les patient·es.",
        ],
    },
]


def seed(context: dict) -> None:
    """Two series, the people credited and four videos under the videos index."""
    index = context["sections"]["videos"]
    series = {
        key: VideoSeriesFactory(name=name, description=description)
        for key, (name, description) in SERIES.items()
    }
    people = {key: PersonFactory(name=name, role=role) for key, (name, role) in PEOPLE.items()}
    existing = set(index.get_children().values_list("slug", flat=True))
    for position, spec in enumerate(VIDEOS):
        slug = slugify(spec["title"])[:80].strip("-")
        if slug in existing:
            continue
        video = VideoPageFactory(
            parent=index,
            title=spec["title"],
            slug=slug,
            source_url=spec["url"],
            summary=spec["summary"],
            kind=spec["kind"],
            series=series[spec["series"]],
            recorded_on=spec["date"],
            duration=spec["duration"],
            poster=get_or_create_image(
                f"Affiche : {spec['title'][:50]}", position + 2, label=spec["title"]
            ),
            transcript="".join(f"<p>{line}</p>" for line in spec["transcript"]),
        )
        for key, role in spec["people"]:
            video.credits.create(person=people[key], role=role)
        for start, title in spec["chapters"]:
            video.chapters.create(start=timedelta(seconds=start), title=title)
        video.tags.add(*spec["tags"])
        video.save()
        publish(video)
