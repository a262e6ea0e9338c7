"""`manage.py otp_reset <identifiant>`: for a lost phone and lost backup codes.

Deletes the user's authenticator app and backup codes, so the password alone logs in again;
the user can then turn the second factor back on from the admin. Run it only once the
person's identity has been checked by another channel.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from fabrique.accounts.second_factor import remove_second_factor


class Command(BaseCommand):
    help = "Retire la double authentification d'un compte (téléphone perdu)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="identifiant du compte")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist as missing:
            raise CommandError(f"Aucun compte « {username} ».") from missing
        removed = remove_second_factor(user)
        if removed:
            self.stdout.write(
                f"Double authentification retirée pour « {username} » "
                f"({removed} appareil(s) supprimé(s)) : le mot de passe seul suffit."
            )
        else:
            self.stdout.write(f"« {username} » n'avait pas de double authentification.")
