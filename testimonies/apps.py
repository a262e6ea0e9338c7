from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimoniesConfig(AppConfig):
    name = "testimonies"
    verbose_name = _("Vos histoires")

    def ready(self):
        # Registers the views behind TestimonyIndexPage's routes (models never import views).
        from . import views  # noqa: F401
