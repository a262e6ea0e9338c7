"""The client's address as the site's own proxy saw it, for rate limits and nothing stored.

Behind a TLS proxy every request comes from the proxy's address, so the real client is
read from the header the proxy sets (``FABRIQUE_CLIENT_IP_HEADER``, e.g.
``X-Forwarded-For``). Each proxy *appends* the address it received the request from, and
anything to the left of that may have been written by the client itself. So the address
is taken from the right: the ``FABRIQUE_TRUSTED_PROXY_COUNT``-th entry (1 = the proxy in
front of gunicorn appended it). The left-most entry is never trusted: a client could
choose it to get a fresh rate-limit bucket on every request.
"""

import ipaddress

from django.conf import settings


def meta_key(header: str) -> str:
    """``X-Forwarded-For``, ``x-forwarded-for`` and ``HTTP_X_FORWARDED_FOR`` name one key."""
    key = header.strip().upper().replace("-", "_")
    if not key or key == "REMOTE_ADDR" or key.startswith("HTTP_"):
        return key
    return "HTTP_" + key


def _as_ip(value: str) -> str:
    """A normalised IP address, or "" when the value is not one (``1.2.3.4:80`` accepted)."""
    value = value.strip()
    candidates = [value]
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        candidates.append(value[1 : value.index("]")])
    elif value.count(":") == 1:  # 203.0.113.9:51234
        candidates.append(value.split(":", 1)[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return ""


def get_client_ip(request) -> str:
    """The address the outermost trusted proxy saw, else ``REMOTE_ADDR``."""
    remote = _as_ip(request.META.get("REMOTE_ADDR", "")) or request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "FABRIQUE_CLIENT_IP_HEADER", "")
    if not header:
        return remote
    value = request.META.get(meta_key(header), "")
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    trusted = max(1, int(getattr(settings, "FABRIQUE_TRUSTED_PROXY_COUNT", 1)))
    if len(entries) < trusted:
        # Fewer entries than proxies: the request did not come through them all.
        return remote
    return _as_ip(entries[-trusted]) or remote


def ratelimit_key(group, request) -> str:
    """Key function in django-ratelimit's ``(group, request)`` form."""
    return get_client_ip(request)
