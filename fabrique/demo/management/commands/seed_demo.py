"""Fill an empty site with realistic French demo content; safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from fabrique.core.renditions import renditions_not_prepared
from fabrique.core.sections import get_sections
from fabrique.demo.site import seed_home_picks, seed_site


class Command(BaseCommand):
    help = "Crée le contenu de démonstration (idempotent : un contenu existant est conservé)."

    def handle(self, *args, **options):
        # The demo publishes every page at once: preparing all their pictures would double
        # the time it takes (browser tests seed it on each run); readers make them instead.
        with renditions_not_prepared(), transaction.atomic():
            self.seed()
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))

    def seed(self):
        context = seed_site(stdout=self.stdout)
        # Each registered section adds its own demo content on top of the page tree.
        for section in get_sections():
            seed = section.load("demo")
            if seed:
                seed(context)
        # The home's "À la une" and "À voir", chosen among what the sections just made.
        seed_home_picks(context)
