"""The site's one public address: ``WAGTAILADMIN_BASE_URL`` drives the Wagtail Site record.

Absolute links (canonical, og:url, sitemap, feeds, JSON-LD) come from the Site record's
host and port; links in e-mails and image URLs come from ``WAGTAILADMIN_BASE_URL``. Both
must name the same address, so the setting is the source and the record follows it:
``make run`` / ``make serve`` set the setting from HOST and PORT, and the demo loader and
``manage.py sync_site_url`` (run at each deployment) copy it into the default site.

``public_url()`` is the one way code writes such an absolute link (e-mails, feeds, media).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def public_address(url: str | None = None) -> tuple[str, int]:
    """(hostname, port) of the public address; the port follows the scheme when omitted."""
    url = url or settings.WAGTAILADMIN_BASE_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL doit être une adresse http(s) complète, pas « {url} »."
        )
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(url: str | None = None):
    """Give the default site the public address; returns the site (None if there is none)."""
    from wagtail.models import Site

    hostname, port = public_address(url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


def site_root_url(request=None) -> str:
    """Scheme, host and port of the site serving ``request`` (else the default site, else
    ``WAGTAILADMIN_BASE_URL``), without a trailing slash."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def public_url(target=None, path: str = "", request=None) -> str:
    """The absolute address a reader opens, on the site's public address.

    ``target`` is a page (its address on the site serving it), a URL path such as a
    media file's (made absolute on the site's root), an absolute URL (kept as it is) or
    None (the site's root); "" stays "" (nothing to link to). ``path`` is a route below
    it, such as ``page.reverse_subpage(...)``.
    """
    if isinstance(target, str):
        if not target:
            return target
        url = target if urlsplit(target).scheme else site_root_url(request) + target
    elif target is None:
        url = site_root_url(request) + "/"
    else:
        url = target.get_full_url(request) or site_root_url(request) + (target.url or "/")
    return url.rstrip("/") + "/" + path.lstrip("/") if path else url
