"""E-mail to the person who sent a public form: confirm the address first, a few a day at most.

An address typed in a public form may be anyone's: a typo, or a stranger's on purpose.
So every kind of submission follows the same rules:

- the first message to the address only asks to confirm it: no word of what was sent,
  no private link. Nothing else is written to it until its owner opens that link
  (``email_confirmed_at`` on the object that holds the address is then set);
- whatever the form, one address receives at most ``FABRIQUE_MAILS_PER_ADDRESS_PER_DAY``
  messages a day caused by the public (confirmation requests, the acknowledgement sent on
  confirming), counted on the shared cache like every other rate limit, the address
  compared normalised and case-insensitively. Messages a moderator's decision causes (a
  status change, a publication) go to confirmed addresses only; they count towards the
  day's total but always leave: the team chose to write;
- the message is handed to the task worker, which applies the cap and sends: the request
  does the same work whether a message leaves or not, and the page the sender sees is
  the same in every case (nothing tells whether an address was capped or confirmed);
- the queued task names the kind of message and the object only: the worker writes the
  address, subject and body at send time, so the task table never holds an address or a
  private link, and an object erased meanwhile receives nothing.
"""

import hashlib
import unicodedata
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from django_tasks import task

# Long enough for someone who reads their mail once a week; the link stays useless to
# anyone once the address is blanked (its digest no longer matches).
CONFIRM_MAX_AGE = 14 * 24 * 60 * 60
DEFAULT_MAILS_PER_ADDRESS_PER_DAY = 3


def normalise_address(email: str) -> str:
    """One spelling per mailbox for counting: NFKC, no control or format characters,
    no surrounding spaces, case folded (``Lou@Example.org`` and ``lou@example.org ``
    share one counter)."""
    value = unicodedata.normalize("NFKC", email or "")
    value = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    return value.strip().casefold()


def site_name(page) -> str:
    site = page.get_site() if page is not None else None
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")


# --- Confirmation links -------------------------------------------------------------


def _digest(salt: str, email: str) -> str:
    return salted_hmac(salt, normalise_address(email), algorithm="sha256").hexdigest()[:20]


def confirmation_args(salt: str, pk, email: str) -> list[str]:
    """The signed, dated confirmation token as three URL segments (Wagtail's page URLs
    allow letters, digits, "-" and "_" only). It names the object and a digest of its
    address, never a follow or withdrawal token: whoever receives a mistyped address
    cannot follow or withdraw what was sent."""
    return signing.dumps([pk, _digest(salt, email)], salt=salt).split(":")


def confirm_address(
    queryset: QuerySet, salt: str, payload: str, stamp: str, signature: str, *, write=True
):
    """(object, newly confirmed) for a confirmation link, or (None, False) when the link
    is forged, expired, or its address was erased or changed since.

    ``queryset`` holds the objects that carry ``email`` and ``email_confirmed_at``. The
    first valid visit stamps ``email_confirmed_at``; later visits change nothing. With
    ``write`` False (a HEAD: a link checker, a prefetcher) the link is only checked.
    """
    try:
        pk, digest = signing.loads(
            f"{payload}:{stamp}:{signature}", salt=salt, max_age=CONFIRM_MAX_AGE
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None, False
    if not isinstance(pk, int) or isinstance(pk, bool) or not isinstance(digest, str):
        return None, False
    obj = queryset.filter(pk=pk).exclude(email="").first()
    if obj is None or _digest(salt, obj.email) != digest:
        return None, False
    if obj.email_confirmed_at is not None or not write:
        return obj, False
    now = timezone.now()
    newly = bool(queryset.filter(pk=obj.pk, email_confirmed_at=None).update(email_confirmed_at=now))
    obj.email_confirmed_at = obj.email_confirmed_at or now
    return obj, newly


# --- Sending, with the cap per address ----------------------------------------------


def mails_per_address_per_day() -> int:
    return max(
        1,
        int(
            getattr(
                settings, "FABRIQUE_MAILS_PER_ADDRESS_PER_DAY", DEFAULT_MAILS_PER_ADDRESS_PER_DAY
            )
        ),
    )


def _address_key(address: str) -> Callable:
    # Only a hash of the address is part of the cache key: the cache holds no address.
    digest = hashlib.sha256(normalise_address(address).encode()).hexdigest()
    return lambda group, request: digest


def count_message(address: str) -> bool:
    """Count one message to this address today; False once the day's cap is passed."""
    usage = get_usage(
        None,
        group="submissions.mail-per-address",
        key=_address_key(address),
        rate=f"{mails_per_address_per_day()}/d",
        method=ALL,
        increment=True,
    )
    return not (usage and usage["should_limit"])


# What a message builder returns: (address, subject, body), or None when nothing is to be
# sent (the object is gone, its address blanked or unconfirmed, its news out of date).
Message = tuple[str, str, str] | None
_BUILDERS: dict[str, Callable[[int, str], Message]] = {}


def register_message(kind: str, builder: Callable[[int, str], Message]) -> None:
    """Name a kind of message and the function that writes it from (object pk, detail).

    Content apps register theirs when they load (this package imports none of them), so
    that a queued task holds the kind, the pk and a detail only: the address and the
    text, with their private links, are written by the worker at send time and are never
    stored in the task table."""
    _BUILDERS[kind] = builder


def build_message(kind: str, pk: int, detail: str = "") -> Message:
    builder = _BUILDERS.get(kind)
    if builder is None:
        return None
    message = builder(pk, detail)
    if message is None or not message[0]:
        return None
    address, subject, body = message
    return address, str(subject), str(body)


@task()
def send_to_sender(kind: str, pk: int, detail: str = "", capped: bool = True) -> bool:
    """Write the message from the object as it is now, count it, then send it unless
    ``capped`` and over the day's cap; True when it left. Nothing is sent (nor counted)
    when the object was erased or its address blanked since it was queued."""
    message = build_message(kind, pk, detail)
    if message is None:
        return False
    address, subject, body = message
    within = count_message(address)
    if capped and not within:
        return False
    send_mail(subject, body, None, [address], fail_silently=True)
    return True


def mail_sender(kind: str, pk: int, detail: str = "", *, capped: bool = True) -> bool:
    """Hand one message about a submission to the task worker (see module doc); True when
    it was queued, that is when the object would receive it now.

    The task carries the message's kind, the object's pk and ``detail`` (a status, say):
    nothing personal. ``capped`` is False only for messages a moderator's decision
    causes, sent to a confirmed address."""
    if build_message(kind, pk, detail) is None:
        return False
    send_to_sender.enqueue(kind=kind, pk=pk, detail=detail, capped=capped)
    return True
