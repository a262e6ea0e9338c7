"""The site frame: what every request needs before its page, loaded once per generation.

Wagtail looks up, on every request, the site (one query), the sites' root paths (one
cache read: a query on the database cache), the site settings (a ``get_or_create``), and
every view restriction of the page's ancestors (two queries); the menu and the footer
read the tree and the restrictions again. None of it changes between two publications,
so this module loads it once per publication generation (``fabrique/core/generation.py``)
into the process's memory, and ``FrameMiddleware`` hands it to Wagtail through the
attributes Wagtail documents as its per-request caches:

- ``request._wagtail_site`` (``Site.find_for_request``: "The site will be cached via
  request._wagtail_site");
- ``request._wagtail_cached_site_root_paths`` (``Page._get_site_root_paths``: "using the
  cached copy on the cache_object if available").

No Wagtail function is replaced. ``tests/core/test_frame.py`` fails if an upgrade stops
reading either attribute, so the override cannot silently turn into extra queries. A
change of any of these records (a Site, the settings, a view restriction) starts a new
generation (``register_shared_generation_models`` in ``core/apps.py``).
"""

from dataclasses import dataclass, field

from django.http.request import split_domain_port
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath

from fabrique.core import generation

# How long a worker keeps the frame when no publication renews it (seconds).
FRAME_TIMEOUT = 60 * 60


@dataclass
class Frame:
    """Every site (root page already specific), their root paths, and the restricted paths."""

    sites: list = field(default_factory=list)
    root_paths: list = field(default_factory=list)
    restricted_paths: tuple = ()

    def site_for(self, hostname: str, port) -> Site | None:
        """The site Wagtail's ``get_site_for_hostname`` chooses, without a query.

        The same order: hostname and port, then hostname on the default site, then the
        default site unless exactly one other site has this hostname.
        """
        try:
            port = int(port)
        except (TypeError, ValueError):
            port = None
        named = [site for site in self.sites if site.hostname == hostname]
        default = next((site for site in self.sites if site.is_default_site), None)
        exact = next((site for site in named if site.port == port), None)
        if exact is not None:
            return exact
        if default is not None and default.hostname == hostname:
            return default
        if len(named) == 1:
            return named[0]
        return default

    def is_restricted(self, path: str) -> bool:
        """True when the page at ``path``, or one of its ancestors, has a view restriction."""
        return any(path.startswith(restricted) for restricted in self.restricted_paths)


def _load() -> Frame:
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    roots = Page.objects.filter(pk__in=[site.root_page_id for site in sites]).specific()
    roots = {page.pk: page for page in roots}
    for site in sites:
        site.root_page = roots.get(site.root_page_id, site.root_page)
    root_paths = _root_paths(sites)
    restricted = tuple(
        PageViewRestriction.objects.values_list("page__path", flat=True).order_by("page__path")
    )
    return Frame(sites=sites, root_paths=root_paths, restricted_paths=restricted)


def _root_paths(sites) -> list[SiteRootPath]:
    """The sites' root paths, most specific first, as ``Site.get_site_root_paths`` orders them.

    Built from the sites already read (one query for the roots' locales), not from
    Wagtail's shared cache: the frame then costs the same queries whatever that cache holds.
    """
    locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    ordered = sorted(sites, key=lambda site: site.hostname)
    ordered.sort(key=lambda site: site.is_default_site, reverse=True)
    ordered.sort(key=lambda site: site.root_page.url_path, reverse=True)
    return [
        SiteRootPath(
            site.id, site.root_page.url_path, site.root_url, locales.get(site.root_page.locale_id)
        )
        for site in ordered
    ]


def get_frame() -> Frame:
    """This generation's frame (computed at most once per worker and generation)."""
    return generation.memo("fabrique:frame", _load, FRAME_TIMEOUT)


def site_for_request(request) -> Site | None:
    hostname = split_domain_port(request._get_raw_host())[0]
    return get_frame().site_for(hostname, request.get_port())


class FrameMiddleware:
    """Reads the generation once for the request, then presets Wagtail's per-request caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with generation.for_request():
            # Readers' requests only: a form's POST or the admin's may look up what it
            # needs itself, and a refused request (CSRF) must not load the frame first.
            if request.method in ("GET", "HEAD"):
                frame = get_frame()
                request._wagtail_site = site_for_request(request)
                request._wagtail_cached_site_root_paths = frame.root_paths
            return self.get_response(request)
