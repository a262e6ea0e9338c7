"""Purging a CDN or caching proxy in front of the site when a page is published.

The site's answers say ``s-maxage=300`` (``fabrique/web/page_cache.py``): a CDN may keep
them five minutes. With a purge backend configured (``WAGTAILFRONTENDCACHE``, built from
``FABRIQUE_FRONTEND_CACHE_URL`` or the Cloudflare variables, docs/configuration.md), a
publication or unpublication asks it to drop every address that shows the page: the page,
its ancestors (the listings), the home page and the feeds that list it. Feeds belong to
content apps, which declare them here (``register_purge_urls``) since ``fabrique/`` never
imports them.

Wagtail's own ``wagtail.contrib.frontend_cache`` app is not installed: its receivers purge
the page alone. Its backends and its purge task are used as they are; addresses are made
ASCII first (``iri_to_uri``), since its HTTP backend fails on a non-ASCII path.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils.encoding import iri_to_uri

_registry: dict[type, list[Callable]] = {}


def register_purge_urls(model: type, urls: Callable[[object], Iterable[str]]) -> None:
    """``urls(page)``: the feeds (paths or absolute URLs) that list a page of ``model``."""
    _registry.setdefault(model, []).append(urls)


def _absolute(root_url: str, url: str) -> str:
    if not url or "://" in url:
        return url
    return root_url.rstrip("/") + "/" + url.lstrip("/")


def purge_list(page) -> list[str]:
    """Every address that shows ``page``, absolute and ASCII, without repeats."""
    page = page.specific
    site = page.get_site()
    root_url = site.root_url if site else ""
    urls = [page.get_full_url()]
    ancestors = page.get_ancestors().filter(depth__gt=1).live().specific()
    urls += [ancestor.get_full_url() for ancestor in ancestors]
    if site:
        urls.append(site.root_page.get_full_url())
    for model, functions in _registry.items():
        if isinstance(page, model):
            for function in functions:
                urls += [_absolute(root_url, url) for url in function(page)]
    seen = []
    for url in urls:
        if url and iri_to_uri(url) not in seen:
            seen.append(iri_to_uri(url))
    return seen


def purge_page(sender=None, instance=None, **kwargs) -> None:
    """Receiver of page_published and page_unpublished: purge once the change is committed."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or instance is None:
        return
    urls = purge_list(instance)

    def purge():
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(urls)

    transaction.on_commit(purge)
