"""First start on a laptop: demo content if the site is empty, and an ``admin`` account."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from fabrique.home.models import HomePage


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration si la base est vide et crée le compte « admin » "
        "(mot de passe : DEMO_ADMIN_PASSWORD, ou généré et affiché)."
    )

    def handle(self, *args, **options):
        if not HomePage.objects.exists():
            call_command("seed_demo", stdout=self.stdout)
        else:
            self.stdout.write("Contenu existant conservé (pas de démonstration chargée).")

        User = get_user_model()
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "")
        user = User.objects.filter(username="admin").first()
        if user is None:
            generated = not password
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@example.org", password)
            shown = password if generated else "(celui de DEMO_ADMIN_PASSWORD)"
            self.stdout.write(self.style.SUCCESS(f"Compte créé : admin / mot de passe {shown}"))
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write("Mot de passe de « admin » mis à jour depuis DEMO_ADMIN_PASSWORD.")
        else:
            self.stdout.write("Le compte « admin » existe déjà (mot de passe inchangé).")
