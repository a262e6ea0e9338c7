"""Every page type of the project, as an Éditeur meets it in the admin: its "add" form
opens under a parent it is allowed in, and the demo's page of that type opens in the
editor. A new page type is covered the day it lands — its demo must make one.

Each type is also created through the add view (Wagtail's ``assertCanCreate``) and
changed through the edit view, with the minimal form data of ``tests/page_form_data.py``
(Wagtail's automatic form data cannot fill a StreamField): a type without a builder there
fails ``test_every_page_type_has_form_data``.
"""

import datetime
import io

from bs4 import BeautifulSoup
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from fabrique.accounts.roles import EDITORS
from fabrique.core.models import BasePage
from tests.page_form_data import (
    BUILDERS,
    Things,
    admin_date,
    admin_datetime,
    admin_time,
    page_form_data,
)
from tests.team import member

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
        cls.editor = member(EDITORS, "dominique")

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


class CreateAndEditEveryPageTypeTests(WagtailPageTestCase):
    """Each type saved through the admin's own views, by an Éditeur (the home page, made
    under the tree's root, by an administrator)."""

    @classmethod
    def setUpTestData(cls):
        from contributions.factories import InspirActionIndexPageFactory
        from fabrique.demo.site import seed_site
        from podcasts.factories import PodcastShowPageFactory

        sections = seed_site()["sections"]
        cls.things = Things.make()
        # Parents the bare tree lacks: a show for episodes, the Inspir'actions' index.
        PodcastShowPageFactory(parent=sections["podcasts"], cover_image=cls.things.cover)
        InspirActionIndexPageFactory(parent=sections["appels-a-contributions"])
        cls.editor = member(EDITORS, "camille")
        cls.admin = apps.get_model("auth", "User").objects.create_superuser(
            "admin", "a@example.org", "x"
        )

    def test_every_page_type_has_form_data(self):
        self.assertEqual(
            sorted(model.__name__ for model in project_page_models()), sorted(BUILDERS)
        )

    def test_each_page_type_is_created_then_edited(self):
        for model in project_page_models():
            with self.subTest(model=model.__name__), transaction.atomic():
                self.create_then_edit(model)
                transaction.set_rollback(True)  # the next type starts from the same tree

    def parent_for(self, model) -> Page:
        """A page the type may be created under; a type allowed once (an index, the
        home page) is made again after its demo instance is removed."""
        if model.max_count == 1:
            for page in model.objects.all():
                page.delete()
        for page in Page.objects.order_by("depth", "path").specific():
            if model in page.specific_class.creatable_subpage_models() and model.can_create_at(
                page
            ):
                return page
        raise AssertionError(f"no parent for {model.__name__}")

    def create_then_edit(self, model):
        parent = self.parent_for(model)
        self.client.force_login(self.admin if parent.depth == 1 else self.editor)
        slug = f"essai-{model._meta.model_name}"
        data = page_form_data(model, self.things, "Première version", slug)
        self.assertCanCreate(parent, model, data)
        page = model.objects.child_of(parent).get(slug=slug)
        self.assertTrue(page.live)
        self.assertEqual(page.title, "Première version")

        url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        self.assertEqual(self.client.get(url).status_code, 200)
        changed = page_form_data(model, self.things, "Deuxième version", slug)
        response = self.client.post(url, changed)
        self.assertEqual(
            response.status_code,
            302,
            getattr(response, "context", None)
            and response.context.get("form")
            and response.context["form"].errors,
        )
        page.refresh_from_db()
        self.assertEqual(page.get_latest_revision().content["title"], "Deuxième version")
        self.assertEqual(page.title, "Première version")  # a draft: the live page waits


SAMPLES = {
    "date": datetime.date(2027, 2, 12),
    "datetime": datetime.datetime(2027, 2, 12, 18, 30),
    "time": datetime.time(18, 30),
}
POSTED = {"date": admin_date, "datetime": admin_datetime, "time": admin_time}


def temporal_kind(widget) -> str | None:
    """Which picker a widget is (Django's DateTimeInput is not a DateInput subclass)."""
    if isinstance(widget, forms.DateTimeInput):
        return "datetime"
    if isinstance(widget, forms.DateInput):
        return "date"
    if isinstance(widget, forms.TimeInput):
        return "time"
    return None


def temporal_fields(form_class, prefix=""):
    """(posted name, widget) of every date/time field of a form and of its inline forms."""
    for name, field in form_class.base_fields.items():
        if temporal_kind(field.widget):
            yield prefix + name, field.widget
    for relation, formset in getattr(form_class, "formsets", {}).items():
        yield from temporal_fields(formset.form, f"{prefix}{relation}-0-")


def rendered_value(widget, name: str, value) -> str:
    html = BeautifulSoup(widget.render(name, value), "html.parser")
    return html.find("input")["value"]


class PostedDatesAreWhatTheWidgetsWriteTests(WagtailPageTestCase):
    """The shared form data posts dates as the admin's pickers write them, never ISO.

    A browser sends what the widget shows: a form that only accepts ISO passes tests that
    post ISO and fails every editor. Each date/time field of the real edit forms is
    rendered with a value, and the string it shows must be the one the tests post.
    """

    @classmethod
    def setUpTestData(cls):
        cls.things = Things.make()

    def test_each_date_field_is_posted_in_its_widgets_format(self):
        checked = 0
        for model in project_page_models():
            form_class = model.get_edit_handler().get_form_class()
            data = page_form_data(model, self.things, "Titre", "titre")
            for name, widget in temporal_fields(form_class):
                kind = temporal_kind(widget)
                sample = SAMPLES[kind]
                with self.subTest(model=model.__name__, field=name):
                    shown = rendered_value(widget, name, sample)
                    self.assertEqual(POSTED[kind](sample), shown)
                    posted = data.get(name, "")
                    if posted:
                        parsed = datetime.datetime.strptime(posted, widget.format)
                        self.assertEqual(widget.format_value(parsed), posted)
                        checked += 1
        # Events, calls, articles, videos, episodes and dossiers post a date each.
        self.assertGreaterEqual(checked, 8)

    def test_the_picker_writes_the_admins_format(self):
        """What the date picker writes, read back from the setting it is configured with."""
        self.assertEqual(settings.WAGTAIL_DATETIME_FORMAT, "%d/%m/%Y %H:%M")
        self.assertEqual(admin_datetime(SAMPLES["datetime"]), "12/02/2027 18:30")
        self.assertEqual(admin_date(SAMPLES["date"]), "12/02/2027")
