"""« Double authentification » in the admin account: turn the second factor on or off.

Turning it on: the page shows a QR code (and the key in text) of a not yet confirmed
authenticator-app device; the user types the code the app shows, which confirms the device,
verifies the current session (or the middleware would log it out) and shows ten backup codes
once. Turning it off, or drawing new backup codes, asks for a current code: a session left
open on a shared computer cannot remove the protection.

A superuser sees, from the users list, whether someone has it on, and can remove it for a
lost phone (after checking the person's identity another way), as ``otp_reset`` does.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from fabrique.accounts.second_factor import (
    backup_codes_for,
    backup_codes_left,
    clean_code,
    has_second_factor,
    qr_code_svg,
    remove_second_factor,
    secret_for_manual_entry,
    verify_code,
)

APP_DEVICE_NAME = "Application d'authentification"
WRONG_CODE = _(
    "Ce code n'est pas valable. Vérifiez l'heure du téléphone, ou attendez le code suivant."
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code de vérification"),
        help_text=_("Le code de votre application, ou l'un de vos codes de secours."),
        max_length=32,
        error_messages={"required": _("Saisissez le code affiché par votre application.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class EnrolCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _(
            "Les 6 chiffres affichés par l'application pour ce compte."
        )


def _render(request, template, context):
    context = {
        "header_title": _("Double authentification"),
        "page_title": _("Double authentification"),
        "header_icon": "lock",
        **context,
    }
    return TemplateResponse(request, template, context)


def _pending_device(user):
    """The device being set up: the same one across reloads, so a scanned QR code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@never_cache
def second_factor(request):
    if has_second_factor(request.user):
        return _manage(request)
    return _enrol(request)


def _enrol(request):
    user = request.user
    device = _pending_device(user)
    form = EnrolCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = False
        with transaction.atomic():
            locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            allowed, _extra = locked.verify_is_allowed()
            if allowed and locked.verify_token(clean_code(form.cleaned_data["code"])):
                locked.confirmed = True
                locked.save()
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                confirmed = True
        if confirmed:
            otp_login(request, locked)
            return _render(
                request,
                "accounts/admin/second_factor_codes.html",
                {"codes": backup_codes_for(user), "just_enabled": True},
            )
        form.add_error("code", WRONG_CODE)
    title = _("QR code à scanner avec votre application d'authentification")
    return _render(
        request,
        "accounts/admin/second_factor_enrol.html",
        {
            "form": form,
            "qr_code": qr_code_svg(device.config_url, title),
            "secret": secret_for_manual_entry(device),
        },
    )


def _manage(request):
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    disable_form = CodeForm(request.POST if action == "disable" else None, prefix="disable")
    codes_form = CodeForm(request.POST if action == "codes" else None, prefix="codes")
    form = disable_form if action == "disable" else codes_form
    if action in ("disable", "codes") and form.is_valid():
        if verify_code(user, form.cleaned_data["code"]) is None:
            form.add_error("code", WRONG_CODE)
        elif action == "disable":
            remove_second_factor(user)
            messages.success(
                request,
                _("Double authentification désactivée : le mot de passe seul suffit désormais."),
            )
            return redirect("fabrique_second_factor")
        else:
            return _render(
                request,
                "accounts/admin/second_factor_codes.html",
                {"codes": backup_codes_for(user), "just_enabled": False},
            )
    return _render(
        request,
        "accounts/admin/second_factor_manage.html",
        {
            "disable_form": disable_form,
            "codes_form": codes_form,
            "codes_left": backup_codes_left(user),
        },
    )


@never_cache
def second_factor_of_user(request, pk):
    """A superuser's view of another account's second factor, with a button to remove it."""
    if not request.user.is_superuser:
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=pk)
    if target.pk == request.user.pk:
        return redirect("fabrique_second_factor")
    enabled = has_second_factor(target)
    if request.method == "POST" and enabled:
        remove_second_factor(target)
        messages.success(
            request,
            _(
                "Double authentification retirée du compte « %(name)s » : son mot de passe seul suffit."
            )
            % {"name": target.get_username()},
        )
        return redirect("fabrique_second_factor_of_user", pk=target.pk)
    return _render(
        request,
        "accounts/admin/second_factor_user.html",
        {"target": target, "enabled": enabled, "codes_left": backup_codes_left(target)},
    )
