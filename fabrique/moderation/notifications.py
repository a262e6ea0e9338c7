"""The one e-mail moderators receive: a submission of some kind waits for them.

Every moderated kind sends the same notice, in its own words: the kind passes its subject
and sentence, this module finds who moderates and where the kind's admin list is. The
message carries only that link, never what the author wrote (the admin checks who may
read it), and goes to the active members of the moderators' group that have an address.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from fabrique.accounts.roles import MODERATORS


def moderator_addresses() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def admin_list_url(model) -> str:
    """The absolute address of the admin list of ``model`` (a registered snippet)."""
    path = reverse(model.snippet_viewset.get_url_name("list"))
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_moderators(model, subject: str, sentence: str) -> None:
    """Tell moderators a submission of ``model`` waits; ``sentence`` holds ``%(url)s``,
    where the link to the kind's admin list goes. A mail failure is silent: the
    submission is stored, and the admin list shows it anyway."""
    recipients = moderator_addresses()
    if not recipients:
        return
    send_mail(
        subject,
        sentence % {"url": admin_list_url(model)},
        None,
        recipients,
        fail_silently=True,
    )
