"""Every e-mail about answers to calls, in one place.

The address typed in an answer is first asked to confirm itself: that message carries
the confirmation link only, nothing of the answer nor its follow link. Once confirmed,
the contact hears « reçue », then each change of its status (en cours d'examen, retenue,
non retenue, publiée) with their private follow link, and the link to the Inspir'action
once it is published. An unconfirmed address hears nothing more, and no address hears
more than a few messages a day (``fabrique.submissions.mail``). Messages name the call
and the status, never what the answer says. Links name the site's public address (its
Wagtail Site record).
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

from .models import CallAnswer
from .tokens import follow_token

CONFIRM_SALT = "contributions.confirm-email"

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


# The receivers of ``fabrique.moderation.signals``, connected by ContributionsConfig.ready():
# each runs once the change it follows is committed.


def notify_moderators_new_answer(sender, **kwargs) -> None:
    notify_moderators(
        sender,
        _("Nouvelle réponse à un appel à contributions"),
        _("Une nouvelle fiche attend un examen : %(url)s"),
    )


KIND_CONFIRM = "contributions.confirm-email"
KIND_STATUS = "contributions.status"


def send_email_confirmation(sender, instance, **kwargs) -> None:
    """Right after an answer is sent: ask its address to confirm itself, nothing more.
    « Reçue » and the private follow link go to it only once confirmed."""
    mail_sender(KIND_CONFIRM, instance.pk)


def notify_decision(sender, instance, **kwargs) -> None:
    """A moderator changed the answer's status: its contact hears the new one."""
    notify_status_change(instance.pk)


def notify_status_change(answer_id: int, *, capped: bool = False) -> bool:
    """Tell the answer's contact its current status; True when a message was handed on.

    Only to a confirmed address. ``capped`` when the public caused it (the « reçue » sent
    as the address is confirmed), not when a moderator decided. The task names the status
    it tells: should the answer be in another one when the worker sends, that news is
    out of date and left unsent (the later decision sends its own)."""
    status = CallAnswer.objects.filter(pk=answer_id).values_list("status", flat=True).first()
    if status is None:
        return False
    return mail_sender(KIND_STATUS, answer_id, status, capped=capped)


# The messages themselves, written by the task worker when it sends (see
# ``fabrique.submissions.mail.register_message``): each reads the answer as it is then.


def confirmation_message(answer_id: int, detail: str = ""):
    answer = CallAnswer.objects.select_related("call").filter(pk=answer_id).first()
    if answer is None or not answer.email or answer.email_confirmed_at is not None:
        return None
    call = answer.call
    args = confirmation_args(CONFIRM_SALT, answer.pk, answer.email)
    url = public_url(call, call.reverse_subpage("confirm", args=args))
    return (
        answer.email,
        _("Confirmez votre adresse e-mail"),
        _(
            "Bonjour,\n\nCette adresse a été indiquée lors de l'envoi d'une réponse à un appel "
            "à contributions sur le site %(site)s. Pour recevoir le lien de suivi de cette "
            "réponse et les nouvelles de son examen, confirmez-la en ouvrant ce lien (valable "
            "14 jours) :\n\n%(url)s\n\nSans confirmation, nous ne vous écrirons plus. Si vous "
            "n'êtes pas à l'origine de cet envoi, ignorez simplement ce message."
        )
        % {"site": site_name(call), "url": url},
    )


def status_message(answer_id: int, status: str = ""):
    answer = CallAnswer.objects.select_related("call", "inspir_action").filter(pk=answer_id).first()
    if answer is None or not answer.email or not answer.notify_contact:
        return None
    if answer.email_confirmed_at is None or answer.status != status:
        return None
    sentence = STATUS_SENTENCES.get(answer.status)
    if sentence is None:
        return None
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
    return (
        answer.email,
        _("Votre fiche « %(call)s » : %(status)s")
        % {"call": call.title, "status": answer.status_label},
        "\n".join(str(line) for line in lines),
    )


def register_messages() -> None:
    """Called when the app loads: the mail package writes these at send time."""
    register_message(KIND_CONFIRM, confirmation_message)
    register_message(KIND_STATUS, status_message)
