"""Fill an empty site with realistic French demo content; safe to run again."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from fabrique.core.demo import seed_site

# Each content app adds its own demo content on top of the page tree.
DEMO_MODULES = ["articles.demo", "testimonies.demo"]


class Command(BaseCommand):
    help = "Crée le contenu de démonstration (idempotent : un contenu existant est conservé)."

    @transaction.atomic
    def handle(self, *args, **options):
        context = seed_site(stdout=self.stdout)
        for module_name in DEMO_MODULES:
            import_module(module_name).seed(context)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
