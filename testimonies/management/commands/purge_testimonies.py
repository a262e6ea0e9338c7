"""Apply the retention periods of the privacy notice; meant to run daily from cron.

Retention is counted from dates, never from today's status alone, so that no path
through the moderation states escapes it:
- a story that is not published now (pending, to review, refused, withdrawn, even one
  published once and then taken back) is deleted once its last decision is old enough;
- an author's e-mail is blanked once the story's *first* publication is old enough,
  whatever the story's state now (``published_at`` is set once and never cleared).
Running it twice does nothing more: it is idempotent.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from fabrique.moderation.actions import erase
from fabrique.moderation.models import ModerationStatus
from testimonies.models import Testimony, TestimonyContact
from testimonies.signals import one_compaction

# Below this, a typo ("-1", "0", "3") would delete stories moderators have not read yet.
MINIMUM_RETENTION_DAYS = 30


def expired_submissions(cutoff: datetime.datetime):
    """Stories not published now whose last decision (or reception) is before cutoff."""
    return (
        Testimony.objects.annotate(last_change=Coalesce("status_changed_at", "submitted_at"))
        .exclude(status=ModerationStatus.PUBLISHED)
        .filter(last_change__lt=cutoff)
    )


def expired_contacts(cutoff: datetime.datetime):
    """Contacts still holding an e-mail whose story was first published before cutoff."""
    return TestimonyContact.objects.filter(
        testimony__published_at__isnull=False, testimony__published_at__lt=cutoff
    ).exclude(email="")


class Command(BaseCommand):
    help = (
        "Supprime les témoignages non publiés (en attente, à revoir, refusés, retirés) "
        "au-delà de la durée de conservation et efface l'e-mail des auteur·rices "
        "après la première publication de leur témoignage."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help="Durée de conservation des témoignages non publiés, en jours, 30 au moins "
            "(par défaut le réglage FABRIQUE_TESTIMONY_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Affiche seulement ce qui serait supprimé, sans rien modifier.",
        )

    def handle(self, *args, older_than_days=None, dry_run=False, **options):
        # The defaults live in the settings only (fabrique/settings/base.py).
        if older_than_days is None:
            older_than_days = settings.FABRIQUE_TESTIMONY_RETENTION_DAYS
        if older_than_days < MINIMUM_RETENTION_DAYS:
            raise CommandError(
                f"Durée de conservation refusée : {older_than_days} jour(s). Elle doit être "
                f"d'au moins {MINIMUM_RETENTION_DAYS} jours, pour ne jamais supprimer des "
                "témoignages que la modération n'a pas encore lus."
            )
        contact_days = settings.FABRIQUE_CONTACT_RETENTION_DAYS
        now = timezone.now()
        submissions = expired_submissions(now - datetime.timedelta(days=older_than_days))
        contacts = expired_contacts(now - datetime.timedelta(days=contact_days))

        if dry_run:
            self.stdout.write(
                f"Simulation : {submissions.count()} témoignage(s) seraient supprimés "
                f"(plus de {older_than_days} jours), {contacts.count()} e-mail(s) "
                f"seraient effacés (publiés pour la première fois il y a plus de {contact_days} jours). "
                "Rien n'a été modifié."
            )
            return

        with transaction.atomic(), one_compaction():
            deleted = erase(submissions)
            blanked = contacts.update(email="")
        # The scheduler runs it quietly (verbosity 0): nothing after `make run`'s last block.
        if options.get("verbosity", 1) < 1:
            return
        self.stdout.write(
            f"{deleted} témoignage(s) supprimé(s) (plus de {older_than_days} jours), "
            f"{blanked} e-mail(s) effacé(s) (publiés pour la première fois il y a plus de "
            f"{contact_days} jours)."
        )
