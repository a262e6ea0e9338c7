"""An account guessed at from many addresses: its holder is told, not locked out.

django-axes locks a client address, and an (account, address) pair, after a few wrong
passwords (``AXES_LOCKOUT_PARAMETERS``). It no longer locks an account alone: anyone could
otherwise send five wrong passwords for an editor's name, from anywhere, every quarter of
an hour, and keep that editor out of the site for as long as they liked. Guessing from many
addresses at once is what a lock on the account alone stopped; here it is answered by
telling the account's holder, who can choose a stronger password or turn the second factor
on, while still logging in normally from their own address.

Every failed login for an existing active account with an e-mail address (a wrong password,
or a wrong second-factor code: both send Django's ``user_login_failed``) is counted in the
shared cache, per account, over ``FABRIQUE_LOGIN_ALERT_RATE`` (``10/d``: ten in a day).
Reaching the count enqueues one e-mail (``send_login_alert``) through the task backend, as
the other staff e-mails are; a marker in the cache keeps it to one e-mail per account and
period however long the guessing goes on. Names that are no account are not counted: they
would only fill the cache. Nothing here names the addresses the guesses came from.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from django_tasks import task

logger = logging.getLogger(__name__)

GROUP = "login-failures-account"


def _rate() -> str:
    rate = getattr(settings, "FABRIQUE_LOGIN_ALERT_RATE", "")
    return "" if not rate or rate == "0" else rate


def _account_key(user_pk: int) -> str:
    return hashlib.sha256(f"{GROUP}|{user_pk}".encode()).hexdigest()


def _account_pk(credentials) -> int | None:
    model = get_user_model()
    username = (credentials or {}).get(model.USERNAME_FIELD) or (credentials or {}).get("username")
    if not isinstance(username, str) or not username:
        return None
    return (
        model._default_manager.filter(**{model.USERNAME_FIELD: username}, is_active=True)
        .exclude(email="")
        .values_list("pk", flat=True)
        .first()
    )


def count_login_failure(sender, credentials=None, request=None, **kwargs) -> None:
    """``user_login_failed`` receiver: count, and enqueue the alert once the count is reached."""
    rate = _rate()
    if request is None or not rate:
        return
    user_pk = _account_pk(credentials)
    if user_pk is None:
        return
    key = _account_key(user_pk)
    usage = get_usage(
        request, group=GROUP, key=lambda group, request: key, rate=rate, method=ALL, increment=True
    )
    if not usage or not usage["limit"] or usage["count"] < usage["limit"]:
        return
    # The counter's window is the period: one marker until it ends. cache.add is the "once":
    # a second worker reaching the count at the same moment adds nothing.
    if cache.add(f"{GROUP}-alerted|{key}", True, max(1, usage["time_left"])):
        send_login_alert.enqueue(user_pk=user_pk, failures=usage["count"])


@task()
def send_login_alert(user_pk: int, failures: int) -> int:
    """E-mail the account's holder, in French, that someone is guessing their password."""
    user = (
        get_user_model()
        ._default_manager.filter(pk=user_pk, is_active=True)
        .exclude(email="")
        .first()
    )
    if user is None:
        return 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        when = timezone.localtime().strftime("%d/%m/%Y %H:%M")
        username = user.get_username()
        subject = gettext("Tentatives de connexion à votre compte %(username)s") % {
            "username": username
        }
        lines = [
            gettext("Bonjour,"),
            "",
            ngettext(
                "%(failures)s tentative de connexion à votre compte « %(username)s » a échoué "
                "récemment (mot de passe ou code de vérification erroné), la dernière le "
                "%(when)s.",
                "%(failures)s tentatives de connexion à votre compte « %(username)s » ont échoué "
                "récemment (mot de passe ou code de vérification erroné), la dernière le "
                "%(when)s.",
                failures,
            )
            % {"failures": failures, "username": username, "when": when},
            "",
            gettext(
                "Votre compte n'est pas bloqué : vous pouvez continuer à vous connecter "
                "normalement. Les adresses d'où viennent ces essais sont, elles, suspendues "
                "après quelques erreurs."
            ),
            "",
            gettext(
                "Si ce n'était pas vous, quelqu'un cherche votre mot de passe. Choisissez-en un "
                "long, que vous n'utilisez nulle part ailleurs (Compte › Mot de passe) :"
            ),
            base + reverse("wagtailadmin_account"),
            gettext("et activez la double authentification :"),
            base + reverse("fabrique_second_factor"),
            "",
            gettext("Si c'était vous, vous pouvez ignorer ce message."),
            "",
            gettext(
                "Vous ne recevrez pas d'autre message de ce genre pour ce compte avant un moment, "
                "même si les essais continuent."
            ),
        ]
        # Neither the addresses nor the names tried: the e-mail carries no one else's data.
        logger.warning("Tentatives de connexion répétées sur un compte : alerte envoyée.")
        return send_mail(subject, "\n".join(lines), None, [user.email])
