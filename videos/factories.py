import wagtail_factories

from .models import VideoIndexPage


class VideoIndexPageFactory(wagtail_factories.PageFactory):
    title = "Vidéos"
    slug = "videos"

    class Meta:
        model = VideoIndexPage
