from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        from fabrique.core.listing import register_listing_filter

        from .queries import filter_by_dossier

        # Other sections' listings offer « ?dossier= » without importing this app.
        register_listing_filter("dossier", filter_by_dossier)
