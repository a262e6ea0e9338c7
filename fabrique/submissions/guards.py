"""Server-side guards of a public form: text normalised first, honeypot, signed one-use
time trap, control characters, and the fingerprint that makes a double click store one
submission."""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from fabrique.core.xml_text import ILLEGAL_CHARACTERS
from fabrique.web.normalise import normalise_field_input

DUPLICATE_WINDOW_SECONDS = 30 * 60
# The site's one list (control characters, U+FFFE, U+FFFF, lone surrogates): what a
# feed or a calendar cannot carry is refused here as in the admin.
CONTROL_CHARS = ILLEGAL_CHARACTERS
# A form left open longer than this is sent back once (text kept) with a fresh token: a
# stolen token is worth a few hours at most, not a day.
DEFAULT_START_TOKEN_MAX_AGE = 3 * 60 * 60


def reject_control_characters(value: str) -> None:
    if value and CONTROL_CHARS.search(value):
        raise forms.ValidationError(
            _(
                "Ce texte contient des caractères invisibles non autorisés (caractères de "
                "contrôle). Retirez-les, par exemple en retapant le passage copié."
            ),
            code="control_characters",
        )


def start_token_max_age() -> int:
    return int(getattr(settings, "FABRIQUE_FORM_MAX_AGE_SECONDS", DEFAULT_START_TOKEN_MAX_AGE))


def sign_start_time(salt: str) -> str:
    """When the form was shown, plus a random nonce so each token can be used once."""
    return signing.dumps([int(time.time()), secrets.token_hex(16)], salt=salt)


def read_start_token(value: str, salt: str) -> tuple[int | None, str | None, str]:
    """(start time, nonce, problem) where problem is "", "missing" or "expired"."""
    try:
        started, nonce = signing.loads(value, salt=salt, max_age=start_token_max_age())
        return int(started), str(nonce), ""
    except signing.SignatureExpired:
        return None, None, "expired"
    except (signing.BadSignature, TypeError, ValueError):
        return None, None, "missing"


def _used_token_key(kind: str, nonce: str) -> str:
    return f"{kind}:form-start-used:{nonce}"


def start_token_used(nonce: str | None, kind: str) -> bool:
    return bool(nonce) and cache.get(_used_token_key(kind, nonce)) is not None


def mark_start_token_used(nonce: str | None, kind: str) -> None:
    """Remembered in the default cache (shared by every worker when it is Redis or the
    database) until the token would have expired anyway."""
    if nonce:
        cache.set(_used_token_key(kind, nonce), 1, timeout=start_token_max_age() + 60)


class PublicSubmissionForm(forms.Form):
    """Base of every public form: normalised text, a honeypot, a signed start token,
    errors tied to fields.

    Subclasses set ``kind`` (the prefix of cache keys and salts), ``fingerprint_fields``
    (what makes two posts "the same sending"), and may reword the time-trap messages.
    """

    kind = "submissions"
    fingerprint_fields: tuple[str, ...] = ()
    too_fast_message = _(
        "Le formulaire a été envoyé trop vite. Relisez votre texte puis envoyez-le à nouveau."
    )
    expired_message = _(
        "Ce formulaire était ouvert depuis trop longtemps. Votre texte est conservé "
        "ci-dessous : relisez-le puis envoyez-le à nouveau."
    )
    used_message = _(
        "Ce formulaire a déjà été envoyé. Votre texte est conservé ci-dessous : "
        "relisez-le puis envoyez-le à nouveau."
    )

    # Honeypot: hidden from people (CSS, aria-hidden, no tab stop); robots fill it in.
    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    @property
    def token_salt(self) -> str:
        return f"{self.kind}.form-started"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_nonce = None
        self.start_token_refused = False
        # Every text field (e-mail and phone fields are text fields too) is normalised
        # and refuses control characters, including fields a subclass forgot.
        for field in self.fields.values():
            if not isinstance(field, forms.CharField):
                continue
            normalise_field_input(field)
            if reject_control_characters not in field.validators:
                field.validators.append(reject_control_characters)
        if not self.is_bound:
            self.initial["started"] = sign_start_time(self.token_salt)

    def full_clean(self):
        """Tie each field to its error message so screen readers announce it on focus."""
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            field = self.fields[name]
            ids = [f"id_{name}_error"] + ([f"id_{name}_helptext"] if field.help_text else [])
            field.widget.attrs["aria-describedby"] = " ".join(ids)

    @property
    def is_honeypot_filled(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        """Refuse forms sent faster than a person can write; 0 seconds disables the check.

        A token older than its lifetime is refused with its own message: the person only
        has to send again, the text is kept and a fresh token is given.
        """
        cleaned = super().clean()
        started, self.start_nonce, problem = read_start_token(
            cleaned.get("started", ""), self.token_salt
        )
        minimum = int(getattr(settings, "FABRIQUE_FORM_MIN_SECONDS", 0) or 0)
        if minimum <= 0:
            return cleaned
        if problem == "expired":
            self.refuse_start_token(self.expired_message, code="expired")
        elif started is None or time.time() - started < minimum:
            self.refuse_start_token(self.too_fast_message, code="too_fast")
        return cleaned

    def refuse_start_token(self, message, code: str) -> None:
        """Add the form-wide error and a fresh token, so the next attempt can succeed."""
        self.start_token_refused = True
        self.add_error(None, forms.ValidationError(message, code=code))
        self.start_nonce = None
        self.data = self.data.copy()
        self.data["started"] = sign_start_time(self.token_salt)

    def inspect_files(self) -> None:
        """Read the content of uploaded files (override in a form that takes files).

        The fields' own ``clean`` only count files and compare sizes; reading what a file
        is costs more, so ``handle_post`` calls this only after the cheap checks passed
        (honeypot, rate limit, start token). Errors go beside the field with ``add_error``.
        """

    def start_token_used(self) -> bool:
        return start_token_used(self.start_nonce, self.kind)

    def mark_start_token_used(self) -> None:
        mark_start_token_used(self.start_nonce, self.kind)

    def fingerprint(self, client_key: str = "") -> str:
        """What makes two posts "the same sending", as a keyed hash (unique in the table).

        The start token's nonce (one per display of the form) and the browser's own key
        (its CSRF cookie) are part of it: only the browser that sent something can produce
        its fingerprint again, so a duplicate tells nothing to anyone else. Without a
        token (the time trap turned off) a 30-minute time bucket stands in for the nonce.
        """
        data = self.cleaned_data
        moment = self.start_nonce or f"bucket-{int(time.time() // DUPLICATE_WINDOW_SECONDS)}"
        values = [str(data.get(name, "")) for name in self.fingerprint_fields]
        value = "\x1f".join([moment, client_key, *values])
        return salted_hmac(f"{self.kind}.fingerprint", value, algorithm="sha256").hexdigest()
