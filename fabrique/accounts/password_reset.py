"""The admin's "mot de passe oublié" form: same work for every address, sent by the task worker.

Wagtail's form (Django's underneath) looks the address up and sends the e-mail inside the
request: with a slow mail server an address that belongs to a member of staff answered in
255 ms, an unknown one in 7 ms, and nothing stopped 16 e-mails in a row to one inbox.

Here the request only counts the attempt and enqueues one task with the address typed,
known or not; the task (``send_password_reset``) looks the accounts up and sends. With the
database task backend (production's default, ``TASKS_BACKEND``) the worker does that
after the answer has left, so the answer takes the same time for every address. With the
immediate backend (development, tests) the task still runs inside the request.

Beyond ``FABRIQUE_PASSWORD_RESET_RATE_PER_ADDRESS`` (3 an hour) for one address, or
``FABRIQUE_PASSWORD_RESET_RATE_PER_CLIENT`` (10 an hour) from one client address, no task
is enqueued, and the answer is the same "check your e-mail" page: a 429 would tell nothing
about the account either, but the same page keeps one answer for every case. The counters
live in the shared cache (docs/architecture.md « Cache »); the address is only part of a hashed
cache key.
"""

import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm

from fabrique.web.client_ip import ratelimit_key

logger = logging.getLogger(__name__)


def _address_key(email: str):
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return lambda group, request: digest


def reset_allowed(request, email: str) -> bool:
    """Count this attempt for the address and for the client; False once either is over."""
    if request is None:
        return True
    over = False
    for group, key, rate in (
        (
            "password-reset-address",
            _address_key(email),
            settings.FABRIQUE_PASSWORD_RESET_RATE_PER_ADDRESS,
        ),
        ("password-reset-client", ratelimit_key, settings.FABRIQUE_PASSWORD_RESET_RATE_PER_CLIENT),
    ):
        # Both counters move on every attempt, so neither tells anything about the other.
        usage = get_usage(request, group=group, key=key, rate=rate, method=ALL, increment=True)
        over = over or bool(usage and usage["should_limit"])
    if over:
        # Neither the address typed nor the client's: the log keeps no personal data.
        logger.warning("Demande de réinitialisation de mot de passe au-delà de la limite")
    return not over


@task()
def send_password_reset(
    email: str,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None = None,
    from_email: str | None = None,
) -> None:
    """Look the active accounts with this address up and e-mail each its one-use link.

    The link's address comes from ``WAGTAILADMIN_BASE_URL``, never from the request's Host
    header (the worker has no request, and a forged Host must not choose where the link
    points).
    """
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(settings.LANGUAGE_CODE):
        form.save(
            domain_override=base.netloc,
            use_https=base.scheme == "https",
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
        )


class QueuedPasswordResetForm(PasswordResetForm):
    """``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``: counts, enqueues, looks nothing up."""

    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        token_generator=None,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ):
        email = self.cleaned_data["email"]
        if not reset_allowed(request, email):
            return
        send_password_reset.enqueue(
            email=email,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
        )
