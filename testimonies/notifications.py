"""Every e-mail of the testimonies app, in one place.

None carries anything an author wrote (title, story, pseudonym): a story may hold health
data, and an address typed wrong reaches a stranger. An author's address is written to
once to be confirmed; only a confirmed address hears anything else. Links name the site's
public address (its Wagtail Site record), never a port guessed here.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from fabrique.core.roles import MODERATORS

CONFIRM_SALT = "testimonies.confirm-email"
# Long enough for someone who reads their mail once a week; the link stays useless to
# anyone once the address is blanked (its digest no longer matches).
CONFIRM_MAX_AGE = 14 * 24 * 60 * 60


def _index_page():
    from .models import TestimonyIndexPage

    return TestimonyIndexPage.objects.live().first()


def _site_name(page) -> str:
    site = page.get_site() if page is not None else None
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")


def public_url(page, path: str = "") -> str:
    """An absolute address on the public site: the page's Site root URL (scheme, host and
    port as the site record says), or WAGTAILADMIN_BASE_URL when no site serves it."""
    full = page.get_full_url() if page is not None else None
    if full:
        return full.rstrip("/") + "/" + path.lstrip("/") if path else full
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + (page.url if page is not None else "/") + path.lstrip("/")


def _email_digest(email: str) -> str:
    return salted_hmac(CONFIRM_SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:20]


def confirmation_args(contact) -> list[str]:
    """The signed, dated confirmation token as three URL segments (Wagtail's page URLs
    allow letters, digits, "-" and "_" only). It names the contact and its address, never
    the withdrawal token: whoever receives a mistyped address cannot withdraw a story."""
    token = signing.dumps([contact.pk, _email_digest(contact.email)], salt=CONFIRM_SALT)
    return token.split(":")


def contact_from_confirmation(payload: str, stamp: str, signature: str):
    """The contact a confirmation link names, or None (forged, expired, address erased)."""
    from .models import TestimonyContact

    try:
        pk, digest = signing.loads(
            f"{payload}:{stamp}:{signature}", salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None
    contact = TestimonyContact.objects.filter(pk=pk).exclude(email="").first()
    if contact is None or _email_digest(contact.email) != digest:
        return None
    return contact


def notify_moderators_new_testimony() -> None:
    """Tell moderators a story waits; only a link to the admin, which checks permissions."""
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_testimonies_testimony:list"
    )
    send_mail(
        _("Nouveau témoignage à modérer"),
        _("Un nouveau témoignage attend une relecture : %(url)s") % {"url": admin_url},
        None,
        recipients,
        fail_silently=True,
    )


def send_email_confirmation(testimony_id: int) -> None:
    """Right after a story is sent with an address: ask to confirm it, nothing more."""
    from .models import TestimonyContact

    contact = TestimonyContact.objects.filter(pk=testimony_id).exclude(email="").first()
    if contact is None or contact.email_confirmed_at is not None:
        return
    page = _index_page()
    if page is None:
        return
    url = public_url(page, page.reverse_subpage("confirm", args=confirmation_args(contact)))
    send_mail(
        _("Confirmez votre adresse e-mail"),
        _(
            "Bonjour,\n\nCette adresse a été indiquée lors de l'envoi d'un témoignage sur le "
            "site %(site)s. Pour être prévenu·e de sa publication, confirmez-la en ouvrant ce "
            "lien (valable 14 jours) :\n\n%(url)s\n\nSans confirmation, nous ne vous écrirons "
            "plus. Si vous n'êtes pas à l'origine de cet envoi, ignorez simplement ce message."
        )
        % {"site": _site_name(page), "url": url},
        None,
        [contact.email],
        fail_silently=True,
    )


def notify_author_published(testimony_id: int) -> None:
    """Tell the author their story is online: the link only, and only to a confirmed address.

    Runs after the publication is committed; a mail failure never undoes it.
    """
    from .models import Testimony

    testimony = Testimony.objects.select_related("contact").filter(pk=testimony_id).first()
    contact = getattr(testimony, "contact", None) if testimony else None
    if not contact or not contact.email or contact.email_confirmed_at is None:
        return
    page = _index_page()
    if page is None:
        return
    url = public_url(page, page.reverse_subpage("detail", args=[str(testimony.uuid)]))
    send_mail(
        _("Votre témoignage est publié"),
        _(
            "Bonjour,\n\nVotre témoignage est désormais publié sur le site %(site)s :\n\n"
            "%(url)s\n\nVous pouvez le retirer à tout moment avec le lien privé affiché lors "
            "de l'envoi.\n\nMerci de votre confiance."
        )
        % {"site": _site_name(page), "url": url},
        None,
        [contact.email],
        fail_silently=True,
    )
