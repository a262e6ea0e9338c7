"""Moderators' admin for answers to calls: the shared moderation gate, filters, export,
import, conversion to an Inspir'action, duplicates and their merge."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet

from fabrique.core.spreadsheets import FormulaSafeExportMixin
from fabrique.moderation.admin import ModeratedSnippetViewSet
from fabrique.moderation.forms import ModeratedSubmissionAdminForm

from . import admin_views
from .dashboard import PendingAnswersPanel
from .models import CallAnswer
from .spreadsheets import EXPORT_HEADINGS, LIST_EXPORT


class AnswerReviewPanel(Panel):
    """Read-only: attached files (download), possible duplicates (merge), conversion."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "contributions/admin/review_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(admin_views.review_context(self.instance))
            return context


class EmailConfirmationPanel(Panel):
    """Read-only: whether the contact confirmed the address (an unconfirmed one may be a
    typo or a stranger's; it hears nothing about the answer)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "contributions/admin/email_confirmation_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["answer"] = self.instance
            return context


class CallAnswerViewSet(ModeratedSnippetViewSet):
    model = CallAnswer
    icon = "form"
    menu_label = _("Réponses aux appels")
    menu_name = "call_answers"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["organisation", "call", "actor_kind", "department", "status", "assignee"]
    list_filter = ["call", "actor_kind", "department", "status", "assignee"]
    search_fields = ["organisation", "commune", "action_what"]
    search_backend_name = None
    ordering = ["-submitted_at"]
    list_export = LIST_EXPORT
    export_headings = EXPORT_HEADINGS
    export_filename = "reponses-appels"

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("organisation"),
                    FieldPanel("actor_kind"),
                    FieldPanel("commune"),
                    FieldPanel("department"),
                    FieldPanel("partners"),
                    FieldPanel("action_what"),
                    FieldPanel("action_with"),
                    FieldPanel("action_for"),
                    FieldPanel("action_since"),
                    FieldPanel("results"),
                    FieldPanel("helped"),
                    FieldPanel("difficulties"),
                ],
                heading=_("Fiche reçue"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("contact_name", read_only=True),
                    FieldPanel("email", read_only=True),
                    EmailConfirmationPanel(heading=_("Confirmation de l'adresse")),
                    FieldPanel("phone", read_only=True),
                    FieldPanel("consent_publication_at", read_only=True),
                    FieldPanel("notify_contact"),
                ],
                heading=_("Contact (privé)"),
            ),
            AnswerReviewPanel(heading=_("Documents, doublons, Inspir'action")),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("refusal_reason"),
                    FieldPanel("assignee"),
                    FieldPanel("private_notes"),
                ],
                heading=_("Examen"),
            ),
        ],
        base_form_class=ModeratedSubmissionAdminForm,
    )

    @property
    def index_view_class(self):
        base = super().index_view_class

        # Every column of the export, the call's title included, is written as text.
        class AnswerIndexView(FormulaSafeExportMixin, base):
            def get_header_buttons(self):
                return [
                    *super().get_header_buttons(),
                    HeaderButton(
                        label=_("Importer des fiches"),
                        url=reverse("contributions_import"),
                        icon_name="upload",
                    ),
                ]

        return AnswerIndexView


register_snippet(CallAnswerViewSet)


@hooks.register("register_admin_urls")
def register_contributions_admin_urls():
    return [
        path(
            "contributions/pieces-jointes/<int:pk>/",
            admin_views.attachment_view,
            name="contributions_attachment",
        ),
        path("contributions/import/", admin_views.import_view, name="contributions_import"),
        path(
            "contributions/reponses/<int:pk>/inspir-action/",
            admin_views.convert_view,
            name="contributions_convert",
        ),
        path(
            "contributions/reponses/<int:pk>/fusionner/<int:other_pk>/",
            admin_views.merge_view,
            name="contributions_merge",
        ),
    ]


@hooks.register("register_log_actions")
def register_contributions_log_actions(actions):
    actions.register_action("contributions.merged", _("Fusionnée"), _("Fiche fusionnée"))


@hooks.register("before_delete_page")
def keep_calls_that_have_answers(request, page):
    """A call with answers cannot be deleted (its answers name it): say so instead of a 500.
    Its answers are erased first, or the call is unpublished and kept."""
    answers = CallAnswer.objects.filter(call__path__startswith=page.path)
    if answers.exists():
        messages.error(
            request,
            _(
                "Cette page (ou une page en dessous) est un appel qui a reçu des réponses : "
                "effacez d'abord ses réponses, ou dépubliez l'appel."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("construct_homepage_panels")
def add_pending_answers_panel(request, panels):
    """Moderators only: answers carry contact details Éditeurs have no reason to read."""
    if request.user.has_perm("contributions.change_callanswer"):
        panels.append(PendingAnswersPanel())
