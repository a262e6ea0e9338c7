"""The site's URLs as in production, for the browser tests' live server.

The live server runs with ``DEBUG = False``. Uploaded media go through the same view as
under ``make serve`` and in the Docker image (``fabrique/web/media.py``, switched on by
``FABRIQUE_SERVE_MEDIA`` in the ``site`` fixture), so a broken image there fails here.
"""

from fabrique.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns]
