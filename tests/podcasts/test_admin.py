"""Editors at work: previews of every podcast page type, and the show form's checks."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from fabrique.core.factories import ImageFactory, PersonFactory
from fabrique.demo.site import publish, seed_site
from podcasts.factories import (
    AudioFileFactory,
    EpisodePageFactory,
    PodcastShowPageFactory,
    make_cover_image,
)
from podcasts.models import PodcastIndexPage, PodcastShowPage

PROMOTE = {"seo_title": "", "search_description": "", "listing_summary": ""}


def show_data(title: str, cover) -> dict:
    return {
        "title": title,
        "slug": slugify(title),
        "comments": inline_formset([]),
        **PROMOTE,
        "description": "Une émission en aperçu.",
        "cover_image": str(cover.pk) if cover else "",
        "hosts": inline_formset([]),
        "category": "Health & Fitness/Medicine",
        "show_type": "episodic",
        "language": "fr",
        "author": "La Fabrique des Soignants",
        "copyright": "",
        "owner_name": "La Fabrique des Soignants",
        "owner_email": "",
        "previous_feed_url": "",
        "new_feed_url": "",
        "feed_locked": "on",
    }


def episode_data(title: str, audio, person) -> dict:
    return {
        "title": title,
        "slug": "",
        "comments": inline_formset([]),
        **PROMOTE,
        "summary": "Un résumé d'aperçu.",
        "audio": str(audio.pk),
        "publication_date": "",
        "season": "1",
        "episode_number": "4",
        "episode_type": "full",
        "cover_image": "",
        "guests": inline_formset([{"person": str(person.pk), "role": "guest"}]),
        "show_notes": streamfield([("paragraph", rich_text("<p>Des notes d'aperçu.</p>"))]),
        "chapters": inline_formset([{"start": "1:05", "title": "Un chapitre d'aperçu", "url": ""}]),
        "transcript_format": "text",
        "transcript": "Une transcription d'aperçu.",
    }


class PodcastPreviewTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = seed_site()
        cls.index = cls.tree["sections"]["podcasts"]
        cls.cover = make_cover_image("Pochette", 2)
        cls.show = publish(
            PodcastShowPageFactory(parent=cls.index, title="Émission", cover_image=cls.cover)
        )
        cls.audio = AudioFileFactory(title="Son d'aperçu")
        cls.episode = publish(EpisodePageFactory(parent=cls.show, audio=cls.audio))
        cls.person = PersonFactory(name="Claire Martin", role="médecin")

    def setUp(self):
        self.client.force_login(self.create_superuser("redaction"))

    def preview(self, url: str, data: dict, *expected: str):
        data = nested_form_data(data)
        response = self.client.post(url, data=data)
        self.assertJSONEqual(response.content, {"is_valid": True, "is_available": True})
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        for text in expected:
            self.assertContains(response, text)

    def test_index_preview(self):
        self.assertIsInstance(self.index, PodcastIndexPage)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.index.pk])
        data = {
            "title": "Podcasts en aperçu",
            "slug": "podcasts",
            "comments": inline_formset([]),
            **PROMOTE,
            "intro": rich_text("<p>Intro</p>"),
        }
        self.preview(url, data, "Podcasts en aperçu", "Émission")

    def test_show_preview_on_edit_and_add(self):
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.show.pk])
        self.preview(
            url,
            {**show_data("Émission en aperçu", self.cover), "slug": "emission"},
            "Émission en aperçu",
        )
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("podcasts", "podcastshowpage", self.index.pk)
        )
        self.preview(
            url,
            {**show_data("Nouvelle émission", self.cover), "slug": "nouvelle"},
            "Nouvelle émission",
        )

    def test_episode_preview_on_edit_and_add_with_unsaved_guests_and_chapters(self):
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.episode.pk])
        data = {
            **episode_data("Épisode en aperçu", self.audio, self.person),
            "slug": self.episode.slug,
        }
        self.preview(url, data, "Épisode en aperçu", "Claire Martin", "Un chapitre d&#x27;aperçu")
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("podcasts", "episodepage", self.show.pk)
        )
        data = {**episode_data("Nouvel épisode", self.audio, self.person), "slug": "nouvel-episode"}
        self.preview(url, data, "Nouvel épisode", "Claire Martin", "01:05")

    def test_show_without_art_or_with_wrong_art_is_refused_in_french(self):
        url = reverse("wagtailadmin_pages:add", args=("podcasts", "podcastshowpage", self.index.pk))
        # Publishing needs the art (a draft may wait for it, as Wagtail defers required fields).
        publish_action = {"action-publish": "action-publish"}
        response = self.client.post(
            url, {**nested_form_data(show_data("Sans pochette", None)), **publish_action}
        )
        self.assertEqual(response.status_code, 200)
        errors = BeautifulSoup(response.content.decode(), "html.parser").select(".error-message")
        self.assertIn("Champ requis", " ".join(e.get_text() for e in errors))
        wide = ImageFactory(title="Large")  # 1200 × 675
        response = self.client.post(url, nested_form_data(show_data("Pochette large", wide)))
        # Wrong art is refused even in a draft.
        self.assertContains(response, "La pochette doit être carrée, entre 1400 et 3000 pixels")
        self.assertContains(response, 'value="Pochette large"')
        self.assertFalse(PodcastShowPage.objects.filter(title="Pochette large").exists())
        response = self.client.post(
            url, {**nested_form_data(show_data("Bonne pochette", self.cover)), **publish_action}
        )
        errors = BeautifulSoup(response.content.decode(), "html.parser").select(".error-message")
        self.assertEqual(response.status_code, 302, [e.get_text(strip=True) for e in errors])
        self.assertTrue(PodcastShowPage.objects.get(title="Bonne pochette").live)


@pytest.mark.django_db
def test_episode_edit_form_offers_the_audio_chooser(admin_client, site_tree):
    index = site_tree["sections"]["podcasts"]
    show = publish(PodcastShowPageFactory(parent=index, cover_image=make_cover_image("P", 0)))
    episode = publish(EpisodePageFactory(parent=show))
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[episode.pk]))
    assert response.status_code == 200
    assert "Choisir un son" in response.content.decode() or "son" in response.content.decode()
    chooser = admin_client.get("/admin/snippets/choose/podcasts/audiofile/")
    assert chooser.status_code == 200
    assert episode.audio.title in chooser.content.decode()
