from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from fabrique.core.generation import register_generation_model

        from .models import Rubric

        # Pages show it (an article shows its rubric's name; the listing filters by it): its change starts a new publication generation.
        register_generation_model(Rubric)
