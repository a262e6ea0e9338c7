"""Admin registration for the shared snippets."""

import html

from django.contrib import messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision
from wagtail.snippets.models import register_snippet

from fabrique.accounts.admin_guards import RefuseWith403Mixin
from fabrique.accounts.roles import EDITORS
from fabrique.core.admin_labels import AddLabel, ChooserTexts
from fabrique.core.content_checks import content_issues
from fabrique.core.models import Person, Theme
from fabrique.core.people_admin import PersonChooserCreateView


class PersonChooserViewSet(ChooserTexts):
    """An author missing from the list is created in the chooser, without leaving the page."""

    choose_one_text = _("Choisir une personne")
    choose_another_text = _("Choisir une autre personne")
    edit_item_text = _("Modifier la personne")

    form_fields = ["name", "role"]
    # A draft unless the user may publish people (fabrique/core/people_admin.py).
    create_view_class = PersonChooserCreateView
    create_action_label = _("Créer la personne")
    creation_tab_label = _("Nouvelle personne")


class PersonViewSet(AddLabel):
    model = Person
    add_item_label = _("Ajouter une personne")
    chooser_viewset_class = PersonChooserViewSet
    icon = "user"
    menu_label = _("Personnes")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role"]
    search_fields = ["name", "role"]
    # Searched in the table itself (name or role contains the words typed): the search
    # backend cannot sort its results by a column ("Trier par nom" after a search answered
    # 500) and, on SQLite, cannot restrict a search to these fields at all.
    search_backend_name = None
    ordering = ["name"]


register_snippet(PersonViewSet)


class ThemeChooserViewSet(ChooserTexts):
    choose_one_text = _("Choisir un thème")
    choose_another_text = _("Choisir un autre thème")
    edit_item_text = _("Modifier le thème")


class ThemeViewSet(RefuseWith403Mixin, AddLabel):
    """The site's one list of themes, kept by editors and moderators.

    A theme's usage page lists whatever is filed under it, testimonies included: Wagtail
    shows an object the user may not edit as "(privé)", so a pending story's title never
    reaches an editor; users without the theme's permissions get a plain 403.
    """

    model = Theme
    chooser_viewset_class = ThemeChooserViewSet
    add_item_label = _("Ajouter un thème")
    icon = "tag"
    menu_label = _("Thèmes")
    search_fields = ["name"]


register_snippet(ThemeViewSet)


@hooks.register("before_edit_page")
def show_content_checks(request, page):
    """The project's checks, at the top of the editor, on the version being edited.

    Only on the full page a person opens. The create view's first autosave makes the page
    and then fetches the editor as a fragment (``_w_hydrate_create_view``) or as JSON: a
    message added there is never shown with it, so it waited in the session and appeared
    after publishing, describing that early, empty draft ("Pas de transcription" on an
    episode that has one).
    """
    if (
        request.method != "GET"
        or request.GET.get("_w_hydrate_create_view")
        or not request.accepts("text/html")
    ):
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


class MyPagesPanel(Component):
    """Dashboard: what this person has in progress, and what goes online by itself soon.

    Éditeurs see every scheduled page (they are the ones who answer for it); others see
    their own. Two queries, whatever the number of pages.
    """

    name = "my_pages"
    order = 60
    template_name = "core/admin/my_pages_panel.html"
    limit = 8

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        revisions = Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        if (
            not self.user.has_perm("wagtailcore.publish_page")
            and not self.user.groups.filter(name=EDITORS).exists()
        ):
            revisions = revisions.filter(user=self.user)
        scheduled = [
            (revision.content_object, revision.approved_go_live_at)
            for revision in revisions.order_by("approved_go_live_at")[
                : self.limit
            ].prefetch_related("content_object")
        ]
        drafts = Page.objects.filter(owner=self.user, has_unpublished_changes=True).order_by(
            "-latest_revision_created_at"
        )[: self.limit]
        return {"scheduled": scheduled, "drafts": list(drafts)}


@hooks.register("construct_homepage_panels")
def add_my_pages_panel(request, panels):
    # Modérateurs write no page: an always-empty panel would only push theirs down.
    if user_has_any_page_permission(request.user):
        panels.append(MyPagesPanel(request.user))


@hooks.register("after_edit_page")
def say_what_approval_did(request, page):
    """« Approuver et publier » says the page is online, not that it was « mise à jour ».

    Wagtail ends every workflow action of the editor with the same "page updated" message;
    after an approval the editor needs to know whether the page is now public, scheduled, or
    waiting for the next step. Wagtail offers no hook for that message, so this one replaces
    the message queued by this very request (and only that one).
    """
    if request.POST.get("workflow-action-name") != "approve":
        return None
    fresh = Page.objects.get(pk=page.pk)
    title = fresh.get_admin_display_title()
    state = fresh.current_workflow_state
    if state is not None:
        text = gettext(
            "La page « %(title)s » a été approuvée ; elle attend l'étape « %(task)s »."
        ) % {"title": title, "task": state.current_task_state.task.name}
    elif fresh.live and not fresh.has_unpublished_changes:
        text = gettext("La page « %(title)s » a été approuvée et publiée.") % {"title": title}
    elif (scheduled := fresh.get_scheduled_revision_as_object()) is not None:
        text = gettext("La page « %(title)s » a été approuvée ; elle sera publiée le %(date)s.") % {
            "title": title,
            "date": date_format(timezone.localtime(scheduled.go_live_at), "DATETIME_FORMAT"),
        }
    else:
        return None
    _replace_update_message(request, fresh, text)
    return None


def _replace_update_message(request, page, text):
    updated = gettext("Page '%(page_title)s' has been updated.") % {
        "page_title": page.get_admin_display_title()
    }
    storage = messages.get_messages(request)
    # Messages added during this request wait in the storage's queue until the response.
    # Wagtail's admin wraps the text in HTML (escaped): compare what the editor reads.
    storage._queued_messages = [
        message
        for message in storage._queued_messages
        if html.unescape(strip_tags(str(message.message))).strip() != updated
    ]
    messages.success(request, text)


@hooks.register("insert_global_admin_css")
def admin_css():
    from django.templatetags.static import static

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
