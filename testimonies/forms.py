"""The public "Témoigner" form: validation, honeypot and time trap, all server side."""

import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import STORY_MAX_LENGTH, Role, department_validator

EMAIL_MAX_LENGTH = 254
DUPLICATE_WINDOW_SECONDS = 30 * 60

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TIMESTAMP_SALT = "testimonies.form-started"


def reject_control_characters(value: str) -> None:
    if value and CONTROL_CHARS.search(value):
        raise forms.ValidationError(
            _(
                "Ce texte contient des caractères invisibles non autorisés (caractères de "
                "contrôle). Retirez-les, par exemple en retapant le passage copié."
            ),
            code="control_characters",
        )


# A form left open longer than this is sent back once (text kept) with a fresh token: a
# stolen token is worth a few hours at most, not a day.
DEFAULT_START_TOKEN_MAX_AGE = 3 * 60 * 60


def start_token_max_age() -> int:
    return int(getattr(settings, "FABRIQUE_FORM_MAX_AGE_SECONDS", DEFAULT_START_TOKEN_MAX_AGE))


def sign_start_time() -> str:
    """When the form was shown, plus a random nonce so each token can be used once."""
    return signing.dumps([int(time.time()), secrets.token_hex(16)], salt=TIMESTAMP_SALT)


def read_start_token(value: str) -> tuple[int | None, str | None, str]:
    """(start time, nonce, problem) where problem is "", "missing" or "expired"."""
    try:
        started, nonce = signing.loads(value, salt=TIMESTAMP_SALT, max_age=start_token_max_age())
        return int(started), str(nonce), ""
    except signing.SignatureExpired:
        return None, None, "expired"
    except (signing.BadSignature, TypeError, ValueError):
        return None, None, "missing"


def _used_token_key(nonce: str) -> str:
    return f"testimonies:form-start-used:{nonce}"


def start_token_used(nonce: str | None) -> bool:
    return bool(nonce) and cache.get(_used_token_key(nonce)) is not None


def mark_start_token_used(nonce: str | None) -> None:
    """Remembered in the default cache (shared by every worker when it is Redis or the
    database) until the token would have expired anyway."""
    if nonce:
        cache.set(_used_token_key(nonce), 1, timeout=start_token_max_age() + 60)


class TestimonyForm(forms.Form):
    """Every field is labelled and explained; the two consents are separate and unticked."""

    pseudonym = forms.CharField(
        label=_("Pseudonyme (facultatif)"),
        max_length=60,
        required=False,
        help_text=_("Laissé vide, votre témoignage sera signé « Anonyme »."),
        validators=[reject_control_characters],
        # Identifying inputs: the browser must not offer them to the next person on a
        # shared computer.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=[("", _("Choisissez…")), *Role.choices],
        error_messages={"required": _("Indiquez si vous êtes patient·e, soignant·e, etc.")},
    )
    department = forms.CharField(
        label=_("Département (facultatif)"),
        max_length=3,
        required=False,
        help_text=_("Son numéro, par exemple 33, 2A ou 974."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    title = forms.CharField(
        label=_("Titre de votre histoire"),
        max_length=150,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Donnez un titre à votre histoire."),
            "max_length": _("Le titre ne doit pas dépasser %(limit_value)d caractères."),
        },
    )
    story = forms.CharField(
        label=_("Votre histoire"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=STORY_MAX_LENGTH,
        help_text=_(
            "%(max)s caractères au maximum. Évitez les noms, adresses ou détails permettant de "
            "reconnaître quelqu'un."
        )
        % {"max": "10 000"},
        validators=[reject_control_characters],
        error_messages={
            "required": _("Écrivez votre histoire avant d'envoyer le formulaire."),
            "max_length": _(
                "Votre histoire dépasse %(limit_value)d caractères (elle en compte "
                "%(show_value)d). Raccourcissez-la un peu."
            ),
        },
    )
    email = forms.EmailField(
        label=_("E-mail (facultatif)"),
        required=False,
        # The column holds 254 characters (RFC 5321's limit for a path): longer answered
        # 500 on PostgreSQL and lost the story.
        max_length=EMAIL_MAX_LENGTH,
        help_text=_(
            "Seulement pour vous prévenir de la publication, après confirmation de "
            "l'adresse. Jamais affiché."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "invalid": _("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."),
            "max_length": _(
                "Cette adresse e-mail dépasse %(limit_value)d caractères (elle en compte "
                "%(show_value)d) : vérifiez-la."
            ),
        },
    )
    consent_publication = forms.BooleanField(
        label=_(
            "J'accepte que La Fabrique des Soignants publie mon témoignage, éventuellement "
            "raccourci, sous mon pseudonyme."
        ),
        error_messages={"required": _("Cochez cette case pour que nous puissions publier.")},
    )
    consent_health_data = forms.BooleanField(
        label=_(
            "J'accepte que mon témoignage, qui peut contenir des données de santé, soit conservé "
            "et lu par l'équipe de modération."
        ),
        error_messages={
            "required": _("Cochez cette case : votre témoignage peut parler de santé.")
        },
    )
    # Honeypot: hidden from people (CSS, aria-hidden, no tab stop); robots fill it in.
    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_nonce = None
        if not self.is_bound:
            self.initial["started"] = sign_start_time()

    def full_clean(self):
        """Tie each field to its error message so screen readers announce it on focus."""
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            field = self.fields[name]
            ids = [f"id_{name}_error"] + ([f"id_{name}_helptext"] if field.help_text else [])
            field.widget.attrs["aria-describedby"] = " ".join(ids)

    def clean_department(self) -> str:
        """ "2a" is a valid answer: the case is normalised before the validator runs."""
        value = self.cleaned_data.get("department", "").upper()
        if value:
            department_validator(value)
        return value

    @property
    def is_honeypot_filled(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        """Refuse forms sent faster than a person can write; 0 seconds disables the check.

        A token older than its lifetime is refused with its own message: the person only
        has to send again, the text is kept and a fresh token is given.
        """
        cleaned = super().clean()
        started, self.start_nonce, problem = read_start_token(cleaned.get("started", ""))
        minimum = int(getattr(settings, "FABRIQUE_FORM_MIN_SECONDS", 0) or 0)
        if minimum <= 0:
            return cleaned
        if problem == "expired":
            self.refuse_start_token(
                _(
                    "Ce formulaire était ouvert depuis trop longtemps. Votre texte est conservé "
                    "ci-dessous : relisez-le puis envoyez-le à nouveau."
                ),
                code="expired",
            )
        elif started is None or time.time() - started < minimum:
            self.refuse_start_token(
                _(
                    "Le formulaire a été envoyé trop vite. Relisez votre témoignage puis "
                    "envoyez-le à nouveau."
                ),
                code="too_fast",
            )
        return cleaned

    def refuse_start_token(self, message, code: str) -> None:
        """Add the form-wide error and a fresh token, so the next attempt can succeed."""
        self.add_error(None, forms.ValidationError(message, code=code))
        self.start_nonce = None
        self.data = self.data.copy()
        self.data["started"] = sign_start_time()

    def fingerprint(self, client_key: str = "") -> str:
        """What makes two posts "the same sending", as a keyed hash (unique in the table).

        The start token's nonce (one per display of the form) and the browser's own key
        (its CSRF cookie) are part of it: only the browser that sent a story can produce
        its fingerprint again, so a duplicate tells nothing to anyone else. Without a
        token (the time trap turned off) a 30-minute time bucket stands in for the nonce.
        """
        data = self.cleaned_data
        moment = self.start_nonce or f"bucket-{int(time.time() // DUPLICATE_WINDOW_SECONDS)}"
        value = "\x1f".join([moment, client_key, data["title"], data["story"]])
        return salted_hmac("testimonies.fingerprint", value, algorithm="sha256").hexdigest()

    def visible_public_fields(self):
        """The fields drawn in order in the template (consents and traps apart)."""
        names = ["pseudonym", "role", "department", "title", "story", "email"]
        return [self[name] for name in names]
