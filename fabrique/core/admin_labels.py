"""French admin labels where Wagtail's French catalogue falls back to a generic « un(e) ».

Wagtail builds some labels from a model's name ("Add %(label)s", "Choose %(object)s"),
which its French catalogue can only translate as « Ajouter un(e) note » or « Choisir
rubrique ». A volunteer reads those as unfinished software. Each panel, chooser and
listing of the project therefore says its own words, given where it is declared:
``InlinePanel(add_label=…)``, ``ChooserTexts`` on a chooser viewset, ``add_item_label``
on a listing's viewset.
"""

from wagtail.admin.panels import InlinePanel as WagtailInlinePanel
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


class InlinePanel(WagtailInlinePanel):
    """Wagtail's inline list of rows, with a French « add » button (« Ajouter une note »)."""

    def __init__(self, relation_name, *args, add_label, **kwargs):
        self.add_label = add_label
        super().__init__(relation_name, *args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(WagtailInlinePanel.BoundPanel):
        template_name = "core/admin/inline_panel.html"


class SnippetChooser(AdminSnippetChooser):
    """A snippet chooser that keeps its viewset's texts instead of « Choisir %(object)s »."""

    def __init__(self, model=None, **kwargs):
        # The viewset sets these on the widget's class; Wagtail's __init__ would replace
        # them with texts built from the model's name.
        for name in ("choose_one_text", "choose_another_text", "link_to_chosen_text"):
            kwargs.setdefault(name, getattr(type(self), name))
        super().__init__(model=model, **kwargs)


class ChooserTexts(SnippetChooserViewSet):
    """A snippet chooser viewset whose button texts are written out in French.

    Subclasses set ``choose_one_text`` (« Choisir une rubrique »), ``choose_another_text``
    and ``edit_item_text``; the modal's title is ``choose_one_text``.
    """

    base_widget_class = SnippetChooser


class AddLabel(SnippetViewSet):
    """A snippet listing whose « add » button says ``add_item_label`` (« Ajouter un son »)."""

    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs.setdefault("add_item_label", self.add_item_label)
        return super().get_index_view_kwargs(**kwargs)
