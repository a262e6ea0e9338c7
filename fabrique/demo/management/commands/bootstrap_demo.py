"""First start on a laptop: demo content if the site is empty, and an ``admin`` account.

Ends with one block saying where the site and its admin are and how to log in, so the
password is never lost among other lines. A generated password is also kept in
``var/demo_admin_password`` (git-ignored, readable by its owner only) so the next start
can say it again.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from fabrique.home.models import HomePage
from fabrique.web.site_url import sync_default_site

PASSWORD_FILE = settings.BASE_DIR / "var" / "demo_admin_password"


def _remember(password: str) -> None:
    PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    PASSWORD_FILE.touch(mode=0o600)
    PASSWORD_FILE.write_text(password + "\n", encoding="utf-8")


def _remembered(user) -> str:
    if PASSWORD_FILE.exists():
        password = PASSWORD_FILE.read_text(encoding="utf-8").strip()
        if password and user.check_password(password):
            return password
    return ""


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
        site = sync_default_site()

        User = get_user_model()
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "")
        user = User.objects.filter(username="admin").first()
        if user is None:
            shown = password or secrets.token_urlsafe(12)
            if not password:
                _remember(shown)
            else:
                shown = f"{shown} (DEMO_ADMIN_PASSWORD)"
            User.objects.create_superuser("admin", "admin@example.org", password or shown)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            shown = f"{password} (DEMO_ADMIN_PASSWORD)"
        else:
            shown = _remembered(user) or (
                "inchangé depuis la création du compte (DEMO_ADMIN_PASSWORD=… le redéfinit)"
            )

        base = f"{site.root_url}/" if site else settings.WAGTAILADMIN_BASE_URL
        rule = "─" * 64
        self.stdout.write(
            "\n".join(
                [
                    "",
                    rule,
                    f"  Site            {base}",
                    f"  Administration  {base}admin/",
                    "  Identifiant     admin",
                    f"  Mot de passe    {shown}",
                    rule,
                    "",
                ]
            )
        )
