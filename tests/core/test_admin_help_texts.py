"""The admin explains itself in French: every field an editor or moderator fills in, on
every page type and snippet of the project, has a French label and a help text that says
how it shows on the site (or that it never does).

Walked from the edit forms Wagtail really builds (the page types' edit handlers, the
snippets' viewsets), so a field added tomorrow without a help text fails here. Inline
rows (authors, footnotes, speakers…) are walked too.
"""

from django.apps import apps
from django.test import SimpleTestCase
from django.utils import translation
from django.utils.functional import Promise
from wagtail.admin.panels import TabbedInterface
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

PROJECT_APPS = {
    config.label
    for config in apps.get_app_configs()
    if not config.name.startswith(("wagtail", "django", "modelsearch", "taggit", "axes"))
}

# Wagtail's own fields: it labels and explains them itself, in French, or they are not
# fields an editor types into.
WAGTAIL_FIELDS_WITHOUT_HELP = {
    "go_live_at",  # the "Programmer la publication" dialog explains the dates itself
    "expire_at",
    "comment_notifications",  # the comments side panel's switch, not a form row
}
# Labels Wagtail gives in French that read the same in English.
WAGTAIL_LABELS = {"slug", "comment_notifications"}
# French words spelt as the English field name they label.
SAME_IN_FRENCH = {
    "actions",
    "commune",
    "date",
    "description",
    "format",
    "introduction",
    "latitude",
    "longitude",
    "organisation",
    "photo",
}


def project_page_models():
    return [
        model
        for model in get_page_models()
        if model is not Page and model._meta.app_label in PROJECT_APPS
    ]


def project_snippet_models():
    return [model for model in get_snippet_models() if model._meta.app_label in PROJECT_APPS]


def edit_handler(model):
    if issubclass(model, Page):
        return model.get_edit_handler()
    return model.snippet_viewset.get_edit_handler()


def form_fields(model):
    """(name, form field) of the model's edit form, then of each inline row's form."""
    form_class = edit_handler(model).get_form_class()
    yield from form_class.base_fields.items()
    for relation, formset_class in getattr(form_class, "formsets", {}).items():
        if relation == "comments":  # Wagtail's comments side panel
            continue
        for name, field in formset_class.form.base_fields.items():
            if name not in ("DELETE", "ORDER", "id"):
                yield f"{relation}.{name}", field


def english_auto_label(name: str) -> str:
    return name.rsplit(".", 1)[-1].replace("_", " ").capitalize()


class AdminHelpTextTests(SimpleTestCase):
    def test_the_walk_finds_every_kind(self):
        pages = {m.__name__ for m in project_page_models()}
        snippets = {m.__name__ for m in project_snippet_models()}
        self.assertTrue({"ArticlePage", "EventPage", "EpisodePage", "HomePage"} <= pages)
        self.assertTrue({"Person", "Theme", "Testimony"} <= snippets)

    def test_every_field_has_a_french_label(self):
        missing = []
        with translation.override("fr"):
            for model in [*project_page_models(), *project_snippet_models()]:
                for name, field in form_fields(model):
                    short = name.rsplit(".", 1)[-1]
                    if short in WAGTAIL_LABELS:
                        continue
                    label = field.label
                    auto = english_auto_label(name)
                    if (
                        not isinstance(label, Promise)
                        or not str(label).strip()
                        or (str(label) == auto and short not in SAME_IN_FRENCH)
                    ):
                        missing.append(f"{model.__name__}.{name} ({label!r})")
        self.assertEqual(missing, [], "labels not given in French through gettext_lazy")

    def test_every_field_says_how_it_shows_on_the_site(self):
        missing = []
        with translation.override("fr"):
            for model in [*project_page_models(), *project_snippet_models()]:
                for name, field in form_fields(model):
                    if name in WAGTAIL_FIELDS_WITHOUT_HELP:
                        continue
                    if not str(field.help_text or "").strip():
                        missing.append(f"{model.__name__}.{name}")
        self.assertEqual(missing, [], "fields without a help text")

    def test_every_page_type_edits_in_french_tabs(self):
        with translation.override("fr"):
            for model in project_page_models():
                handler = edit_handler(model)
                with self.subTest(model=model.__name__):
                    self.assertIsInstance(handler, TabbedInterface)
                    headings = [str(tab.heading) for tab in handler.children]
                    self.assertEqual(headings[:2], ["Contenu", "Promotion"])
                    self.assertIn("Paramètres", headings)
