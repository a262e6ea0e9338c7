"""Moderators' admin for testimonies; the private contact data is never registered here."""

from django import forms
from django.contrib import messages
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet

from fabrique.moderation.actions import publish
from fabrique.moderation.admin import (
    ModeratedBulkActionMixin,
    ModeratedEditView,
    ModeratedSnippetViewSet,
)

from .admin_forms import (
    SIGNATURE_LOST_MESSAGE,
    ConfirmReviewedDetailsMixin,
    IdentifyingDetailsPanel,
    TestimonyAdminForm,
)
from .models import Testimony


class PendingCountMenuItem(MenuItem):
    """ "Témoignages (3)": moderators see at a glance what waits for them."""

    def render_component(self, request):
        component = super().render_component(request)
        count = Testimony.objects.pending().count()
        if count:
            component.label = f"{self.label} ({count})"
        return component


class TestimonyEditView(ModeratedEditView):
    def save_action(self):
        # A redaction that erased the whole pseudonym changed the public signature: the
        # moderator was told beside the checkbox, and hears it again once it is saved.
        if getattr(self.form, "signature_lost", False):
            messages.warning(self.request, SIGNATURE_LOST_MESSAGE)
        return super().save_action()


class TestimonyViewSet(ModeratedSnippetViewSet):
    """Moderators only: no chooser (no page chooses a story), no add or copy, delete erases."""

    model = Testimony
    icon = "openquote"
    menu_label = _("Témoignages")
    menu_name = "testimonies"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "status", "role", "submitted_at", "status_changed_by"]
    list_filter = ["status", "role"]
    search_fields = ["title", "pseudonym", "story", "published_text"]
    # A plain database search (icontains): the search index holds published stories only.
    search_backend_name = None
    ordering = ["-submitted_at"]
    edit_view_class = TestimonyEditView

    # The original story is read-only; the public fields are edited, checked and redacted.
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("pseudonym"),
                    FieldPanel("role"),
                    FieldPanel("department"),
                    FieldPanel("story", read_only=True),
                ],
                heading=_("Témoignage reçu"),
            ),
            MultiFieldPanel(
                [
                    IdentifyingDetailsPanel(heading=_("Détails identifiants")),
                    FieldPanel("redact_details"),
                    FieldPanel("details_reviewed"),
                    FieldPanel("published_text"),
                    FieldPanel("quote"),
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Publication"),
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("refusal_reason")], heading=_("Modération")
            ),
        ],
        base_form_class=TestimonyAdminForm,
    )

    @property
    def menu_item_class(self):
        base = super().menu_item_class
        return type(base.__name__, (PendingCountMenuItem, base), {})


register_snippet(TestimonyViewSet)


@hooks.register("register_bulk_action")
class PublishTestimoniesBulkAction(
    ModeratedBulkActionMixin, ConfirmReviewedDetailsMixin, SnippetBulkAction
):
    """Publish several reviewed stories at once; each keeps who published it and when."""

    display_name = _("Publier")
    action_type = "publish_testimonies"
    aria_label = _("Publier les témoignages sélectionnés")
    template_name = "testimonies/admin/confirm_bulk_publish.html"
    action_priority = 20

    @classproperty
    def models(cls):
        return [Testimony]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for testimony in objects:
            publish(testimony, user)
        return len(objects), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d témoignage publié.", "%(count)d témoignages publiés.", num_parent_objects
        ) % {"count": num_parent_objects}


class PendingTestimoniesPanel(Component):
    """Dashboard panel: how many stories wait, and the oldest ones first."""

    name = "pending_testimonies"
    order = 50
    template_name = "testimonies/admin/pending_panel.html"

    def get_context_data(self, parent_context=None):
        pending = Testimony.objects.pending().order_by("submitted_at")
        return {"count": pending.count(), "oldest": list(pending[:5])}


@hooks.register("construct_homepage_panels")
def add_pending_testimonies_panel(request, panels):
    if request.user.has_perm("testimonies.change_testimony"):
        panels.append(PendingTestimoniesPanel())
