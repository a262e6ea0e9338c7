"""Demo content for this app: fictional stories built on ``fabrique.demo.site.seed_site``.

Every story below is invented for the demo; none tells a real person's life.
"""

from django.db import transaction
from django.utils import timezone

from fabrique.moderation.actions import publish
from fabrique.moderation.models import ModerationStatus

from .choices import Role
from .models import CONSENT_VERSION, Testimony, TestimonyContact, Theme

THEMES = ["Accès aux soins", "Discriminations", "Prévention", "Conditions de travail"]

PUBLISHED = [
    {
        "title": "Six cents kilomètres aller-retour",
        "quote": "J'ai fait 600 km pour voir un cardiologue",
        "pseudonym": "Martine",
        "role": Role.PATIENT,
        "department": "23",
        "themes": ["Accès aux soins"],
        "story": (
            "Après mon malaise, mon médecin traitant voulait un avis rapide. Aucun cardiologue "
            "ne prenait de nouveaux patients à moins de trois heures de route.\n"
            "J'ai fait 600 km pour voir un cardiologue, dans la journée, avec ma fille qui a "
            "posé un jour de congé. La consultation a duré vingt minutes.\n"
            "(Témoignage fictif écrit pour la démonstration du site.)"
        ),
    },
    {
        "title": "La question de trop",
        "quote": "Quelles sont vos origines ?",
        "pseudonym": "",
        "role": Role.STUDENT,
        "department": "69",
        "themes": ["Discriminations"],
        "story": (
            "En stage, un patient m'a demandé avant même de me dire bonjour : « Quelles sont "
            "vos origines ? ». Mon encadrante a changé de sujet.\n"
            "Le soir, nous en avons parlé en équipe et avons décidé de ne plus laisser passer "
            "ces remarques.\n"
            "(Témoignage fictif écrit pour la démonstration du site.)"
        ),
    },
    {
        "title": "Le temps de la prévention",
        "quote": "Mieux vaut prévenir que guérir",
        "pseudonym": "Karim",
        "role": Role.CAREGIVER,
        "department": "93",
        "themes": ["Prévention", "Conditions de travail"],
        "story": (
            "Infirmier en centre de santé, je répète « Mieux vaut prévenir que guérir » à "
            "longueur de journée. Mais aucune consultation de prévention n'est prévue dans nos "
            "plannings.\n"
            "Nous avons créé un atelier mensuel, sur notre temps libre.\n"
            "(Témoignage fictif écrit pour la démonstration du site.)"
        ),
    },
]

PENDING = [
    {
        "title": "Aidante depuis dix ans",
        "pseudonym": "Sophie",
        "role": Role.CARER,
        "story": "Je m'occupe de mon père depuis dix ans. (Témoignage fictif de démonstration.)",
    },
    {
        "title": "Premier jour aux urgences",
        "pseudonym": "",
        "role": Role.OTHER,
        "story": "Ma première nuit aux urgences. (Témoignage fictif de démonstration.)",
    },
]


def _create(spec: dict) -> Testimony | None:
    if Testimony.objects.filter(title=spec["title"]).exists():
        return None
    fields = {k: v for k, v in spec.items() if k != "themes"}
    testimony = Testimony.objects.create(status=ModerationStatus.PENDING, **fields)
    now = timezone.now()
    TestimonyContact.objects.create(
        testimony=testimony,
        consent_publication_at=now,
        consent_publication_version=CONSENT_VERSION,
        consent_health_data_at=now,
        consent_health_data_version=CONSENT_VERSION,
    )
    return testimony


@transaction.atomic
def seed(context: dict) -> None:
    """Idempotent: a story whose title exists is left as moderators made it."""
    themes = {name: Theme.objects.get_or_create(name=name)[0] for name in THEMES}
    for spec in PUBLISHED:
        testimony = _create(spec)
        if testimony is not None:
            testimony.themes.set([themes[name] for name in spec["themes"]])
            publish(testimony)
    for spec in PENDING:
        _create(spec)
