"""Admin registration for the shared snippets."""

from django.contrib import messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from fabrique.moderation.admin import RefuseWith403Mixin

from .content_checks import content_issues
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


@hooks.register("before_edit_page")
def show_content_checks(request, page):
    """The project's checks, at the top of the editor, on the version being edited."""
    if request.method != "GET":
        return None
    issues = content_issues(page)
    if issues:
        messages.warning(
            request,
            format_html(
                "{}<ul>{}</ul>",
                ngettext(
                    "Avant de publier, %(count)d point à vérifier :",
                    "Avant de publier, %(count)d points à vérifier :",
                    len(issues),
                )
                % {"count": len(issues)},
                format_html_join("", "<li>{}</li>", ((issue,) for issue in issues)),
            ),
        )
    return None
