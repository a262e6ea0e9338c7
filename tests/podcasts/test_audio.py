"""The audio library: uploads judged by their content, metadata read from the file, Range."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from podcasts.audio import format_duration
from podcasts.factories import make_tone_mp3
from podcasts.models import AudioFile

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/podcasts/audiofile/add/"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaction", "r@example.org", "x")
    client.force_login(user)
    return client


def error_text(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in soup.select(".error-message"))


def test_an_mp3_is_accepted_with_duration_size_and_type_read_from_it(editor):
    data = make_tone_mp3(3.0)
    response = editor.post(
        ADD_URL,
        {"title": "Générique", "file": SimpleUploadedFile("generique.bin", data, "application/x")},
    )
    assert response.status_code == 302, error_text(response)
    audio = AudioFile.objects.get()
    assert (audio.mime_type, audio.duration, audio.size) == ("audio/mpeg", 3, len(data))
    # Named after its content, so the media view serves it as audio/mpeg.
    assert audio.file.name.endswith(".mp3")


@pytest.mark.parametrize(
    "name", ["notes.mp3", "notes.txt", "episode.m4a"], ids=["as-mp3", "as-txt", "as-m4a"]
)
def test_a_renamed_text_file_is_refused_in_french_and_nothing_is_stored(editor, name):
    text = b"Ceci est un texte, pas un son.\n" * 200
    response = editor.post(
        ADD_URL, {"title": "Faux son", "file": SimpleUploadedFile(name, text, "audio/mpeg")}
    )
    assert response.status_code == 200
    assert "n'est pas un son que nous savons lire" in error_text(response)
    # The title typed is kept for the next try.
    assert 'value="Faux son"' in response.content.decode()
    assert not AudioFile.objects.exists()


def test_an_image_is_refused(editor):
    from fabrique.core.factories import make_image_file

    image = make_image_file("pas un son")
    response = editor.post(
        ADD_URL,
        {
            "title": "Image",
            "file": SimpleUploadedFile("son.mp3", image.file.getvalue(), "audio/mpeg"),
        },
    )
    assert "n'est pas un son" in error_text(response)
    assert not AudioFile.objects.exists()


def test_size_limit_is_a_setting(editor, settings):
    settings.FABRIQUE_PODCAST_MAX_AUDIO_BYTES = 1000
    response = editor.post(
        ADD_URL,
        {"title": "Long", "file": SimpleUploadedFile("long.mp3", make_tone_mp3(2.0), "audio/mpeg")},
    )
    assert "la limite est de 1\u00a0ko" in error_text(response)
    assert not AudioFile.objects.exists()


def test_a_missing_file_is_asked_for(editor):
    response = editor.post(ADD_URL, {"title": "Sans fichier"})
    assert "Envoyez un fichier son" in error_text(response)


def test_sizes_and_durations_read_in_french():
    from podcasts.audio import format_size

    assert format_size(12_345_678) == "12,3\u00a0Mo"
    assert format_size(2_000_000) == "2\u00a0Mo"
    assert format_size(850) == "850\u00a0octets"

    assert format_duration(45) == "45\u00a0s"
    assert format_duration(250) == "4\u00a0min\u00a010\u00a0s"
    assert format_duration(3725) == "1\u00a0h\u00a002\u00a0min\u00a005\u00a0s"


@pytest.fixture
def disk_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings


@pytest.mark.parametrize("mode", ["make run (DEBUG)", "make serve (FABRIQUE_SERVE_MEDIA)"])
def test_episode_audio_answers_range_requests(client, disk_media, mode):
    if mode.startswith("make run"):
        disk_media.DEBUG, disk_media.FABRIQUE_SERVE_MEDIA = True, False
    else:
        disk_media.DEBUG, disk_media.FABRIQUE_SERVE_MEDIA = False, True
    data = make_tone_mp3(2.0)
    audio = AudioFile.objects.create(title="Son", file=ContentFile(data, name="son.mp3"))
    url = audio.file.url

    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "audio/mpeg"

    part = client.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert b"".join(part.streaming_content) == data[100:200]

    tail = client.get(url, HTTP_RANGE="bytes=-50")
    assert tail.status_code == 206
    assert b"".join(tail.streaming_content) == data[-50:]

    beyond = client.get(url, HTTP_RANGE=f"bytes={len(data) + 10}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(data)}"


def test_no_media_served_when_neither_debug_nor_the_switch(client, disk_media):
    disk_media.DEBUG, disk_media.FABRIQUE_SERVE_MEDIA = False, False
    audio = AudioFile.objects.create(
        title="Son", file=ContentFile(make_tone_mp3(1.0), name="s.mp3")
    )
    assert client.get(audio.file.url).status_code == 404


def _id3_padded(size: int) -> bytes:
    """An ID3v2.4 header declaring a tag of ``size`` bytes (all padding), then a real MP3."""
    synchsafe = bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))
    return b"ID3\x04\x00\x00" + synchsafe + bytes(size) + make_tone_mp3(3.0)


def test_a_sound_that_needs_more_reading_than_its_budget_is_refused(editor, settings):
    """mutagen reads whatever a header declares: past the budget, the file is refused."""
    data = _id3_padded(512 * 1024)
    settings.FABRIQUE_PODCAST_INSPECT_MAX_BYTES = 256 * 1024
    response = editor.post(
        ADD_URL, {"title": "Gros tag", "file": SimpleUploadedFile("son.mp3", data, "audio/mpeg")}
    )
    assert "n'est pas un son que nous savons lire" in error_text(response)
    assert not AudioFile.objects.exists()
    # The same file within the budget is an ordinary MP3.
    settings.FABRIQUE_PODCAST_INSPECT_MAX_BYTES = 1024 * 1024
    response = editor.post(
        ADD_URL, {"title": "Gros tag", "file": SimpleUploadedFile("son.mp3", data, "audio/mpeg")}
    )
    assert response.status_code == 302, error_text(response)
    assert AudioFile.objects.get().duration == 3
