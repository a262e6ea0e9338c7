"""Views behind the routes of TestimonyIndexPage (list, detail, form, follow-up)."""

from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from fabrique.core.client_ip import ratelimit_key
from fabrique.core.querystring import clean_filter_value

from .actions import erase_testimonies
from .forms import TestimonyForm, mark_start_token_used, start_token_used
from .middleware import BODY_CUT_ATTRIBUTE
from .models import (
    CONSENT_VERSION,
    Role,
    Testimony,
    TestimonyContact,
    TestimonyIndexPage,
    Theme,
)
from .notifications import (
    contact_from_confirmation,
    notify_moderators_new_testimony,
    send_email_confirmation,
)

FOLLOW_SALT = "testimonies.follow"


def _rate_limit_usage(request, increment: bool):
    rate = getattr(settings, "FABRIQUE_SUBMISSION_RATE", "0")
    if not rate or rate == "0":
        return None
    return get_usage(
        request,
        group="testimonies.submit",
        key=ratelimit_key,
        rate=rate,
        method=ALL,
        increment=increment,
    )


def _rate_limited(request) -> bool:
    """Only stored testimonies count: a person correcting their errors is never blocked."""
    usage = _rate_limit_usage(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def _count_submission(request) -> None:
    _rate_limit_usage(request, increment=True)


def follow_token(contact: TestimonyContact) -> str:
    """The signed withdrawal token, "value:signature"; the URL splits it in two segments."""
    return signing.Signer(salt=FOLLOW_SALT).sign(contact.withdrawal_token)


def follow_args(token: str) -> list[str]:
    return token.split(":", 1)


def _contact_from_token(token: str) -> TestimonyContact:
    try:
        value = signing.Signer(salt=FOLLOW_SALT).unsign(token)
    except signing.BadSignature:
        raise Http404 from None
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
    testimony = page.published_testimonies().filter(uuid=key).first()
    if testimony is None:
        raise Http404
    context = page.get_context(request)
    context["testimony"] = testimony
    return TemplateResponse(request, "testimonies/testimony_detail.html", context)


FORM_METHODS = ("GET", "HEAD", "POST")
# The signed follow token waits here between the form's redirect and the thank-you page,
# which shows it once and removes it: no URL the browser remembers carries it.
FOLLOW_SESSION_KEY = "testimonies.follow_token"
FOLLOW_SESSION_SECONDS = 60 * 60


def keep_private(response):
    """Pages that show what an author wrote, or their private link, stay out of every cache
    (browser history snapshots, shared proxies, the site's own page cache)."""
    patch_cache_control(response, no_store=True, private=True)
    return response


def _existing_contact(fingerprint: str) -> TestimonyContact | None:
    return (
        TestimonyContact.objects.select_related("testimony")
        .filter(testimony__submission_fingerprint=fingerprint)
        .first()
    )


def _store(data: dict, fingerprint: str) -> tuple[TestimonyContact, bool]:
    """Store one sending; (contact, created). A duplicate is found by the unique
    fingerprint inside the transaction, so two posts at the same moment store one story."""
    now = timezone.now()
    try:
        with transaction.atomic():
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
            transaction.on_commit(notify_moderators_new_testimony)
            if contact.email:
                transaction.on_commit(partial(send_email_confirmation, testimony.pk))
    except IntegrityError:
        contact = _existing_contact(fingerprint)
        if contact is None:
            raise
        return contact, False
    return contact, True


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
        _(
            "Votre envoi dépassait la taille maximale acceptée (%(size)s Mo) : il n'a pas été "
            "enregistré. Le texte reçu, coupé à cette limite, est conservé ci-dessous ; "
            "raccourcissez votre histoire à 10 000 caractères puis envoyez-la à nouveau."
        )
        % {"size": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024:.1f}".replace(".", ",")},
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
        if form.is_honeypot_filled:
            # Robots get the same polite answer as people, and nothing is stored.
            return keep_private(redirect(_thanks_url(page)))
        if _rate_limited(request):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Trop de témoignages ont été envoyés depuis votre connexion. Réessayez dans "
                    "une heure : votre texte est conservé ci-dessous."
                ),
            )
            status = 429
        elif form.is_valid():
            fingerprint = form.fingerprint(client_key=request.META.get("CSRF_COOKIE", ""))
            contact = _existing_contact(fingerprint)
            if contact is None and start_token_used(form.start_nonce):
                # The same displayed form sent again with other content: a replay, or a
                # person who went back and changed their text. Nothing is lost.
                form.refuse_start_token(
                    _(
                        "Ce formulaire a déjà été envoyé. Votre texte est conservé ci-dessous : "
                        "relisez-le puis envoyez-le à nouveau."
                    ),
                    code="used",
                )
            else:
                created = False
                if contact is None:
                    contact, created = _store(form.cleaned_data, fingerprint)
                if created:
                    _count_submission(request)
                    mark_start_token_used(form.start_nonce)
                # A duplicate (double click, page sent again) gets exactly the first answer.
                request.session[FOLLOW_SESSION_KEY] = follow_token(contact)
                if not request.user.is_authenticated:
                    # The link waits an hour at most on the server if the page never opens.
                    request.session.set_expiry(FOLLOW_SESSION_SECONDS)
                return keep_private(redirect(_thanks_url(page)))
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
    # Only a real display uses the link up; a HEAD (a prefetcher, a checker) does not.
    if request.method == "HEAD":
        token = request.session.get(FOLLOW_SESSION_KEY)
    else:
        token = request.session.pop(FOLLOW_SESSION_KEY, None)
    context = page.get_context(request)
    if token:
        context["follow_url"] = request.build_absolute_uri(
            page.url + page.reverse_subpage("follow", args=follow_args(token))
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
        erase_testimonies([testimony])
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
    contact = contact_from_confirmation(payload, stamp, signature)
    context = page.get_context(request)
    context["confirmed"] = contact is not None
    if contact is not None and contact.email_confirmed_at is None:
        TestimonyContact.objects.filter(pk=contact.pk, email_confirmed_at=None).update(
            email_confirmed_at=timezone.now()
        )
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
