"""The site's URLs plus uploaded media, for the browser tests' live server.

The live server runs with ``DEBUG = False``, where the project serves no media; images
uploaded or made by the demo must still load so screenshots and checks see real pages.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from fabrique.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]
