"""Admin doors that Wagtail leaves ajar for accounts with no right on pages.

Modérateurs (and Relecteurs soignants outside their review step) hold no page permission,
yet Wagtail's page chooser lists every page by its latest draft title, and the bulk
action confirm pages list the titles of the pages named in the address, drafts included.
For such accounts:

- the chooser lists only pages anyone can read (live, public, without unpublished
  changes, so the title shown is the published one): ``chooser_pages_for``, registered
  as ``construct_page_chooser_queryset``;
- browsing into, or "choosing", a page outside that list answers 403, and so does every
  bulk action on pages: ``PageListingGuardMiddleware``.

Logging out is also here: Wagtail's logout view deletes the session cookie whatever the
method, so a cross-site ``GET /admin/logout/`` (an image, a link) signed an editor out.
``AdminLogoutView`` logs out on POST only (the admin's own menu posts a form with its
CSRF token) and answers GET with a page that asks to confirm.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import LogoutView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from fabrique.accounts.page_permissions import subtree_ever_published

PAGE_ACTIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}

CHOOSER_BROWSE_CHILD = "wagtailadmin_choose_page_child"
CHOOSER_CHOSEN_MULTIPLE = "wagtailadmin_choose_page_chosen_multiple"
BULK_ACTION = "wagtail_bulk_action"
CHOOSER_ROOT = "wagtailadmin_choose_page"
ADMIN_API_PAGE_ACTION = "wagtailadmin_api:pages:action"


def has_page_rights(user) -> bool:
    """True for superusers and anyone whose groups hold a permission on some page."""
    if not user.is_authenticated:
        return False
    return page_permission_policy.user_has_any_permission(user, PAGE_ACTIONS)


def readable_pages(pages):
    """Pages whose title anyone may read on the public site.

    Pages with unpublished changes are left out by path: the chooser shows the latest draft
    title, and its search accepts filters only on indexed fields (path is one, the
    ``has_unpublished_changes`` flag is not).
    """
    pending = (
        Page.objects.live().filter(has_unpublished_changes=True).values_list("path", flat=True)
    )
    return pages.live().public().exclude(path__in=list(pending))


def chooser_pages_for(pages, request):
    """construct_page_chooser_queryset: nothing unpublished for accounts without page rights."""
    if has_page_rights(request.user):
        return pages
    return readable_pages(pages)


class PageListingGuardMiddleware:
    """403 on the page chooser's views that name a page by id, and on bulk page actions,
    for accounts without page rights (the root of the chooser stays open: its list goes
    through ``chooser_pages_for``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name == ADMIN_API_PAGE_ACTION:
            return self.api_action(view_kwargs)
        if (
            match is not None
            and match.url_name == CHOOSER_ROOT
            and request.GET.get("page_type")
            and not has_page_rights(request.user)
        ):
            # Restricted to a page type, the chooser opens on the pages' common ancestor,
            # drafts included, and shows its draft title.
            raise PermissionDenied
        if match is None or match.url_name not in {
            CHOOSER_BROWSE_CHILD,
            CHOOSER_CHOSEN_MULTIPLE,
            BULK_ACTION,
        }:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or has_page_rights(user):
            return None
        if match.url_name == BULK_ACTION:
            if (view_kwargs.get("app_label"), view_kwargs.get("model_name")) == (
                "wagtailcore",
                "page",
            ):
                raise PermissionDenied
            return None
        if match.url_name == CHOOSER_BROWSE_CHILD:
            ids = [view_kwargs.get("parent_page_id")]
        else:
            ids = request.GET.getlist("id")
        try:
            ids = {int(pk) for pk in ids}
        except (TypeError, ValueError):
            raise PermissionDenied from None
        root = Page.get_first_root_node()
        allowed = set(readable_pages(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        if root is not None and root.pk in ids:
            allowed.add(root.pk)
        if ids - allowed:
            raise PermissionDenied
        return None

    @staticmethod
    def api_action(view_kwargs):
        """The admin API deletes without the delete view's hooks: a page that is or was
        public goes only through the view that asks for a reason (fabrique/accounts/deletion.py)."""
        if view_kwargs.get("action_name") != "delete":
            return None
        page = Page.objects.filter(pk=view_kwargs.get("pk")).first()
        if page is not None and subtree_ever_published(page):
            raise PermissionDenied
        return None


class AdminLogoutView(LogoutView):
    """Log out on POST only; GET shows a confirmation form and leaves the session alone."""

    template_name = "accounts/admin/logout_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            return super().dispatch(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return self.http_method_not_allowed(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        return TemplateResponse(request, self.template_name, {"page_title": _("Se déconnecter")})


def forbidden() -> HttpResponseForbidden:
    """A plain 403. Wagtail's own refusal redirects to the dashboard with a message; here the
    answer says plainly that the door is closed, and carries nothing about any story."""
    return HttpResponseForbidden(
        gettext("Accès refusé : seule l'équipe de modération peut consulter ces contributions."),
        content_type="text/plain; charset=utf-8",
    )


def refuse_with_403(view_func):
    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        try:
            return view_func(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden()

    return wrapped


class RefuseWith403Mixin:
    """For a viewset: every view answers a plain 403 instead of Wagtail's redirect."""

    def construct_view(self, view_class, **kwargs):
        return refuse_with_403(super().construct_view(view_class, **kwargs))
