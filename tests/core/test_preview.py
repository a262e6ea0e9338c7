"""Every page type can be previewed from the editor, with unsaved tags and related rows.

A preview renders the page from the form data only: its tags, authors, footnotes and
featured items are in memory, not in the database. A page type whose rendering queries
its own relations crashes there (and only there), so each type is previewed through
Wagtail's own ``assertPageIsPreviewable`` with every relation filled in, then the preview
is opened to check it shows what the editor typed. New page types are added to
``POST_DATA`` as they land.
"""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.factories import ArticlePageFactory, RubricFactory
from articles.models import ArticleIndexPage, ArticlePage
from events.models import EventIndexPage
from fabrique.core.factories import ImageFactory, PersonFactory
from fabrique.demo.site import publish, seed_site
from fabrique.home.models import HomePage
from fabrique.standard.models import StandardPage
from testimonies import models as testimonies

PROMOTE = {"seo_title": "", "search_description": "", "listing_summary": "Un résumé."}


def _common(page: Page, title: str) -> dict:
    return {"title": title, "slug": page.slug, "comments": inline_formset([]), **PROMOTE}


class PreviewEveryPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = seed_site()
        cls.image = ImageFactory(title="Salle d'attente", description="Une salle d'attente vide")
        cls.person = PersonFactory(name="Jalel Malek Hamza", role="médecin pédiatre")
        cls.rubric = RubricFactory(name="Tribune", slug="tribune")
        articles = cls.tree["sections"]["articles"]
        cls.neighbour = publish(
            ArticlePageFactory(parent=articles, title="Un voisin de rubrique", rubric=cls.rubric)
        )
        cls.tagged = ArticlePageFactory(parent=articles, title="Un voisin par mot-clé")
        cls.tagged.tags.add("déserts médicaux")
        cls.tagged.save()
        publish(cls.tagged)
        cls.article = publish(ArticlePageFactory(parent=articles, title="Brouillon d'article"))

    def preview(self, page: Page, post_data: dict, expected: str):
        """Wagtail's check, then the preview itself must show the text the editor typed."""
        self.assertPageIsPreviewable(page, post_data=post_data)
        self.client.force_login(self._pageispreviewable_superuser)
        url = reverse("wagtailadmin_pages:preview_on_edit", kwargs={"page_id": page.pk})
        self.client.post(url, data=post_data)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, expected)
        return response

    def test_home_page_with_unsaved_featured_items(self):
        home = self.tree["home"].specific
        data = nested_form_data(
            {
                **_common(home, "Accueil en aperçu"),
                "intro": rich_text("<p>Une introduction en aperçu</p>"),
                "welcome": rich_text("<p>Bienvenue</p>"),
                "donate_heading": "Soutenez-nous",
                "donate_text": "Merci",
                "featured_items": inline_formset([{"page": str(self.neighbour.pk)}]),
                "home_sections": inline_formset([{"section": "articles"}]),
            }
        )
        response = self.preview(home, data, "Une introduction en aperçu")
        self.assertContains(response, "Un voisin de rubrique")
        self.assertIsInstance(home, HomePage)

    def test_standard_page_with_body(self):
        page = self.tree["pages"]["a-propos"]
        self.assertIsInstance(page, StandardPage)
        data = nested_form_data(
            {
                **_common(page, "À propos en aperçu"),
                "intro": rich_text("<p>Chapô</p>"),
                "body": streamfield(
                    [
                        ("heading", {"text": "Un intertitre d'aperçu", "level": "h2"}),
                        ("paragraph", rich_text("<p>Un paragraphe.</p>")),
                    ]
                ),
            }
        )
        self.preview(page, data, "Un intertitre d&#x27;aperçu")

    def test_article_index_page(self):
        page = self.tree["sections"]["articles"]
        self.assertIsInstance(page, ArticleIndexPage)
        data = nested_form_data(
            {**_common(page, "Articles en aperçu"), "intro": rich_text("<p>Intro</p>")}
        )
        self.preview(page, data, "Articles en aperçu")

    def test_article_with_new_tag_authors_image_and_footnotes(self):
        self.assertIsInstance(self.article, ArticlePage)
        data = nested_form_data(
            {
                **_common(self.article, "Un article en aperçu"),
                "standfirst": "Un chapô d'aperçu.",
                "hero_image": str(self.image.pk),
                "hero_caption": "",
                "hero_credit": "",
                "date": "2024-10-11",
                "rubric": str(self.rubric.pk),
                # One existing tag (shared with a neighbour), one that exists nowhere yet.
                "tags": "déserts médicaux, un mot tout neuf",
                "authors": inline_formset([{"person": str(self.person.pk)}]),
                "body": streamfield(
                    [("paragraph", rich_text("<p>Un texte avec une note [1].</p>"))]
                ),
                "footnotes": inline_formset([{"text": rich_text("<p>La source de la note.</p>")}]),
            }
        )
        response = self.preview(self.article, data, "Un chapô d&#x27;aperçu.")
        self.assertContains(response, "Jalel Malek Hamza")
        self.assertContains(response, "La source de la note.")
        self.assertContains(response, 'href="#note-1"')
        # Related by rubric and by the in-memory tag, both found.
        self.assertContains(response, "Un voisin de rubrique")
        self.assertContains(response, "Un voisin par mot-clé")

    def test_new_article_never_saved(self):
        """The preview of the create form: the page has no primary key at all."""
        index = self.tree["sections"]["articles"]
        self.client.force_login(self.create_superuser("createpreview"))
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("articles", "articlepage", index.pk)
        )
        data = nested_form_data(
            {
                "title": "Tout nouvel article",
                "slug": "tout-nouvel-article",
                "comments": inline_formset([]),
                **PROMOTE,
                "standfirst": "Jamais enregistré.",
                "rubric": str(self.rubric.pk),
                "tags": "déserts médicaux, encore un mot neuf",
                "authors": inline_formset([{"person": str(self.person.pk)}]),
                "body": streamfield([("paragraph", rich_text("<p>Texte [1].</p>"))]),
                "footnotes": inline_formset([{"text": rich_text("<p>Une note.</p>")}]),
            }
        )
        response = self.client.post(url, data=data)
        self.assertJSONEqual(response.content, {"is_valid": True, "is_available": True})
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Jamais enregistré.")
        self.assertContains(response, "Un voisin par mot-clé")

    def test_testimony_index_page(self):
        page = self.tree["sections"]["vos-histoires"]
        self.assertIsInstance(page, testimonies.TestimonyIndexPage)
        data = nested_form_data(
            {**_common(page, "Vos histoires en aperçu"), "intro": rich_text("<p>Intro</p>")}
        )
        self.preview(page, data, "Vos histoires en aperçu")

    def test_event_index_page(self):
        page = self.tree["sections"]["evenements"]
        self.assertIsInstance(page, EventIndexPage)
        data = nested_form_data(
            {**_common(page, "Événements en aperçu"), "intro": rich_text("<p>Intro</p>")}
        )
        self.preview(page, data, "Événements en aperçu")

    def test_event_with_new_tag_and_speakers(self):
        from events.factories import EventPageFactory

        event = publish(EventPageFactory(parent=self.tree["sections"]["evenements"]))
        data = nested_form_data(
            {
                **_common(event, "Un événement en aperçu"),
                "summary": "Un chapô d'événement.",
                "start": "2030-06-03 18:00",
                "end": "2030-06-03 20:00",
                "timezone": "Europe/Paris",
                "format": "hybride",
                "status": "prevu",
                "venue_name": "Maison de la santé",
                "venue_city": "Lyon",
                "live_url": "https://www.twitch.tv/lafabriquedessoignants",
                "organiser_name": "La Fabrique des Soignants",
                "step_free_access": "complet",
                "tags": "un mot tout neuf, soin",
                "speakers": inline_formset([{"person": str(self.person.pk)}]),
                "body": streamfield([("paragraph", rich_text("<p>Un paragraphe.</p>"))]),
            }
        )
        response = self.preview(event, data, "Un chapô d&#x27;événement.")
        self.assertContains(response, "Jalel Malek Hamza")
        self.assertContains(response, "un mot tout neuf")
        self.assertContains(response, "Accès de plain-pied complet")

    def test_person_snippet_preview_before_it_is_saved(self):
        """People are the one previewable snippet: their preview renders unsaved data."""
        self.client.force_login(self.create_superuser("personpreview"))
        url = reverse("wagtailsnippets_core_person:preview_on_add")
        data = {
            "name": "Une personne en aperçu",
            "slug": "une-personne",
            "role": "sage-femme",
            "bio": rich_text("<p>Une biographie.</p>"),
            "photo": str(self.image.pk),
            "website": "",
            "social_url": "",
        }
        response = self.client.post(url, data=data)
        self.assertJSONEqual(response.content, {"is_valid": True, "is_available": True})
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Une personne en aperçu")
        self.assertContains(response, "Une biographie.")
