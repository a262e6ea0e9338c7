"""Views behind the routes of CallPage: the call with its form, thanks, follow-up."""

from functools import partial

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fabrique.moderation.actions import erase, submit
from fabrique.submissions.flow import (
    Submission,
    handle_post,
    keep_private,
    pop_follow_token,
)
from fabrique.submissions.mail import confirm_address
from fabrique.web.site_url import public_url

from .attachments import clean_original_name, stored_name
from .choices import CallState
from .forms import AnswerForm
from .models import CONSENT_VERSION, AnswerAttachment, CallAnswer, CallPage
from .notifications import CONFIRM_SALT, notify_status_change
from .tokens import follow_token, follow_value

FOLLOW_SESSION_KEY = "contributions.follow_token"
FORM_METHODS = ("GET", "HEAD", "POST")


def _answer_from_token(page, token: str) -> CallAnswer:
    value = follow_value(token)
    if value is None:
        raise Http404
    answer = (
        CallAnswer.objects.select_related("call", "inspir_action")
        .filter(follow_token=value, call=page)
        .first()
    )
    if answer is None:
        raise Http404
    return answer


def _existing(fingerprint: str) -> CallAnswer | None:
    return CallAnswer.objects.filter(submission_fingerprint=fingerprint).first()


def _creator(page: CallPage):
    def create(data: dict, fingerprint: str) -> CallAnswer:
        now = timezone.now()
        answer = CallAnswer.objects.create(
            call=page,
            organisation=data["organisation"],
            actor_kind=data["actor_kind"],
            commune=data["commune"],
            department=data["department"],
            partners=data["partners"],
            action_what=data["action_what"],
            action_with=data["action_with"],
            action_for=data["action_for"],
            action_since=data["action_since"],
            results=data["results"],
            helped=data["helped"],
            difficulties=data["difficulties"],
            contact_name=data["contact_name"],
            email=data["email"],
            phone=data["phone"],
            consent_contact_at=now,
            consent_publication_at=now if data.get("consent_publication") else None,
            consent_version=CONSENT_VERSION,
            submission_fingerprint=fingerprint,
        )
        for upload in data.get("attachments") or []:
            attachment = AnswerAttachment(
                answer=answer,
                original_name=clean_original_name(upload.name),
                kind=upload.detected_kind,
                size=upload.size,
            )
            attachment.file.save(stored_name(upload.detected_kind), upload, save=False)
            attachment.save()
        # Moderators hear of it, and the address is asked to confirm itself first, once
        # committed (receivers in notifications.py); « reçue » and the private follow link
        # go to it only once confirmed (see confirm_email_view).
        submit(answer)
        return answer

    return create


def _submission(page: CallPage) -> Submission:
    return Submission(
        group="contributions.submit",
        session_key=FOLLOW_SESSION_KEY,
        rate_message=_(
            "Trop de fiches ont été envoyées depuis votre connexion. Réessayez dans une "
            "heure : votre texte est conservé ci-dessous."
        ),
        find_existing=_existing,
        create=_creator(page),
        follow_token=follow_token,
    )


def _closed_message(page: CallPage) -> str:
    if page.state() == CallState.UPCOMING:
        return _("Cet appel n'est pas encore ouvert : il ouvre le %(date)s.") % {
            "date": date_format(page.local_opens_at, "j F Y à H:i")
        }
    return _(
        "Cet appel est clos depuis le %(date)s : votre fiche n'a pas été envoyée. Votre texte "
        "est conservé ci-dessous ; écrivez-nous pour nous la transmettre."
    ) % {"date": date_format(page.local_closes_at, "j F Y à H:i")}


def detail_view(request, page):
    if request.method not in FORM_METHODS:
        return HttpResponseNotAllowed(FORM_METHODS)
    status = 200
    form = None
    if request.method == "POST":
        try:
            data, files = request.POST, request.FILES
        except RequestDataTooBig:
            form = AnswerForm()
            form.cleaned_data = {}
            form.add_error(
                None,
                _(
                    "Votre envoi dépassait la taille maximale acceptée : il n'a pas été "
                    "enregistré. Raccourcissez vos textes ou joignez des fichiers moins "
                    "lourds, puis envoyez-les à nouveau."
                ),
            )
            status = 413
        else:
            form = AnswerForm(data, files)
            if page.state() != CallState.OPEN:
                # The text is checked and shown again; attached files are never opened
                # (only ``handle_post`` reads them, after its own cheap checks).
                form.is_valid()
                form.add_error(None, _closed_message(page))
                status = 403
            else:
                thanks = page.url + page.reverse_subpage("thanks")
                response, status = handle_post(request, form, _submission(page), thanks)
                if response is not None:
                    return response
            if request.FILES and form.errors:
                form.files_lost = True
    elif page.state() == CallState.OPEN:
        form = AnswerForm()
    context = page.get_context(request)
    context.update(
        form=form,
        state=page.state(),
        notes=list(page.notes.all()),
        questions=list(page.questions.all()),
    )
    response = TemplateResponse(request, "contributions/call_page.html", context, status=status)
    # A shown form carries a one-use start token and the CSRF token: never a shared copy.
    return keep_private(response) if form is not None else response


def thanks_view(request, page):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    token = pop_follow_token(request, FOLLOW_SESSION_KEY)
    context = page.get_context(request)
    if token:
        value, signature = token.split(":", 1)
        context["follow_url"] = public_url(
            page, page.reverse_subpage("follow", args=[value, signature]), request=request
        )
    return keep_private(TemplateResponse(request, "contributions/answer_thanks.html", context))


def follow_view(request, page, token):
    if request.method not in FORM_METHODS:
        return HttpResponseNotAllowed(FORM_METHODS)
    answer = _answer_from_token(page, token)
    context = page.get_context(request)
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        erase([answer])
        context["withdrawn"] = True
    else:
        context["answer"] = answer
        inspir = answer.inspir_action
        context["inspir_action"] = inspir if inspir is not None and inspir.live else None
    return keep_private(TemplateResponse(request, "contributions/answer_follow.html", context))


def confirm_email_view(request, page, payload, stamp, signature):
    """The link of the confirmation e-mail: one click confirms the answer's address, and
    the « reçue » message with the private follow link leaves then, once. A HEAD (a link
    checker of the mailbox) only checks the link.

    A link that is forged, expired, of another call, or names an erased address answers
    404 with a page that explains, and confirms nothing.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    with transaction.atomic():
        answer, newly = confirm_address(
            CallAnswer.objects.filter(call=page),
            CONFIRM_SALT,
            payload,
            stamp,
            signature,
            write=request.method == "GET",
        )
        if newly:
            transaction.on_commit(partial(notify_status_change, answer.pk, capped=True))
    context = page.get_context(request)
    context["confirmed"] = answer is not None
    response = TemplateResponse(
        request,
        "contributions/answer_email_confirmed.html",
        context,
        status=200 if answer is not None else 404,
    )
    return keep_private(response)


# The page's routes call these by name (see CallPage.route_views); registered here so that
# models never import views. ContributionsConfig.ready() imports this module.
CallPage.route_views.update(
    detail=detail_view, thanks=thanks_view, follow=follow_view, confirm=confirm_email_view
)
