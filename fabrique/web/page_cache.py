"""Whole anonymous pages kept under the publication generation, answered before Django.

A reader with no session, no message and nothing else of their own gets the very bytes
another reader got, as long as nothing a page shows changed since: every such change
starts a new *publication generation* (``fabrique/core/generation.py``), and an entry is
served only under the generation it was made in. Three pieces:

- ``CacheHeadersMiddleware`` (Django) says who may keep an answer: ``public`` (with
  ``s-maxage`` for a CDN) for an anonymous answer that sets no cookie; ``private,
  no-cache`` for an editor, or for a page whose form used the CSRF token.
- ``FeedGZipMiddleware`` compresses feeds, calendars and the sitemap (XML, iCalendar),
  never HTML: a page with a form carries a CSRF token beside text the reader chose,
  what BREACH needs (compressing pages is the TLS proxy's choice, documented).
- ``PageCacheLayer`` wraps the WSGI application (``fabrique/wsgi.py``): for a GET or HEAD
  with no cookie but the CSRF one, no ``Authorization``, a path outside the excluded ones
  and only whitelisted query parameters, it reads the generation and the entry in one
  round trip (Redis ``MGET``) and answers the stored status, headers and body itself,
  or 304 to an ``If-None-Match`` (or ``If-Modified-Since``) that matches. On a miss,
  Django answers and the layer stores that very answer (all its headers, security ones
  included, so a hit is a miss byte for byte) when it is a complete, non-streamed 200
  marked ``public``, that set no cookie and did not use the CSRF token.

Where the entries live (the ``pages`` cache alias, ``cache_settings``): in Redis, beside
the generation, when the shared cache is Redis. When the shared cache is the database,
storing would be a database write on a reader's visit: entries then live in each
process's memory (bounded), and only the generation is read from the database (one
query per hit). ``FABRIQUE_PAGE_CACHE`` turns it all off (tests, development).
"""

import hashlib
import re
import uuid
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.gzip import GZipMiddleware
from django.utils.http import parse_etags, parse_http_date_safe

#: The publication generation, in the shared ``default`` cache (fabrique/core/generation.py).
GENERATION_KEY = "fabrique:generation"
ENTRY_PREFIX = "fabrique:page:"

PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate, s-maxage=300, stale-while-revalidate=30"
PRIVATE_CACHE_CONTROL = "private, no-cache"

#: Query parameters of the listings' filters and pagination, with the values they take:
#: any other parameter, a repeated one or another value bypasses the cache, so that the
#: keys a visitor can make stay bounded (search, whose words are endless, is never stored).
SLUG = re.compile(r"[A-Za-z0-9_-]{0,80}")
QUERY_PARAMETERS = {
    "page": re.compile(r"[0-9]{1,4}"),
    **dict.fromkeys(
        (
            "rubrique",
            "auteur",
            "tag",
            "dossier",
            "emission",
            "type",
            "theme",
            "role",
            "departement",
            "quand",
            "format",
            "mois",
            "acteur",
        ),
        SLUG,
    ),
}
MAX_QUERY_PARAMETERS = 6
#: Path segments of the public forms' steps and private links: never stored, whatever
#: their headers say.
PRIVATE_SEGMENTS = {"temoigner", "merci", "suivi", "confirmer"}
#: Headers that belong to one connection, not to the answer.
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "date", "age", "set-cookie"}
#: What a 304 repeats of the full answer (as Django's ConditionalGetMiddleware does).
NOT_MODIFIED_HEADERS = {
    "cache-control",
    "content-location",
    "etag",
    "expires",
    "last-modified",
    "vary",
}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def excluded_prefixes() -> tuple[str, ...]:
    """Paths never stored nor answered from the cache: the admin and its previews, files,
    Wagtail's password forms, the health check, search, static files and media."""
    prefixes = [
        "/admin/",
        "/documents/",
        "/_util/",
        "/healthz/",
        "/recherche/",
        settings.STATIC_URL,
    ]
    if settings.MEDIA_URL.startswith("/") and not settings.MEDIA_URL.startswith("//"):
        prefixes.append(settings.MEDIA_URL)
    prefixes.append(settings.FABRIQUE_ADMIN_PATH_PREFIX)
    return tuple(prefixes)


LIFETIME_KEY = "fabrique.page_cache_seconds"


def keep_no_longer_than(request, until) -> None:
    """What this page shows changes at ``until`` (an aware datetime) whatever is published:
    a live banner turning on, an event starting. Its cached copy then lives no longer."""
    from django.utils import timezone

    seconds = max(1, int((until - timezone.now()).total_seconds()))
    meta = request.META
    meta[LIFETIME_KEY] = min(seconds, meta.get(LIFETIME_KEY, seconds))


def enabled() -> bool:
    return bool(getattr(settings, "FABRIQUE_PAGE_CACHE", False))


def _cookie_names(header: str) -> set[str]:
    """The cookies' names as Django will read them (``request.COOKIES``)."""
    return set(parse_cookie(header))


def _query_key(query_string: str) -> str | None:
    """The whitelisted query, sorted; ``None`` when anything else is asked."""
    if not query_string:
        return ""
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return None
    if len(pairs) > MAX_QUERY_PARAMETERS or len({name for name, _ in pairs}) != len(pairs):
        return None
    for name, value in pairs:
        pattern = QUERY_PARAMETERS.get(name)
        if pattern is None or not pattern.fullmatch(value):
            return None
    return "&".join(f"{name}={value}" for name, value in sorted(pairs))


def entry_key(environ) -> str | None:
    """The cache key of this request's answer, or ``None`` when it must reach Django."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("HTTP_AUTHORIZATION"):
        return None
    cookies = environ.get("HTTP_COOKIE", "")
    if cookies and _cookie_names(cookies) - {settings.CSRF_COOKIE_NAME}:
        # A session (editor, private page passed, form in progress), messages, or anything
        # unknown: this reader's answer may be their own.
        return None
    try:
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None
    if path.startswith(excluded_prefixes()) or PRIVATE_SEGMENTS & set(path.split("/")):
        return None
    query = _query_key(environ.get("QUERY_STRING", ""))
    if query is None:
        return None
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:
        scheme = f"{scheme}+{environ.get(proxy[0], '')}"
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    gzip = "gz" if ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")) else "id"
    raw = "\n".join((scheme, host.lower(), path, query, gzip))
    return ENTRY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _shares_default() -> bool:
    """Entries in the same store as the generation: one round trip reads both."""
    return settings.CACHES.get("pages") == settings.CACHES.get("default")


def _on_database() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")


def read(key: str) -> tuple[str | None, dict | None]:
    """The generation and the entry stored under ``key`` (either may be missing)."""
    if _shares_default():
        found = caches["default"].get_many([GENERATION_KEY, key])
        return found.get(GENERATION_KEY), found.get(key)
    return caches["default"].get(GENERATION_KEY), caches["pages"].get(key)


def _generation_to_store(generation: str | None) -> str | None:
    if generation is not None:
        return generation
    if _on_database():
        # As ``generation.current()``: no write on a reader's visit. Entries of a lost
        # generation live no longer than FABRIQUE_PAGE_CACHE_SECONDS.
        return "0"
    # Redis lost the generation (a restart): a new one, for every worker alike.
    default = caches["default"]
    default.add(GENERATION_KEY, uuid.uuid4().hex, None)
    return default.get(GENERATION_KEY)


def _matches(environ, headers: dict[str, str]) -> bool:
    """Whether the client already holds this answer (RFC 9110: If-None-Match first)."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        etag = headers.get("etag")
        if not etag:
            return False
        wanted = parse_etags(if_none_match)
        return "*" in wanted or etag.removeprefix("W/") in {
            tag.removeprefix("W/") for tag in wanted
        }
    if_modified_since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    last_modified = parse_http_date_safe(headers.get("last-modified", ""))
    return bool(if_modified_since and last_modified and last_modified <= if_modified_since)


def storable(environ, status: int, headers: list[tuple[str, str]], response) -> bool:
    """A complete 200 anyone may keep, that set no cookie and used no CSRF token."""
    if status != 200 or environ.get("REQUEST_METHOD") != "GET":
        return False
    if not isinstance(response, HttpResponse) or environ.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    names = {name.lower(): value for name, value in headers}
    if "set-cookie" in names:
        return False
    cache_control = {part.strip().lower() for part in names.get("cache-control", "").split(",")}
    return "public" in cache_control and not cache_control & {"private", "no-store", "no-cache"}


def store(
    key: str, generation: str | None, status_line: str, headers, body: bytes, lifetime=None
) -> None:
    if len(body) > settings.FABRIQUE_PAGE_CACHE_MAX_BYTES:
        return
    generation = _generation_to_store(generation)
    if generation is None:
        return
    entry = {
        "generation": generation,
        "status": status_line,
        "headers": [(name, value) for name, value in headers if name.lower() not in HOP_BY_HOP],
        "body": body,
    }
    timeout = settings.FABRIQUE_PAGE_CACHE_SECONDS
    caches["pages"].set(key, entry, min(timeout, lifetime) if lifetime else timeout)


class PageCacheLayer:
    """The WSGI application, with anonymous pages answered from the cache when they can be."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = entry_key(environ) if enabled() else None
        if key is None:
            return self.application(environ, start_response)
        try:
            generation, entry = read(key)
        except Exception:
            # The cache (or the database under it) is away: Django answers, or says why.
            return self.application(environ, start_response)
        if entry is not None and entry.get("generation") == (generation or "0"):
            return self._replay(environ, start_response, entry)
        return self._answer_and_store(environ, start_response, key, generation)

    def _replay(self, environ, start_response, entry):
        headers = entry["headers"]
        if _matches(environ, {name.lower(): value for name, value in headers}):
            kept = [(n, v) for n, v in headers if n.lower() in NOT_MODIFIED_HEADERS]
            start_response("304 Not Modified", kept)
            return [b""]
        start_response(entry["status"], list(headers))
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [entry["body"]]

    def _answer_and_store(self, environ, start_response, key, generation):
        seen = {}

        def keep_start_response(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        response = self.application(environ, keep_start_response)
        try:
            status = int(seen.get("status", "0").split(" ", 1)[0])
            if storable(environ, status, seen.get("headers", []), response):
                store(
                    key,
                    generation,
                    seen["status"],
                    seen["headers"],
                    response.content,
                    environ.get(LIFETIME_KEY),
                )
        except Exception:
            # Never lose the reader's answer for the cache's sake.
            pass
        return response


class CacheHeadersMiddleware:
    """``Cache-Control`` for what readers and a CDN may keep, and for what they may not.

    Placed inside ``ConditionalGetMiddleware`` (which then adds the ETag) and outside the
    session, CSRF and messages middleware, whose cookies it must see. An answer that
    already says how to cache it (media, private links, the admin's views) keeps its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        if self._personal(request, response):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        elif response.status_code == 200 and not request.path.startswith(excluded_prefixes()):
            response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        return response

    @staticmethod
    def _personal(request, response) -> bool:
        """An editor's (or a passed private page's) session, messages, a cookie set, or a
        form's CSRF token: this answer is this reader's own."""
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return True
        personal_cookies = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
        return bool(personal_cookies & set(request.COOKIES))


class FeedGZipMiddleware(GZipMiddleware):
    """Django's gzip, for feeds, calendars and the sitemap only (see the module's note)."""

    COMPRESSED_TYPES = (
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "text/calendar",
    )

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type not in self.COMPRESSED_TYPES:
            return response
        return super().process_response(request, response)
