"""Password-protected pages and documents: a limited number of wrong tries per client.

Wagtail's password form (``/_util/authenticate_with_password/<restriction>/<page>/``, and
``/documents/authenticate_with_password/<restriction>/`` for a private collection) checks
any number of passwords: 50 wrong tries took 0.4 s. These views come first in the URLs,
at the same addresses, and hand over to Wagtail's own view while a client has fewer than
``FABRIQUE_PRIVATE_PASSWORD_RATE`` (10 every 15 minutes) wrong tries for one
restriction. Beyond that the form comes back, status 429, with a French message, and the
password is not even compared. A right password is never counted; counters live in the
shared cache, keyed by the client address (``client_ip``) and the restriction.
"""

from django.conf import settings
from django.forms.utils import ErrorDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from fabrique.web.client_ip import get_client_ip

GROUP = "private-password"


def _usage(request, kind: str, restriction_id: int, increment: bool):
    client = get_client_ip(request)
    return get_usage(
        request,
        group=GROUP,
        key=lambda group, request: f"{client}|{kind}|{restriction_id}",
        rate=settings.FABRIQUE_PRIVATE_PASSWORD_RATE,
        method=ALL,
        increment=increment,
    )


def _too_many(request, kind: str, restriction_id: int) -> bool:
    usage = _usage(request, kind, restriction_id, increment=False)
    return bool(usage) and usage["count"] >= usage["limit"]


def _refused_form(request, restriction):
    """The form, bound to the return address only, with the French message and no check."""
    form = PasswordViewRestrictionForm(
        {"return_url": request.POST.get("return_url", "")}, instance=restriction
    )
    form._errors = ErrorDict()
    form.cleaned_data = {}
    form.add_error(
        None,
        _("Trop de mots de passe erronés depuis votre connexion. Réessayez dans un quart d'heure."),
    )
    return form


def _is_local_path(url: str) -> bool:
    return (
        url.startswith("/")
        and not url.startswith("//")
        and "\\" not in url
        and not any(ord(ch) < 32 or ord(ch) == 127 for ch in url)
    )


def _keep_return_url_on_site(request, fallback: str) -> None:
    """Wagtail redirects to the posted ``return_url`` with Django's ``redirect()``, which
    reads a value without "/" or "." as the name of a view: « abc » raised NoReverseMatch
    (a 500), and a line break would break the header. The form only ever sends the path
    of the page that asked for the password; anything else returns to ``fallback``."""
    if _is_local_path(request.POST.get("return_url", "")):
        return
    data = request.POST.copy()
    data["return_url"] = fallback
    request.POST = data


def _is_wrong_try(response) -> bool:
    # Wagtail redirects on the right password and answers the form again on a wrong one.
    return response.status_code == 200


def authenticate_with_password(request, page_view_restriction_id, page_id):
    if request.method != "POST":
        return page_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if _too_many(request, "page", page_view_restriction_id):
        restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
        page = get_object_or_404(Page, id=page_id).specific
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        response = page.serve_password_required_response(
            request, _refused_form(request, restriction), action_url
        )
        response.status_code = 429
        return response
    page = Page.objects.filter(id=page_id).first()
    _keep_return_url_on_site(request, page.url if page is not None and page.url else "/")
    response = page_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if _is_wrong_try(response):
        _usage(request, "page", page_view_restriction_id, increment=True)
    return response


def authenticate_document_with_password(request, restriction_id):
    if request.method != "POST":
        return document_views.authenticate_with_password(request, restriction_id)
    if _too_many(request, "document", restriction_id):
        restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
        action_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
        template = getattr(
            settings, "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE", "wagtaildocs/password_required.html"
        )
        context = {"form": _refused_form(request, restriction), "action_url": action_url}
        return TemplateResponse(request, template, context, status=429)
    _keep_return_url_on_site(request, "/")
    response = document_views.authenticate_with_password(request, restriction_id)
    if _is_wrong_try(response):
        _usage(request, "document", restriction_id, increment=True)
    return response
