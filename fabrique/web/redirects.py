"""What a redirect may take and where it may send readers.

Wagtail's redirects answer any 404 with whatever an Éditeur typed: ``/admin`` (a 404
before the slash is appended) could be sent to a look-alike login page, permanently, so
browsers kept it after the row was deleted. Two guards here, both read from settings:

- an *old path* that is, or is under, a reserved path (``FABRIQUE_RESERVED_PATHS``), or
  that has a reserved segment anywhere (``FABRIQUE_RESERVED_PATH_SEGMENTS``: feeds, the
  public forms' steps) is refused by the redirect's validation, and never answered by
  the middleware, even when such a row reaches the database some other way;
- a *target* on another site is refused unless its host is on ``FABRIQUE_REDIRECT_HOSTS``
  (the site's own hosts, from its ``Site`` records and ``WAGTAILADMIN_BASE_URL``, are
  always allowed), for every account, superusers included.

Wagtail's redirect model, form and import view are not swappable, so ``install()``
(called from ``CoreConfig.ready``) adds the checks to ``Redirect.clean``, which the add
and edit forms and the CSV/XLSX import all run, and makes new redirects temporary (302)
by default. Redirects Wagtail creates on a slug change or a move skip ``clean`` and stay
as Wagtail makes them.
"""

import posixpath
import re
from functools import wraps
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects.middleware import RedirectMiddleware
from wagtail.models import Site

ALLOWED_SCHEMES = {"http", "https"}


def normalise_path(path: str) -> str:
    """The path as a browser would reach it: decoded, no query, no dot segments, no
    doubled or trailing slash, case folded. ``/%61dmin/``, ``//admin`` and ``/x/../Admin``
    all give ``/admin``."""
    # Not urlparse: it reads ``//admin`` as a host named "admin" with an empty path.
    path = re.split(r"[?#;]", path.strip(), maxsplit=1)[0]
    path = unquote(path)
    path = re.sub(r"/+", "/", "/" + path)
    path = posixpath.normpath(path)
    return path.casefold().rstrip("/") or "/"


def _reserved_prefixes() -> list[str]:
    return [normalise_path(p) for p in getattr(settings, "FABRIQUE_RESERVED_PATHS", []) if p]


def _reserved_segments() -> set[str]:
    return {
        s.strip("/").casefold() for s in getattr(settings, "FABRIQUE_RESERVED_PATH_SEGMENTS", [])
    }


def reserved_prefix_for(path: str) -> str | None:
    """The reserved path or segment that ``path`` falls under, or None."""
    path = normalise_path(path)
    if path == "/":
        return "/"  # the home page; also what Wagtail makes of ``//anything``
    for prefix in _reserved_prefixes():
        if prefix != "/" and (path == prefix or path.startswith(prefix + "/")):
            return prefix
    segments = _reserved_segments()
    for segment in path.split("/"):
        if segment and segment in segments:
            return f"…/{segment}/"
    return None


def is_reserved_path(path: str) -> bool:
    return reserved_prefix_for(path) is not None


def _host_of(entry: str) -> str:
    """A host from a settings entry, which may be written ``host``, ``host:port`` or a URL."""
    entry = entry.strip().casefold()
    if "://" in entry:
        return (urlsplit(entry).hostname or "").rstrip(".")
    return entry.split(":")[0].rstrip(".") if not entry.startswith("[") else entry


def own_hosts() -> set[str]:
    """The site's own host names: every Site record and WAGTAILADMIN_BASE_URL."""
    hosts = {h.casefold() for h in Site.objects.values_list("hostname", flat=True) if h}
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if base:
        hosts.add(_host_of(base))
    return hosts


def host_allowed(host: str, hosts: set[str] | None = None) -> bool:
    """``host`` is the site's own or on FABRIQUE_REDIRECT_HOSTS (``.example.org`` there
    also allows its subdomains, as in ALLOWED_HOSTS)."""
    host = host.casefold().rstrip(".")
    if not host:
        return False
    if host in (own_hosts() if hosts is None else hosts):
        return True
    for entry in getattr(settings, "FABRIQUE_REDIRECT_HOSTS", []):
        listed = _host_of(entry)
        if not listed:
            continue
        if listed.startswith("."):
            if host == listed[1:] or host.endswith(listed):
                return True
        elif host == listed:
            return True
    return False


def target_error(url: str):
    """Why readers may not be sent to ``url`` (a French message), or None if they may."""
    url = (url or "").strip()
    if not url:
        return None
    # A backslash or a control character reads differently to browsers and to urlsplit
    # (``https://ailleurs.example\\@notre-site``): refused rather than guessed.
    if "\\" in url or any(ord(c) < 32 or ord(c) == 127 for c in url):
        return _("Cette adresse contient des caractères non permis.")
    # ``///ailleurs.example`` has no host for urlsplit, but browsers go to that host.
    if url.startswith("//"):
        return _("Une adresse de ce site commence par une seule barre oblique « / ».")
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return None  # a path on this site
    if parts.scheme.casefold() not in ALLOWED_SCHEMES:
        return _("Seules les adresses en http:// ou https:// sont acceptées.")
    host = parts.hostname or ""
    if not host_allowed(host):
        return _(
            "Les redirections vers un autre site sont réservées aux sites de la liste "
            "FABRIQUE_REDIRECT_HOSTS ; « %(host)s » n'y figure pas. Redirigez vers une page "
            "du site, ou demandez à l'équipe technique d'ajouter ce site à la liste."
        ) % {"host": host or url}
    return None


def old_path_error(old_path: str):
    prefix = reserved_prefix_for(old_path or "")
    if prefix is None:
        return None
    return _(
        "Cette adresse est réservée au site (%(prefix)s : administration, fichiers, flux, "
        "formulaires publics…) : une redirection ne peut pas la remplacer."
    ) % {"prefix": prefix}


def validate_redirect(redirect) -> None:
    """Raise a ValidationError beside each field a redirect may not have."""
    errors = {}
    message = old_path_error(redirect.old_path)
    if message:
        errors["old_path"] = message
    if not redirect.redirect_page_id:
        message = target_error(redirect.redirect_link)
        if message:
            errors["redirect_link"] = message
    if errors:
        raise ValidationError(errors)


class ReservedPathRedirectMiddleware(RedirectMiddleware):
    """Wagtail's RedirectMiddleware, which never answers for a reserved path nor sends
    anyone to a host the form would refuse, whatever rows the database holds."""

    def process_response(self, request, response):
        if response.status_code != 404 or is_reserved_path(request.path):
            return response
        redirected = super().process_response(request, response)
        if redirected is response:
            return response
        if target_error(redirected.get("Location", "")):
            return response
        return redirected


_installed = False


def install() -> None:
    """Hook the checks into Wagtail's redirect model and forms (once)."""
    global _installed
    if _installed:
        return
    _installed = True

    from wagtail.contrib.redirects.forms import ConfirmImportForm, RedirectForm
    from wagtail.contrib.redirects.models import Redirect

    original_clean = Redirect.clean

    @wraps(original_clean)
    def clean(self):
        original_clean(self)  # normalises old_path first
        validate_redirect(self)

    Redirect.clean = clean

    # New redirects are temporary unless chosen otherwise: a permanent one stays in
    # readers' browsers after it is deleted.
    original_init = RedirectForm.__init__

    @wraps(original_init)
    def form_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if not self.is_bound and self.instance._state.adding:
            self.initial["is_permanent"] = False

    RedirectForm.__init__ = form_init
    RedirectForm.base_fields["is_permanent"].help_text = _(
        "À ne cocher que pour un déplacement définitif : les navigateurs et les moteurs de "
        "recherche gardent une redirection permanente (301) même après sa suppression. "
        "Sans cette case, la redirection est temporaire (302)."
    )
    ConfirmImportForm.base_fields["permanent"].initial = False
