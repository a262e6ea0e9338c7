"""Views behind the routes of TestimonyIndexPage (list, detail, form, follow-up)."""

import uuid
from urllib.parse import urlencode

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from fabrique.moderation.actions import erase, submit
from fabrique.submissions.flow import (
    Submission,
    handle_post,
    keep_private,
    pop_follow_token,
    sign_follow,
    too_big_message,
    unsign_follow,
)
from fabrique.submissions.mail import confirm_address
from fabrique.submissions.middleware import BODY_CUT_ATTRIBUTE
from fabrique.web.querystring import clean_filter_value
from fabrique.web.site_url import public_url

from .choices import Role
from .forms import TestimonyForm
from .models import (
    CONSENT_VERSION,
    Testimony,
    TestimonyContact,
    TestimonyIndexPage,
    Theme,
)
from .notifications import CONFIRM_SALT

FOLLOW_SALT = "testimonies.follow"


def follow_token(contact: TestimonyContact) -> str:
    """The signed withdrawal token, "value:signature"; the URL splits it in two segments."""
    return sign_follow(contact.withdrawal_token, FOLLOW_SALT)


def follow_args(token: str) -> list[str]:
    return token.split(":", 1)


def _contact_from_token(token: str) -> TestimonyContact:
    value = unsign_follow(token, FOLLOW_SALT)
    if value is None:
        raise Http404
    contact = (
        TestimonyContact.objects.select_related("testimony").filter(withdrawal_token=value).first()
    )
    if contact is None:
        raise Http404
    return contact


def index_view(request, page):
    queryset = page.published_testimonies()
    filters = {}
    theme = Theme.objects.filter(slug=clean_filter_value(request.GET.get("theme"))).first()
    if theme:
        queryset = queryset.filter(themes=theme)
        filters["theme"] = theme.slug
    role = request.GET.get("role", "")
    if role in Role.values:
        queryset = queryset.filter(role=role)
        filters["role"] = role
    department = clean_filter_value(request.GET.get("departement")).upper()[:3]
    if department:
        queryset = queryset.filter(department=department)
        filters["departement"] = department
    context = page.get_context(request)
    context.update(
        page_obj=page.paginate(queryset, request),
        themes=Theme.objects.all(),
        roles=Role.choices,
        current_theme=theme,
        current_role=filters.get("role", ""),
        current_department=department,
        querystring_base=urlencode(filters),
    )
    return TemplateResponse(request, "testimonies/testimony_index_page.html", context)


def detail_view(request, page, key):
    # The route lets any 36 hex digits and dashes through ("----…" included); only a real
    # UUID reaches the database, anything else is a story that does not exist.
    try:
        key = uuid.UUID(key)
    except ValueError:
        raise Http404 from None
    testimony = page.published_testimonies().filter(uuid=key).first()
    if testimony is None:
        raise Http404
    context = page.get_context(request)
    context["testimony"] = testimony
    url = page.get_full_url(request) + page.reverse_subpage("detail", args=[str(testimony.uuid)])
    context["testimony_url"] = url
    # Its own structured data and last crumb: the index's would name another address.
    context["json_ld"] = testimony_json_ld(testimony, url, page, request)
    context["breadcrumb_leaf"] = (testimony.title, url)
    return TemplateResponse(request, "testimonies/testimony_detail.html", context)


def testimony_json_ld(testimony, url: str, page, request) -> dict:
    """A published story as an ``Article``: its public title, quote and date only."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": testimony.title,
        "name": testimony.title,
        "url": url,
        "inLanguage": "fr-FR",
        "isPartOf": {"@type": "WebPage", "name": page.title, "url": page.get_full_url(request)},
        "publisher": page.get_publisher(request),
    }
    if testimony.quote:
        data["description"] = testimony.quote
    if testimony.published_at:
        data["datePublished"] = testimony.published_at.date().isoformat()
    return data


FORM_METHODS = ("GET", "HEAD", "POST")
# The signed follow token waits here between the form's redirect and the thank-you page,
# which shows it once and removes it: no URL the browser remembers carries it.
FOLLOW_SESSION_KEY = "testimonies.follow_token"


def _existing_contact(fingerprint: str) -> TestimonyContact | None:
    return (
        TestimonyContact.objects.select_related("testimony")
        .filter(testimony__submission_fingerprint=fingerprint)
        .first()
    )


def _create(data: dict, fingerprint: str) -> TestimonyContact:
    """Store one sending (inside the shared flow's transaction)."""
    now = timezone.now()
    testimony = Testimony.objects.create(
        pseudonym=data["pseudonym"],
        role=data["role"],
        department=data["department"],
        title=data["title"],
        story=data["story"],
        submission_fingerprint=fingerprint,
    )
    contact = TestimonyContact.objects.create(
        testimony=testimony,
        email=data["email"],
        consent_publication_at=now,
        consent_publication_version=CONSENT_VERSION,
        consent_health_data_at=now,
        consent_health_data_version=CONSENT_VERSION,
    )
    # Moderators hear of it, and the address is asked to confirm itself, once committed
    # (receivers in notifications.py).
    submit(testimony)
    return contact


def _submission() -> Submission:
    return Submission(
        group="testimonies.submit",
        session_key=FOLLOW_SESSION_KEY,
        rate_message=_(
            "Trop de témoignages ont été envoyés depuis votre connexion. Réessayez dans "
            "une heure : votre texte est conservé ci-dessous."
        ),
        find_existing=_existing_contact,
        create=_create,
        follow_token=follow_token,
    )


def _thanks_url(page) -> str:
    return page.url + page.reverse_subpage("thanks")


def _too_big(request, page, form, status):
    """The form again with a French message; when the middleware cut the body, the text
    that arrived (up to the limit) is in the form. Nothing is stored."""
    form.is_valid()
    if not form.is_bound:
        form.cleaned_data = {}  # an empty form that can still carry the message
    form.add_error(
        None,
        too_big_message(
            _("raccourcissez votre histoire à 10 000 caractères puis envoyez-la à nouveau.")
        ),
    )
    context = page.get_context(request)
    context["form"] = form
    return keep_private(
        TemplateResponse(request, "testimonies/testimony_form.html", context, status=status)
    )


def form_view(request, page):
    if request.method not in FORM_METHODS:
        return HttpResponseNotAllowed(FORM_METHODS)
    status = 200
    if request.method == "POST":
        try:
            data = request.POST
        except RequestDataTooBig:
            # Only reached when OversizedStoryMiddleware is not installed, or for bodies far
            # beyond what it keeps: nothing can be read back, but the answer is French.
            return _too_big(request, page, TestimonyForm(), status=413)
        form = TestimonyForm(data)
        if getattr(request, BODY_CUT_ATTRIBUTE, False):
            return _too_big(request, page, form, status=413)
        response, status = handle_post(request, form, _submission(), _thanks_url(page))
        if response is not None:
            return response
    else:
        form = TestimonyForm()
    context = page.get_context(request)
    context["form"] = form
    return keep_private(
        TemplateResponse(request, "testimonies/testimony_form.html", context, status=status)
    )


def thanks_view(request, page):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    token = pop_follow_token(request, FOLLOW_SESSION_KEY)
    context = page.get_context(request)
    if token:
        context["follow_url"] = public_url(
            page, page.reverse_subpage("follow", args=follow_args(token)), request=request
        )
    return keep_private(TemplateResponse(request, "testimonies/testimony_thanks.html", context))


def follow_view(request, page, token):
    if request.method not in FORM_METHODS:
        return HttpResponseNotAllowed(FORM_METHODS)
    contact = _contact_from_token(token)
    testimony = contact.testimony
    context = page.get_context(request)
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        # Withdrawal erases: the story, its contact data, its admin log and index entries.
        erase([testimony])
        context["withdrawn"] = True
        return keep_private(TemplateResponse(request, "testimonies/testimony_follow.html", context))
    context["testimony"] = testimony
    return keep_private(TemplateResponse(request, "testimonies/testimony_follow.html", context))


def confirm_email_view(request, page, payload, stamp, signature):
    """The link of the confirmation e-mail: one click confirms, the page says so in French.

    A link that is forged, expired or names an erased address answers 404 with a page
    that explains, and confirms nothing.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    contact, _newly = confirm_address(
        TestimonyContact.objects.all(),
        CONFIRM_SALT,
        payload,
        stamp,
        signature,
        write=request.method == "GET",
    )
    context = page.get_context(request)
    context["confirmed"] = contact is not None
    response = TemplateResponse(
        request,
        "testimonies/testimony_email_confirmed.html",
        context,
        status=200 if contact is not None else 404,
    )
    return keep_private(response)


# The page's routes call these by name (see TestimonyIndexPage.route_views); registered
# here so that models never import views. TestimoniesConfig.ready() imports this module.
TestimonyIndexPage.route_views.update(
    index=index_view,
    form=form_view,
    thanks=thanks_view,
    follow=follow_view,
    confirm=confirm_email_view,
    detail=detail_view,
)
