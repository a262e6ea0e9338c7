"""French admin labels where Wagtail's French catalogue falls back to a generic « un(e) ».

Wagtail builds some labels from a model's name ("Add %(label)s", "Choose %(object)s"),
which its French catalogue can only translate as « Ajouter un(e) note » or « Choisir
rubrique ». A volunteer reads those as unfinished software. Each panel, chooser and
listing of the project therefore says its own words, given where it is declared:
``InlinePanel(add_label=…)``, ``ChooserTexts`` on a chooser viewset, ``add_item_label``
on a listing's viewset.
"""

from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.utils import ErrorDict
from django.utils.html import strip_tags
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel as WagtailInlinePanel
from wagtail.admin.panels.base import get_form_for_model
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


class BlankRowIgnored:
    """A row whose ``blank_fields`` are all empty is no row: dropped on save, not refused.

    An editor clicks « Ajouter une note » and leaves without typing: the empty row used to
    be saved as an empty numbered note (autosave defers "required"), or to stop the save
    with an error on a row the editor had forgotten. A blank row is now marked deleted, as
    its « Supprimer » button would: a new one is never stored, an existing one is removed.
    """

    blank_fields: tuple = ()

    def is_blank_row(self) -> bool:
        for name in self.blank_fields:
            field = self.fields[name]
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if strip_tags(str(raw or "")).replace("\xa0", " ").strip():
                return False
        return True

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.is_blank_row():
            self._errors = ErrorDict()
            self.cleaned_data = {**getattr(self, "cleaned_data", {}), DELETION_FIELD_NAME: True}


class InlinePanel(WagtailInlinePanel):
    """Wagtail's inline list of rows, with a French « add » button (« Ajouter une note »).

    ``ignore_blank``: fields that, all empty, make a row ignored (``BlankRowIgnored``).
    """

    def __init__(self, relation_name, *args, add_label, ignore_blank=(), **kwargs):
        self.add_label = add_label
        self.ignore_blank = tuple(ignore_blank)
        super().__init__(relation_name, *args, **kwargs)

    def clone_kwargs(self):
        return {
            **super().clone_kwargs(),
            "add_label": self.add_label,
            "ignore_blank": self.ignore_blank,
        }

    def get_form_options(self):
        options = super().get_form_options()
        if self.ignore_blank:
            formset = options["formsets"][self.relation_name]
            base = formset.get("form") or WagtailAdminModelForm.child_form()
            formset["form"] = get_form_for_model(
                self.db_field.related_model,
                form_class=type(
                    "BlankRowIgnoredForm",
                    (BlankRowIgnored, base),
                    {"blank_fields": self.ignore_blank},
                ),
                fields=formset.get("fields", []),
                widgets=formset.get("widgets", {}),
            )
        return options

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
