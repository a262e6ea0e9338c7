from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Periodic jobs (the scheduler) and the background task worker that runs beside the site."""

    name = "fabrique.jobs"
    label = "jobs"
    verbose_name = _("Travaux périodiques")
