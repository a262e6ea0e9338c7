"""Deleting pages as an editorial policy, not as a side effect of the right to edit.

Wagtail lets anyone who may change pages delete every page that is not live, someone
else's draft waiting for review included, and lets a publisher delete a live page with
one click. Deletion is final: the page, its revisions and its comments are gone, and
Wagtail 8 keeps no trash. So here:

- a Contributeur deletes only their own pages that were never published (owner is the
  user, the page is not live and has no first publication date), and so for every page
  under it;
- deleting a page that is or has been published is for those who may publish
  (Éditeurs, superusers), one page at a time, with a reason written in the page's log
  (the log entries of a deleted page stay, in the site history);
- the bulk delete of the page listing removes only pages that were never published.

The rule lives in one place, ``FabriquePagePermissionTester.can_delete``: the delete
buttons, the delete view, the bulk action and ``DeletePageAction`` all ask it.
"""

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.utils import type_to_delete_confirmation
from wagtail.log_actions import LogFormatter, log
from wagtail.models import ReferenceIndex

from fabrique.accounts.page_permissions import subtree_ever_published

DELETE_REASON = "fabrique.delete_reason"
# The same reason on the parent page: Wagtail shows a deleted page's entries in the site
# history only to those who may add pages at the root (superusers here), while the
# parent's history stays readable by the Éditeurs.
CHILD_DELETED = "fabrique.child_deleted"


class DeleteReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison de la suppression"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_(
            "Inscrite, avec votre nom, dans l'historique de la page et de sa rubrique : "
            "pourquoi elle disparaît (doublon, demande d'une personne citée, erreur…)."
        ),
        error_messages={"required": _("Dites pourquoi cette page est supprimée.")},
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Dites pourquoi cette page est supprimée."))
        return reason


# Last of the before_delete_page hooks: an app's own hook may still keep the page
# (a call that has answers); the reason is written only when nothing else refused.
@hooks.register("before_delete_page", order=100)
def ask_for_a_reason(request, page):
    """A page that is or was public goes only with a reason, written in its log.

    The entry is written in the delete view's transaction: if the deletion fails
    (a protected reference), the entry goes with it.
    """
    if not subtree_ever_published(page):
        return None
    form = DeleteReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and type_to_delete_confirmation(request):
        data = {
            "reason": form.cleaned_data["reason"],
            "page_id": page.pk,
            "title": page.get_admin_display_title(),
            "pages": page.get_descendant_count() + 1,
        }
        log(instance=page, action=DELETE_REASON, user=request.user, data=data)
        parent = page.get_parent()
        if not parent.is_root():
            log(instance=parent, action=CHILD_DELETED, user=request.user, data=data)
        return None
    descendant_count = page.get_descendant_count()
    usage = ReferenceIndex.get_references_to(page).group_by_source_object()
    next_url = get_valid_next_url_from_request(request)
    return TemplateResponse(
        request,
        "accounts/admin/confirm_delete_with_reason.html",
        {
            "page": page,
            "form": form,
            "next": next_url,
            "descendant_count": descendant_count,
            "model_opts": page._meta,
            "usage_url": reverse("wagtailadmin_pages:usage", args=(page.id,))
            + "?describe_on_delete=1",
            "usage_count": usage.count(),
            "is_protected": usage.is_protected,
            "type_to_confirm_before_delete": (descendant_count + 1)
            >= getattr(settings, "WAGTAILADMIN_UNSAFE_PAGE_DELETION_LIMIT", 10),
            "wagtail_site_name": getattr(settings, "WAGTAIL_SITE_NAME", "wagtail"),
            "can_unpublish": page.live and page.permissions_for_user(request.user).can_unpublish(),
        },
    )


class NeverPublishedDeleteBulkAction(DeleteBulkAction):
    """The listing's bulk delete, for pages that were never published.

    A page that is or was public is deleted one at a time, from its own delete page,
    which asks for the reason; the confirmation lists it apart and says so.
    """

    template_name = "accounts/admin/confirm_bulk_delete.html"

    def check_perm(self, page):
        return super().check_perm(page) and not subtree_ever_published(page)


# After Wagtail's own registration (order 0), so this one replaces it for pages.
hooks.register("register_bulk_action", NeverPublishedDeleteBulkAction, order=100)


class DeleteReasonFormatter(LogFormatter):
    """ "Raison de la suppression : doublon de …", in the page history and the site history."""

    label = _("Raison de la suppression")

    def format_message(self, log_entry):
        return _("Raison de la suppression : %(reason)s") % {
            "reason": log_entry.data.get("reason", "")
        }


class ChildDeletedFormatter(LogFormatter):
    """ "Sous-page « … » supprimée : doublon de …", in the parent page's history."""

    label = _("Sous-page supprimée")

    def format_message(self, log_entry):
        return _("Sous-page « %(title)s » supprimée : %(reason)s") % {
            "title": log_entry.data.get("title", ""),
            "reason": log_entry.data.get("reason", ""),
        }


@hooks.register("register_log_actions")
def register_delete_reason(actions):
    actions.register_action(DELETE_REASON)(DeleteReasonFormatter)
    actions.register_action(CHILD_DELETED)(ChildDeletedFormatter)
