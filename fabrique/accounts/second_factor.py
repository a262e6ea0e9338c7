"""An optional second factor for staff: a code from an authenticator app (TOTP), or a backup code.

Built on django-otp. A user with no confirmed device logs in with the password alone, as
before; a user who turned it on (``second_factor_views``) must also type a valid code on
Wagtail's own login page. ``RequireVerifiedSessionMiddleware`` closes the other doors: an
admin session of such a user that was not verified by a code (made by another path) is
logged out and sent back to the login page.

django-axes keeps counting: a wrong password is counted by ``authenticate()`` as before, and
a wrong code after the right password is reported to axes the same way, so guessing codes
is throttled like guessing passwords (besides django-otp's own per-device delay).
"""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp import devices_for_user
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm

BACKUP_CODE_COUNT = 10
CODE_LABEL = _("Code de vérification (si vous avez activé la double authentification)")


def has_second_factor(user) -> bool:
    """True when the user confirmed an authenticator app: from then on a code is asked."""
    if not getattr(user, "is_authenticated", False):
        return False
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def clean_code(value) -> str:
    """A code as typed: spaces and dashes (« 123 456 ») dropped, letters lower-cased."""
    return "".join(ch for ch in str(value or "") if ch not in " -\t").lower()


def device_for_code(user, code):
    """The device a code is meant for: six digits for the app, anything else a backup code.

    django-otp no longer tries every device in turn (each failure would throttle the
    others), so the device is chosen by the shape of the code; it is locked for update.
    """
    model = TOTPDevice if code.isdigit() else StaticDevice
    device = (
        model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
    )
    return device


def verify_code(user, code):
    """The device that accepts ``code`` (a used backup code is spent), or None."""
    code = clean_code(code)
    if not code:
        return None
    with transaction.atomic():
        device = device_for_code(user, code)
        if device is None:
            return None
        allowed, _extra = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            return device
    return None


class SecondFactorLoginForm(OTPAuthenticationFormMixin, LoginForm):
    """Wagtail's login form with an optional code field (``WAGTAILADMIN_USER_LOGIN_FORM``).

    Wagtail's login template shows every extra field under the password. The code is only
    checked for a user who turned the second factor on; an error is shown beside the field
    and the password typed is kept, so only the code is typed again.
    """

    otp_token = forms.CharField(
        label=CODE_LABEL,
        required=False,
        max_length=32,
        help_text=_(
            "Les 6 chiffres affichés par votre application, ou l'un de vos codes de secours. "
            "Laissez vide si vous ne l'avez pas activée."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _(
            "Ce compte est protégé par la double authentification : saisissez le code de "
            "votre application (ou un code de secours)."
        ),
        "invalid_token": _("Ce code n'est pas valable. Vérifiez-le, ou attendez le suivant."),
        "n_failed_attempts": ngettext_lazy(
            "Après %(failure_count)d code erroné, la vérification est suspendue un instant : "
            "réessayez dans quelques secondes.",
            "Après %(failure_count)d codes erronés, la vérification est suspendue un instant : "
            "réessayez dans quelques secondes.",
            "failure_count",
        ),
        "verification_not_allowed": _(
            "La vérification du code est suspendue un instant : réessayez dans quelques secondes."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's password field has no label of its own: it showed « Password ».
        self.fields["password"].label = _("Mot de passe")

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and has_second_factor(user):
            self.clean_second_factor(user)
        return cleaned_data

    def clean_second_factor(self, user):
        code = clean_code(self.cleaned_data.get("otp_token"))
        user.otp_device = None
        # The password was right: keep it in the form, so only the code is typed again.
        self.fields["password"].widget.render_value = True
        if not code:
            self._refuse("token_required")
        error = None
        with transaction.atomic():
            device = device_for_code(user, code)
            if device is None:
                error = "invalid_token"
            else:
                allowed, extra = device.verify_is_allowed()
                if not allowed:
                    if "failure_count" in extra:
                        self._refuse("n_failed_attempts", extra)
                    self._refuse("verification_not_allowed")
                if device.verify_token(code):
                    # django-otp's user_logged_in receiver stores it in the session.
                    user.otp_device = device
                else:
                    error = "invalid_token"
        if error:
            # Counted by django-axes like a wrong password (its lockout applies to both).
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.cleaned_data.get("username")},
                request=self.request,
            )
            self._refuse(error)

    def _refuse(self, code, params=None):
        message = self.otp_error_messages[code]
        if params:
            message = message % params
        self.add_error("otp_token", forms.ValidationError(message, code=code))
        raise forms.ValidationError(
            _("Connexion refusée : voir le code de vérification ci-dessous."), code=code
        )


class RequireVerifiedSessionMiddleware:
    """Admin pages refuse a session of a user with a second factor that no code verified.

    Such a session can only come from another path than the admin login (a password
    reset, a test helper, an older session from before the factor was turned on): it is
    ended and the user sent to the login page, which asks for the code. Placed after
    ``django_otp.middleware.OTPMiddleware`` (itself after the messages), which sets ``request.user.is_verified()``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.refuses(request):
            next_url = request.get_full_path()
            logout(request)
            messages.info(
                request,
                _(
                    "Pour continuer, connectez-vous avec votre mot de passe et votre code de vérification."
                ),
            )
            return redirect_to_login(next_url, reverse("wagtailadmin_login"))
        return self.get_response(request)

    @staticmethod
    def refuses(request) -> bool:
        prefix = getattr(settings, "FABRIQUE_ADMIN_PATH_PREFIX", "/admin/")
        path = request.path_info
        if not path.startswith(prefix):
            return False
        open_paths = (
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_password_reset"),
        )
        if path.startswith(open_paths):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if user.is_verified():
            return False
        return has_second_factor(user)


def secret_for_manual_entry(device) -> str:
    """The key in base32, in groups of four, for apps where it is typed instead of scanned."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(text: str, title: str) -> str:
    """``text`` as an inline SVG QR code: no script, no style attribute (the admin's CSP).

    qrcode's path factory draws one <path> on a white rectangle (readable in dark mode
    too); the SVG gets a role and an accessible name.
    """
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=4,
    )
    root = image.get_image()
    root.set("width", "240")
    root.set("height", "240")
    root.set("role", "img")
    root.set("aria-label", str(title))
    svg = image.to_string(encoding="unicode")
    # Safe: qrcode builds it from its own elements; the text is only encoded as modules.
    return mark_safe(svg)


def backup_codes_for(user):
    """Ten fresh single-use backup codes; the previous ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Codes de secours", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def backup_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def remove_second_factor(user) -> int:
    """Every device of the user deleted: the password alone works again. Returns how many."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)
