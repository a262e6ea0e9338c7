"""E-mails about a testimony; none carries the story itself (it may hold health data)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _


def notify_author_published(testimony_id: int) -> None:
    """Tell the author, if they left an e-mail, that their story is online.

    Runs after the publication is committed; a mail failure never undoes it.
    """
    from .models import Testimony

    testimony = Testimony.objects.select_related("contact").filter(pk=testimony_id).first()
    contact = getattr(testimony, "contact", None) if testimony else None
    if not contact or not contact.email:
        return
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + testimony.get_url()
    send_mail(
        _("Votre témoignage est publié"),
        _(
            "Bonjour,\n\nVotre témoignage « %(title)s » est désormais publié sur le site de "
            "La Fabrique des Soignants : %(url)s\n\nVous pouvez le retirer à tout moment avec "
            "le lien privé reçu lors de l'envoi.\n\nMerci de votre confiance."
        )
        % {"title": testimony.title, "url": url},
        None,
        [contact.email],
        fail_silently=True,
    )
