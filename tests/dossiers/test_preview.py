"""A dossier previews from the editor's unsaved form: its items, notes and sources in memory."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.factories import ArticlePageFactory
from dossiers.factories import DossierPageFactory
from fabrique.demo.site import publish, seed_site
from fabrique.moderation.models import ModerationStatus
from testimonies.factories import TestimonyFactory


class DossierPreviewTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        tree = seed_site()
        cls.article = publish(
            ArticlePageFactory(parent=tree["sections"]["articles"], title="Loi Garot")
        )
        cls.story = TestimonyFactory(title="La route", status=ModerationStatus.PUBLISHED)
        cls.dossier = publish(
            DossierPageFactory(parent=tree["sections"]["dossiers"], title="Brouillon")
        )

    def test_preview_shows_unsaved_items_and_sources(self):
        data = nested_form_data(
            {
                "title": "Dossier en aperçu",
                "slug": self.dossier.slug,
                "comments": inline_formset([]),
                "seo_title": "",
                "search_description": "",
                "listing_summary": "",
                "introduction": rich_text("<p>Intro</p>"),
                "theme": "",
                "updated_on": "",
                "document": "",
                "state_of_play": streamfield([("paragraph", rich_text("<p>Texte [1].</p>"))]),
                "footnotes": inline_formset([{"text": rich_text("<p>Une note d'aperçu.</p>")}]),
                "items": inline_formset(
                    [
                        {"page": str(self.article.pk), "testimony": "", "note": "Note A"},
                        {"page": "", "testimony": str(self.story.uuid), "note": "Note B"},
                    ]
                ),
                "bibliography": inline_formset(
                    [
                        {
                            "kind": "ouvrage",
                            "authors": "Dupont, Jeanne",
                            "title": "Un ouvrage d'aperçu",
                            "container": "",
                            "publisher": "",
                            "year": "2020",
                            "url": "",
                            "doi": "",
                            "accessed_on": "",
                        }
                    ]
                ),
                "related_links": inline_formset([]),
            }
        )
        self.assertPageIsPreviewable(self.dossier, post_data=data)
        self.client.force_login(self._pageispreviewable_superuser)
        from django.urls import reverse

        url = reverse("wagtailadmin_pages:preview_on_edit", kwargs={"page_id": self.dossier.pk})
        self.client.post(url, data=data)
        response = self.client.get(url)
        self.assertContains(response, "Dossier en aperçu")
        self.assertContains(response, "Loi Garot")
        self.assertContains(response, "La route")
        self.assertContains(response, "Note B")
        self.assertContains(response, "Un ouvrage d&#x27;aperçu")
        self.assertContains(response, '<li id="note-1"><p data-block-key')
        self.assertContains(response, 'href="#note-1"')
