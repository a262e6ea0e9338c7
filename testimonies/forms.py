"""The public "Témoigner" form: validation, honeypot and time trap, all server side."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import STORY_MAX_LENGTH, Role, department_validator

EMAIL_MAX_LENGTH = 254

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


def sign_start_time() -> str:
    return signing.dumps(int(time.time()), salt=TIMESTAMP_SALT)


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
        """Refuse forms sent faster than a person can write; 0 seconds disables the check."""
        cleaned = super().clean()
        minimum = int(getattr(settings, "FABRIQUE_FORM_MIN_SECONDS", 0) or 0)
        value = cleaned.get("started", "")
        if minimum <= 0:
            return cleaned
        try:
            started = signing.loads(value, salt=TIMESTAMP_SALT, max_age=60 * 60 * 24)
        except signing.BadSignature:
            started = None
        if started is None or time.time() - int(started) < minimum:
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "Le formulaire a été envoyé trop vite. Relisez votre témoignage puis "
                        "envoyez-le à nouveau."
                    ),
                    code="too_fast",
                ),
            )
            # A fresh timestamp: the next attempt only needs the person to wait a little.
            self.data = self.data.copy()
            self.data["started"] = sign_start_time()
        return cleaned

    def visible_public_fields(self):
        """The fields drawn in order in the template (consents and traps apart)."""
        names = ["pseudonym", "role", "department", "title", "story", "email"]
        return [self[name] for name in names]
