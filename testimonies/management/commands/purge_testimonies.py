"""Apply the retention periods of the privacy notice; meant to run daily from cron.

Stories that will never be (or are no longer) published are deleted once their last
decision is old enough, and published stories lose their author's e-mail once the
follow-up period is over. Running it twice does nothing more: it is idempotent.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from fabrique.moderation.models import ModerationStatus
from testimonies.actions import erase_testimonies
from testimonies.models import Testimony, TestimonyContact


def expired_submissions(cutoff: datetime.datetime):
    """Refused, withdrawn and never-published pending stories last touched before cutoff."""
    never_published_pending = Q(
        status__in=[ModerationStatus.PENDING, ModerationStatus.NEEDS_REVIEW],
        published_at__isnull=True,
    )
    ended = Q(status__in=[ModerationStatus.REFUSED, ModerationStatus.WITHDRAWN])
    return (
        Testimony.objects.annotate(last_change=Coalesce("status_changed_at", "submitted_at"))
        .filter(ended | never_published_pending)
        .filter(last_change__lt=cutoff)
    )


def expired_contacts(cutoff: datetime.datetime):
    """Contacts of stories published before cutoff that still hold an e-mail."""
    return TestimonyContact.objects.filter(
        testimony__status=ModerationStatus.PUBLISHED, testimony__published_at__lt=cutoff
    ).exclude(email="")


class Command(BaseCommand):
    help = (
        "Supprime les témoignages refusés, retirés ou jamais publiés au-delà de la durée "
        "de conservation et efface l'e-mail des auteur·rices de témoignages publiés."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help="Durée de conservation des témoignages non publiés, en jours "
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
        contact_days = settings.FABRIQUE_CONTACT_RETENTION_DAYS
        now = timezone.now()
        submissions = expired_submissions(now - datetime.timedelta(days=older_than_days))
        contacts = expired_contacts(now - datetime.timedelta(days=contact_days))

        if dry_run:
            self.stdout.write(
                f"Simulation : {submissions.count()} témoignage(s) seraient supprimés "
                f"(plus de {older_than_days} jours), {contacts.count()} e-mail(s) "
                f"seraient effacés (publiés depuis plus de {contact_days} jours). "
                "Rien n'a été modifié."
            )
            return

        with transaction.atomic():
            deleted = erase_testimonies(submissions)
            blanked = contacts.update(email="")
        self.stdout.write(
            f"{deleted} témoignage(s) supprimé(s) (plus de {older_than_days} jours), "
            f"{blanked} e-mail(s) effacé(s) (publiés depuis plus de {contact_days} jours)."
        )
