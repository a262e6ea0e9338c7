"""A large generated site for the page benchmark (``bench/pages.py``), on top of the demo.

Run by the benchmark in its own throwaway database (never on real data): pages are made
with the project's factories (the ones ``seed_demo`` and the tests share), published as
Wagtail publishes them, with the search index written once at the end (``update_index``)
rather than page by page. Published testimonies are inserted in bulk: they are rows, not
pages. Sizes come from the command line; the texts are varied enough for search to rank.

    python bench/dataset.py --articles 10000 --videos 1000 --episodes 500 \
        --events 2000 --testimonies 50000 --tags 200
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "soin",
    "soignant",
    "soignante",
    "patient",
    "patiente",
    "hôpital",
    "médecin",
    "infirmière",
    "aidant",
    "désert",
    "médical",
    "urgences",
    "psychiatrie",
    "territoire",
    "prévention",
    "santé",
    "mentale",
    "formation",
    "maternité",
    "pédiatrie",
    "gériatrie",
    "ville",
    "campagne",
    "accès",
    "droits",
    "écoute",
    "parole",
    "temps",
    "épuisement",
    "métier",
    "équipe",
    "garde",
    "nuit",
    "consultation",
    "médicament",
    "parcours",
]


def sentence(rng: random.Random, length: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 6) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def log(message: str) -> None:
    print(message, flush=True)


def generate(options) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone
    from taggit.models import Tag

    from articles.factories import ArticlePageFactory, RubricFactory
    from articles.models import ArticleIndexPage
    from events.factories import EventPageFactory
    from events.models import EventIndexPage
    from fabrique.moderation.models import ModerationStatus
    from podcasts.factories import EpisodePageFactory
    from podcasts.models import AudioFile, PodcastShowPage
    from testimonies.choices import Role
    from testimonies.models import Testimony
    from videos.factories import VideoPageFactory
    from videos.models import VideoIndexPage

    # Index once at the end: indexing page by page is most of the generation's time.
    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False
    rng = random.Random(20261207)
    tags = [
        Tag.objects.get_or_create(name=f"thème {i:03d}")[0] for i in range(max(3, options.tags))
    ]
    rubrics = [RubricFactory(name=name) for name in ("Réflexions", "Reportages", "Portraits")]

    def make(kind: str, count: int, parent, factory, **fields) -> None:
        started = time.monotonic()
        for i in range(count):
            page = factory.build(
                title=f"{sentence(rng, 6)[:-1]} ({kind} {i})",
                slug=f"{kind}-{i}",
                **{name: value(i) if callable(value) else value for name, value in fields.items()},
            )
            parent.add_child(instance=page)
            if hasattr(page, "tags"):
                page.tags.add(*rng.sample(tags, 3))
            page.save_revision().publish()
            if (i + 1) % 500 == 0:
                log(f"  {kind} : {i + 1}/{count} ({time.monotonic() - started:.0f} s)")

    today = datetime.date.today()
    make(
        "article",
        options.articles,
        ArticleIndexPage.objects.get(),
        ArticlePageFactory,
        standfirst=lambda i: paragraph(rng, 2),
        rubric=lambda i: rubrics[i % len(rubrics)],
        date=lambda i: today - datetime.timedelta(days=i % 3000),
    )
    make("video", options.videos, VideoIndexPage.objects.get(), VideoPageFactory)
    # Every episode plays the demo's sound: the file is not what is measured.
    audio = AudioFile.objects.first()
    make(
        "episode",
        options.episodes,
        PodcastShowPage.objects.first(),
        EpisodePageFactory,
        audio=audio,
    )
    make(
        "event",
        options.events,
        EventIndexPage.objects.get(),
        EventPageFactory,
        start=lambda i: timezone.now() + datetime.timedelta(days=i - options.events // 2),
        end=lambda i: timezone.now() + datetime.timedelta(days=i - options.events // 2, hours=2),
    )
    log(f"  témoignages publiés : {options.testimonies}")
    now = timezone.now()
    Testimony.objects.bulk_create(
        [
            Testimony(
                title=sentence(rng, 5)[:-1],
                story=(text := paragraph(rng, 8)),
                published_text=text,
                role=Role.PATIENT,
                status=ModerationStatus.PUBLISHED,
                published_at=now - datetime.timedelta(minutes=i),
            )
            for i in range(options.testimonies)
        ],
        batch_size=2000,
    )
    log("  index de recherche (update_index)…")
    call_command("update_index", verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, default in (
        ("articles", 10_000),
        ("videos", 1_000),
        ("episodes", 500),
        ("events", 2_000),
        ("testimonies", 50_000),
        ("tags", 200),
    ):
        parser.add_argument(f"--{name}", type=int, default=default)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fabrique.settings.production")
    generate(options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
