"""Answer an author's access or erasure request (GDPR art. 15 and 17) from their e-mail.

The association has no author accounts: the e-mail given in the form is the only key.
Once the contact retention period is over that e-mail is blanked, so such stories can
only be found through the author's withdrawal link or by a moderator, by title.
"""

import json
import os

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from fabrique.moderation.actions import erase as erase_submissions
from testimonies.models import Testimony


def _date(value):
    return value.isoformat() if value else None


def _action_label(action: str) -> str:
    return str(log_registry.get_action_label(action)) if log_registry.action_exists(action) else ""


def testimonies_for(email: str):
    return (
        Testimony.objects.filter(contact__email__iexact=email.strip())
        .select_related("contact")
        .prefetch_related("themes")
        .order_by("submitted_at")
    )


def export_data(email: str) -> dict:
    """Everything held about the author of these stories, in a form they can read.

    The moderator who changed a status is a third party: only the date is exported.
    The internal refusal reason is exported: it is data about the author's submission.
    """
    testimony_type = ContentType.objects.get_for_model(Testimony)
    items = []
    for testimony in testimonies_for(email):
        contact = testimony.contact
        history = ModelLogEntry.objects.filter(
            content_type=testimony_type, object_id=str(testimony.pk)
        ).order_by("timestamp")
        items.append(
            {
                "uuid": str(testimony.uuid),
                "title": testimony.title,
                "pseudonym": testimony.pseudonym,
                "role": testimony.role,
                "role_label": str(testimony.get_role_display()),
                "department": testimony.department,
                "story": testimony.story,
                "published_text": testimony.published_text,
                "quote": testimony.quote,
                "themes": [theme.name for theme in testimony.themes.all()],
                "status": testimony.status,
                "status_label": str(testimony.get_status_display()),
                "submitted_at": _date(testimony.submitted_at),
                "status_changed_at": _date(testimony.status_changed_at),
                "published_at": _date(testimony.published_at),
                "refusal_reason": testimony.refusal_reason,
                # What was done and when, never by whom (the moderator is a third party).
                "moderation_history": [
                    {
                        "action": entry.action,
                        "label": _action_label(entry.action),
                        "timestamp": _date(entry.timestamp),
                    }
                    for entry in history
                ],
                "contact": {
                    "email": contact.email,
                    "consent_publication_at": _date(contact.consent_publication_at),
                    "consent_publication_version": contact.consent_publication_version,
                    "consent_health_data_at": _date(contact.consent_health_data_at),
                    "consent_health_data_version": contact.consent_health_data_version,
                },
            }
        )
    return {"email": email.strip(), "testimonies": items}


class Command(BaseCommand):
    help = (
        "Exporte (--export) ou efface (--erase) toutes les données d'un·e auteur·rice "
        "de témoignage, retrouvé·e par son adresse e-mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="Adresse e-mail de l'auteur·rice.")
        parser.add_argument("--export", action="store_true", help="Exporter en JSON.")
        parser.add_argument("--erase", action="store_true", help="Tout effacer.")
        parser.add_argument(
            "--output",
            help="Nouveau fichier où écrire l'export, lisible par vous seul·e "
            "(par défaut : sortie standard).",
        )

    def handle(self, *args, email, export=False, erase=False, output=None, **options):
        if export == erase:
            raise CommandError("Indiquez soit --export, soit --erase (une seule des deux).")
        if not email.strip():
            raise CommandError("Indiquez une adresse e-mail.")
        if erase:
            if output:
                raise CommandError("--output ne s'utilise qu'avec --export.")
            count = erase_submissions(testimonies_for(email))
            self.stdout.write(f"{count} témoignage(s) effacé(s) pour cette adresse.")
            return

        data = export_data(email)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if output:
            # Created readable by its owner only (0600), never widened then narrowed: the
            # file holds the story and the e-mail. An existing file is not overwritten,
            # since its permissions may already be wider.
            try:
                descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError as error:
                raise CommandError(
                    f"{output} existe déjà : choisissez un nouveau fichier pour l'export."
                ) from error
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"{len(data['testimonies'])} témoignage(s) exporté(s) dans {output}.")
        else:
            self.stdout.write(text)
