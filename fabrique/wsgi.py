"""WSGI entry point for gunicorn; production settings unless told otherwise.

Anonymous pages kept under the publication generation are answered by the page cache
before Django's stack (fabrique/web/page_cache.py); anything else goes to Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fabrique.settings.production")

application = get_wsgi_application()

from fabrique.web.page_cache import PageCacheLayer  # noqa: E402 (after Django's setup)

application = PageCacheLayer(application)
