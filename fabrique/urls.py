import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from fabrique.accounts.admin_guards import AdminLogoutView
from fabrique.core import feeds
from fabrique.search import views as search_views
from fabrique.web import private_pages, views
from fabrique.web.media import serve_media

urlpatterns = [
    # Before Wagtail's own: logging out takes a POST, a cross-site GET changes nothing.
    path("admin/logout/", AdminLogoutView.as_view()),
    # Wagtail's password forms of private pages and documents, at their own addresses,
    # with a limit on wrong tries (fabrique/web/private_pages.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        private_pages.authenticate_with_password,
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        private_pages.authenticate_document_with_password,
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", search_views.search, name="search"),
    # Every feed and calendar, and the site's own feed (fabrique/core/feeds.py).
    path("s-abonner/", feeds.subscribe, name="subscribe"),
    path("rss/", feeds.site_feed, name="site_feed"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("healthz/", views.healthz, name="healthz"),
]

# Uploaded media when no web server or object storage serves them (`make serve`, Docker,
# and `make run` under DEBUG, with Range requests for audio): the view answers 404 unless
# FABRIQUE_SERVE_MEDIA or DEBUG is on (fabrique/web/media.py).
if settings.MEDIA_URL.startswith("/") and not settings.MEDIA_URL.startswith("//"):
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", serve_media)
    ]

urlpatterns += [path("", include(wagtail_urls))]

# Error pages in French that make no database query (templates/400.html, 500.html, 503.html).
handler400 = "fabrique.web.views.bad_request"
handler500 = "fabrique.web.views.server_error"
