"""Every snippet shown on the site can be previewed from its editor, unsaved changes included.

Wagtail gives the preview its mobile, tablet and desktop sizes; each snippet chooses the
template readers meet. ``PREVIEWS`` holds one case per previewable snippet of the project
(testimonies have their own tests, in ``tests/testimonies/test_preview.py``; people in
``test_preview.py``): a snippet made previewable tomorrow fails here until it has one.
"""

from django.apps import apps
from django.urls import reverse
from wagtail.models import PreviewableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils import WagtailPageTestCase

from articles.factories import ArticlePageFactory, RubricFactory
from fabrique.core.models import Theme
from fabrique.demo.site import publish, seed_site
from podcasts.factories import AudioFileFactory
from videos.factories import VideoPageFactory, VideoSeriesFactory

PROJECT_APPS = {
    config.label
    for config in apps.get_app_configs()
    if not config.name.startswith(("wagtail", "django"))
}
TESTED_ELSEWHERE = {"Person", "Testimony"}


class SnippetPreviewTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = seed_site()
        cls.user = cls.create_superuser("apercu")

    def setUp(self):
        self.client.force_login(self.user)

    def preview(self, obj, data: dict) -> str:
        """POST the edit form's data to the preview, then open it in each device size."""
        meta = obj._meta
        url = reverse(
            f"wagtailsnippets_{meta.app_label}_{meta.model_name}:preview_on_edit", args=[obj.pk]
        )
        answer = self.client.post(url, data)
        self.assertJSONEqual(answer.content, {"is_valid": True, "is_available": True})
        for mode in obj.preview_modes:
            response = self.client.get(url, {"mode": mode[0]})
            self.assertEqual(response.status_code, 200)
        edit = reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[obj.pk])
        self.assertContains(self.client.get(edit), url)  # the editor offers the preview
        return response.content.decode()

    def test_every_previewable_snippet_has_a_case_here(self):
        previewable = {
            model.__name__
            for model in get_snippet_models()
            if model._meta.app_label in PROJECT_APPS and issubclass(model, PreviewableMixin)
        }
        tested = {name.removeprefix("test_").split("_")[0] for name in dir(self)}
        cases = {"Theme", "Rubric", "VideoSeries", "AudioFile"}
        self.assertEqual(previewable - TESTED_ELSEWHERE, cases)
        self.assertTrue({"theme", "rubric", "series", "sound"} <= tested)

    def test_theme_with_its_pages(self):
        theme = Theme.objects.create(name="Santé mentale")
        html = self.preview(theme, {"name": "Santé mentale des soignants", "slug": theme.slug})
        self.assertIn("<h1>Santé mentale des soignants</h1>", html)
        self.assertIn("Aucun contenu publié", html)

    def test_rubric_with_its_latest_articles(self):
        rubric = RubricFactory(name="Tribune", slug="tribune")
        articles = self.tree["sections"]["articles"]
        publish(ArticlePageFactory(parent=articles, title="Une tribune publiée", rubric=rubric))
        ArticlePageFactory(
            parent=articles, title="Une tribune en brouillon", rubric=rubric, live=False
        )
        html = self.preview(rubric, {"name": "Tribunes", "slug": "tribune"})
        self.assertIn("<h1>Tribunes</h1>", html)
        self.assertIn("Une tribune publiée", html)
        self.assertFalse("Une tribune en brouillon" in html, "a draft in the preview")

    def test_series_with_its_description(self):
        series = VideoSeriesFactory(name="Les entretiens")
        publish(
            VideoPageFactory(
                parent=self.tree["sections"]["videos"], title="Un entretien", series=series
            )
        )
        html = self.preview(
            series,
            {"name": "Les entretiens", "slug": series.slug, "description": "Une heure avec…"},
        )
        self.assertIn("Une heure avec…", html)
        self.assertIn("Un entretien", html)

    def test_sound_in_the_episode_player(self):
        sound = AudioFileFactory(title="Épisode 1, le son")
        html = self.preview(sound, {"title": "Épisode 1, le son relu", "external_url": ""})
        self.assertIn("<h1>Épisode 1, le son relu</h1>", html)
        self.assertIn('<audio class="episode__audio" controls preload="none"', html)
        self.assertIn(sound.file.url, html)


class SeriesDescriptionOnTheSiteTests(WagtailPageTestCase):
    """The help text says a series' description heads the list filtered on it: it does."""

    def test_filtered_video_list_shows_the_description(self):
        tree = seed_site()
        series = VideoSeriesFactory(name="Les entretiens", description="Une heure avec…")
        publish(VideoPageFactory(parent=tree["sections"]["videos"], series=series))
        url = tree["sections"]["videos"].url
        self.assertContains(self.client.get(url, {"emission": series.slug}), "Une heure avec…")
        self.assertNotContains(self.client.get(url), "Une heure avec…")
