"""Which page goes where: editors only see the page types that make sense in the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import ArticleIndexPage
from contributions.models import CallIndexPage
from dossiers.models import DossierIndexPage
from events.models import EventIndexPage
from fabrique.demo.site import seed_site
from fabrique.home.models import HomePage
from fabrique.standard.models import StandardPage
from podcasts.models import PodcastIndexPage
from testimonies import models as testimonies_models
from videos.models import VideoIndexPage

SECTION_INDEXES = [
    ArticleIndexPage,
    VideoIndexPage,
    PodcastIndexPage,
    testimonies_models.TestimonyIndexPage,
    EventIndexPage,
    DossierIndexPage,
    CallIndexPage,
]


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertEqual(HomePage.max_count, 1)

    def test_section_indexes_only_under_home_once(self):
        for index_model in SECTION_INDEXES:
            with self.subTest(index_model.__name__):
                self.assertAllowedParentPageTypes(index_model, {HomePage})
                self.assertCanCreateAt(HomePage, index_model)
                self.assertCanNotCreateAt(StandardPage, index_model)
                self.assertCanNotCreateAt(Page, index_model)
                self.assertEqual(index_model.max_count, 1)

    def test_standard_pages_under_home_or_another_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_home_offers_the_sections_and_standard_pages(self):
        self.assertAllowedSubpageTypes(HomePage, {*SECTION_INDEXES, StandardPage})


class SeededTreeLimitsTests(WagtailPageTestCase):
    """Once the site is built, the admin no longer offers a second home or section."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = seed_site()

    def test_no_second_home_page(self):
        root = Page.get_first_root_node()
        self.assertFalse(HomePage.can_create_at(root))

    def test_no_second_section_index(self):
        home = self.tree["home"]
        for index_model in SECTION_INDEXES:
            with self.subTest(index_model.__name__):
                self.assertFalse(index_model.can_create_at(home))
        self.assertTrue(StandardPage.can_create_at(home))

    def test_tree_built_by_the_seed(self):
        home = self.tree["home"]
        self.assertEqual(self.tree["site"].root_page.pk, home.pk)
        slugs = list(home.get_children().values_list("slug", flat=True))
        for slug in (
            "videos",
            "articles",
            "podcasts",
            "vos-histoires",
            "evenements",
            "a-propos",
            "faire-un-don",
            "mentions-legales",
            "politique-de-confidentialite",
            "accessibilite",
        ):
            self.assertIn(slug, slugs)
