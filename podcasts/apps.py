from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    name = "podcasts"
    verbose_name = _("Podcasts")

    def ready(self):
        from fabrique.core.generation import register_generation_model

        from .models import AudioFile

        # Pages show it (an episode plays its sound, with its duration and size): its change starts a new publication generation.
        register_generation_model(AudioFile)
