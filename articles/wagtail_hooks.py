"""Admin registration of the rubrics, edited as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Rubric


class RubricChooserViewSet(SnippetChooserViewSet):
    """A new rubric is created in the chooser, without leaving the article."""

    form_fields = ["name"]
    create_action_label = _("Créer la rubrique")
    creation_tab_label = _("Nouvelle rubrique")


class RubricViewSet(SnippetViewSet):
    model = Rubric
    chooser_viewset_class = RubricChooserViewSet
    icon = "tag"
    menu_label = _("Rubriques")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(RubricViewSet)
