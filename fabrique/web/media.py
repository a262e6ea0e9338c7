"""Serve uploaded media from MEDIA_ROOT when nothing else does (`FABRIQUE_SERVE_MEDIA`).

`make serve` and the Docker image run gunicorn alone: without this view every image of
the site would answer 404. Django's own `django.views.static.serve` is meant for
development (no Range requests, which audio and video players need to seek, and it
serves whatever type the extension suggests). This view streams files (never read whole
into memory), refuses anything outside MEDIA_ROOT, answers Range requests, and never
lets an uploaded HTML or SVG file render as a page of the site: anything not on the
short allow-list below is a download, with a policy that forbids every resource.

A deployment that puts a web server, a CDN or object storage in front turns the switch
off (`FABRIQUE_SERVE_MEDIA=false`) and this view answers 404.
"""

import posixpath
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

# Renditions and originals get a new name whenever their content changes, so a browser
# may keep them for a year; the same holds for uploaded audio.
CACHE_SECONDS = 365 * 24 * 60 * 60

# Types shown inline: images, sound and video the site embeds. Nothing here can run code.
INLINE_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "ico": "image/x-icon",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "aac": "audio/aac",
    "oga": "audio/ogg",
    "ogg": "audio/ogg",
    "opus": "audio/ogg",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
    "vtt": "text/vtt",
}
# Kept with their own type so an <img> still shows them, but a browser opening one
# directly downloads it, and the policy forbids scripts if it ever rendered.
DOWNLOAD_TYPES = {"svg": "image/svg+xml", "svgz": "image/svg+xml"}
DOWNLOAD_POLICY = "default-src 'none'; sandbox"

# Wagtail documents live under MEDIA_ROOT too, but are served by Wagtail's own view,
# which applies collection privacy; a direct link must not bypass it.
PRIVATE_PREFIXES = ("documents/",)

# ASCII digits only (``\d`` would accept other scripts' digits, which int() reads), the
# unit in any case (HTTP compares range units case-insensitively), spaces around allowed.
_RANGE = re.compile(r"^bytes[ \t]*=[ \t]*([0-9]*)[ \t]*-[ \t]*([0-9]*)$", re.IGNORECASE)
# More digits than any file's size can have. Python refuses to read an integer of more than
# 4,300 digits (a ValueError, hence a 500, before this cap): a longer number is read as
# "larger than any file" without converting it.
_MAX_DIGITS = 18
_BLOCK_SIZE = 64 * 1024


class _FileSlice:
    """A read-only window on an open file: FileResponse streams `length` bytes from `start`.

    It exposes no `fileno`, `seek` or `tell`, so neither FileResponse nor gunicorn's
    sendfile assumes the response runs to the end of the file.
    """

    def __init__(self, file, start: int, length: int):
        file.seek(start)
        self._file = file
        self._remaining = length

    def read(self, size: int = -1) -> bytes:
        if self._remaining <= 0:
            return b""
        if size is None or size < 0 or size > self._remaining:
            size = self._remaining
        data = self._file.read(size)
        self._remaining -= len(data)
        return data

    def close(self) -> None:
        self._file.close()


def _resolve(path: str) -> Path:
    """The file under MEDIA_ROOT that `path` names, or Http404.

    Refused: empty or hidden segments, `..`, backslashes, NUL, private folders, and any
    path (symbolic links included) that resolves outside MEDIA_ROOT.
    """
    if not path or "\x00" in path or "\\" in path:
        raise Http404
    normal = posixpath.normpath(path)
    if normal != path or normal.startswith("/"):
        raise Http404
    if any(part.startswith(".") for part in normal.split("/")):
        raise Http404
    if normal.startswith(PRIVATE_PREFIXES):
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full = (root / normal).resolve()
    except (OSError, RuntimeError, ValueError) as exc:
        raise Http404 from exc
    if not full.is_relative_to(root) or not full.is_file():
        raise Http404
    return full


def _offset(digits: str) -> int:
    """A byte offset; any number too long to be one reads as larger than every file."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        return 10**_MAX_DIGITS
    return int(digits)


class _Unsatisfiable(Exception):
    """A well-formed range that starts past the end of the file: 416."""


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) for a single satisfiable range; None to send the whole file.

    Several ranges or a malformed header are answered with the whole file, which HTTP
    allows; only a well-formed range past the end is refused. Offsets of any length are
    read safely (``_offset``): a start of thousands of digits is past the end (416), an end
    or a suffix of thousands of digits runs to the end or covers the whole file.
    """
    match = _RANGE.match(header.strip())
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        suffix = _offset(last)
        if suffix == 0 or size == 0:
            raise _Unsatisfiable
        return max(size - suffix, 0), size - 1
    start = _offset(first)
    end = _offset(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        raise _Unsatisfiable
    return start, min(end, size - 1)


@require_safe
def serve_media(request, path: str):
    """Stream one uploaded file, GET or HEAD, with a Range when asked.

    Under DEBUG (`make run`) it serves too: Django's development `static.serve` answers
    no Range request, and a browser cannot seek in an episode without them.
    """
    if not (settings.FABRIQUE_SERVE_MEDIA or settings.DEBUG):
        raise Http404
    full = _resolve(path)
    stat = full.stat()
    size = stat.st_size
    etag = f'"{stat.st_mtime_ns:x}-{size:x}"'

    not_modified = get_conditional_response(request, etag=etag, last_modified=int(stat.st_mtime))
    if not_modified is not None:
        _common_headers(not_modified, etag, stat.st_mtime)
        return not_modified

    extension = full.suffix.lower().lstrip(".")
    inline_type = INLINE_TYPES.get(extension)
    content_type = inline_type or DOWNLOAD_TYPES.get(extension, "application/octet-stream")

    byte_range = None
    range_header = request.headers.get("Range")
    try:
        if range_header and _if_range_holds(request, etag):
            byte_range = _byte_range(range_header, size)
    except _Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        _common_headers(response, etag, stat.st_mtime)
        return response

    file = full.open("rb")
    if byte_range:
        start, end = byte_range
        length = end - start + 1
        response = FileResponse(
            _FileSlice(file, start, length),
            status=206,
            content_type=content_type,
            as_attachment=inline_type is None,
            filename=full.name,
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    else:
        response = FileResponse(
            file, content_type=content_type, as_attachment=inline_type is None, filename=full.name
        )
    response.block_size = _BLOCK_SIZE
    if inline_type is None:
        response["Content-Security-Policy"] = DOWNLOAD_POLICY
    elif "Content-Disposition" in response:
        # FileResponse names the file inline; the browser does not need it.
        del response["Content-Disposition"]
    _common_headers(response, etag, stat.st_mtime)
    return response


def _if_range_holds(request, etag: str) -> bool:
    """A Range is honoured unless If-Range names another version of the file."""
    if_range = request.headers.get("If-Range")
    return not if_range or if_range.strip() == etag


def _common_headers(response, etag: str, mtime: float) -> None:
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(mtime)
