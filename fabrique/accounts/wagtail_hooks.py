"""The admin's staff-access pieces: the second factor's screens, the page chooser's limits,
and the deletion policy's hooks (registered when ``deletion`` is imported)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from fabrique.accounts import deletion  # noqa: F401  (the deletion policy's hooks)
from fabrique.accounts.admin_guards import chooser_pages_for
from fabrique.accounts.second_factor_views import second_factor, second_factor_of_user


@hooks.register("register_admin_urls")
def register_second_factor_url():
    return [
        path("compte/double-authentification/", second_factor, name="fabrique_second_factor"),
        path(
            "compte/double-authentification/<int:pk>/",
            second_factor_of_user,
            name="fabrique_second_factor_of_user",
        ),
    ]


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    """Compte → Plus d'actions → « Double authentification » (accounts/second_factor_views.py)."""
    return {
        "url": reverse("fabrique_second_factor"),
        "label": _("Double authentification"),
        "help_text": _("Un code de votre téléphone en plus du mot de passe (facultatif)."),
    }


@hooks.register("register_user_listing_buttons")
def second_factor_user_button(user, request_user):
    """Users list → « … » → « Double authentification » (superusers: status, removal)."""
    if not request_user.is_superuser or user.pk == request_user.pk:
        return []
    url = reverse("fabrique_second_factor_of_user", args=[user.pk])
    return [Button(_("Double authentification"), url=url, icon_name="lock", priority=90)]


# Accounts without page rights see only published pages in the page chooser.
hooks.register("construct_page_chooser_queryset", chooser_pages_for)
