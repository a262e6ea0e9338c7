"""Views behind the routes of TestimonyIndexPage (list, detail, form, follow-up)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from fabrique.core.client_ip import ratelimit_key
from fabrique.core.querystring import clean_filter_value
from fabrique.core.roles import MODERATORS

from .actions import erase_testimonies
from .forms import TestimonyForm
from .models import CONSENT_VERSION, Role, Testimony, TestimonyContact, Theme

FOLLOW_SALT = "testimonies.follow"
DUPLICATE_WINDOW = timedelta(minutes=30)


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


def _notify_moderators(testimony: Testimony) -> None:
    """Tell moderators a story waits; no content in the e-mail (it may hold health data)."""
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


def form_view(request, page):
    status = 200
    if request.method == "POST":
        form = TestimonyForm(request.POST)
        if form.is_honeypot_filled:
            # Robots get the same polite answer as people, and nothing is stored.
            context = page.get_context(request)
            return TemplateResponse(request, "testimonies/testimony_thanks.html", context)
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
            data = form.cleaned_data
            duplicate = Testimony.objects.filter(
                title=data["title"],
                story=data["story"],
                submitted_at__gte=timezone.now() - DUPLICATE_WINDOW,
            ).exists()
            if duplicate:
                form.add_error(
                    None,
                    _(
                        "Nous avons déjà bien reçu ce témoignage : inutile de l'envoyer une "
                        "seconde fois. Merci !"
                    ),
                )
            else:
                now = timezone.now()
                with transaction.atomic():
                    testimony = Testimony.objects.create(
                        pseudonym=data["pseudonym"],
                        role=data["role"],
                        department=data["department"].upper(),
                        title=data["title"],
                        story=data["story"],
                    )
                    contact = TestimonyContact.objects.create(
                        testimony=testimony,
                        email=data["email"],
                        consent_publication_at=now,
                        consent_publication_version=CONSENT_VERSION,
                        consent_health_data_at=now,
                        consent_health_data_version=CONSENT_VERSION,
                    )
                    transaction.on_commit(lambda: _notify_moderators(testimony))
                _count_submission(request)
                token = follow_token(contact)
                return redirect(page.url + page.reverse_subpage("thanks", args=follow_args(token)))
    else:
        form = TestimonyForm()
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, "testimonies/testimony_form.html", context, status=status)


def thanks_view(request, page, token):
    contact = _contact_from_token(token)
    context = page.get_context(request)
    context.update(
        testimony=contact.testimony,
        follow_url=request.build_absolute_uri(
            page.url + page.reverse_subpage("follow", args=follow_args(token))
        ),
    )
    return TemplateResponse(request, "testimonies/testimony_thanks.html", context)


def follow_view(request, page, token):
    contact = _contact_from_token(token)
    testimony = contact.testimony
    context = page.get_context(request)
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        # Withdrawal erases: the story, its contact data, its admin log and index entries.
        erase_testimonies([testimony])
        context["withdrawn"] = True
        return TemplateResponse(request, "testimonies/testimony_follow.html", context)
    context["testimony"] = testimony
    return TemplateResponse(request, "testimonies/testimony_follow.html", context)
