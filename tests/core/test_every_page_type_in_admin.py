"""Every page type of the project, as an Éditeur meets it in the admin: its "add" form
opens under a parent it is allowed in, and the demo's page of that type opens in the
editor. A new page type is covered the day it lands — its demo must make one. Saving
is tested per type with explicit form data (``test_preview.py`` and each app's tests):
Wagtail's automatic form data cannot fill a StreamField.
"""

import io

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from fabrique.core.models import BasePage
from fabrique.core.roles import EDITORS

PROJECT_APPS = {"core", "home", "standard"} | {
    config.label
    for config in apps.get_app_configs()
    if not config.name.startswith(("wagtail", "django"))
}


def project_page_models():
    return [
        model
        for model in get_page_models()
        if model._meta.app_label in PROJECT_APPS
        and issubclass(model, BasePage | Page)
        and model is not Page
    ]


class EveryPageTypeInTheAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())
        User = apps.get_model("auth", "User")
        cls.editor = User.objects.create_user("dominique", "d@example.org", "x")
        cls.editor.groups.add(Group.objects.get(name=EDITORS))

    def test_the_demo_has_a_page_of_every_type(self):
        missing = [m.__name__ for m in project_page_models() if not m.objects.exists()]
        self.assertEqual(missing, [], "seed_demo should make one page of each type")

    def test_each_add_form_opens_for_an_editor(self):
        self.client.force_login(self.editor)
        for model in project_page_models():
            parent = next(
                (
                    page
                    for page in Page.objects.live().specific()
                    if model in page.specific_class.creatable_subpage_models()
                    and model.can_create_at(page)
                ),
                None,
            )
            if parent is None:  # an index page already made (max_count = 1) or the home page
                continue
            url = reverse(
                "wagtailadmin_pages:add",
                args=(model._meta.app_label, model._meta.model_name, parent.pk),
            )
            with self.subTest(model=model.__name__):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_each_page_opens_in_the_editor(self):
        self.client.force_login(self.editor)
        for model in project_page_models():
            page = model.objects.order_by("pk").first()
            if page is None:
                continue
            with self.subTest(model=model.__name__):
                url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
                self.assertEqual(self.client.get(url).status_code, 200)
