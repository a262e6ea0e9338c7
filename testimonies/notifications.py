"""Every e-mail of the testimonies app, in one place.

None carries anything an author wrote (title, story, pseudonym): a story may hold health
data, and an address typed wrong reaches a stranger. An author's address is written to
once to be confirmed; only a confirmed address hears anything else, and no address hears
more than a few messages a day (``fabrique.submissions.mail``). Links name the site's
public address (its Wagtail Site record), never a port guessed here.
"""

from django.utils.translation import gettext as _

from fabrique.moderation.models import ModerationStatus
from fabrique.moderation.notifications import notify_moderators
from fabrique.submissions.mail import (
    confirmation_args,
    mail_sender,
    register_message,
    site_name,
)
from fabrique.web.site_url import public_url

from .models import Testimony, TestimonyContact, TestimonyIndexPage

CONFIRM_SALT = "testimonies.confirm-email"


def _index_page():
    return TestimonyIndexPage.objects.live().first()


# The receivers of ``fabrique.moderation.signals``, connected by TestimoniesConfig.ready():
# each runs once the change it follows is committed.


def notify_moderators_new_testimony(sender, **kwargs) -> None:
    """Tell moderators a story waits; only a link to the admin, which checks permissions."""
    notify_moderators(
        sender,
        _("Nouveau témoignage à modérer"),
        _("Un nouveau témoignage attend une relecture : %(url)s"),
    )


KIND_CONFIRM = "testimonies.confirm-email"
KIND_PUBLISHED = "testimonies.published"


def send_email_confirmation(sender, instance, **kwargs) -> None:
    """Right after a story is sent with an address: ask to confirm it, nothing more."""
    contact = getattr(instance, "contact", None)
    if contact is not None and contact.email:
        mail_sender(KIND_CONFIRM, instance.pk)


def notify_author_published(sender, instance, first_time, **kwargs) -> None:
    """Tell the author their story is online, the first time only: the link only, and only
    to a confirmed address. A mail failure never undoes the publication."""
    if first_time:
        mail_sender(KIND_PUBLISHED, instance.pk, capped=False)


# The messages themselves, written by the task worker when it sends (see
# ``fabrique.submissions.mail.register_message``): each reads the story as it is then.


def confirmation_message(testimony_id: int, detail: str = ""):
    contact = TestimonyContact.objects.filter(pk=testimony_id).exclude(email="").first()
    if contact is None or contact.email_confirmed_at is not None:
        return None
    page = _index_page()
    if page is None:
        return None
    args = confirmation_args(CONFIRM_SALT, contact.pk, contact.email)
    url = public_url(page, page.reverse_subpage("confirm", args=args))
    return (
        contact.email,
        _("Confirmez votre adresse e-mail"),
        _(
            "Bonjour,\n\nCette adresse a été indiquée lors de l'envoi d'un témoignage sur le "
            "site %(site)s. Pour être prévenu·e de sa publication, confirmez-la en ouvrant ce "
            "lien (valable 14 jours) :\n\n%(url)s\n\nSans confirmation, nous ne vous écrirons "
            "plus. Si vous n'êtes pas à l'origine de cet envoi, ignorez simplement ce message."
        )
        % {"site": site_name(page), "url": url},
    )


def published_message(testimony_id: int, detail: str = ""):
    testimony = Testimony.objects.select_related("contact").filter(pk=testimony_id).first()
    contact = getattr(testimony, "contact", None) if testimony else None
    if not contact or not contact.email or contact.email_confirmed_at is None:
        return None
    if testimony.status != ModerationStatus.PUBLISHED:  # withdrawn or unpublished since
        return None
    page = _index_page()
    if page is None:
        return None
    url = public_url(page, page.reverse_subpage("detail", args=[str(testimony.uuid)]))
    return (
        contact.email,
        _("Votre témoignage est publié"),
        _(
            "Bonjour,\n\nVotre témoignage est désormais publié sur le site %(site)s :\n\n"
            "%(url)s\n\nVous pouvez le retirer à tout moment avec le lien privé affiché lors "
            "de l'envoi.\n\nMerci de votre confiance."
        )
        % {"site": site_name(page), "url": url},
    )


def register_messages() -> None:
    """Called when the app loads: the mail package writes these at send time."""
    register_message(KIND_CONFIRM, confirmation_message)
    register_message(KIND_PUBLISHED, published_message)
