from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    name = "podcasts"
    verbose_name = _("Podcasts")

    def ready(self):
        from fabrique.core.frontend_cache import register_purge_urls
        from fabrique.core.generation import register_generation_model

        from .feeds import purge_urls
        from .models import AudioFile, EpisodePage, PodcastShowPage

        # Pages show it (an episode plays its sound, with its duration and size): its change starts a new publication generation.
        register_generation_model(AudioFile)
        # A CDN drops the show's feed when a show or an episode is published.
        register_purge_urls(EpisodePage, purge_urls)
        register_purge_urls(PodcastShowPage, purge_urls)
