"""Uploaded media under production-like settings: what a browser gets from /media/."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from fabrique.core.factories import ImageFactory
from tests.web.test_settings import production_setting

pytestmark = pytest.mark.django_db

AUDIO = bytes(range(256)) * 40  # 10 240 bytes, each offset recognisable


@pytest.fixture
def media(tmp_path, settings):
    """Production-like: DEBUG off, the switch on, files on disk under a fresh MEDIA_ROOT."""
    settings.DEBUG = False
    settings.FABRIQUE_SERVE_MEDIA = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    (tmp_path / "secret.txt").write_text("hors de MEDIA_ROOT")
    return tmp_path / "media"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_uploaded_image_and_its_rendition_are_served_with_their_type(client, media):
    image = ImageFactory(title="Une salle d'attente")
    rendition = image.get_rendition("fill-300x200|format-webp")

    for url, content_type in ((image.file.url, "image/png"), (rendition.url, "image/webp")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"].startswith("public, max-age=31536000")
        assert response["Accept-Ranges"] == "bytes"
        assert "Content-Disposition" not in response
        body = _body(response)
        assert int(response["Content-Length"]) == len(body) > 0
    assert body[8:12] == b"WEBP"


def test_head_answers_like_get_without_the_body(client, media):
    name = default_storage.save("podcasts/episode.mp3", ContentFile(AUDIO))

    response = client.head(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Length"] == str(len(AUDIO))
    assert _body(response) == b""


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=100-199", 100, 199), ("bytes=10000-", 10000, 10239), ("bytes=-40", 10200, 10239)],
)
def test_range_request_answers_206_with_exactly_those_bytes(client, media, header, first, last):
    name = default_storage.save("podcasts/episode.mp3", ContentFile(AUDIO))

    response = client.get(f"/media/{name}", headers={"range": header})

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(AUDIO)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert _body(response) == AUDIO[first : last + 1]


def test_range_past_the_end_answers_416(client, media):
    name = default_storage.save("podcasts/episode.mp3", ContentFile(AUDIO))

    response = client.get(f"/media/{name}", headers={"range": "bytes=20000-20100"})

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(AUDIO)}"


LONG = "9" * 5000  # past Python's 4,300-digit limit on reading an integer


@pytest.mark.parametrize(
    ("header", "status", "first", "last"),
    [
        # A start of thousands of digits is past the end of any file.
        (f"bytes={LONG}-", 416, None, None),
        (f"bytes={LONG}-{LONG}", 416, None, None),
        # An end, or a suffix, of thousands of digits runs to the end of the file.
        (f"bytes=0-{LONG}", 206, 0, 10239),
        (f"bytes=-{LONG}", 206, 0, 10239),
        # Leading zeros are still a small number.
        (f"bytes={'0' * 5000}5-{'0' * 5000}9", 206, 5, 9),
        # Malformed or several ranges: the whole file, which HTTP allows.
        ("bytes=9-3", 200, None, None),
        ("bytes=0-1,5-9", 200, None, None),
        ("bytes=-", 200, None, None),
        ("bytes=--5", 200, None, None),
        ("bytes=0x10-", 200, None, None),
        ("bytes=\u0663-\u0664", 200, None, None),  # Arabic-Indic digits, which int() reads
        ("octets=0-9", 200, None, None),
        ("bytes=" + "-" * 10000, 200, None, None),
        # Suffix of nothing is unsatisfiable; the unit is compared without case.
        ("bytes=-0", 416, None, None),
        ("BYTES = 3-4", 206, 3, 4),
    ],
)
def test_hostile_range_headers_never_answer_500(client, media, header, status, first, last):
    name = default_storage.save("podcasts/episode.mp3", ContentFile(AUDIO))

    response = client.get(f"/media/{name}", headers={"range": header})

    assert response.status_code == status
    if status == 416:
        assert response["Content-Range"] == f"bytes */{len(AUDIO)}"
    elif status == 206:
        assert response["Content-Range"] == f"bytes {first}-{last}/{len(AUDIO)}"
        assert _body(response) == AUDIO[first : last + 1]
    else:
        assert "Content-Range" not in response
        assert _body(response) == AUDIO


def test_range_for_an_older_version_sends_the_whole_file(client, media):
    name = default_storage.save("podcasts/episode.mp3", ContentFile(AUDIO))

    response = client.get(
        f"/media/{name}", headers={"range": "bytes=0-9", "if-range": '"an-old-version"'}
    )

    assert response.status_code == 200
    assert _body(response) == AUDIO


def test_unchanged_file_answers_304(client, media):
    name = default_storage.save("images/a.png", ContentFile(b"\x89PNG fake"))
    etag = client.get(f"/media/{name}")["ETag"]

    response = client.get(f"/media/{name}", headers={"if-none-match": etag})

    assert response.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/media/../secret.txt",
        "/media/images/../../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/images/%2e%2e/%2e%2e/secret.txt",
        "/media/..%5csecret.txt",
        "/media//etc/passwd",
        "/media/.hidden",
        "/media/images",
    ],
)
def test_paths_outside_media_root_answer_404(client, media, url):
    (media / "images").mkdir(parents=True)
    (media / ".hidden").write_text("caché")

    response = client.get(url)

    assert response.status_code == 404
    assert b"hors de MEDIA_ROOT" not in response.content


def test_symbolic_link_leaving_media_root_answers_404(client, media):
    media.mkdir(parents=True)
    (media / "lien.png").symlink_to(media.parent / "secret.txt")

    assert client.get("/media/lien.png").status_code == 404


def test_wagtail_documents_are_not_served_around_their_privacy(client, media):
    default_storage.save("documents/rapport.pdf", ContentFile(b"%PDF-1.7"))

    assert client.get("/media/documents/rapport.pdf").status_code == 404


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("images/dessin.svg", "image/svg+xml"),
        ("images/page.html", "application/octet-stream"),
        ("images/page.htm", "application/octet-stream"),
        ("images/inconnu.xyz", "application/octet-stream"),
    ],
)
def test_uploaded_html_or_svg_is_a_download_that_can_run_nothing(client, media, name, content_type):
    saved = default_storage.save(name, ContentFile(b"<svg onload=alert(1)><script>1</script>"))

    response = client.get(f"/media/{saved}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_switch_off_answers_404(client, media):
    name = default_storage.save("images/a.png", ContentFile(b"\x89PNG fake"))
    assert client.get(f"/media/{name}").status_code == 200

    with override_settings(FABRIQUE_SERVE_MEDIA=False):
        assert client.get(f"/media/{name}").status_code == 404


def test_post_is_refused(client, media):
    name = default_storage.save("images/a.png", ContentFile(b"\x89PNG fake"))

    assert client.post(f"/media/{name}").status_code == 405


def test_production_serves_media_only_when_asked(tmp_path):
    expression = "(settings.FABRIQUE_SERVE_MEDIA, settings.STORAGES['default']['BACKEND'])"
    plain = production_setting(
        tmp_path, expression, FABRIQUE_SERVE_MEDIA="", AWS_STORAGE_BUCKET_NAME=""
    )
    asked = production_setting(
        tmp_path, expression, FABRIQUE_SERVE_MEDIA="true", AWS_STORAGE_BUCKET_NAME=""
    )

    assert plain.stdout.strip() == "(False, 'django.core.files.storage.FileSystemStorage')"
    assert asked.stdout.strip() == "(True, 'django.core.files.storage.FileSystemStorage')"


def test_a_bucket_moves_uploads_to_object_storage_and_stops_serving_them(tmp_path):
    result = production_setting(
        tmp_path,
        "(settings.FABRIQUE_SERVE_MEDIA, settings.STORAGES['default']['BACKEND'], "
        "settings.STORAGES['default']['OPTIONS']['bucket_name'], "
        "settings.STORAGES['default']['OPTIONS']['endpoint_url'])",
        FABRIQUE_SERVE_MEDIA="true",
        AWS_STORAGE_BUCKET_NAME="fabrique-medias",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "(False, 'storages.backends.s3.S3Storage', 'fabrique-medias', "
        "'https://s3.fr-par.scw.cloud')"
    )
