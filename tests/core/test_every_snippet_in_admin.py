"""Every snippet and setting the admin edits, saved through its own add and edit views
with the form data of ``tests/page_form_data.py``, as the admin's widgets send it: a slug
left empty, choosers' primary keys, a sound file uploaded.

A snippet or setting registered without a builder there fails
``test_every_snippet_and_setting_has_form_data``.
"""

import datetime

from django.apps import apps
from django.test import TestCase
from django.urls import reverse
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import DraftStateMixin, Site
from wagtail.snippets.models import get_snippet_models

from fabrique.accounts.roles import EDITORS
from tests.page_form_data import SNIPPET_BUILDERS, Things, snippet_form_data
from tests.team import member

# Sent by the public and moderated in their own screens (tests/testimonies,
# tests/contributions): nobody creates them in the admin.
SUBMITTED_BY_THE_PUBLIC = {"testimonies.Testimony", "contributions.CallAnswer"}


class EverySnippetAndSettingInTheAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from fabrique.demo.site import seed_site

        seed_site()
        cls.things = Things.make()
        cls.editor = member(EDITORS, "camille")
        cls.admin = apps.get_model("auth", "User").objects.create_superuser(
            "admin", "a@example.org", "x"
        )

    def test_every_snippet_and_setting_has_form_data(self):
        registered = {model._meta.label for model in get_snippet_models()}
        registered |= {model._meta.label for model in settings_registry}
        self.assertEqual(registered - SUBMITTED_BY_THE_PUBLIC, set(SNIPPET_BUILDERS))

    def user_for(self, model):
        """An Éditeur when the group may create it; otherwise an administrator (rubrics)."""
        codename = f"{model._meta.app_label}.add_{model._meta.model_name}"
        return self.editor if self.editor.has_perm(codename) else self.admin

    def test_each_snippet_is_created_then_edited(self):
        for label in SNIPPET_BUILDERS:
            model = apps.get_model(label)
            if model in settings_registry:
                continue
            with self.subTest(snippet=label):
                self.client.force_login(self.user_for(model))
                data = snippet_form_data(label, self.things)
                if issubclass(model, DraftStateMixin):
                    data["action-publish"] = "action-publish"
                add = reverse(model.snippet_viewset.get_url_name("add"))
                response = self.client.post(add, data)
                self.assertEqual(response.status_code, 302, self.form_errors(response))
                made = model.objects.order_by("-pk").first()
                if hasattr(made, "slug"):
                    # Left empty in the form: made from the name.
                    self.assertTrue(made.slug)
                if issubclass(model, DraftStateMixin):
                    self.assertTrue(made.live)

                edit = reverse(model.snippet_viewset.get_url_name("edit"), args=[made.pk])
                self.assertEqual(self.client.get(edit).status_code, 200)
                data = snippet_form_data(label, self.things)
                if issubclass(model, DraftStateMixin):
                    data["action-publish"] = "action-publish"
                response = self.client.post(edit, data)
                self.assertEqual(response.status_code, 302, self.form_errors(response))

    def test_each_setting_is_saved(self):
        site = Site.objects.get(is_default_site=True)
        for label in SNIPPET_BUILDERS:
            model = apps.get_model(label)
            if model not in settings_registry:
                continue
            with self.subTest(setting=label):
                self.client.force_login(self.editor)
                url = reverse(
                    "wagtailsettings:edit",
                    args=[model._meta.app_label, model._meta.model_name, site.pk],
                )
                self.assertEqual(self.client.get(url).status_code, 200)
                data = snippet_form_data(label, self.things)
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 302, self.form_errors(response))
                saved = model.for_site(site)
                if hasattr(saved, "donate_page_id"):
                    self.assertEqual(str(saved.donate_page_id), data["donate_page"])

    @staticmethod
    def form_errors(response):
        context = getattr(response, "context", None)
        form = context and context.get("form")
        return form.errors if form else response.status_code

    def test_each_date_field_is_posted_in_its_widgets_format(self):
        """Same check as for pages: a date field added to a snippet or a setting is posted
        as its picker writes it."""
        from .test_every_page_type_in_admin import (
            POSTED,
            SAMPLES,
            rendered_value,
            temporal_fields,
            temporal_kind,
        )

        for label in SNIPPET_BUILDERS:
            model = apps.get_model(label)
            viewset = getattr(model, "snippet_viewset", None)
            handler = viewset.get_edit_handler() if viewset else model.edit_handler
            form_class = handler.bind_to_model(model).get_form_class()
            data = snippet_form_data(label, self.things)
            for name, widget in temporal_fields(form_class):
                kind = temporal_kind(widget)
                with self.subTest(snippet=label, field=name):
                    shown = rendered_value(widget, name, SAMPLES[kind])
                    self.assertEqual(POSTED[kind](SAMPLES[kind]), shown)
                    if data.get(name):
                        parsed = datetime.datetime.strptime(data[name], widget.format)
                        self.assertEqual(widget.format_value(parsed), data[name])
