"""Demo podcast: one show, three episodes whose sound is made at seed time (a short tone).

Nothing is downloaded: the MP3s are encoded with lameenc and the cover drawn with Pillow.
Idempotent: the show and each episode are matched by slug and left as editors made them.
"""

import datetime
import json

from django.utils import timezone

from fabrique.core.factories import PersonFactory
from fabrique.demo.site import child_by_slug, publish

from .choices import PersonRole
from .factories import (
    AudioFileFactory,
    EpisodePageFactory,
    PodcastShowPageFactory,
    make_cover_image,
)

SHOW = {
    "title": "Les Voix du soin",
    "slug": "les-voix-du-soin",
    "description": (
        "Des soignant·es et des patient·es racontent le soin tel qu’il se vit : à l’hôpital, "
        "en ville, à domicile. Une émission de La Fabrique des Soignants."
    ),
}

TRANSCRIPT = """WEBVTT

00:00.000 --> 00:01.000
Bonjour et bienvenue dans Les Voix du soin.

00:01.000 --> 00:02.000
Aujourd’hui, nous parlons de {topic}.

00:02.000 --> 00:03.000
Merci de nous écouter, à bientôt.
"""

EPISODES = [
    {
        "slug": "deserts-medicaux-la-parole-aux-generalistes",
        "title": "Déserts médicaux : la parole aux généralistes",
        "topic": "déserts médicaux",
        "summary": (
            "Deux médecins généralistes racontent leur quotidien dans un territoire où les "
            "cabinets ferment, et ce qui les fait tenir."
        ),
        "guest": ("Claire Martin", "médecin généraliste"),
        "number": 1,
        "frequency": 440.0,
        "date": datetime.datetime(2024, 9, 12, 8, 0),
    },
    {
        "slug": "aidant-es-les-invisibles-du-soin",
        "title": "Aidant·es, les invisibles du soin",
        "topic": "proches aidant·es",
        "summary": (
            "Onze millions de personnes aident un proche malade ou en situation de handicap. "
            "Trois d’entre elles nous disent ce que cela change."
        ),
        "guest": ("Samia Benali", "aidante"),
        "number": 2,
        "frequency": 523.25,
        "date": datetime.datetime(2024, 10, 10, 8, 0),
    },
    {
        "slug": "soigner-sans-discriminer",
        "title": "Soigner sans discriminer",
        "topic": "discriminations dans le soin",
        "summary": (
            "Racisme, validisme, grossophobie : comment les préjugés s’invitent dans la "
            "consultation, et comment les en faire sortir."
        ),
        "guest": ("Jalel Malek Hamza", "médecin pédiatre"),
        "number": 3,
        "frequency": 659.25,
        "date": datetime.datetime(2024, 11, 14, 8, 0),
    },
]


def seed(context: dict) -> None:
    index = context["sections"]["podcasts"]
    show = child_by_slug(index, SHOW["slug"])
    if show is None:
        host = PersonFactory(name="La rédaction", role="La Fabrique des Soignants")
        show = PodcastShowPageFactory(
            parent=index,
            cover_image=make_cover_image(SHOW["title"], 1),
            owner_name="La Fabrique des Soignants",
            owner_email="podcast@example.org",
            **SHOW,
        )
        show.hosts.create(person=host)
        show.save()
        show = publish(show)
    for spec in EPISODES:
        if child_by_slug(show, spec["slug"]) is not None:
            continue
        audio = AudioFileFactory(title=spec["title"], seconds=3.0, frequency=spec["frequency"])
        episode = EpisodePageFactory(
            parent=show,
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            audio=audio,
            season=1,
            episode_number=spec["number"],
            publication_date=timezone.make_aware(spec["date"]),
            transcript=TRANSCRIPT.format(topic=spec["topic"]),
            transcript_format="vtt",
            show_notes=json.dumps(
                [
                    {"type": "paragraph", "value": f"<p>{spec['summary']}</p>"},
                    {
                        "type": "paragraph",
                        "value": "<p>Un épisode de démonstration : le son est une note tenue.</p>",
                    },
                ]
            ),
        )
        name, role = spec["guest"]
        episode.guests.create(person=PersonFactory(name=name, role=role), role=PersonRole.GUEST)
        episode.chapters.create(start="0:00", title="Introduction", sort_order=0)
        episode.chapters.create(start="0:01", title="Témoignage", sort_order=1)
        episode.chapters.create(start="0:02", title="Conclusion", sort_order=2)
        episode.save()
        publish(episode)
