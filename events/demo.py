"""Demo events: a past live show with its replay, a future live show, a cancelled event
and an in-person meet-up in Lyon with its accessibility information.

Dates are set relative to the day ``seed_demo`` runs, so the demo always has something
coming and something past. Idempotent: an event whose slug already exists under the
index is left as editors made it.
"""

import datetime
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page

from fabrique.core.factories import PersonFactory
from fabrique.demo.site import get_or_create_image, publish

from .choices import EventFormat, EventStatus, StepFreeAccess
from .factories import EventPageFactory

PARIS = ZoneInfo("Europe/Paris")
TWITCH = "https://www.twitch.tv/lafabriquedessoignants"


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), PARIS)


def _body(*paragraphs: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs])


def events() -> list[dict]:
    return [
        {
            "title": "Direct : les déserts médicaux, et après ?",
            "slug": "direct-deserts-medicaux",
            "summary": (
                "Trois heures de direct sur Twitch avec des soignant·es installé·es en zone "
                "sous-dotée : ce qui marche, ce qui coince, ce qu'il faudrait changer."
            ),
            "start": _at(-21, 20),
            "end": _at(-21, 23),
            "format": EventFormat.ONLINE,
            "live_url": TWITCH,
            "replay_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            # The video page wins over the URL when the videos demo made it.
            "replay_title": "Déserts médicaux : l'extrait du direct sur la loi Garot",
            "live_subtitles": True,
            "tags": ["déserts médicaux", "direct"],
            "speakers": ["jalel"],
            "paragraphs": [
                "Un direct long format, avec les questions du chat en fin d'émission.",
            ],
        },
        {
            "title": "Direct : prendre soin des soignant·es",
            "slug": "direct-prendre-soin-des-soignantes",
            "summary": (
                "Épuisement, reconnaissance, collectifs : un direct pour parler de la santé "
                "de celles et ceux qui soignent, avec vos questions en direct."
            ),
            "start": _at(12, 20),
            "end": _at(12, 22, 30),
            "format": EventFormat.ONLINE,
            "live_url": TWITCH,
            "live_subtitles": True,
            "sign_language": True,
            "tags": ["direct", "santé des soignant·es"],
            "speakers": ["mickael"],
            "paragraphs": [
                "Le direct est sous-titré en temps réel et interprété en langue des signes "
                "française.",
            ],
        },
        {
            "title": "Rencontre à Marseille : santé et précarité",
            "slug": "rencontre-marseille-sante-precarite",
            "summary": "Une rencontre avec des associations marseillaises, annulée faute de salle.",
            "start": _at(20, 18, 30),
            "end": _at(20, 20, 30),
            "format": EventFormat.ON_SITE,
            "status": EventStatus.CANCELLED,
            "venue_name": "Maison des associations",
            "venue_address": "93 La Canebière",
            "venue_postcode": "13001",
            "venue_city": "Marseille",
            "venue_department": "Bouches-du-Rhône",
            "tags": ["précarité"],
            "paragraphs": [
                "La rencontre est annulée ; nous vous tiendrons informé·es d'une autre date."
            ],
        },
        {
            "title": "Rencontre à Lyon : refaçonner le soin ensemble",
            "slug": "rencontre-lyon-refaconner-le-soin",
            "summary": (
                "Une soirée de rencontre entre lecteur·rices, soignant·es et patient·es pour "
                "discuter des témoignages reçus et des prochains sujets du média."
            ),
            "start": _at(34, 18, 30),
            "end": _at(34, 21),
            "format": EventFormat.ON_SITE,
            "venue_name": "Maison de la santé du 7e",
            "venue_address": "12 rue de Marseille",
            "venue_postcode": "69007",
            "venue_city": "Lyon",
            "venue_department": "Rhône",
            "latitude": Decimal("45.753300"),
            "longitude": Decimal("4.843600"),
            "registration_url": "https://inscriptions.example.org/rencontre-lyon",
            "price": Decimal("5.00"),
            "step_free_access": StepFreeAccess.FULL,
            "quiet_room": True,
            "sign_language": True,
            "access_contact": "accessibilite@example.org",
            "tags": ["rencontre", "vos histoires"],
            "speakers": ["jalel", "mickael"],
            "paragraphs": [
                "Entrée de plain-pied, boucle magnétique à l'accueil, salle calme à l'étage "
                "accessible par ascenseur.",
                "Participation libre de 5 € pour le buffet ; personne n'est refusé faute de "
                "pouvoir payer.",
            ],
        },
    ]


PEOPLE = {
    "jalel": ("Jalel Malek Hamza", "médecin pédiatre"),
    "mickael": ("Mickaël Worms-Ehrminger", "chercheur"),
}


def seed(context: dict) -> None:
    index = context["sections"]["evenements"]
    people = {key: PersonFactory(name=name, role=role) for key, (name, role) in PEOPLE.items()}
    existing = set(index.get_children().values_list("slug", flat=True))
    for position, spec in enumerate(events()):
        if spec["slug"] in existing:
            continue
        spec = dict(spec)
        tags = spec.pop("tags", [])
        speakers = spec.pop("speakers", [])
        paragraphs = spec.pop("paragraphs", [])
        # Found by title: events do not import the videos app.
        replay_title = spec.pop("replay_title", "")
        if replay_title:
            spec["replay"] = Page.objects.live().filter(title=replay_title).first()
        event = EventPageFactory(
            parent=index,
            listing_image=get_or_create_image(spec["title"][:60], position + 2),
            body=_body(*paragraphs),
            **spec,
        )
        for key in speakers:
            event.speakers.create(person=people[key])
        event.tags.add(*tags)
        event.save()
        publish(event)
