from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from fabrique.core.frontend_cache import register_purge_urls
        from fabrique.core.generation import register_generation_model

        from .feeds import purge_urls
        from .models import ArticlePage, Rubric

        # Pages show it (an article shows its rubric's name; the listing filters by it): its change starts a new publication generation.
        register_generation_model(Rubric)
        # A CDN drops the feeds that list an article when it is published (core/frontend_cache.py).
        register_purge_urls(ArticlePage, purge_urls)
