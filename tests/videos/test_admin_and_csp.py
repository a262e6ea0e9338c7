"""Editors: clear French errors in the page form, previews that work; the CSP header."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from videos.models import VideoPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redac", "redac@example.org", "x")
    client.force_login(user)
    return client


def form_data(**overrides):
    data = {
        "title": "Un entretien",
        "slug": "un-entretien",
        "source_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "summary": "Un résumé.",
        "kind": "entretien",
        "duration": "12:30",
        "recorded_on": "",
        "tags": "",
        "transcript": rich_text("<p>Ce qui est dit.</p>"),
        "credits": inline_formset([]),
        "chapters": inline_formset([{"start": "1:30", "title": "Le début"}]),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("videos", "videopage", index.pk))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.org/ma-video", "Adresse non reconnue"),
        ("https://www.youtube.com/watch?v=", "Adresse non reconnue"),
        ("https://tube.inconnu.example/w/kkGMgK9ZtnKfYAgnEtQxbv", "n&#x27;est pas autorisé"),
    ],
)
def test_page_form_refuses_a_bad_url_in_french_and_keeps_the_text(
    editor_client, video_index, url, message
):
    response = editor_client.post(add_url(video_index), form_data(source_url=url))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Un résumé." in html  # what the editor typed is kept
    assert not VideoPage.objects.exists()


def test_page_form_refuses_a_captions_file_that_is_not_webvtt(editor_client, video_index):
    data = form_data()
    data["captions"] = SimpleUploadedFile("sous-titres.vtt", b"1\n00:00:01,000 --> x\nBonjour")
    response = editor_client.post(add_url(video_index), data)
    assert "pas au format WebVTT" in response.content.decode()
    assert not VideoPage.objects.exists()


def test_editor_creates_a_video_with_chapters_and_captions(editor_client, video_index, client):
    data = form_data(**{"action-publish": "action-publish"})
    data["captions"] = SimpleUploadedFile(
        "sous-titres.vtt", b"\xef\xbb\xbfWEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBonjour\n"
    )
    response = editor_client.post(add_url(video_index), data)
    assert response.status_code == 302
    page = VideoPage.objects.get()
    assert page.live
    assert page.duration_seconds == 750
    assert [(c.seconds, c.title) for c in page.chapters.all()] == [(90, "Le début")]
    html = client.get(page.url).content.decode()
    assert "Télécharger les sous-titres (WebVTT)" in html
    assert page.captions.url in html


def test_editor_previews_an_unsaved_video(editor_client, video_index):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("videos", "videopage", video_index.pk))
    response = editor_client.post(url, form_data(title="Un aperçu de vidéo"))
    assert response.json() == {"is_valid": True, "is_available": True}
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Un aperçu de vidéo" in html
    assert "Le début" in html  # the unsaved chapter
    # The preview keeps the public policy, except that the admin may frame it.
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self';" in policy + ";"
    assert "unsafe-inline" not in policy


def test_public_pages_get_the_strict_policy(client, video):
    for path in ("/", "/videos/", video.url, "/recherche/?q=soin", "/page-absente/"):
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        directives = dict(
            [*part.split(" ", 1), ""][:2] for part in policy.split("; ") if part.strip()
        )
        assert directives["default-src"] == "'self'", path
        assert directives["script-src"] == "'self'", path
        assert directives["style-src"] == "'self'", path
        assert directives["img-src"] == "'self' data:", path
        assert directives["frame-ancestors"] == "'none'", path
        assert directives["form-action"] == "'self'", path
        assert directives["base-uri"] == "'self'", path
        assert directives["object-src"] == "'none'", path
        assert set(directives["frame-src"].split()) == {
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://www.dailymotion.com",
            "https://player.twitch.tv",
            "https://clips.twitch.tv",
            "https://framatube.org",
        }, path
        assert "unsafe" not in policy and "nonce" not in policy, path


def test_media_origin_and_extra_origins_come_from_settings(client, settings, video):
    from django.conf import settings as live

    directives = dict(live.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives["img-src"] = ["'self'", "data:", "https://cdn.example.org"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}
    policy = client.get(video.url)["Content-Security-Policy"]
    assert "img-src 'self' data: https://cdn.example.org" in policy


def test_settings_derive_the_media_origin_from_an_absolute_media_url(monkeypatch):
    import importlib

    import fabrique.settings.base as base

    monkeypatch.setenv("MEDIA_URL", "https://medias.example.org/fabrique/")
    monkeypatch.setenv("FABRIQUE_EXTRA_MEDIA_ORIGINS", "https://audio.example.net")
    try:
        reloaded = importlib.reload(base)
        img_src = reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        media_src = reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"]
        assert img_src == [
            "'self'",
            "data:",
            "https://medias.example.org",
            "https://audio.example.net",
        ]
        assert "https://audio.example.net" in media_src
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_admin_has_its_own_policy_and_editing_still_works(editor_client, video):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[video.pk]))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    # The public page a logged-in editor reads keeps the strict policy, userbar included.
    response = editor_client.get(video.url)
    assert "wagtail-userbar" in response.content.decode()
    assert "script-src 'self';" in response["Content-Security-Policy"] + ";"
