"""Admin registration for the shared snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from fabrique.moderation.admin import RefuseWith403Mixin

from .models import Person, Theme


class PersonChooserViewSet(SnippetChooserViewSet):
    """An author missing from the list is created in the chooser, without leaving the page."""

    form_fields = ["name", "role"]
    create_action_label = _("Créer la personne")
    creation_tab_label = _("Nouvelle personne")


class PersonViewSet(SnippetViewSet):
    model = Person
    chooser_viewset_class = PersonChooserViewSet
    icon = "user"
    menu_label = _("Personnes")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role"]
    search_fields = ["name", "role"]
    ordering = ["name"]


register_snippet(PersonViewSet)


class ThemeViewSet(RefuseWith403Mixin, SnippetViewSet):
    """The site's one list of themes, kept by editors and moderators.

    A theme's usage page lists whatever is filed under it, testimonies included: Wagtail
    shows an object the user may not edit as "(privé)", so a pending story's title never
    reaches an editor; users without the theme's permissions get a plain 403.
    """

    model = Theme
    icon = "tag"
    menu_label = _("Thèmes")
    search_fields = ["name"]


register_snippet(ThemeViewSet)
