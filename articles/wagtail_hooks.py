"""Admin registration of the rubrics, edited as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from fabrique.core.admin_labels import AddLabel, ChooserTexts

from .models import Rubric


class RubricChooserViewSet(ChooserTexts):
    """A new rubric is created in the chooser, without leaving the article."""

    choose_one_text = _("Choisir une rubrique")
    choose_another_text = _("Choisir une autre rubrique")
    edit_item_text = _("Modifier la rubrique")

    form_fields = ["name"]
    create_action_label = _("Créer la rubrique")
    creation_tab_label = _("Nouvelle rubrique")


class RubricViewSet(AddLabel):
    model = Rubric
    add_item_label = _("Ajouter une rubrique")
    chooser_viewset_class = RubricChooserViewSet
    icon = "tag"
    menu_label = _("Rubriques")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(RubricViewSet)
