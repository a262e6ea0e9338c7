from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff access: second factor, password reset, admin guards, deletion policy, roles.

    No models of its own (the second factor's devices are django-otp's); it sits right of
    ``web`` and left of ``core`` (docs/architecture.md, « Couches »).
    """

    name = "fabrique.accounts"
    label = "fabrique_accounts"
    verbose_name = _("Comptes de l'équipe")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from fabrique.accounts.login_alerts import count_login_failure

        # An account guessed at from many addresses: its holder gets an e-mail.
        user_login_failed.connect(count_login_failure, dispatch_uid="fabrique-login-alerts")
