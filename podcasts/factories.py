import wagtail_factories

from .models import PodcastIndexPage


class PodcastIndexPageFactory(wagtail_factories.PageFactory):
    title = "Podcasts"
    slug = "podcasts"

    class Meta:
        model = PodcastIndexPage
