"""Every e-mail about answers to calls, in one place.

The contact of an answer hears of each change of its status (reçue, en cours d'examen,
retenue, non retenue, publiée) with their private follow link, and the link to the
Inspir'action once it is published. Messages name the call and the status, never what
the answer says. Links name the site's public address (its Wagtail Site record).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from fabrique.core.roles import MODERATORS
from fabrique.moderation.models import ModerationStatus

STATUS_SENTENCES = {
    ModerationStatus.PENDING: _(
        "Nous avons bien reçu votre fiche. L'équipe va l'examiner et vous tiendra au courant."
    ),
    ModerationStatus.NEEDS_REVIEW: _("Votre fiche est en cours d'examen par notre équipe."),
    ModerationStatus.SELECTED: _(
        "Votre action est retenue : nous préparons une Inspir'action à partir de votre fiche "
        "et pourrons vous contacter pour la compléter."
    ),
    ModerationStatus.REFUSED: _(
        "Votre action n'a pas été retenue pour une publication cette fois-ci. Merci beaucoup "
        "de l'avoir partagée : elle nourrit notre travail."
    ),
    ModerationStatus.PUBLISHED: _("Votre action est publiée sous forme d'Inspir'action."),
}


def public_url(page, path: str = "") -> str:
    full = page.get_full_url() if page is not None else None
    if full:
        return full.rstrip("/") + "/" + path.lstrip("/") if path else full
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + (page.url if page is not None else "/") + path.lstrip("/")


def notify_moderators_new_answer() -> None:
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_contributions_callanswer:list"
    )
    send_mail(
        _("Nouvelle réponse à un appel à contributions"),
        _("Une nouvelle fiche attend un examen : %(url)s") % {"url": admin_url},
        None,
        recipients,
        fail_silently=True,
    )


def notify_status_change(answer_id: int) -> bool:
    """Tell the answer's contact its current status; True when a message left."""
    from .models import CallAnswer
    from .views import follow_token

    answer = CallAnswer.objects.select_related("call", "inspir_action").filter(pk=answer_id).first()
    if answer is None or not answer.email or not answer.notify_contact:
        return False
    sentence = STATUS_SENTENCES.get(answer.status)
    if sentence is None:
        return False
    call = answer.call
    value, signature = follow_token(answer).split(":", 1)
    follow = public_url(call, call.reverse_subpage("follow", args=[value, signature]))
    lines = [
        _("Bonjour,"),
        "",
        _("Votre fiche envoyée pour l'appel « %(call)s » : %(status)s.")
        % {"call": call.title, "status": answer.status_label},
        "",
        str(sentence),
    ]
    inspir = answer.inspir_action
    if answer.status == ModerationStatus.PUBLISHED and inspir is not None and inspir.live:
        lines += ["", _("Votre Inspir'action : %(url)s") % {"url": public_url(inspir)}]
    lines += [
        "",
        _("Suivre votre fiche (lien personnel, ne le partagez pas) : %(url)s") % {"url": follow},
        "",
        call.organisation,
    ]
    send_mail(
        _("Votre fiche « %(call)s » : %(status)s")
        % {"call": call.title, "status": answer.status_label},
        "\n".join(str(line) for line in lines),
        None,
        [answer.email],
        fail_silently=True,
    )
    return True
