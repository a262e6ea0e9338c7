from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideosConfig(AppConfig):
    name = "videos"
    verbose_name = _("Vidéos")

    def ready(self):
        from fabrique.core.generation import register_generation_model

        from .models import VideoSeries

        # Pages show it (a video shows its series' name; the listing filters by it): its change starts a new publication generation.
        register_generation_model(VideoSeries)
