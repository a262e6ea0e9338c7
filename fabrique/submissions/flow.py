"""The server side of sending a public form, from the POST to the thank-you page.

``handle_post`` is the one sequence every public form follows: honeypot (robots get the
same polite answer, nothing stored), rate limit (only stored sendings count, a person
correcting errors is never blocked), validation (the cheap checks first; uploaded files
are read only once the start token passed), duplicate detection by fingerprint (a
double click gets exactly the first answer), the one-use start token, storage in one
transaction, then the private follow link put in the session for the thank-you page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from fabrique.web.client_ip import ratelimit_key

# The signed follow token waits in the session between the form's redirect and the
# thank-you page, which shows it once: no URL the browser remembers carries it.
FOLLOW_SESSION_SECONDS = 60 * 60


def keep_private(response):
    """Pages that show what someone wrote, or their private link, stay out of every cache
    (browser history snapshots, shared proxies, the site's own page cache)."""
    patch_cache_control(response, no_store=True, private=True)
    return response


def _rate_limit_usage(request, group: str, increment: bool):
    rate = getattr(settings, "FABRIQUE_SUBMISSION_RATE", "0")
    if not rate or rate == "0":
        return None
    return get_usage(
        request, group=group, key=ratelimit_key, rate=rate, method=ALL, increment=increment
    )


def rate_limited(request, group: str) -> bool:
    """Counted on the shared cache, by the client address the site's own proxy saw."""
    usage = _rate_limit_usage(request, group, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count_submission(request, group: str) -> None:
    _rate_limit_usage(request, group, increment=True)


def sign_follow(value: str, salt: str) -> str:
    """The signed private token, "value:signature"; URLs split it in two segments."""
    return signing.Signer(salt=salt).sign(value)


def unsign_follow(token: str, salt: str) -> str | None:
    try:
        return signing.Signer(salt=salt).unsign(token)
    except signing.BadSignature:
        return None


def store_once(create: Callable[[], object], find_existing: Callable[[], object | None]):
    """(object, created). ``create`` runs in a transaction and writes a row with a unique
    fingerprint: two posts at the same moment store one, the second finds the first."""
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        existing = find_existing()
        if existing is None:
            raise
        return existing, False


def too_big_message(advice: str) -> str:
    size = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024:.1f}".replace(".", ",")
    return (
        _(
            "Votre envoi dépassait la taille maximale acceptée (%(size)s Mo) : il n'a pas été "
            "enregistré. Le texte reçu, coupé à cette limite, est conservé ci-dessous ; "
        )
        % {"size": size}
        + advice
    )


@dataclass
class Submission:
    """How one kind of submission is found, stored and followed (see ``handle_post``)."""

    #: rate-limit group (e.g. "testimonies.submit")
    group: str
    #: session key of the follow token between the redirect and the thank-you page
    session_key: str
    #: French message when the client sent too many
    rate_message: str
    #: fingerprint -> the stored object with that fingerprint, or None
    find_existing: Callable[[str], object | None]
    #: (cleaned data, fingerprint) -> stored object; runs inside a transaction
    create: Callable[[dict, str], object]
    #: stored object -> signed follow token
    follow_token: Callable[[object], str]


def handle_post(request, form, submission: Submission, thanks_url: str):
    """(response, status): a redirect when done, else None and the status of the re-shown
    form (200, or 429 when rate-limited), whose errors and text the caller renders."""
    if form.is_honeypot_filled:
        return keep_private(redirect(thanks_url)), 302
    if rate_limited(request, submission.group):
        form.is_valid()  # text checked and shown again; files never opened
        form.add_error(None, submission.rate_message)
        return None, 429
    form.is_valid()
    if not form.start_token_refused:
        # Files are read only now: a robot without a good token never gets one opened.
        form.inspect_files()
    if form.errors:
        return None, 200
    fingerprint = form.fingerprint(client_key=request.META.get("CSRF_COOKIE", ""))
    stored = submission.find_existing(fingerprint)
    if stored is None and form.start_token_used():
        # The same displayed form sent again with other content: a replay, or a person
        # who went back and changed their text. Nothing is lost.
        form.refuse_start_token(form.used_message, code="used")
        return None, 200
    created = False
    if stored is None:
        stored, created = store_once(
            lambda: submission.create(form.cleaned_data, fingerprint),
            lambda: submission.find_existing(fingerprint),
        )
    if created:
        count_submission(request, submission.group)
        form.mark_start_token_used()
    # A duplicate (double click, page sent again) gets exactly the first answer.
    request.session[submission.session_key] = submission.follow_token(stored)
    if not request.user.is_authenticated:
        # The link waits an hour at most on the server if the page never opens.
        request.session.set_expiry(FOLLOW_SESSION_SECONDS)
    return keep_private(redirect(thanks_url)), 302


def pop_follow_token(request, session_key: str) -> str | None:
    """Only a real display uses the link up; a HEAD (a prefetcher, a checker) does not."""
    if request.method == "HEAD":
        return request.session.get(session_key)
    return request.session.pop(session_key, None)
