"""Every feed and calendar of the site, as the apps declare them, and the site's own feed.

``fabrique/`` never imports a content app: an app calls ``register_feeds()`` from its
``sections.py`` with the dotted path of a function ``feeds(request) -> [FeedLink]``. From
that one list come the « S'abonner » page (``/s-abonner/``), the ``<link rel="alternate">``
tags of every page (``{% feed_links page %}``) and the footer's link, so a new feed is
offered everywhere by registering it, and nowhere else.

The site's own feed (``/rss/``, ``SiteFeed``) lists the newest content of every kind
(``content_pages()``: the leaf page types, no list of apps), newest publication first
(an event announced today comes first, whatever its day), at most
``SITE_FEED_LENGTH`` items. Its dates come from the content only: two polls between
publications receive the same bytes, and the ETag of ``ConditionalGetMiddleware`` answers
the second one « 304 Not Modified ».
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

from fabrique.core import generation
from fabrique.core.listing import attach_listing_images, content_pages
from fabrique.core.models import SiteSettings, get_site_name
from fabrique.core.xml_text import SafeRss201rev2Feed
from fabrique.web.site_url import public_url

SITE_FEED_LENGTH = 30
FEED_LINKS_CACHE_KEY = "fabrique:feed-links"

RSS = "rss"
ICAL = "ical"
CONTENT_TYPES = {RSS: "application/rss+xml", ICAL: "text/calendar"}


@dataclass(frozen=True)
class FeedLink:
    """One feed or calendar as a reader subscribes to it.

    - ``title``: its name, in the ``<link>`` tag and on the « S'abonner » page;
    - ``url``: its address (a path on the site);
    - ``kind``: ``RSS`` (a feed reader, a podcast app) or ``ICAL`` (a calendar);
    - ``group``: the heading it is listed under on the « S'abonner » page;
    - ``description``: one sentence on what it holds (optional);
    - ``scope``: the path below which pages announce it in their ``<head>`` (a section's
      index page; "" = only on the « S'abonner » page, for feeds too many to announce);
    - ``on_home``: announced by the home page too.
    """

    title: str
    url: str
    kind: str = RSS
    group: str = ""
    description: str = ""
    scope: str = ""
    on_home: bool = False

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


_registry: dict[str, str] = {}


def register_feeds(key: str, path: str) -> None:
    """Declare (or replace) an app's feeds: ``path`` is the dotted path of ``feeds(request)``."""
    _registry[key] = path


def unregister_feeds(key: str) -> None:
    _registry.pop(key, None)


def site_feed_link() -> FeedLink:
    return FeedLink(
        title=_("Tout le site (RSS)"),
        url=reverse("site_feed"),
        group=_("Tout le site"),
        description=_(
            "Les %(count)s dernières publications de tout le site : articles, épisodes, "
            "vidéos, événements, dossiers…"
        )
        % {"count": SITE_FEED_LENGTH},
        scope="/",
        on_home=True,
    )


def _compute(request) -> list[FeedLink]:
    links = [site_feed_link()]
    for path in _registry.values():
        links.extend(
            FeedLink(
                **{
                    **link.__dict__,
                    "title": str(link.title),
                    "group": str(link.group),
                    "description": str(link.description),
                }
            )
            for link in import_string(path)(request)
        )
    return links


def get_feed_links(request=None) -> list[FeedLink]:
    """Every feed of the site: the site's own first, then each app's, in registration order.

    Kept for the publication generation: a feed appears or goes only when a page is
    published, unpublished or moved, which starts a new one (``generation.py``).
    """
    site = Site.find_for_request(request) if request is not None else None
    return generation.memo(
        f"{FEED_LINKS_CACHE_KEY}:{site.pk if site else 0}", lambda: _compute(request), 60 * 60
    )


def feed_links_for(page, request=None) -> list[FeedLink]:
    """The feeds a page announces: those of its section, the site's, and on the home page
    (or a page outside the tree) the main one of every section."""
    url = getattr(page, "url", None) or ""
    is_home = not url or getattr(page, "depth", 0) <= 2
    return [
        link
        for link in get_feed_links(request)
        if (link.scope and url.startswith(link.scope)) or (is_home and link.on_home)
    ]


def grouped_feed_links(request=None) -> list[tuple[str, list[FeedLink]]]:
    groups: dict[str, list[FeedLink]] = {}
    for link in get_feed_links(request):
        groups.setdefault(link.group, []).append(link)
    return list(groups.items())


@require_safe
def subscribe(request):
    """« S'abonner »: every feed and calendar, grouped, with how to use them (no script)."""
    groups = [
        (group, [(link, public_url(link.url, request=request)) for link in links])
        for group, links in grouped_feed_links(request)
    ]
    return render(request, "core/subscribe.html", {"groups": groups})


class SiteFeed(Feed):
    """The newest content of every kind, newest first (RSS 2.0)."""

    feed_type = SafeRss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self):
        return _("%(name)s · tout le site") % {"name": get_site_name(self.request)}

    def link(self):
        return "/"

    def feed_url(self):
        return reverse("site_feed")

    def description(self):
        site = Site.find_for_request(self.request)
        tagline = SiteSettings.for_site(site).tagline if site else ""
        return tagline or _("Les dernières publications")

    def items(self):
        """Newest publications first: an event announced today comes first, whatever its day."""
        pages = content_pages().order_by("-first_published_at", "-pk").specific()
        return attach_listing_images(pages[:SITE_FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_listing_summary()

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [str(type(item)._meta.verbose_name).capitalize()]


site_feed = require_safe(SiteFeed())
