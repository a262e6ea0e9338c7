"""Fetching a file from an address found in someone else's data (a feed, an import).

An address in a feed is chosen by whoever writes the feed: it may name the server's own
loopback, the private network behind it, or the cloud's metadata service, or a name whose
DNS answer changes between a check and the connection. So ``fetch``:

- accepts http and https only;
- resolves the host once, refuses it when any of its addresses is not a public one
  (loopback, private, link-local, shared, multicast, reserved, unspecified, IPv4 mapped
  into IPv6, 6to4 and Teredo which may carry any IPv4 address), then connects to one of
  the addresses it checked, never resolving again (no window for DNS rebinding). TLS
  still checks the certificate against the host name;
- follows a few redirects, each target checked the same way;
- reads at most ``limit`` bytes, in pieces, and gives up past that or past a deadline;
  ``fetch`` keeps them in memory (a picture, a text), ``fetch_to_file`` writes them to a
  temporary file (a sound).

``FABRIQUE_REMOTE_FETCH_TEST_HOSTS`` lists host names exempt from the address check, so
that tests can prove the accepted path against a server they start on loopback. It is for
tests only: production refuses to start when it is set.
"""

import http.client
import ipaddress
import socket
import ssl
import tempfile
import time
import warnings
from io import BytesIO
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from PIL import Image, UnidentifiedImageError

TIMEOUT_SECONDS = 10
MAX_REDIRECTS = 3
CHUNK_BYTES = 64 * 1024
USER_AGENT = "fabrique-import"


class FetchRefused(ValueError):
    """The address, the answer or the file was refused; the message says why, in French."""


def _test_hosts() -> set[str]:
    return {host.lower() for host in getattr(settings, "FABRIQUE_REMOTE_FETCH_TEST_HOSTS", ())}


def address_refusal(address: str) -> str:
    """Why this IP address may not be fetched from, or "" when it is a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return "adresse IPv4 déguisée en IPv6"
        if ip.sixtofour is not None or ip.teredo is not None:
            return "adresse IPv6 de transition (6to4, Teredo)"
    checks = (
        (ip.is_unspecified, "adresse non spécifiée"),
        (ip.is_loopback, "adresse locale (loopback)"),
        (ip.is_link_local, "adresse lien-local"),
        (ip.is_multicast, "adresse multicast"),
        (ip.is_reserved, "adresse réservée"),
        (ip.is_private, "adresse de réseau privé"),
        (not ip.is_global, "adresse non publique"),
    )
    for refused, reason in checks:
        if refused:
            return reason
    return ""


def _checked_addresses(host: str, port: int) -> list[str]:
    """Every address the name resolves to, all checked; the ones to connect to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused(f"nom d'hôte introuvable ({host}) : {error}") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchRefused(f"nom d'hôte introuvable ({host})")
    if host.lower() not in _test_hosts():
        for address in addresses:
            reason = address_refusal(address)
            if reason:
                raise FetchRefused(f"{reason} refusée ({host} → {address})")
    return addresses


def _connect(address: str, port: int, timeout: float) -> socket.socket:
    return socket.create_connection((address, port), timeout=timeout)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address already checked; the Host header keeps the name."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = _connect(self._address, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to an address already checked, the certificate checked against the name."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = _connect(self._address, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _split(url: str):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(
            f"seules les adresses http et https sont acceptées ({parts.scheme or '?'}:)"
        )
    if not parts.hostname:
        raise FetchRefused("adresse sans nom d'hôte")
    if parts.username or parts.password:
        raise FetchRefused("adresse avec identifiants refusée")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchRefused("port invalide") from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port, path


def _open(url: str, deadline: float):
    scheme, host, port, path = _split(url)
    addresses = _checked_addresses(host, port)
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    last_error = None
    for address in addresses:
        timeout = max(0.5, min(TIMEOUT_SECONDS, deadline - time.monotonic()))
        connection = connection_class(host, port, address, timeout)
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT})
            return connection, connection.getresponse()
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            last_error = error
    raise FetchRefused(f"connexion impossible ({host}) : {last_error}")


def _download(url: str, limit: int, write, seconds: float = 3 * TIMEOUT_SECONDS) -> None:
    """Hand the body at ``url`` to ``write`` piece by piece: at most ``limit`` bytes,
    within ``seconds`` in all."""
    deadline = time.monotonic() + seconds
    for _ in range(MAX_REDIRECTS + 1):
        connection, response = _open(url, deadline)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location", "")
                if not location:
                    raise FetchRefused("redirection sans destination")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchRefused(f"réponse HTTP {response.status}")
            length = response.getheader("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchRefused(f"fichier trop volumineux (plus de {limit} octets)")
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchRefused("délai dépassé")
                chunk = response.read(CHUNK_BYTES)
                if not chunk:
                    return
                size += len(chunk)
                if size > limit:
                    raise FetchRefused(f"fichier trop volumineux (plus de {limit} octets)")
                write(chunk)
        except (OSError, http.client.HTTPException) as error:
            raise FetchRefused(f"lecture interrompue : {error}") from None
        finally:
            connection.close()
    raise FetchRefused(f"trop de redirections (plus de {MAX_REDIRECTS})")


def fetch(url: str, limit: int) -> bytes:
    """The body at ``url`` (at most ``limit`` bytes), or FetchRefused saying why."""
    chunks: list[bytes] = []
    _download(url, limit, chunks.append)
    return b"".join(chunks)


def fetch_to_file(url: str, limit: int, *, seconds: float = 3 * TIMEOUT_SECONDS):
    """The body at ``url`` in a temporary file, rewound (the caller closes it), for files
    too large to hold in memory (a sound); FetchRefused saying why otherwise. A large
    file needs a longer overall deadline (``seconds``); each read still times out alone."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (returned open, the caller closes it)
    try:
        _download(url, limit, file.write, seconds)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return file


# The image formats a thumbnail may be, by their first bytes: (signature test, Pillow's
# name for the format, file extension).
IMAGE_SIGNATURES = (
    (lambda data: data.startswith(b"\xff\xd8\xff"), "JPEG", "jpg"),
    (lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"), "PNG", "png"),
    (lambda data: data[:6] in (b"GIF87a", b"GIF89a"), "GIF", "gif"),
    (lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP", "WEBP", "webp"),
)


def checked_image(data: bytes) -> str:
    """The extension of an image fetched from elsewhere, or FetchRefused.

    The type is read from the bytes, never from Content-Type or the address. The size in
    pixels is read from the header by Pillow before anything is decoded, and refused past
    ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (the limit of the admin's own upload form, which
    an import does not go through)."""
    detected = next(
        ((name, ext) for test, name, ext in IMAGE_SIGNATURES if test(data)), (None, None)
    )
    if detected[0] is None:
        raise FetchRefused("ce fichier n'est pas une image JPEG, PNG, GIF ou WebP")
    name, extension = detected
    maximum = int(getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000))
    try:
        with warnings.catch_warnings():
            # The size is compared with the site's own limit just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:  # reads the header only
                width, height, found = image.width, image.height, image.format
    except Image.DecompressionBombError:
        raise FetchRefused(f"image trop grande (au plus {maximum} pixels)") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise FetchRefused(f"image illisible : {error}") from None
    if found != name:
        raise FetchRefused(f"image illisible (annoncée {name}, lue {found})")
    if width * height > maximum:
        raise FetchRefused(
            f"image trop grande ({width} × {height} pixels, au plus {maximum} pixels)"
        )
    return extension
