"""The admin gate every moderated model goes through (testimonies today, answers to calls later).

Wagtail's chooser views check no model permission and its bulk-action confirm pages list
the titles of objects the user may not act on. For public submissions, which may hold
health data, a user without the model's moderation permission must get a 403 and never
a title. Apps register their moderated model with ``ModeratedSnippetViewSet`` and build
their bulk actions on ``ModeratedBulkActionMixin``; nothing else is needed.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.actions import EditAction
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from fabrique.accounts.admin_guards import RefuseWith403Mixin, forbidden

from .actions import (  # noqa: F401  (the log actions register themselves with Wagtail)
    erase,
    register_moderation_log_actions,
)

# Submissions come from the public form only: nobody creates or copies one in the admin
# (a story made there would have no contact row, so no withdrawal link could reach it).
NEVER_ALLOWED = frozenset({"add"})


class ModeratedPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that "add" is refused to everyone, superusers too."""

    def user_has_permission(self, user, action):
        if action in NEVER_ALLOWED:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in NEVER_ALLOWED]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


def user_may(user, model, *actions) -> bool:
    """Whether ``user`` holds every one of ``actions`` on ``model`` (by its registered policy)."""
    policy = policy_registry.get_by_type(model)
    return all(policy.user_has_permission(user, action) for action in actions)


class ModerationPermissionRequiredMixin:
    """Refuse a chooser view (403) to anyone without the model's change permission."""

    def dispatch(self, request, *args, **kwargs):
        if not user_may(request.user, self.model_class, "change"):
            return forbidden()
        return super().dispatch(request, *args, **kwargs)


class ModeratedChooseView(ModerationPermissionRequiredMixin, chooser.ChooseView):
    pass


class ModeratedChooseResultsView(ModerationPermissionRequiredMixin, chooser.ChooseResultsView):
    pass


class ModeratedChosenView(ModerationPermissionRequiredMixin, chooser.SnippetChosenView):
    pass


class ModeratedChosenMultipleView(
    ModerationPermissionRequiredMixin, chooser.SnippetChosenMultipleView
):
    pass


class ModeratedCreateView(ModerationPermissionRequiredMixin, chooser.SnippetCreateView):
    """Gated too, although the policy refuses "add" to everyone anyway."""


class ModeratedChooserViewSet(chooser.SnippetChooserViewSet):
    """A chooser whose every view (list, search, chosen, chosen-multiple) is gated."""

    choose_view_class = ModeratedChooseView
    choose_results_view_class = ModeratedChooseResultsView
    chosen_view_class = ModeratedChosenView
    chosen_multiple_view_class = ModeratedChosenMultipleView
    create_view_class = ModeratedCreateView


class ModeratedBulkActionMixin:
    """Bulk actions on a moderated model: 403 unless the user may act on every object.

    Wagtail's confirm page lists "items with no access" by title; for submissions that
    list is itself a leak, so any object the user may not change refuses the whole page.
    """

    permissions_required = ("change",)

    def dispatch(self, request, *args, **kwargs):
        if not user_may(request.user, self.model, *self.permissions_required):
            return forbidden()
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden()

    def check_perm(self, obj):
        policy = policy_registry.get_by_type(self.model)
        return all(
            policy.user_has_permission_for_instance(self.request.user, action, obj)
            for action in self.permissions_required
        )

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        if extra.get("items_with_no_access"):
            raise PermissionDenied
        return objects, extra


class ModeratedDeleteBulkAction(ModeratedBulkActionMixin, DeleteBulkAction):
    """Bulk "Supprimer" erases, like the author's withdrawal: no log entry, no index row left."""

    permissions_required = ("change", "delete")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return erase(objects, user=user), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


class ModeratedEditAction(EditAction):
    """Wagtail's edit, logged under a label without author text ("Témoignage n°12").

    Wagtail labels log entries with ``str(instance)``, i.e. the author's title, which the
    site history would then show; the status itself is changed by the moderation actions.
    """

    def __init__(self, *args, log_action="wagtail.edit", **kwargs):
        super().__init__(*args, log_action=False, **kwargs)
        self.moderation_log_action = log_action

    def _edit(self, skip_permission_checks=False):
        instance = super()._edit(skip_permission_checks=skip_permission_checks)
        if self.moderation_log_action:
            log(
                instance=instance,
                action=self.moderation_log_action,
                user=self.user,
                title=instance.get_log_label(),
                content_changed=self.content_changed,
            )
        return instance


class ModeratedEditView(EditView):
    action_class = ModeratedEditAction


class ModeratedDeleteView(DeleteView):
    """Deleting a submission erases it, like the author's withdrawal: no ``wagtail.delete``
    entry keeps its title in the site history."""

    def delete_action(self):
        # Named before erasing: once deleted, the object has no primary key to name it by.
        self.erased_label = self.object.get_log_label()
        erase([self.object], user=self.request.user)

    def get_success_message(self):
        label = getattr(self, "erased_label", None) or self.object.get_log_label()
        return _("%(kind)s effacé(e), avec tout ce qui s'y rapportait.") % {"kind": label}


class ModeratedSnippetViewSet(RefuseWith403Mixin, SnippetViewSet):
    """Admin of a moderated model: only users with its permissions reach any of its data.

    - no "Ajouter" or "Copier" (the policy refuses "add" to everyone; no copy URL);
    - no chooser unless ``chooser_enabled`` (then every chooser view is gated);
    - delete, single or bulk, goes through ``actions.erase``, like the author's withdrawal;
    - every bulk action the app adds should extend ``ModeratedBulkActionMixin``.
    """

    copy_view_enabled = False
    inspect_view_enabled = False
    chooser_enabled = False
    chooser_viewset_class = ModeratedChooserViewSet
    edit_view_class = ModeratedEditView
    delete_view_class = ModeratedDeleteView

    def on_register(self):
        if policy_registry.get_by_type(self.model, fallback=False) is None:
            register_permission_policy(
                self.model, ModeratedPermissionPolicy(self.model), exact_class=True
            )
        super().on_register()
        # Replaces Wagtail's snippet bulk delete (a plain queryset delete) for this model;
        # a later order wins in the bulk action registry.
        erase_bulk_action = type(
            f"Erase{self.model.__name__}BulkAction",
            (ModeratedDeleteBulkAction,),
            {"models": [self.model]},
        )
        hooks.register("register_bulk_action", erase_bulk_action, order=100)

    def register_chooser_viewset(self):
        if self.chooser_enabled:
            super().register_chooser_viewset()

    @property
    def chooser_viewset(self):
        if not self.chooser_enabled:
            return None
        return super().chooser_viewset
