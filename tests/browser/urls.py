"""The site's URLs plus uploaded media, for the browser tests' live server.

The live server runs with ``DEBUG = False``, where the project serves no media; images
uploaded or made by the demo must still load so screenshots and checks see real pages.
"""

from django.urls import re_path

from fabrique.core.media import serve_media
from fabrique.urls import urlpatterns as site_urlpatterns


def media(request, path):
    # The site's own media view, with Range requests (audio seeks as in production);
    # the `site` fixture turns FABRIQUE_SERVE_MEDIA on.
    return serve_media(request, path)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]
