"""``import_videos`` fetches thumbnails from addresses the feed chooses: only public http(s)
addresses, checked after name resolution, a bounded read, an image by its bytes and within
the site's pixel limit. Each refusal is said and the import goes on.

A real HTTP server runs on loopback for these tests: a refusal is proven against a server
that would answer, and the accepted path is proven by naming it in
``FABRIQUE_REMOTE_FETCH_TEST_HOSTS`` (empty in every real configuration)."""

import io
import struct
import threading
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from PIL import Image
from wagtail.images import get_image_model

from fabrique.web.remote_fetch import FetchRefused, checked_image, fetch
from videos.management.commands import import_videos
from videos.models import VideoPage

pytestmark = pytest.mark.django_db


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (5, 2), "orange").save(buffer, "PNG")
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that announces its size in its header: what a pixel bomb looks like before
    anything is decoded (the 144-megapixel image of the report was 12,000 × 12,000)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


class LoopbackServer:
    """Serves ``routes`` (path -> (status, headers, body)) on 127.0.0.1 and records each
    request it receives."""

    def __init__(self):
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                status, headers, body = server.routes.get(self.path, (404, {}, b"absent"))
                self.send_response(status)
                unsized = headers.pop("X-Unsized", None) if "X-Unsized" in headers else None
                for name, value in headers.items():
                    self.send_header(name, value)
                if unsized is None:  # else the body ends when the connection closes
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    running = LoopbackServer()
    running.routes["/vignette.jpg"] = (200, {"Content-Type": "image/jpeg"}, jpeg_bytes())
    yield running
    running.close()


@pytest.fixture
def test_host(settings):
    """The one way the accepted path is reached offline: the name of the loopback server
    listed as a test host. 127.0.0.1 itself stays refused."""
    settings.FABRIQUE_REMOTE_FETCH_TEST_HOSTS = ["localhost"]


def feed(tmp_path, thumbnails: list[str]) -> str:
    entries = "".join(
        f"""<entry><yt:videoId>vid{n:03d}</yt:videoId><title>Vidéo {n}</title>
        <published>2024-01-{n + 1:02d}T10:00:00+00:00</published>
        <media:group><media:thumbnail url="{url}"/><media:description>D {n}</media:description>
        </media:group></entry>"""
        for n, url in enumerate(thumbnails)
    )
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:yt="http://www.youtube.com/xml/schemas/2015" '
        f'xmlns:media="http://search.yahoo.com/mrss/">{entries}</feed>',
        encoding="utf-8",
    )
    return str(path)


def run(path) -> str:
    out = io.StringIO()
    call_command("import_videos", path, stdout=out)
    return out.getvalue()


def test_a_thumbnail_on_loopback_is_refused_though_the_server_answers(
    video_index, server, tmp_path
):
    # The server is there and answers...
    with urllib.request.urlopen(server.url("/vignette.jpg"), timeout=5) as response:
        assert response.status == 200
    server.requests.clear()
    images_before = get_image_model().objects.count()
    output = run(feed(tmp_path, [server.url("/vignette.jpg")]))
    # ...but the import never asks it: refused after resolution, before any connection.
    assert server.requests == []
    assert "Vignette ignorée pour « Vidéo 0 »" in output
    assert "loopback" in output
    assert get_image_model().objects.count() == images_before
    page = VideoPage.objects.get()
    assert page.poster is None
    assert "1 vidéo(s) créée(s) en brouillon" in output


def test_the_accepted_path_stores_the_image_named_by_its_bytes(
    video_index, server, tmp_path, test_host
):
    # A PNG served as "image/jpeg" at a ".jpg" address: its bytes decide.
    server.routes["/vignette.jpg"] = (200, {"Content-Type": "image/jpeg"}, png_bytes())
    output = run(feed(tmp_path, [server.url("/vignette.jpg", host="localhost")]))
    assert server.requests == ["/vignette.jpg"]
    assert "Vignette ignorée" not in output
    page = VideoPage.objects.get()
    assert page.poster is not None
    assert page.poster.file.name.endswith(".png")
    assert (page.poster.width, page.poster.height) == (5, 2)


def test_each_bad_thumbnail_is_refused_said_and_the_import_goes_on(
    video_index, server, tmp_path, test_host, settings
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 30_000_000
    big = import_videos.MAX_THUMBNAIL_BYTES
    server.routes.update(
        {
            "/page.jpg": (200, {"Content-Type": "image/jpeg"}, b"<!doctype html><p>pas une image"),
            "/bombe.png": (200, {"Content-Type": "image/png"}, png_header(12_000, 12_000)),
            "/juste-trop.png": (200, {"Content-Type": "image/png"}, png_header(6_000, 5_001)),
            "/enorme.jpg": (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff" + b"0" * big),
            # No Content-Length: only the bounded read stops it.
            "/sans-taille.jpg": (
                200,
                {"Content-Type": "image/jpeg", "X-Unsized": "1"},
                b"\xff\xd8\xff" + b"0" * big,
            ),
            "/vers-loopback": (302, {"Location": server.url("/vignette.jpg")}, b""),
            "/boucle": (302, {"Location": "/boucle"}, b""),
        }
    )
    urls = [
        "file:///etc/passwd",
        "http://10.1.2.3/vignette.jpg",
        "http://169.254.169.254/latest/meta-data/",
        server.url("/page.jpg", host="localhost"),
        server.url("/bombe.png", host="localhost"),
        server.url("/juste-trop.png", host="localhost"),
        server.url("/enorme.jpg", host="localhost"),
        server.url("/sans-taille.jpg", host="localhost"),
        server.url("/vers-loopback", host="localhost"),
        server.url("/boucle", host="localhost"),
        server.url("/vignette.jpg", host="localhost"),  # the good one, last
    ]
    images_before = get_image_model().objects.count()
    output = run(feed(tmp_path, urls))
    assert output.count("Vignette ignorée") == 10
    for reason in (
        "seules les adresses http et https",
        "adresse de réseau privé",
        "adresse lien-local",
        "n'est pas une image",
        "image trop grande (12000 × 12000 pixels",
        "image trop grande (6000 × 5001 pixels",
        "trop volumineux",
        "(http://localhost:{port}/sans-taille.jpg) : fichier trop volumineux",
        "adresse locale (loopback) refusée",
        "trop de redirections",
    ):
        assert reason.format(port=server.port) in output, reason
    # The redirect to 127.0.0.1 was checked again and never followed.
    assert "/vignette.jpg" not in server.requests[:-1]
    assert "11 vidéo(s) créée(s) en brouillon" in output
    assert get_image_model().objects.count() == images_before + 1
    assert VideoPage.objects.exclude(poster=None).get().title == "Vidéo 10"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://10.0.0.1/", "réseau privé"),
        ("http://172.16.5.4/", "réseau privé"),
        ("http://192.168.1.1/", "réseau privé"),
        ("http://[fd00::1]/", "réseau privé"),
        ("http://169.254.169.254/", "lien-local"),
        ("http://[fe80::1]/", "lien-local"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[ff02::1]/", "multicast"),
        ("http://0.0.0.0/", "non spécifiée"),
        ("http://240.0.0.1/", "réservée"),
        ("http://100.64.0.1/", "non publique"),
        ("http://[::ffff:127.0.0.1]/", "IPv4 déguisée"),
        ("http://[2002:7f00:1::1]/", "transition"),
        ("https://[::ffff:10.0.0.1]/", "IPv4 déguisée"),
        ("file:///etc/passwd", "http et https"),
        ("ftp://example.org/x.jpg", "http et https"),
        ("http://user:pw@example.org/", "identifiants"),
    ],
)
def test_non_public_addresses_and_other_schemes_are_refused(url, reason):
    with pytest.raises(FetchRefused, match=reason):
        fetch(url, 1024)


def test_the_type_comes_from_the_bytes():
    assert checked_image(jpeg_bytes()) == "jpg"
    assert checked_image(png_bytes()) == "png"
    with pytest.raises(FetchRefused, match="pas une image"):
        checked_image(b"GIF8 presque")
    # A JPEG signature followed by anything else is not an image Pillow can read.
    with pytest.raises(FetchRefused, match="illisible"):
        checked_image(b"\xff\xd8\xff" + b"\x00" * 20)
