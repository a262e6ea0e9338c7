"""Deployment step: the default site takes the public address of WAGTAILADMIN_BASE_URL."""

from django.core.management.base import BaseCommand, CommandError

from fabrique.web.site_url import sync_default_site


class Command(BaseCommand):
    help = (
        "Recopie l'adresse publique (WAGTAILADMIN_BASE_URL, ou l'adresse donnée) dans le site "
        "Wagtail par défaut : liens canoniques, plan du site et flux la reprennent."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="ex. https://lafabriquedessoignants.fr")

    def handle(self, *args, url=None, **options):
        site = sync_default_site(url)
        if site is None:
            raise CommandError("Aucun site par défaut : lancez d'abord seed_demo ou créez-en un.")
        self.stdout.write(f"Site par défaut : {site.root_url}/")
